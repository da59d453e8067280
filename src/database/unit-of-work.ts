import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql, SqlEngine, SqlRow, SqlValue } from './sql';
import { sqlDriver, SqlDriver, SqlSession, SqlTransaction } from './sql-drivers';
import { isTransientConflict } from './transient-conflict';

/** A unit of work's connection: plain SQL through the executor, in one transaction. */
export class Tx extends Sql {
  constructor(private readonly session: SqlSession) {
    super();
  }
  get engine(): SqlEngine {
    return this.session.engine;
  }
  query<T extends object = SqlRow>(text: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.session.query<T>(text, params);
  }
  run(text: string, params?: readonly SqlValue[]): Promise<number> {
    return this.session.run(text, params);
  }
}

interface Pending {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** transactions this unit was rolled back in because of another one (isTransientConflict) */
  conflicts: number;
}

/**
 * Transactions a unit is tried in while PostgreSQL keeps giving up on it because of another writer
 * (a deadlock's victim, a serialization failure): once the other committed, a new transaction
 * meets its rows instead.
 */
const CONFLICT_ATTEMPTS = 3;

/**
 * Units per transaction. PostgreSQL slows every snapshot once a transaction holds more than 64
 * subtransactions (one savepoint per unit), so its batches stay below that.
 */
const MAX_BATCH: Record<SqlEngine, number> = { sqlite: 500, postgres: 60 };

/**
 * Transactions open at once. SQLite has one connection (one at a time is required). On PostgreSQL a
 * batch spends most of its time waiting on round trips and the commit's WAL flush, so a few run
 * side by side on their own pooled connections (the rest of the pool stays free for reads).
 */
function transactionsAtOnce(dataSource: DataSource): number {
  if (dataSource.options.type !== 'postgres') return 1;
  const poolSize = Number((dataSource.options.extra as { max?: number } | undefined)?.max ?? 10);
  return Math.max(1, Math.min(3, Math.floor(poolSize / 3)));
}

/**
 * The one way to write: `unit(async tx => …)` runs `work` atomically, on both engines the same way.
 *
 * Group commit: the units asked for while a transaction is running (or in the same turn of the
 * event loop) run together in the next one, one after another. A unit that throws is rolled back
 * and rejected alone while the others commit: the batch runs without savepoints first (no round
 * trips spent on them), and only when a unit throws do the others run again, each in a savepoint.
 * Every promise settles only after its transaction committed (or rolled back). On SQLite one
 * transaction runs at a time (one connection writes); on PostgreSQL up to three,
 * each turning a burst of concurrent requests into one BEGIN … COMMIT on one pooled connection
 * (units must be safe under concurrent transactions there anyway: other instances write too).
 *
 * A unit PostgreSQL rolled back because of another writer (a deadlock, a serialization failure)
 * runs again in a later transaction, so callers see such a conflict only when it keeps recurring.
 *
 * Never await network I/O inside a unit (it holds every other writer), never write outside one,
 * never start a unit from inside another (it would wait for a transaction that waits for it).
 */
@Injectable()
export class UnitOfWork {
  private readonly driver: SqlDriver;
  private readonly atOnce: number;
  private queue: Pending[] = [];
  private scheduled = false;
  private open = 0;

  constructor(private readonly dataSource: DataSource) {
    this.driver = sqlDriver(dataSource);
    this.atOnce = transactionsAtOnce(dataSource);
  }

  /** Statements outside any transaction (reads that need not see a unit's writes before it commits). */
  get sql(): Sql {
    return this.driver.root;
  }

  unit<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject, conflicts: 0 });
      if (this.open < this.atOnce) this.schedule();
    });
  }

  /**
   * The next batches start in the event loop's next turn, never straight from a promise: the
   * requests whose bytes are already in (the same poll phase) join them, and on SQLite, whose
   * driver answers synchronously, a writer that loops over units would otherwise chain every
   * transaction in microtasks and starve the event loop (no request, timer or message served).
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.startBatches());
  }

  /** Opens transactions for the waiting units while fewer than `atOnce` are open. */
  private startBatches(): void {
    this.scheduled = false;
    while (this.queue.length > 0 && this.open < this.atOnce) {
      const batch = this.queue.splice(0, MAX_BATCH[this.driver.engine]);
      this.open++;
      void this.runBatch(batch).finally(() => {
        this.open--;
        // the units that arrived meanwhile form the next batch
        if (this.queue.length > 0) this.schedule();
      });
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    const rest = await this.commit(batch, false);
    // a unit threw: it was answered, and the units of its batch run again, each in a savepoint
    if (rest.length > 0) await this.commit(rest, true);
  }

  /**
   * One transaction for the batch. Without savepoints (the usual case: a round trip less per unit
   * on PostgreSQL), the first unit that throws rolls the whole transaction back: it is rejected if
   * it ran first, and the units that had not been answered are returned, to run again with a
   * savepoint each.
   * With savepoints, a unit that throws is rolled back and rejected alone while the others commit.
   */
  private async commit(batch: Pending[], savepoints: boolean): Promise<Pending[]> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    let session: SqlTransaction | null = null;
    let retry: Pending[] = [];
    try {
      session = await this.driver.begin();
      const tx = new Tx(session);
      // a unit alone needs no savepoint: when it throws, the transaction is rolled back
      const useSavepoints = savepoints && batch.length > 1;
      for (let i = 0; i < batch.length; i++) {
        if (useSavepoints) await session.exec(i === 0 ? 'SAVEPOINT unit' : 'RELEASE SAVEPOINT unit; SAVEPOINT unit');
        try {
          outcomes.push({ ok: true, value: await batch[i].work(tx) });
        } catch (error) {
          outcomes.push({ ok: false, error });
          if (useSavepoints) await session.exec('ROLLBACK TO SAVEPOINT unit');
          else if (batch.length > 1) {
            // nothing of this transaction is kept. The first unit failed on its own: it is answered
            // and the others run again. A later one may have failed on a row of a unit before it
            // (a unique key it took, rolled back now): it runs again too, and is answered only once
            // that row is committed (a retry with the same idempotency key then finds it)
            retry = i === 0 ? batch.slice(1) : batch;
            batch = i === 0 ? [batch[0]] : [];
            outcomes.splice(0, outcomes.length - (i === 0 ? 1 : 0));
            break;
          }
        }
      }
      if (outcomes.every((o) => !o.ok)) await session.rollback();
      else await session.commit();
    } catch (error) {
      // the transaction itself failed (BEGIN, a savepoint, COMMIT): nothing of the batch was kept
      if (session) {
        await session.rollback().catch(() => undefined);
        session.release();
      }
      for (const unit of [...batch, ...retry]) this.fail(unit, error);
      return [];
    }
    session.release();
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.value) : this.fail(batch[i], outcome.error)));
    return retry;
  }

  /**
   * A unit rolled back because of another writer runs again in a later transaction (queued: it
   * starts once this batch ends) and is answered with the conflict at the CONFLICT_ATTEMPTS-th;
   * any other failure is its answer.
   */
  private fail(unit: Pending, error: unknown): void {
    if (isTransientConflict(error) && unit.conflicts + 1 < CONFLICT_ATTEMPTS) {
      unit.conflicts++;
      this.queue.push(unit);
    } else {
      unit.reject(error);
    }
  }
}
