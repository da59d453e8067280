"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobRunner = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const node_crypto_1 = require("node:crypto");
const typeorm_1 = require("typeorm");
const domain_error_1 = require("../common/domain-error");
const columns_1 = require("../database/columns");
const unit_of_work_1 = require("../database/unit-of-work");
const api_call_meter_1 = require("./api-call-meter");
const job_handler_1 = require("./job-handler");
const sync_run_entity_1 = require("./sync-run.entity");
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
let JobRunner = class JobRunner {
    discovery;
    dataSource;
    uow;
    meter;
    logger = new common_1.Logger('JobRunner');
    handlers = new Map();
    active = new Map();
    leaseMs = 120_000;
    heartbeatMs = 15_000;
    shutdownGraceMs = 10_000;
    /** finished runs older than this are dropped (activity-flush alone records 8,640 runs a day) */
    retentionMs = 7 * 24 * 3600_000;
    constructor(discovery, dataSource, uow, meter) {
        this.discovery = discovery;
        this.dataSource = dataSource;
        this.uow = uow;
        this.meter = meter;
    }
    onModuleInit() {
        const found = this.discovery
            .getProviders()
            .map((wrapper) => wrapper.instance)
            .filter(job_handler_1.isJobHandler);
        for (const handler of found) {
            const existing = this.handlers.get(handler.name);
            if (existing && existing !== handler)
                throw new Error(`Two handlers for the job ${handler.name}`);
            this.handlers.set(handler.name, handler);
        }
    }
    /** The jobs of this service, by name (alphabetical, whatever the order of the modules). */
    registered() {
        return [...this.handlers.keys()].sort();
    }
    handler(job) {
        return this.handlers.get(job);
    }
    isRunning(job) {
        return [...this.active.values()].some((run) => run.job === job);
    }
    /** Starts a run in the background: its id once the lease is taken. 404 unknown job, 409 JOB_RUNNING. */
    async start(job, progress) {
        return (await this.launch(job, progress)).runId;
    }
    /** Runs a job to its end in this process (the CLI): the stored run. */
    async runToCompletion(job, progress) {
        return (await this.launch(job, progress)).done;
    }
    async findRun(runId) {
        const run = await this.dataSource.getRepository(sync_run_entity_1.SyncRun).findOneBy({ id: runId });
        if (!run)
            throw new domain_error_1.DomainError('NOT_FOUND', `No sync run with id ${runId}.`);
        const live = run.status === 'running' ? [...this.active.values()].find((a) => a.runId === runId) : undefined;
        return live?.progress ? { ...view(run), progress: live.progress } : view(run);
    }
    /** The latest run of each registered job (null: never ran). */
    async lastRuns() {
        const repo = this.dataSource.getRepository(sync_run_entity_1.SyncRun);
        const jobs = this.registered();
        const runs = await Promise.all(jobs.map((job) => repo.findOne({ where: { job }, order: { startedAt: 'DESC' } })));
        return Object.fromEntries(jobs.map((job, i) => [job, runs[i] ? view(runs[i]) : null]));
    }
    async beforeApplicationShutdown() {
        const running = [...this.active.values()];
        if (running.length === 0)
            return;
        for (const run of running)
            run.abort.abort();
        let timer;
        await Promise.race([
            Promise.allSettled(running.map((run) => run.done)),
            new Promise((resolve) => {
                timer = setTimeout(resolve, this.shutdownGraceMs);
            }),
        ]);
        clearTimeout(timer);
    }
    async launch(job, outer) {
        const handler = this.handlers.get(job);
        if (!handler) {
            throw new domain_error_1.DomainError('NOT_FOUND', `No sync job "${job}" in this service (known: ${this.registered().join(', ') || 'none'}).`);
        }
        const lockKey = handler.lockKey;
        const holder = this.active.get(lockKey);
        if (holder)
            throw jobRunning(handler.name, holder.job, holder.runId);
        const run = await this.acquire(handler.name, lockKey);
        const abort = new AbortController();
        const active = { runId: run.id, job: handler.name, abort, done: Promise.resolve(view(run)), progress: undefined };
        this.active.set(lockKey, active);
        const progress = {
            update: (done, total, label) => {
                active.progress = { done, total, label: label ?? null };
                outer?.update(done, total, label);
            },
            signal: abort.signal,
        };
        active.done = this.execute(handler, run, progress).finally(() => this.active.delete(lockKey));
        return active;
    }
    async execute(handler, run, progress) {
        this.logger.log({ msg: 'sync job started', job: run.job, runId: run.id });
        const started = Date.now();
        const callsBefore = this.meter?.callsMade();
        const heartbeat = setInterval(() => void this.beat(run.id), this.heartbeatMs);
        heartbeat.unref();
        let status = 'succeeded';
        let stats = {};
        let error = null;
        try {
            stats = { ...(await handler.run(progress)) };
        }
        catch (failure) {
            status = 'failed';
            error = failure instanceof Error ? failure.message : String(failure);
            if (failure instanceof job_handler_1.JobFailedError)
                stats = { ...failure.stats };
        }
        finally {
            clearInterval(heartbeat);
        }
        if (stats.salesforceApiCalls === undefined && callsBefore !== undefined && this.meter) {
            stats.salesforceApiCalls = this.meter.callsMade() - callsBefore;
        }
        stats.durationMs = Date.now() - started;
        const finishedAt = (0, columns_1.nowIso)();
        const finished = { status, stats: JSON.stringify(stats), error, finishedAt, heartbeatAt: finishedAt };
        try {
            const cutoff = new Date(Date.now() - this.retentionMs).toISOString();
            await this.uow.run(async (manager) => {
                const repo = manager.getRepository(sync_run_entity_1.SyncRun);
                await repo.update({ id: run.id }, finished);
                await repo.delete({ job: run.job, status: (0, typeorm_1.In)(['succeeded', 'failed']), startedAt: (0, typeorm_1.LessThan)(cutoff) });
            });
        }
        catch (writeError) {
            this.logger.error({ msg: 'could not record the end of a sync run', runId: run.id, reason: String(writeError) });
        }
        const level = status === 'succeeded' ? 'log' : 'warn';
        this.logger[level]({ msg: `sync job ${status}`, job: run.job, runId: run.id, stats, error });
        return view({ ...run, ...finished });
    }
    /** Takes the lease for a lock key: a fresh running row refuses, a stale one is closed as abandoned. */
    async acquire(job, lockKey) {
        const now = (0, columns_1.nowIso)();
        try {
            return await this.uow.run(async (manager) => {
                const repo = manager.getRepository(sync_run_entity_1.SyncRun);
                const holder = await repo.findOneBy({ lockKey, status: 'running' });
                if (holder) {
                    const beat = holder.heartbeatAt ?? holder.startedAt;
                    if (Date.now() - Date.parse(beat) < this.leaseMs)
                        throw jobRunning(job, holder.job, holder.id);
                    await repo.update({ id: holder.id }, { status: 'failed', finishedAt: now, error: `abandoned: no heartbeat since ${beat} (the process running it stopped)` });
                }
                const run = { id: (0, node_crypto_1.randomUUID)(), job, status: 'running', startedAt: now, finishedAt: null, stats: '{}', error: null, lockKey, heartbeatAt: now };
                await repo.insert(run);
                return run;
            });
        }
        catch (error) {
            if (isUniqueViolation(error))
                throw jobRunning(job, null, null);
            throw error;
        }
    }
    async beat(runId) {
        try {
            await this.uow.run((manager) => manager.getRepository(sync_run_entity_1.SyncRun).update({ id: runId, status: 'running' }, { heartbeatAt: (0, columns_1.nowIso)() }));
        }
        catch (error) {
            this.logger.warn({ msg: 'sync run heartbeat failed', runId, reason: String(error) });
        }
    }
};
exports.JobRunner = JobRunner;
exports.JobRunner = JobRunner = __decorate([
    (0, common_1.Injectable)(),
    __param(3, (0, common_1.Optional)()),
    __metadata("design:paramtypes", [core_1.DiscoveryService,
        typeorm_1.DataSource,
        unit_of_work_1.UnitOfWork,
        api_call_meter_1.ApiCallMeter])
], JobRunner);
function jobRunning(job, holderJob, runId) {
    const by = holderJob && holderJob !== job ? ` (${holderJob} is running and holds the same lock)` : '';
    return new domain_error_1.DomainError('JOB_RUNNING', `The ${job} job is already running${by}; try again when it has finished.`, {
        job,
        ...(holderJob ? { runningJob: holderJob } : {}),
        ...(runId ? { runId } : {}),
    });
}
function isUniqueViolation(error) {
    const driver = error?.driverError;
    const code = driver?.code ?? error?.code;
    return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
function view(run) {
    return {
        runId: run.id,
        job: run.job,
        status: run.status,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        stats: JSON.parse(run.stats || '{}'),
        error: run.error,
    };
}
//# sourceMappingURL=job-runner.service.js.map