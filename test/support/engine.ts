import { createScratchDatabase } from './postgres';

/**
 * The engine of every app whose test does not pick one: SQLite by default, or with
 * TEST_ENGINE=postgres (`npm run test:postgres`) a scratch PostgreSQL database per app, dropped
 * when the app closes. Suites that pick their engines themselves (a `describe.each` over SQLite and
 * PostgreSQL, or PostgreSQL only) keep what they pick; jest.config.js leaves them out of
 * test:postgres.
 */
export type TestEngine = 'sqlite' | 'postgres';

export const TEST_ENGINE: TestEngine = engineFrom(process.env.TEST_ENGINE);

function engineFrom(value: string | undefined): TestEngine {
  if (value === undefined || value === '' || value === 'sqlite') return 'sqlite';
  if (value === 'postgres') return 'postgres';
  throw new Error(`TEST_ENGINE must be sqlite or postgres, not ${value}`);
}

/**
 * A database of the default engine for one app (or several processes sharing it); `drop()`
 * removes it. On SQLite it is in memory, or the file `sqliteFile` when other processes or
 * connections must see it too.
 */
export async function defaultTestDatabase(sqliteFile?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (TEST_ENGINE === 'postgres') return createScratchDatabase();
  return { url: sqliteFile ? `sqlite:${sqliteFile}` : 'sqlite::memory:', drop: async () => undefined };
}
