import type { Database, Statement } from 'better-sqlite3';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { Sql, SqlEngine, SqlRow, SqlValue, toPositional } from './sql';
import { openSyncedFile } from './synced-file';

/**
 * The two drivers behind `Sql`, on the connections TypeORM opened (one pool, one SQLite handle, so
 * TypeORM's migrations and simple reads share them). The only file that imports better-sqlite3 or
 * pg, and the only one that reaches into TypeORM's driver for them.
 */
export interface SqlDriver {
  readonly engine: SqlEngine;
  /** statements outside any transaction: the pool on PostgreSQL, the one handle on SQLite */
  readonly root: Sql;
  /** a transaction begun on a connection of its own; end it with commit or rollback, then release it */
  begin(): Promise<SqlTransaction>;
}

export abstract class SqlSession extends Sql {
  /** one or more statements without parameters (transaction control, savepoints) */
  abstract exec(text: string): Promise<void>;
}

export interface SqlTransaction extends SqlSession {
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** gives the connection back, once the transaction ended (or failed to) */
  release(): void;
}

const drivers = new WeakMap<DataSource, SqlDriver>();

/** The driver of this data source (one per data source, so statement caches are shared). */
export function sqlDriver(dataSource: DataSource): SqlDriver {
  let driver = drivers.get(dataSource);
  if (!driver) {
    driver = dataSource.options.type === 'postgres' ? postgresDriver(dataSource) : sqliteDriver(dataSource);
    drivers.set(dataSource, driver);
  }
  return driver;
}

// ---- SQLite ------------------------------------------------------------------------------------

/** Prepared statements kept per text (FIFO beyond this: texts built for varying list lengths). */
const SQLITE_CACHE_SIZE = 1000;

interface Prepared {
  statement: Statement<unknown[]>;
  order: number[];
  reader: boolean;
}

class SqliteSql extends SqlSession {
  readonly engine = 'sqlite' as const;
  private readonly cache = new Map<string, Prepared>();

  constructor(private readonly handle: () => Database) {
    super();
  }

  async query<T extends object = SqlRow>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const p = this.prepared(text);
    const args = this.bind(p, params);
    if (p.reader) return p.statement.all(...args) as T[];
    p.statement.run(...args);
    return [];
  }

  async run(text: string, params: readonly SqlValue[] = []): Promise<number> {
    const p = this.prepared(text);
    const args = this.bind(p, params);
    if (p.reader) return p.statement.all(...args).length;
    return p.statement.run(...args).changes;
  }

  async exec(text: string): Promise<void> {
    this.handle().exec(text);
  }

  private bind(p: Prepared, params: readonly SqlValue[]): unknown[] {
    return p.order.map((i) => {
      const value = params[i];
      return typeof value === 'boolean' ? Number(value) : value;
    });
  }

  private prepared(text: string): Prepared {
    let p = this.cache.get(text);
    if (!p) {
      const positional = toPositional(text);
      const statement = this.handle().prepare<unknown[]>(positional.text);
      p = { statement, order: positional.order, reader: statement.reader };
      this.cache.set(text, p);
      if (this.cache.size > SQLITE_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    }
    return p;
  }
}

/** A SQLite transaction: it holds the one connection alone until released. */
class SqliteTransaction extends SqlSession implements SqlTransaction {
  readonly engine = 'sqlite' as const;

  constructor(
    private readonly on: SqlSession,
    private readonly free: () => void,
  ) {
    super();
  }
  query<T extends object = SqlRow>(text: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.on.query<T>(text, params);
  }
  run(text: string, params?: readonly SqlValue[]): Promise<number> {
    return this.on.run(text, params);
  }
  exec(text: string): Promise<void> {
    return this.on.exec(text);
  }
  commit(): Promise<void> {
    return this.on.exec('COMMIT');
  }
  rollback(): Promise<void> {
    return this.on.exec('ROLLBACK');
  }
  release(): void {
    this.free();
  }
}

function sqliteDriver(dataSource: DataSource): SqlDriver {
  // TypeORM's better-sqlite3 driver holds the one connection every query runner shares.
  const handle = () => (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
  const sql = new SqliteSql(handle);
  // One transaction at a time on the one connection, however many units of work share the data
  // source: each begins once the one before it was released.
  let connectionFree = Promise.resolve();
  const begin = async () => {
    const previous = connectionFree;
    let free!: () => void;
    connectionFree = new Promise<void>((resolve) => (free = resolve));
    await previous;
    try {
      // Before a transaction (none is open then) the WAL may be due to start over.
      const checkpointer = checkpointers.get(dataSource);
      if (checkpointer?.restartDue) await checkpointer.catchUp();
      // the write lock at once: a read-then-write transaction could otherwise find, at its first
      // write, that another process (the CLI) wrote since it read, and fail instead of waiting
      await sql.exec('BEGIN IMMEDIATE');
      return new SqliteTransaction(sql, free);
    } catch (error) {
      free();
      throw error;
    }
  };
  return { engine: 'sqlite', root: sql, begin };
}

// ---- PostgreSQL --------------------------------------------------------------------------------

/** Texts given a prepared-statement name (each connection prepares a name once, on first use). */
const PG_NAMED_STATEMENTS = 1000;

class StatementNames {
  private readonly names = new Map<string, string>();

  config(text: string, params: readonly SqlValue[]): QueryConfig<unknown[]> {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < PG_NAMED_STATEMENTS) {
      name = `scs_${this.names.size}`;
      this.names.set(text, name);
    }
    return { text, values: params as unknown[], ...(name ? { name } : {}) };
  }
}

