import { MirrorRetryPolicy } from '../src/crm/mirror/retry';
import { ProspectDirectory } from '../src/crm/prospect-directory.service';
import { Prospect } from '../src/crm/prospect.entity';
import { ProspectPhone } from '../src/crm/prospect-phone.entity';
import { SalesforceStandIn } from '../src/sandbox/salesforce';
import type { SyncRunView } from '../src/jobs/job-runner.service';
import { SyncRun } from '../src/jobs/sync-run.entity';
import { createScratchDatabase, describeOnPostgres } from './support/postgres';
import { startTestApp, type TestApp } from './support/test-app';

/** The mirror's raw write path and the run lease on PostgreSQL (production's database). */
describeOnPostgres('CRM mirror on PostgreSQL (e2e)', () => {
  let sf: SalesforceStandIn;
  let t: TestApp;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;

  const runJob = async (job: string): Promise<SyncRunView> => {
    const started = await t.admin<{ runId: string }>('post', `/api/admin/sync/${job}`);
    expect(started.status).toBe(202);
    for (;;) {
      const run = await t.admin<SyncRunView>('get', `/api/admin/sync/runs/${started.body.runId}`);
      if (run.body.status !== 'running') return run.body;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    sf = new SalesforceStandIn();
    await sf.start();
    t = await startTestApp({ DATABASE_URL: scratch.url, SALESFORCE_INSTANCE_URL: sf.url, SALESFORCE_ACCESS_TOKEN: sf.accessToken });
    t.app.get(MirrorRetryPolicy).delaysMs = [10, 20, 40];
  });
  afterAll(async () => {
    await t.close();
    await sf.stop();
    await scratch.drop();
  });

  it('loads pages, applies edits, deletions and conversions, and full-resync sweeps', async () => {
    const accountId = sf.insert('Account', { Name: 'Acme' });
    const ids = sf.insertMany(
      'Contact',
      Array.from({ length: 2300 }, (_, i) => ({ LastName: `P${i}`, AccountId: accountId, MobilePhone: `+1415${2000000 + i}`, Phone: i % 2 ? '+1 212 555 0100' : 'n/a', SMS_Enrolled__c: true })),
    );
    const leadId = sf.insert('Lead', { LastName: 'Lee', Company: 'Lee Co', MobilePhone: '+14155550188', SMS_Enrolled__c: true });
    sf.clock.advance(400_000); // saved a while ago: older than the overlap the next poll re-reads
    const first = await runJob('mirror');
    expect(first).toMatchObject({ status: 'succeeded', stats: { recordsRead: 2302, recordsUpserted: 2302, phoneWarnings: 1150, salesforceApiCalls: 4 } });
    expect(await t.dataSource.getRepository(ProspectPhone).count()).toBe(2301 + 1150);
    const directory = t.app.get(ProspectDirectory);
    expect(await directory.findByPhone('+12125550100')).toHaveLength(1150);
    expect(await directory.findById(ids[1])).toMatchObject({ doNotCall: false, enrolled: true, accountId });

    sf.clock.advance(1000);
    sf.update('Contact', ids[1], { DoNotCall: true });
    sf.delete('Contact', ids[2]);
    sf.convertLead(leadId, { accountId, contactId: ids[3] });
    sf.clock.advance(2000);
    const second = await runJob('mirror');
    expect(second.stats).toMatchObject({ recordsRead: 3, recordsUpserted: 1, recordsRemoved: 2 });
    expect(await directory.findById(ids[1])).toMatchObject({ doNotCall: true });
    expect(await directory.findById(ids[2])).toBeNull();
    expect(await directory.findById(leadId)).toBeNull();

    await t.dataSource.getRepository(Prospect).insert({ id: '003000000000999AAA', objectType: 'Contact', name: 'Ghost', accountId: null, ownerId: null, doNotCall: false, doNotSms: false, enrolled: true, systemModstamp: '2020-01-01T00:00:00.000Z', syncedAt: '2020-01-01T00:00:00.000Z' });
    const full = await runJob('full-resync');
    expect(full.stats).toMatchObject({ recordsRead: 2300, recordsRemoved: 1 }); // Account + 2,299 Contacts; the converted Lead is not read
    expect(await t.dataSource.getRepository(Prospect).count()).toBe(2299);
  });

  it('holds one running row per lock key (the unique index answers a racing process)', async () => {
    const repo = t.dataSource.getRepository(SyncRun);
    const row = (id: string) => ({ id, job: 'mirror' as const, status: 'running' as const, startedAt: new Date().toISOString(), finishedAt: null, stats: '{}', error: null, lockKey: 'crm-mirror', heartbeatAt: new Date().toISOString() });
    await repo.insert(row('00000000-0000-4000-8000-000000000001'));
    await expect(repo.insert(row('00000000-0000-4000-8000-000000000002'))).rejects.toThrow(/duplicate key|unique/i);
    const refused = await t.admin<{ error: { code: string } }>('post', '/api/admin/sync/full-resync');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('JOB_RUNNING');
    await repo.update({ id: '00000000-0000-4000-8000-000000000001' }, { status: 'failed' });
  });
});
