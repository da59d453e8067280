import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit, Optional } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/domain-error';
import { ShutdownSignal } from '../common/shutdown-signal';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { nowIso } from '../database/columns';
import { ApiCallMeter } from './api-call-meter';
import { isJobHandler, JobFailedError, type JobHandler, type JobProgress, type JobStats } from './job-handler';
import type { SyncRunStatus } from './sync-run.entity';
import { LeaseTaken, SyncRunsStore, type LeaseHolder, type SyncRunRow } from './sync-runs.store';

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
 * - One run per lock key at a time, across instances (a handler of `instance` scope: in each
 *   instance, its runs sharing the work): the run's row in sync_runs is the lease
 *   (SyncRunsStore), held under this instance's INSTANCE_NAME and renewed by a heartbeat every
 *   `heartbeatMs`. An instance that dies is relieved within seconds: restarted under the same name
 *   it closes its own dead runs at boot; any other instance closes a run whose heartbeat is older
 *   than `leaseMs` when it wants the key (or reads the run). A run whose lease was taken from it
 *   (its heartbeat found the row closed) is told to stop.
 * - The run's stats and outcome are stored; a job that reports no `salesforceApiCalls` gets the
 *   calls the CRM gateway counted while it ran.
 */
@Injectable()
export class JobRunner implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobRunner');
  private readonly handlers = new Map<string, JobHandler>();
  private readonly active = new Map<string, ActiveRun>();
  private readonly starting = new Set<string>();
  /** a running row whose heartbeat is older than this was left by a dead instance */
  leaseMs = 15_000;
  heartbeatMs = 5_000;
  shutdownGraceMs = 10_000;
  /** finished runs older than this are dropped (activity-flush alone records 8,640 runs a day) */
  retentionMs = 7 * 24 * 3600_000;
  /** the INSTANCE_NAME runs are held under */
  readonly instanceName: string;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly runs: SyncRunsStore,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'instanceName'>,
    @Optional() private readonly meter?: ApiCallMeter,
    @Optional() private readonly shutdown?: ShutdownSignal,
  ) {
    this.instanceName = config.instanceName;
    // draining (SIGTERM): running jobs stop after the batch in hand, so their leases close early
    shutdown?.onDrain(() => {
      for (const run of this.active.values()) run.abort.abort();
    });
  }

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

  /**
   * At boot: runs still `running` under this instance's name were left by its previous life (a
   * kill -9, a crash): closed at once, so the job can run again and its status is true.
   */
  async onApplicationBootstrap(): Promise<void> {
    const closed = await this.releaseOwnDeadRuns();
    for (const run of closed) {
      this.logger.warn({ msg: 'sync run left running by this instance before it restarted: closed as failed', job: run.job, runId: run.id, instance: this.instanceName });
    }
  }

  /** Closes the runs held under this instance's name that are not alive in this process. */
  releaseOwnDeadRuns(): Promise<LeaseHolder[]> {
    return this.runs.releaseHeldBy(this.instanceName, this.liveRunIds(), nowIso());
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
    await this.releaseStale();
    const run = await this.runs.find(runId);
    if (!run) throw new DomainError('NOT_FOUND', `No sync run with id ${runId}.`);
    const live = run.status === 'running' ? [...this.active.values()].find((a) => a.runId === runId) : undefined;
    return live?.progress ? { ...view(run), progress: live.progress } : view(run);
  }

  /** The latest run of each registered job (null: never ran). */
  async lastRuns(): Promise<Record<string, SyncRunView | null>> {
    await this.releaseStale();
    const jobs = this.registered();
    const runs = await Promise.all(jobs.map((job) => this.runs.latest(job)));
    return Object.fromEntries(jobs.map((job, i) => [job, runs[i] ? view(runs[i]!) : null]));
  }

  /** Seconds since the job's latest successful run ended, on any instance (-1: none recorded). */
  async lastSuccessAgeSeconds(job: string, now = Date.now()): Promise<number> {
    const at = await this.runs.lastSucceededAt(job);
    return at === null ? -1 : Math.max(0, Math.round((now - Date.parse(at)) / 1000));
  }

  /** A run reported `running` is alive: runs whose instance stopped beating are closed before a read. */
  private async releaseStale(): Promise<void> {
    const now = Date.now();
    await this.runs.releaseStale(new Date(now - this.leaseMs).toISOString(), new Date(now).toISOString(), this.liveRunIds());
  }

  private liveRunIds(): string[] {
    return [...this.active.values()].map((run) => run.runId);
  }

  /**
   * Asks running jobs to stop (they finish the batch in hand and record their end) and waits for
   * them up to `shutdownGraceMs`; a run still going then is closed in the database anyway, so
   * another instance takes the job at once instead of after the lease.
   */
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
    if (this.active.size === 0) return;
    const closed = await this.runs.releaseHeldBy(this.instanceName, [], nowIso()).catch(() => []);
    if (closed.length > 0) this.logger.warn({ msg: 'sync runs still going at shutdown: closed so another instance takes over', runs: closed.map((run) => run.id), instance: this.instanceName });
  }

  private async launch(job: string, outer?: JobProgress): Promise<ActiveRun> {
    if (this.shutdown?.draining) throw new DomainError('SHUTTING_DOWN', `This instance is shutting down; start the ${job} job on another instance.`, { job });
    const handler = this.handlers.get(job);
    if (!handler) {
      throw new DomainError('NOT_FOUND', `No sync job "${job}" in this service (known: ${this.registered().join(', ') || 'none'}).`);
    }
    const lockKey = handler.lockKey;
    const holder = this.active.get(lockKey);
    if (holder) throw jobRunning(handler.name, holder.job, holder.runId);
    // reserved in this process while the lease is taken, so that two starts in one tick do not
    // both ask the database (where the second would find the first's row held under our own name)
    if (this.starting.has(lockKey)) throw jobRunning(handler.name, null, null);
    this.starting.add(lockKey);
    let run: SyncRunRow;
    try {
      run = await this.acquire(handler.name, handler.scope === 'instance' ? null : lockKey);
    } finally {
      this.starting.delete(lockKey);
    }
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
    active.done = this.execute(handler, run, progress, abort).finally(() => this.active.delete(lockKey));
    return active;
  }

  private async execute(handler: JobHandler, run: SyncRunRow, progress: JobProgress, abort: AbortController): Promise<SyncRunView> {
    this.logger.debug({ msg: 'sync job started', job: run.job, runId: run.id, instance: this.instanceName });
    const started = Date.now();
    const callsBefore = this.meter?.callsMade();
    const heartbeat = setInterval(() => void this.beat(run, abort), this.heartbeatMs);
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
      await this.runs.finish(run, finished, new Date(Date.now() - this.retentionMs).toISOString());
    } catch (writeError) {
      this.logger.error({ msg: 'could not record the end of a sync run', runId: run.id, reason: String(writeError) });
    }
    // a scheduled run that found nothing to do (every 10 s for the outbox) is a debug line
    const level = status !== 'succeeded' ? 'warn' : didNothing(stats) ? 'debug' : 'log';
    this.logger[level]({ msg: `sync job ${status}`, job: run.job, runId: run.id, stats, error });
    return view({ ...run, ...finished });
  }

  /**
   * Takes the lease for a lock key: a live holder refuses (409 JOB_RUNNING), a dead one is closed.
   * No key (a job of `instance` scope): the run is recorded, excluded in this process only.
   */
  private async acquire(job: string, lockKey: string | null): Promise<SyncRunRow> {
    const live = new Set(this.liveRunIds());
    try {
      return await this.runs.acquire({ id: randomUUID(), job, lockKey, holder: this.instanceName, now: nowIso() }, this.leaseMs, (runId) => live.has(runId));
    } catch (error) {
      if (error instanceof LeaseTaken) throw jobRunning(job, error.holder?.job ?? null, error.holder?.id ?? null);
      throw error;
    }
  }

  /** Renews the lease; a run whose row was closed by another instance (its lease taken) is told to stop. */
  private async beat(run: SyncRunRow, abort: AbortController): Promise<void> {
    try {
      if (await this.runs.beat(run.id, nowIso())) return;
      this.logger.warn({
        msg: 'sync run lost its lease (closed by another instance: heartbeats late, or a second instance under the same INSTANCE_NAME): stopping it',
        job: run.job,
        runId: run.id,
        instance: this.instanceName,
      });
      abort.abort();
    } catch (error) {
      this.logger.warn({ msg: 'sync run heartbeat failed', runId: run.id, reason: String(error) });
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

function view(run: SyncRunRow): SyncRunView {
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
