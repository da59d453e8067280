import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
// loaded for its @Entity: it registers sync_runs with the DataSource (entity-registry.ts)
import './sync-run.entity';
import type { SyncRunStatus } from './sync-run.entity';

/** A row of sync_runs as the runner reads it. */
export interface SyncRunRow {
  id: string;
  job: string;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  stats: string;
  error: string | null;
  lockKey: string | null;
  heartbeatAt: string | null;
  holder: string | null;
}

/** What holds a lock key when a start is refused. */
export interface LeaseHolder {
  id: string;
  job: string;
  holder: string | null;
}

/** Thrown by `acquire` when a live run holds the lock key. */
export class LeaseTaken extends Error {
  constructor(readonly holder: LeaseHolder | null) {
    super('lease taken');
  }
}

const COLUMNS = `id, job, status, started_at AS "startedAt", finished_at AS "finishedAt", stats, error, lock_key AS "lockKey", heartbeat_at AS "heartbeatAt", holder`;

/**
 * The `sync_runs` table: one row per job run, and while it runs the lease on its lock key (a
 * unique index over running rows; `heartbeat_at` renewed by the holder; `holder` the instance).
 *
 * A running row is dead when its heartbeat is older than the lease (its instance stopped beating)
 * or when its holder is the asking instance but the run is not one of its live runs (the instance
 * died and came back under the same INSTANCE_NAME). A dead row is closed as failed, with the
 * reason, before a new run takes the key.
 */
