import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig, DEFAULT_DATABASE_POOL_SIZE } from '../config/app-config';
import { registeredEntities } from './entity-registry';
import { runMigrationsOnce } from './migration-lock';
import { checkpointInBackground } from './sql-drivers';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = { entities: registeredEntities(), migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (db.type === 'postgres') {
    // pipeline: a connection sends each statement as soon as it is asked for, without waiting for
    // the answer to the one before (sql-drivers.ts: a transaction's independent statements share
    // one round trip)
    return { ...common, type: 'postgres', url: db.url, extra: { max: db.poolSize ?? DEFAULT_DATABASE_POOL_SIZE, pipeline: true } };
  }
  if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    // WAL lets the CLI read while the service writes; a busy timeout rides out its brief locks.
    prepareDatabase: (sqlite: { pragma(statement: string): unknown }) => {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('synchronous = NORMAL');
      // 64 MB of pages (the default is 2 MB): the indexes of a large messages table stay in memory
      sqlite.pragma('cache_size = -65536');
      // reads of the database file through a read-only memory map (SQLite's ceiling, 2 GB), not a
      // read call per page missing from the cache: a thread page at a million messages reads ~100
      // pages scattered over the file (three bench runs each way: its p50 1.0–2.0× the empty
      // database's with the map, 1.6–2.2× without). Writes still go through the WAL and checkpoints.
      sqlite.pragma('mmap_size = 2147418112');
      // Statement journals in memory. A multi-row INSERT into a table with unique indexes keeps one
      // (to undo just that statement if a row is refused); past 64 KB SQLite spills it to a fresh
      // temporary file, created and deleted per statement, and a batch of eleven replies touches
      // ~50 pages. In memory, inserting a reply cost half the CPU (20 against 42 µs a row); the
      // service's CPU per inbound webhook fell ~12% (0.42–0.49 against 0.50–0.57 ms, A/B runs).
      // Hot paths touch bounded rows, so what the journal holds stays small.
      sqlite.pragma('temp_store = MEMORY');
      // a WAL that grew under a burst is cut back to 64 MB when it starts over
      sqlite.pragma('journal_size_limit = 67108864');
    },
  };
}

/**
 * Opens the database and brings its schema up to date through the migrations (once, however many
 * instances boot together on it: see migration-lock.ts).
 */
export async function openDatabase(db: DatabaseConfig): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(db));
  await dataSource.initialize();
  await runMigrationsOnce(dataSource);
  if (db.type === 'sqlite' && db.path !== ':memory:') {
    // checkpoints in a worker thread, not inside the commits (sql-drivers.ts)
    const checkpoints = checkpointInBackground(dataSource, db.path);
    const destroy = dataSource.destroy.bind(dataSource);
    dataSource.destroy = async () => {
      await checkpoints.stop();
      try {
        await destroy();
      } finally {
        checkpoints.release();
      }
    };
  }
  return dataSource;
}
