import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** PostgreSQL of this machine (started before every session and CI run): trust auth, database `test`. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether the PostgreSQL suites run in this jest run: decided once by postgres-global-setup.js
 * (required with CI or TEST_POSTGRES_URL; otherwise skipped, with one line saying so, when no
 * PostgreSQL answers).
 */
export const POSTGRES_SUITES_RUN = process.env.TEST_POSTGRES !== 'skip';

/** The PostgreSQL row of a `describe.each` table of backends, or none when its suites are skipped. */
export function onPostgres<T>(name: string, make: T): [string, T][] {
  return POSTGRES_SUITES_RUN ? [[name, make]] : [];
}

/** `describe` for a suite that needs PostgreSQL (`describe.skip` when its suites are skipped). */
export const describeOnPostgres = POSTGRES_SUITES_RUN ? describe : describe.skip;

/** Scratch databases' names start with this (TEST_SCRATCH_PREFIX), so a run's leftovers can be told apart. */
const SCRATCH_PREFIX = process.env.TEST_SCRATCH_PREFIX || 'scs_test';
if (!/^[a-z][a-z0-9_]{0,40}$/.test(SCRATCH_PREFIX)) throw new Error(`TEST_SCRATCH_PREFIX must be lower-case letters, digits and _, not ${SCRATCH_PREFIX}`);

/** A fresh, empty database for one test file or app; `drop()` removes it. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${SCRATCH_PREFIX}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
