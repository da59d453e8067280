/** Counters a job reports; `salesforceApiCalls` is always among them (CONTRACT §2 run stats). */
export type JobStats = Record<string, number> & { salesforceApiCalls?: number };

/** Lets a job report progress (the CLI draws a bar on a terminal) without knowing who listens. */
export interface JobProgress {
  /** total may be unknown (null) until the first page tells it */
  update(done: number, total: number | null, label?: string): void;
  /** aborted when the process shuts down: stop between units of work */
  readonly signal?: AbortSignal;
}

/**
 * Thrown by a job that fails after doing part of its work: the runner records these stats with
 * the failure (any other error is recorded with the stats reported so far).
 */
export class JobFailedError extends Error {
  constructor(
    message: string,
    readonly stats: JobStats,
  ) {
    super(message);
    this.name = 'JobFailedError';
  }
}

/**
 * One job (mirror, full-resync, activity-flush, reconcile, keyword-replies, …), provided by the
 * context that owns the work. The runner finds every provider of this shape (JobRunner), records
 * each run in sync_runs, refuses a second concurrent run under the same lock key (409 JOB_RUNNING)
 * and stores the stats; the scheduler starts it on its `schedule`.
 */
export interface JobHandler {
  /** the job's name in the API (`POST /api/admin/sync/{name}`), the CLI and sync_runs.job (≤ 20 characters) */
  readonly name: string;
  /** runs sharing a lock key exclude each other (mirror and full-resync both write the mirror) (≤ 20 characters) */
  readonly lockKey: string;
  /**
   * `cluster` (the default): one run at a time across every instance sharing the database (the
   * lease in sync_runs). `instance`: one run at a time in each instance, runs on several instances
   * sharing the work among themselves (the activity flush claims its outbox entries).
   */
  readonly scope?: 'cluster' | 'instance';
  /** the cron expression (UTC, with seconds) from the job's setting, e.g. MIRROR_CRON; null: not scheduled */
  readonly schedule: string | null;
  /** when scheduled, also run once right after start */
  readonly runsAtStart?: boolean;
  run(progress: JobProgress): Promise<JobStats>;
}

export function isJobHandler(value: unknown): value is JobHandler {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<JobHandler>;
  return (
    typeof candidate.run === 'function' &&
    typeof candidate.name === 'string' &&
    typeof candidate.lockKey === 'string' &&
    (typeof candidate.schedule === 'string' || candidate.schedule === null)
  );
}