@Injectable()
export class SyncRunsStore {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sql: Sql,
  ) {}

  /**
   * Takes the lease of `lockKey` for a new run of `job` by `holder`, closing a dead holder first
   * (`isLive(runId)`: whether a run of this instance is alive). LeaseTaken when a live run holds it.
   * A null key takes no lease: the run is only recorded (its instance excludes it on its own).
   */
  async acquire(run: { id: string; job: string; lockKey: string | null; holder: string; now: string }, leaseMs: number, isLive: (runId: string) => boolean): Promise<SyncRunRow> {
    try {
      return await this.uow.unit(async (tx) => {
        const current = run.lockKey === null ? null : await tx.one<SyncRunRow>(`SELECT ${COLUMNS} FROM sync_runs WHERE lock_key = $1 AND status = 'running'`, [run.lockKey]);
        if (current) {
          const reason = deathOf(current, run.holder, leaseMs, Date.parse(run.now), isLive);
          if (!reason) throw new LeaseTaken({ id: current.id, job: current.job, holder: current.holder });
          await tx.run(`UPDATE sync_runs SET status = 'failed', finished_at = $2, error = $3 WHERE id = $1 AND status = 'running'`, [current.id, run.now, reason]);
        }
        const row: SyncRunRow = { id: run.id, job: run.job, status: 'running', startedAt: run.now, finishedAt: null, stats: '{}', error: null, lockKey: run.lockKey, heartbeatAt: run.now, holder: run.holder };
        await tx.run(
          `INSERT INTO sync_runs (id, job, status, started_at, finished_at, stats, error, lock_key, heartbeat_at, holder) VALUES ($1, $2, 'running', $3, NULL, '{}', NULL, $4, $3, $5)`,
          [row.id, row.job, row.startedAt, row.lockKey, row.holder],
        );
        return row;
      });
    } catch (error) {
      // two instances inserting for one key at once: the unique index over running rows refuses one
      if (isUniqueViolation(error)) throw new LeaseTaken(null);
      throw error;
    }
  }

  /** Renews a running run's heartbeat: false when the run is no longer running (its lease was taken). */
  async beat(runId: string, now: string): Promise<boolean> {
    const changed = await this.uow.unit((tx) => tx.run(`UPDATE sync_runs SET heartbeat_at = $2 WHERE id = $1 AND status = 'running'`, [runId, now]));
    return changed > 0;
  }

  /** Records the end of a run and drops the job's finished runs started before `retainFrom`. */
  async finish(run: { id: string; job: string }, outcome: { status: SyncRunStatus; stats: string; error: string | null; finishedAt: string }, retainFrom: string): Promise<void> {
    await this.uow.unit(async (tx) => {
      await tx.run(`UPDATE sync_runs SET status = $2, stats = $3, error = $4, finished_at = $5, heartbeat_at = $5 WHERE id = $1`, [
        run.id,
        outcome.status,
        outcome.stats,
        outcome.error,
        outcome.finishedAt,
      ]);
      await tx.run(`DELETE FROM sync_runs WHERE job = $1 AND status IN ('succeeded', 'failed') AND started_at < $2`, [run.job, retainFrom]);
    });
  }

  /**
   * Closes every run left running under `holder` but `except` the live ones (an instance restarted
   * under the same name): the runs closed.
   */
  async releaseHeldBy(holder: string, except: readonly string[], now: string): Promise<LeaseHolder[]> {
    return this.uow.unit(async (tx) => {
      const held = await tx.query<LeaseHolder & { heartbeatAt: string | null }>(
        `SELECT id, job, holder, heartbeat_at AS "heartbeatAt" FROM sync_runs WHERE holder = $1 AND status = 'running'`,
        [holder],
      );
      const dead = held.filter((run) => !except.includes(run.id));
      for (const run of dead) {
        await tx.run(`UPDATE sync_runs SET status = 'failed', finished_at = $2, error = $3 WHERE id = $1 AND status = 'running'`, [run.id, now, restartedReason(holder)]);
      }
      return dead.map(({ id, job }) => ({ id, job, holder }));
    });
  }

  /**
   * Closes running rows whose heartbeat is older than `staleBefore` (their instance died), `except`
   * the caller's own live runs (a late heartbeat of its own is not a death): how many.
   */
  async releaseStale(staleBefore: string, now: string, except: readonly string[] = []): Promise<number> {
    // a read first: the common answer is "none", and it needs no write (nor SQLite's writer lock)
    const stale = await this.sql.query<{ id: string; beat: string }>(`SELECT id, heartbeat_at AS beat FROM sync_runs WHERE status = 'running' AND heartbeat_at < $1`, [staleBefore]);
    const dead = stale.filter((run) => !except.includes(run.id));
    if (dead.length === 0) return 0;
    return this.uow.unit(async (tx) => {
      let closed = 0;
      for (const run of dead) {
        closed += await tx.run(`UPDATE sync_runs SET status = 'failed', finished_at = $2, error = $3 WHERE id = $1 AND status = 'running' AND heartbeat_at < $4`, [
          run.id,
          now,
          staleReason(run.beat),
          staleBefore,
        ]);
      }
      return closed;
    });
  }

  async find(runId: string): Promise<SyncRunRow | null> {
    return this.sql.one<SyncRunRow>(`SELECT ${COLUMNS} FROM sync_runs WHERE id = $1`, [runId]);
  }

  /** The latest run of `job` (by start), or null. */
  /** When the job's latest successful run ended (null: none within the retention). */
  async lastSucceededAt(job: string): Promise<string | null> {
    return (await this.sql.one<{ at: string | null }>(`SELECT max(finished_at) AS at FROM sync_runs WHERE job = $1 AND status = 'succeeded'`, [job]))?.at ?? null;
  }

  async latest(job: string): Promise<SyncRunRow | null> {
    return this.sql.one<SyncRunRow>(`SELECT ${COLUMNS} FROM sync_runs WHERE job = $1 ORDER BY started_at DESC LIMIT 1`, [job]);
  }
}

/** Why a running row is dead, or null while it is alive. */
function deathOf(run: SyncRunRow, asking: string, leaseMs: number, now: number, isLive: (runId: string) => boolean): string | null {
  if (run.holder === asking && !isLive(run.id)) return restartedReason(asking);
  const beat = run.heartbeatAt ?? run.startedAt;
  return now - Date.parse(beat) >= leaseMs ? staleReason(beat) : null;
}

const restartedReason = (holder: string) => `abandoned: ${holder} restarted while running it`;
const staleReason = (beat: string) => `abandoned: no heartbeat since ${beat} (the process running it stopped)`;
