import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The one way to write several rows atomically.
 *
 * TypeORM 1.x runs every transaction on SQLite over one shared better-sqlite3 connection, so two
 * transactions that overlap in time interleave: rows of a rolled-back one survive (STACK.md,
 * "A correctness trap"). On SQLite we therefore run transactions one after another through a
 * promise chain; PostgreSQL gives each its own pooled connection and needs no such queue.
 * Never await network I/O inside `run`: it would hold every other writer. Never write outside it
 * either: on SQLite such a write would share the connection with whatever unit is running.
 *
 * Hot paths on SQLite may use `runNative` instead: a short synchronous body of prepared
 * statements on that same connection, as one better-sqlite3 transaction, queued like the others
 * (about half the cost of a TypeORM transaction; see bench/send.ts), or `runNativeGrouped`, which
 * lets the units arriving in one turn of the event loop share a transaction (group commit).
 */
@Injectable()
export class UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();
  /** units queued or running; 0 means the connection is outside any transaction */
  private inFlight = 0;
  private readonly serialise: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'better-sqlite3';
  }

  /** The better-sqlite3 handle TypeORM runs on; null on PostgreSQL. For prepared statements. */
  get sqlite(): Database | null {
    if (!this.serialise) return null;
    return (this.dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.dataSource.transaction(work);
    return this.enqueue(() => this.dataSource.transaction(work));
  }

  /**
   * SQLite only: `work` runs synchronously inside `BEGIN … COMMIT` on the shared connection (rolled
   * back when it throws), after every unit queued before it. With nothing queued it runs at once.
   */
  runNative<T>(work: (db: Database) => T): Promise<T> {
    const db = this.sqlite;
    if (!db) return Promise.reject(new Error('runNative needs SQLite; use run() on PostgreSQL'));
    if (this.inFlight === 0) {
      try {
        return Promise.resolve(db.transaction(work)(db));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.enqueue(async () => db.transaction(work)(db));
  }

  /**
   * SQLite only, like `runNative`, but every unit asked for in the same turn of the event loop runs
   * in one transaction (group commit: one COMMIT for a burst of concurrent requests). Each unit runs
   * in its own savepoint, so one that throws is rolled back and rejected alone; the others commit
   * together, and each promise settles only after that commit.
   */
  runNativeGrouped<T>(work: (db: Database) => T): Promise<T> {
    if (!this.serialise) return Promise.reject(new Error('runNativeGrouped needs SQLite; use run() on PostgreSQL'));
    return new Promise<T>((resolve, reject) => {
      if (!this.group) {
        this.group = [];
        setImmediate(() => this.commitGroup());
      }
      this.group.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private group: { work: (db: Database) => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] | null = null;

  private commitGroup(): void {
    const group = this.group ?? [];
    this.group = null;
    this.runNative((db) =>
      group.map((unit) => {
        try {
          return { ok: true as const, value: db.transaction(unit.work)(db) };
        } catch (error) {
          return { ok: false as const, error };
        }
      }),
    ).then(
      (outcomes) => outcomes.forEach((outcome, i) => (outcome.ok ? group[i].resolve(outcome.value) : group[i].reject(outcome.error))),
      (error: unknown) => group.forEach((unit) => unit.reject(error)),
    );
  }

  private enqueue<T>(unit: () => Promise<T>): Promise<T> {
    this.inFlight++;
    const result = this.tail.then(unit).finally(() => this.inFlight--);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