class PostgresSql extends SqlSession {
  readonly engine = 'postgres' as const;

  constructor(
    private readonly target: Pick<Pool | PoolClient, 'query'>,
    private readonly names: StatementNames,
  ) {
    super();
  }

  async query<T extends object = SqlRow>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result = await this.target.query(this.names.config(text, params));
    return result.rows as T[];
  }

  async run(text: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.target.query(this.names.config(text, params));
    return result.rowCount ?? 0;
  }

  async exec(text: string): Promise<void> {
    await this.target.query(text);
  }
}

/**
 * A transaction on a pooled connection of its own; one that could not be rolled back is not given
 * back to the pool. Its BEGIN is not waited for: the connection pipelines (data-source.ts), so the
 * first statements go out right behind it, and each statement's answer waits for BEGIN's too (were
 * BEGIN refused, that statement ran outside the transaction, and its caller gets BEGIN's error).
 */
class PostgresTransaction extends SqlSession implements SqlTransaction {
  readonly engine = 'postgres' as const;
  private readonly statements: PostgresSql;
  private broken: Error | undefined;

  constructor(
    private readonly client: PoolClient,
    names: StatementNames,
    private readonly begun: Promise<unknown>,
  ) {
    super();
    this.statements = new PostgresSql(client, names);
  }
  query<T extends object = SqlRow>(text: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.send(() => this.statements.query<T>(text, params));
  }
  run(text: string, params?: readonly SqlValue[]): Promise<number> {
    return this.send(() => this.statements.run(text, params));
  }
  async exec(text: string): Promise<void> {
    await this.send(() => this.statements.exec(text));
  }
  async commit(): Promise<void> {
    await this.send(() => this.client.query('COMMIT'));
  }
  async rollback(): Promise<void> {
    try {
      await this.client.query('ROLLBACK');
    } catch (error) {
      this.broken = error as Error;
      throw error;
    }
  }
  release(): void {
    this.client.release(this.broken);
  }
  /**
   * Sends a statement in this burst's packet (holdWrites) and answers once BEGIN's answer came too
   * (the statement was sent without waiting for it).
   */
  private async send<T>(statement: () => Promise<T>): Promise<T> {
    holdWrites(this.client);
    return (await Promise.all([this.begun, statement()]))[1];
  }
}

/**
 * Holds a connection's outgoing bytes until the statements asked for in this burst (this callback
 * and the promise continuations it starts) are all written, so BEGIN and a unit's first statements
 * reach the server in one packet: on loopback each write costs a syscall and a wake-up of the
 * server's process, as much CPU as a simple statement.
 */
function holdWrites(client: PoolClient): void {
  const stream = client.connection.stream;
  // corked already means held by this burst: pg's own cork around a statement never outlasts the call
  if (stream.writableCorked > 0) return;
  stream.cork();
  // ticks queued now run once the microtasks started from here have all run
  process.nextTick(() => stream.uncork());
}

function postgresDriver(dataSource: DataSource): SqlDriver {
  const names = new StatementNames();
  // TypeORM's pool (sized by DATABASE_POOL_SIZE), created when the data source was initialised
  const pool = () => (dataSource.driver as unknown as { master: Pool }).master;
  const root = new PostgresSql({ query: ((config: QueryConfig) => pool().query(config)) as Pool['query'] }, names);
  const begin = async () => {
    const client = await pool().connect();
    holdWrites(client);
    const begun = client.query('BEGIN');
    // answered through the transaction's statements; this only keeps a refusal from going unhandled
    begun.catch(() => undefined);
    return new PostgresTransaction(client, names, begun);
  };
  return { engine: 'postgres', root, begin };
}

// ---- SQLite WAL checkpoints --------------------------------------------------------------------

/** How often the checkpointer copies the WAL back into the database file. */
const CHECKPOINT_EVERY_MS = 250;

/** How often the WAL is brought back to its start (see Checkpointer.restartDue). */
const WAL_RESTART_EVERY_MS = 1000;

