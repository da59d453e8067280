import { InitialSchema1764400000000 } from './1764400000000-initial-schema';

/** Every migration, in order. Listed explicitly so tests, the CLI and dist/ load the same set. */
export const MIGRATIONS = [InitialSchema1764400000000];
