import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DataSource, In, LessThan } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { nowIso } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { ApiCallMeter } from './api-call-meter';
import { isJobHandler, JobFailedError, type JobHandler, type JobProgress, type JobStats } from './job-handler';
import { SyncRun, type SyncRunStatus } from './sync-run.entity';

export interface SyncRunView {
  runId: string;
  job: string;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  stats: JobStats;
  error: string | null;
  /** while it runs in this process: how far it got (e.g. {done: 4000, total: 100000, label: 'Contact'}) */
  progress?: { done: number; total: number | null; label: string | null };
}

interface ActiveRun {
  runId: string;
  job: string;
  abort: AbortController;
  done: Promise<SyncRunView>;
  progress: SyncRunView['progress'];
}

/**
 * Runs jobs for the API, the schedules and the CLI alike.
 *
 * - Handlers are every provider of the application that implements JobHandler (found through
 *   Nest's DiscoveryService): a module adds a job by providing its handler, which names the job,
 *   its lock key and its schedule; there is no list of job names here.
 * - One run per lock key at a time, across processes: the run's row in sync_runs is the lease
 *   (a unique index over running rows; a heartbeat renews it; a row whose heartbeat is older than
 *   the lease was left by a dead process and is closed as failed).
 * - The run's stats and outcome are stored; a job that reports no `salesforceApiCalls` gets the
 *   calls the CRM gateway counted while it ran.
 */
