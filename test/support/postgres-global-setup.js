// Jest globalSetup: decides once per run whether the PostgreSQL suites run (see test/support/postgres.ts).
// - CI set (and not "false"/"0"), TEST_POSTGRES_URL given or TEST_ENGINE=postgres (npm run
//   test:postgres): they are required; they run, and fail if PostgreSQL cannot be reached.
// - otherwise: they run when the default PostgreSQL (127.0.0.1:5432, database `test`) answers, and
//   are skipped with one line saying how to run them when it does not.
// The decision reaches the test workers through TEST_POSTGRES (run | skip).
const { Client } = require('pg');

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

function ciSet() {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

async function reachable(url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

module.exports = async function postgresGlobalSetup() {
  const given = process.env.TEST_POSTGRES_URL;
  const url = given || DEFAULT_URL;
  const engine = process.env.TEST_ENGINE === 'postgres';
  const required = ciSet() || Boolean(given) || engine;
  const up = await reachable(url);
  if (required) {
    process.env.TEST_POSTGRES = 'run';
    const why = given ? 'TEST_POSTGRES_URL given' : engine ? 'TEST_ENGINE=postgres' : 'CI set';
    if (!up) process.stderr.write(`\nPostgreSQL suites required (${why}) but nothing answers at ${redacted(url)}: they will fail.\n`);
    return;
  }
  process.env.TEST_POSTGRES = up ? 'run' : 'skip';
  if (!up) {
    process.stderr.write(
      `\nPostgreSQL suites skipped: nothing answers at ${redacted(url)}. Run them with TEST_POSTGRES_URL=postgres://user:pass@host:5432/db npm test (required, not skipped, when CI is set).\n`,
    );
  }
};

function redacted(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