/** The longest a transaction waits for the checkpointer to catch up; past it, it goes ahead. */
const CATCH_UP_TIMEOUT_MS = 1000;

/**
 * The checkpointer's body: its own connection to the file, a passive checkpoint on a timer (0 is
 * posted after each) and whenever asked (the id asked with is posted once it ran).
 *
 * SQLite syncs the database file only at the end of a checkpoint that copied the whole WAL back.
 * Under steady commits that is only the one the writer waits for before the WAL starts over, and
 * its sync then carries every page the timed checkpoints copied since the last start-over: at a
 * million messages thousands of pages all over the file, while every request waits. So after each
 * timed checkpoint that copied something the worker syncs the file itself (workerData.fd, a
 * descriptor the main thread owns), which leaves that wait only the last few pages to sync.
 */
const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads');
const { fdatasyncSync } = require('node:fs');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
const checkpoint = () => {
  try { return db.pragma('wal_checkpoint(PASSIVE)')[0]; } catch { return undefined; /* busy or closing: the next tick tries again */ }
};
let synced = 0;
const syncCopied = (result) => {
  if (!result || result.checkpointed <= 0 || result.checkpointed === synced) return;
  try { fdatasyncSync(workerData.fd); synced = result.checkpointed; } catch { /* closing: the start-over syncs anyway */ }
};
// the next one everyMs after this one ended, not on a fixed beat: at a million messages a
// checkpoint may outlast the beat, and a checkpoint asked for would then queue behind the next
const tick = () => {
  syncCopied(checkpoint());
  parentPort.postMessage(0);
  setTimeout(tick, workerData.everyMs);
};
setTimeout(tick, workerData.everyMs);
parentPort.on('message', (id) => {
  checkpoint();
  parentPort.postMessage(id);
});
`;

/**
 * SQLite starts its WAL over only when a checkpoint has copied every frame back and no transaction
 * is open. Under a steady stream of commits the checkpointer never catches up alone, and the WAL
 * grows by gigabytes while every commit slows. So about once a second, just after one of its
 * checkpoints (little is left to copy then), the next transaction waits for a checkpoint asked for
 * on purpose; the wait does not block the event loop (requests still arrive, and join that
 * transaction), and its commit starts the file over.
 */
class Checkpointer {
  /** set when the WAL should start over before the next transaction */
  restartDue = false;
  private lastRestart = Date.now();
  private readonly waiting = new Map<number, () => void>();
  private asked = 0;

  constructor(private readonly worker: import('node:worker_threads').Worker) {
    worker.on('message', (id: number) => {
      if (id === 0) {
        if (Date.now() - this.lastRestart >= WAL_RESTART_EVERY_MS) this.restartDue = true;
        return;
      }
      this.waiting.get(id)?.();
      this.waiting.delete(id);
    });
  }

  /** Resolves once the checkpointer ran a checkpoint asked for now (or gave no answer in time). */
  catchUp(): Promise<void> {
    this.restartDue = false;
    this.lastRestart = Date.now();
    return new Promise<void>((resolve) => {
      const id = ++this.asked;
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve();
      }, CATCH_UP_TIMEOUT_MS);
      this.waiting.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage(id);
    });
  }

  /** Answers every wait (the worker is gone). */
  release(): void {
    this.restartDue = false;
    for (const done of this.waiting.values()) done();
    this.waiting.clear();
  }
}

const checkpointers = new WeakMap<DataSource, Checkpointer>();

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits
 * checkpoints itself every 1,000 pages, writing and syncing the database file inside that COMMIT,
 * which stalls every request for milliseconds (far longer when the disk is busy, and at a million
 * messages a checkpoint writes pages all over the file). Instead a worker thread with its own
 * connection runs passive checkpoints (they never block the writer) and the service's connection
 * does none. Should the worker stop, the connection checkpoints itself again. `stop` ends the
 * worker (before the data source closes), `release` gives up the file's descriptor (after).
 */
export function checkpointInBackground(dataSource: DataSource, path: string): { stop: () => Promise<void>; release: () => void } {
  const handle = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
  const file = openSyncedFile(path);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the worker is plain JS: it needs the module's path
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { module: require.resolve('better-sqlite3'), path, fd: file.fd, everyMs: CHECKPOINT_EVERY_MS } });
  const checkpointer = new Checkpointer(worker);
  let stopping = false;
  const fallBack = () => {
    checkpointers.delete(dataSource);
    checkpointer.release();
    if (!stopping && handle.open) handle.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  worker.unref();
  handle.pragma('wal_autocheckpoint = 0');
  checkpointers.set(dataSource, checkpointer);
  return {
    stop: async () => {
      stopping = true;
      checkpointers.delete(dataSource);
      checkpointer.release();
      await worker.terminate();
    },
    release: file.release,
  };
}