@Injectable()
export class JobRunner implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobRunner');
  private readonly handlers = new Map<string, JobHandler>();
  private readonly active = new Map<string, ActiveRun>();
  leaseMs = 120_000;
  heartbeatMs = 15_000;
  shutdownGraceMs = 10_000;
  /** finished runs older than this are dropped (activity-flush alone records 8,640 runs a day) */
  retentionMs = 7 * 24 * 3600_000;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @Optional() private readonly meter?: ApiCallMeter,
  ) {}

  onModuleInit(): void {
    const found = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter(isJobHandler);
    for (const handler of found) {
      const existing = this.handlers.get(handler.name);
      if (existing && existing !== handler) throw new Error(`Two handlers for the job ${handler.name}`);
      this.handlers.set(handler.name, handler);
    }
  }

  /** The jobs of this service, by name (alphabetical, whatever the order of the modules). */
  registered(): string[] {
    return [...this.handlers.keys()].sort();
  }

  handler(job: string): JobHandler | undefined {
    return this.handlers.get(job);
  }

  isRunning(job: string): boolean {
    return [...this.active.values()].some((run) => run.job === job);
  }

  /** Starts a run in the background: its id once the lease is taken. 404 unknown job, 409 JOB_RUNNING. */
  async start(job: string, progress?: JobProgress): Promise<string> {
    return (await this.launch(job, progress)).runId;
  }

  /** Runs a job to its end in this process (the CLI): the stored run. */
  async runToCompletion(job: string, progress?: JobProgress): Promise<SyncRunView> {
    return (await this.launch(job, progress)).done;
  }

  async findRun(runId: string): Promise<SyncRunView> {
    const run = await this.dataSource.getRepository(SyncRun).findOneBy({ id: runId });
    if (!run) throw new DomainError('NOT_FOUND', `No sync run with id ${runId}.`);
    const live = run.status === 'running' ? [...this.active.values()].find((a) => a.runId === runId) : undefined;
    return live?.progress ? { ...view(run), progress: live.progress } : view(run);
  }

  /** The latest run of each registered job (null: never ran). */
  async lastRuns(): Promise<Record<string, SyncRunView | null>> {
    const repo = this.dataSource.getRepository(SyncRun);
    const jobs = this.registered();
    const runs = await Promise.all(jobs.map((job) => repo.findOne({ where: { job }, order: { startedAt: 'DESC' } })));
    return Object.fromEntries(jobs.map((job, i) => [job, runs[i] ? view(runs[i]!) : null]));
  }

  async beforeApplicationShutdown(): Promise<void> {
    const running = [...this.active.values()];
    if (running.length === 0) return;
    for (const run of running) run.abort.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(running.map((run) => run.done)),
      new Promise((resolve) => {
        timer = setTimeout(resolve, this.shutdownGraceMs);
      }),
    ]);
    clearTimeout(timer);
  }

  private async launch(job: string, outer?: JobProgress): Promise<ActiveRun> {
    const handler = this.handlers.get(job);
    if (!handler) {
      throw new DomainError('NOT_FOUND', `No sync job "${job}" in this service (known: ${this.registered().join(', ') || 'none'}).`);
    }
    const lockKey = handler.lockKey;
    const holder = this.active.get(lockKey);
    if (holder) throw jobRunning(handler.name, holder.job, holder.runId);
    const run = await this.acquire(handler.name, lockKey);
    const abort = new AbortController();
    const active: ActiveRun = { runId: run.id, job: handler.name, abort, done: Promise.resolve(view(run)), progress: undefined };
    this.active.set(lockKey, active);
    const progress: JobProgress = {
      update: (done, total, label) => {
        active.progress = { done, total, label: label ?? null };
        outer?.update(done, total, label);
      },
      signal: abort.signal,
    };
    active.done = this.execute(handler, run, progress).finally(() => this.active.delete(lockKey));
    return active;
  }

  private async execute(handler: JobHandler, run: SyncRun, progress: JobProgress): Promise<SyncRunView> {
    this.logger.debug({ msg: 'sync job started', job: run.job, runId: run.id });
    const started = Date.now();
    const callsBefore = this.meter?.callsMade();
    const heartbeat = setInterval(() => void this.beat(run.id), this.heartbeatMs);
    heartbeat.unref();
    let status: SyncRunStatus = 'succeeded';
    let stats: JobStats = {};
    let error: string | null = null;
    try {
      stats = { ...(await handler.run(progress)) };
    } catch (failure) {
      status = 'failed';
      error = failure instanceof Error ? failure.message : String(failure);
      if (failure instanceof JobFailedError) stats = { ...failure.stats };
    } finally {
      clearInterval(heartbeat);
    }
    if (stats.salesforceApiCalls === undefined && callsBefore !== undefined && this.meter) {
      stats.salesforceApiCalls = this.meter.callsMade() - callsBefore;
    }
    stats.durationMs = Date.now() - started;
    const finishedAt = nowIso();
    const finished = { status, stats: JSON.stringify(stats), error, finishedAt, heartbeatAt: finishedAt };
    try {
      const cutoff = new Date(Date.now() - this.retentionMs).toISOString();
      await this.uow.run(async (manager) => {
        const repo = manager.getRepository(SyncRun);
        await repo.update({ id: run.id }, finished);
        await repo.delete({ job: run.job, status: In(['succeeded', 'failed']), startedAt: LessThan(cutoff) });
      });
    } catch (writeError) {
      this.logger.error({ msg: 'could not record the end of a sync run', runId: run.id, reason: String(writeError) });
    }
    // a scheduled run that found nothing to do (every 10 s for the outbox) is a debug line
    const level = status !== 'succeeded' ? 'warn' : didNothing(stats) ? 'debug' : 'log';
    this.logger[level]({ msg: `sync job ${status}`, job: run.job, runId: run.id, stats, error });
    return view({ ...run, ...finished });
  }

  /** Takes the lease for a lock key: a fresh running row refuses, a stale one is closed as abandoned. */
  private async acquire(job: string, lockKey: string): Promise<SyncRun> {
    const now = nowIso();
    try {
      return await this.uow.run(async (manager) => {
        const repo = manager.getRepository(SyncRun);
        const holder = await repo.findOneBy({ lockKey, status: 'running' });
        if (holder) {
          const beat = holder.heartbeatAt ?? holder.startedAt;
          if (Date.now() - Date.parse(beat) < this.leaseMs) throw jobRunning(job, holder.job, holder.id);
          await repo.update(
            { id: holder.id },
            { status: 'failed', finishedAt: now, error: `abandoned: no heartbeat since ${beat} (the process running it stopped)` },
          );
        }
        const run: SyncRun = { id: randomUUID(), job, status: 'running', startedAt: now, finishedAt: null, stats: '{}', error: null, lockKey, heartbeatAt: now };
        await repo.insert(run);
        return run;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw jobRunning(job, null, null);
      throw error;
    }
  }

  private async beat(runId: string): Promise<void> {
    try {
      await this.uow.run((manager) => manager.getRepository(SyncRun).update({ id: runId, status: 'running' }, { heartbeatAt: nowIso() }));
    } catch (error) {
      this.logger.warn({ msg: 'sync run heartbeat failed', runId, reason: String(error) });
    }
  }
}

function jobRunning(job: string, holderJob: string | null, runId: string | null): DomainError {
  const by = holderJob && holderJob !== job ? ` (${holderJob} is running and holds the same lock)` : '';
  return new DomainError('JOB_RUNNING', `The ${job} job is already running${by}; try again when it has finished.`, {
    job,
    ...(holderJob ? { runningJob: holderJob } : {}),
    ...(runId ? { runId } : {}),
  });
}

function isUniqueViolation(error: unknown): boolean {
  const driver = (error as { driverError?: { code?: string } })?.driverError;
  const code = driver?.code ?? (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function view(run: SyncRun): SyncRunView {
  return {
    runId: run.id,
    job: run.job,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    stats: JSON.parse(run.stats || '{}') as JobStats,
    error: run.error,
  };
}

/** Every count of the run is 0 (its duration and the API calls spent looking aside). */
function didNothing(stats: JobStats): boolean {
  return Object.entries(stats).every(([name, value]) => name === 'durationMs' || name === 'salesforceApiCalls' || value === 0);
}
