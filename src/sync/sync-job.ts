import type { SyncJob } from './sync-run.entity';

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
 * One sync job (mirror, full-resync, activity-flush, reconcile). The runner records the run,
 * refuses a second concurrent run of the same job (409 JOB_RUNNING) and stores the stats.
 */
export interface SyncJobHandler {
  readonly job: SyncJob;
  run(progress: JobProgress): Promise<JobStats>;
}

/** DI token for the list of handlers the runner knows. */
export const SYNC_JOB_HANDLERS = Symbol('SYNC_JOB_HANDLERS');
