import { Logger } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { FakeCrmGateway } from '../../test/support/fake-crm.gateway';
import { DomainError } from '../common/domain-error';
import { openDatabase } from '../database/data-source';
import { UnitOfWork } from '../database/unit-of-work';
import { JobRunner } from './job-runner.service';
import { JobFailedError, type JobHandler, type JobProgress, type JobStats } from './job-handler';
import { SyncRun } from './sync-run.entity';
import { SyncRunsStore } from './sync-runs.store';

/** A handler a spec finishes by hand. */
class ControlledJob implements JobHandler {
  private finish!: (outcome: JobStats | Error) => void;
  progress: JobProgress | null = null;
  runs = 0;

  readonly schedule = null;

  constructor(
    readonly name: string,
    readonly lockKey: string,
  ) {}

  run(progress: JobProgress): Promise<JobStats> {
    this.runs++;
    this.progress = progress;
    return new Promise((resolve, reject) => {
      this.finish = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
    });
  }

  succeed(stats: JobStats): void {
    this.finish(stats);
  }

  fail(error: Error): void {
    this.finish(error);
  }
}

const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('JobRunner', () => {
  let dataSource: DataSource;
  let runner: JobRunner;
  let mirror: ControlledJob;
  let resync: ControlledJob;
  let flush: ControlledJob;
  let crm: FakeCrmGateway;

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    mirror = new ControlledJob('mirror', 'crm-mirror');
    resync = new ControlledJob('full-resync', 'crm-mirror');
    flush = new ControlledJob('activity-flush', 'activity-flush');
    crm = new FakeCrmGateway();
    const providers = [mirror, resync, flush, { notAHandler: true }, { name: 'mirror', run: () => null }, null].map((instance) => ({ instance }));
    const discovery = { getProviders: () => providers } as unknown as DiscoveryService;
    const uow = new UnitOfWork(dataSource);
    runner = new JobRunner(discovery, new SyncRunsStore(uow, uow.sql), { instanceName: 'web-1' }, { callsMade: () => crm.usage().callsMade });
    runner.onModuleInit();
  });
  afterEach(() => dataSource.destroy());

  const wait = async (runId: string) => {
    for (let i = 0; i < 100; i++) {
      const run = await runner.findRun(runId);
      if (run.status !== 'running') return run;
      await settle();
    }
    throw new Error('run did not finish');
  };

  it('discovers the handlers the application provides, and only those', () => {
    expect(runner.registered()).toEqual(['activity-flush', 'full-resync', 'mirror']);
  });

  it('records a run: running, then succeeded with its stats', async () => {
    const runId = await runner.start('mirror');
    expect(await runner.findRun(runId)).toMatchObject({ runId, job: 'mirror', status: 'running', finishedAt: null });
    mirror.succeed({ recordsRead: 5, salesforceApiCalls: 3 });
    const run = await wait(runId);
    expect(run).toMatchObject({ status: 'succeeded', stats: { recordsRead: 5, salesforceApiCalls: 3 }, error: null });
    expect(run.finishedAt! >= run.startedAt).toBe(true);
  });

  it('records a failure with its reason and the stats reached, and fills in the API calls the gateway counted', async () => {
    const runId = await runner.start('activity-flush');
    for (let i = 0; i < 7; i++) await crm.ping();
    flush.fail(new JobFailedError('Salesforce is down', { recordsRead: 2 }));
    expect(await wait(runId)).toMatchObject({ status: 'failed', error: 'Salesforce is down', stats: { recordsRead: 2, salesforceApiCalls: 7 } });
  });

  it('refuses a second run of a running job, and mirror and full-resync exclude each other', async () => {
    const runId = await runner.start('mirror');
    expect(await code(runner.start('mirror'))).toBe('JOB_RUNNING');
    expect(await code(runner.start('full-resync'))).toBe('JOB_RUNNING');
    expect(await runner.start('activity-flush')).toEqual(expect.any(String));
    mirror.succeed({});
    await wait(runId);
    expect(await code(runner.start('mirror'))).toBeNull();
    expect(mirror.runs).toBe(2);
  });

  it('refuses two starts in the same tick', async () => {
    const outcomes = await Promise.all([code(runner.start('mirror')), code(runner.start('mirror'))]);
    expect(outcomes.sort()).toEqual(['JOB_RUNNING', null].sort());
  });

  it('honours a run another process holds, until its heartbeat is older than the lease', async () => {
    const repo = dataSource.getRepository(SyncRun);
    const now = new Date().toISOString();
    const other = { id: 'b8f1f1c2-0000-4000-8000-000000000001', job: 'mirror' as const, status: 'running' as const, startedAt: now, finishedAt: null, stats: '{}', error: null, lockKey: 'crm-mirror', heartbeatAt: now, holder: 'web-2' };
    await repo.insert(other);
    expect(await code(runner.start('mirror'))).toBe('JOB_RUNNING');

    await repo.update({ id: other.id }, { heartbeatAt: new Date(Date.now() - runner.leaseMs - 1000).toISOString() });
    const runId = await runner.start('mirror');
    expect(await repo.findOneBy({ id: other.id })).toMatchObject({ status: 'failed', error: expect.stringMatching(/^abandoned/) });
    mirror.succeed({});
    await wait(runId);
  });

  const runningRow = (id: string, holder: string, heartbeatAt = new Date().toISOString()) => ({
    id,
    job: 'mirror' as const,
    status: 'running' as const,
    startedAt: heartbeatAt,
    finishedAt: null,
    stats: '{}',
    error: null,
    lockKey: 'crm-mirror',
    heartbeatAt,
    holder,
  });

  it('takes 15 s without a heartbeat for a run to count as abandoned, and beats every 5 s', () => {
    expect(runner.leaseMs).toBe(15_000);
    expect(runner.heartbeatMs).toBe(5_000);
  });

  it('at boot, closes the runs its previous life left running under the same instance name, at once', async () => {
    const repo = dataSource.getRepository(SyncRun);
    await repo.insert([runningRow('dead-own', 'web-1'), { ...runningRow('alive-other', 'web-2'), job: 'activity-flush', lockKey: 'activity-flush' }]);
    expect(await code(runner.start('mirror'))).toBeNull(); // no wait: the own dead run is known at once
    mirror.succeed({});
    await runner.beforeApplicationShutdown();

    await repo.update({ id: 'dead-own' }, { status: 'running', finishedAt: null, error: null });
    await repo.delete({ job: 'mirror', holder: 'web-1', status: 'succeeded' });
    await runner.onApplicationBootstrap();
    expect(await repo.findOneBy({ id: 'dead-own' })).toMatchObject({ status: 'failed', error: 'abandoned: web-1 restarted while running it', finishedAt: expect.any(String) });
    expect(await repo.findOneBy({ id: 'alive-other' })).toMatchObject({ status: 'running', error: null });
    const status = await runner.lastRuns();
    expect(status.mirror).toMatchObject({ runId: 'dead-own', status: 'failed' });
    expect(status['activity-flush']).toMatchObject({ runId: 'alive-other', status: 'running' });
    expect(await code(runner.start('activity-flush'))).toBe('JOB_RUNNING');
  });

  it('reports a run whose instance stopped beating as failed, not running', async () => {
    const repo = dataSource.getRepository(SyncRun);
    await repo.insert(runningRow('silent', 'web-2', new Date(Date.now() - runner.leaseMs - 1).toISOString()));
    expect((await runner.lastRuns()).mirror).toMatchObject({ runId: 'silent', status: 'failed', error: expect.stringMatching(/^abandoned: no heartbeat since/) });
    expect(await runner.findRun('silent')).toMatchObject({ status: 'failed' });
  });

  it('renews the heartbeat while a run lives, and stops a run whose lease another instance took', async () => {
    runner.heartbeatMs = 20;
    const repo = dataSource.getRepository(SyncRun);
    const runId = await runner.start('mirror');
    await settle();
    const first = (await repo.findOneByOrFail({ id: runId })).heartbeatAt!;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await repo.findOneByOrFail({ id: runId })).heartbeatAt! > first).toBe(true);
    expect(await repo.findOneBy({ id: runId })).toMatchObject({ holder: 'web-1' });

    let stopped = false;
    mirror.progress!.signal!.addEventListener('abort', () => {
      stopped = true;
      mirror.fail(new Error('stopped: lease lost'));
    });
    await repo.update({ id: runId }, { status: 'failed', error: 'abandoned: taken over' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(stopped).toBe(true);
  });

  it('runs a job of instance scope once per instance: a second instance starts its own run beside the first', async () => {
    const shared = Object.assign(new ControlledJob('activity-flush', 'activity-flush'), { scope: 'instance' as const });
    const uow = new UnitOfWork(dataSource);
    const discovery = { getProviders: () => [{ instance: shared }] } as unknown as DiscoveryService;
    const web2 = new JobRunner(discovery, new SyncRunsStore(uow, uow.sql), { instanceName: 'web-2' });
    web2.onModuleInit();
    const discovery1 = { getProviders: () => [{ instance: Object.assign(flush, { scope: 'instance' as const }) }] } as unknown as DiscoveryService;
    const web1 = new JobRunner(discovery1, new SyncRunsStore(uow, uow.sql), { instanceName: 'web-1' });
    web1.onModuleInit();
    const first = await web1.start('activity-flush');
    const second = await web2.start('activity-flush');
    expect(second).not.toBe(first);
    expect(await code(web1.start('activity-flush'))).toBe('JOB_RUNNING');
    expect(await dataSource.getRepository(SyncRun).findBy({ status: 'running' })).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: first, holder: 'web-1', lockKey: null }), expect.objectContaining({ id: second, holder: 'web-2', lockKey: null })]),
    );
    flush.succeed({});
    shared.succeed({});
    await web1.beforeApplicationShutdown();
    await web2.beforeApplicationShutdown();
  });

  it('answers 404 for a job nobody provides and for an unknown run', async () => {
    expect(await code(runner.start('reconcile'))).toBe('NOT_FOUND');
    expect(await code(runner.start('nonsense'))).toBe('NOT_FOUND');
    expect(await code(runner.findRun('no-such-run'))).toBe('NOT_FOUND');
  });

  it('runs to completion for the CLI, passing progress through', async () => {
    const seen: string[] = [];
    const done = runner.runToCompletion('mirror', { update: (d, t, label) => seen.push(`${label} ${d}/${t}`) });
    await settle();
    mirror.progress!.update(1, 2, 'Contact');
    const running = (await runner.lastRuns()).mirror!;
    expect(await runner.findRun(running.runId)).toMatchObject({ status: 'running', progress: { done: 1, total: 2, label: 'Contact' } });
    mirror.succeed({ recordsRead: 2 });
    expect(await done).toMatchObject({ status: 'succeeded', stats: { recordsRead: 2 } });
    expect(seen).toEqual(['Contact 1/2']);
  });

  it('tells a running job to stop on shutdown and waits for it', async () => {
    const runId = await runner.start('mirror');
    await settle();
    mirror.progress!.signal!.addEventListener('abort', () => mirror.fail(new Error('stopped')));
    await runner.beforeApplicationShutdown();
    expect(await runner.findRun(runId)).toMatchObject({ status: 'failed', error: 'stopped' });
  });

  it('drops finished runs of a job once they are older than the retention', async () => {
    const repo = dataSource.getRepository(SyncRun);
    const old = new Date(Date.now() - runner.retentionMs - 60_000).toISOString();
    const row = (id: string, job: string, status: 'succeeded' | 'running') => ({ id, job, status, startedAt: old, finishedAt: old, stats: '{}', error: null, lockKey: null, heartbeatAt: old, holder: null });
    await repo.insert([row('old-mirror', 'mirror', 'succeeded'), row('old-flush', 'activity-flush', 'succeeded')]);
    const runId = await runner.start('mirror');
    mirror.succeed({});
    await wait(runId);
    expect((await repo.find()).map((r) => r.id).sort()).toEqual(['old-flush', runId].sort());
  });

  it('gives the last run of each job', async () => {
    const runId = await runner.start('mirror');
    mirror.succeed({});
    await wait(runId);
    const last = await runner.lastRuns();
    expect(last.mirror?.runId).toBe(runId);
    expect(last).toMatchObject({ 'full-resync': null, 'activity-flush': null });
    expect(Object.keys(last)).toEqual(['activity-flush', 'full-resync', 'mirror']);
  });
});
