import { MirrorRetryPolicy } from '../src/crm/mirror/retry';
import { ProspectDirectory } from '../src/crm/prospect-directory.service';
import { Prospect } from '../src/crm/prospect.entity';
import { ProspectPhone } from '../src/crm/prospect-phone.entity';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, SalesforceStandIn } from '../src/sandbox/salesforce';
import type { SyncRunView } from '../src/jobs/job-runner.service';
import { SyncWatermark } from '../src/crm/mirror/sync-watermark.entity';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The CRM mirror end to end: the real app over HTTP, real jsforce, the Salesforce stand-in. API
 * costs are asserted from the stand-in's own counters.
 */
describe('CRM mirror (e2e against the Salesforce stand-in)', () => {
  let sf: SalesforceStandIn;
  let t: TestApp;
  let directory: ProspectDirectory;
  let serial = 0;

  const aContact = (overrides: Record<string, unknown> = {}) => {
    serial++;
    return {
      LastName: `Prospect ${serial}`,
      MobilePhone: `+1415${String(2000000 + serial)}`,
      SMS_Enrolled__c: true,
      ...overrides,
    };
  };

  const runJob = async (job: string): Promise<SyncRunView> => {
    const started = await t.admin<{ runId: string }>('post', `/api/admin/sync/${job}`);
    expect(started.status).toBe(202);
    return waitFor(started.body.runId);
  };
  const waitFor = async (runId: string): Promise<SyncRunView> => {
    for (let i = 0; i < 400; i++) {
      const run = await t.admin<SyncRunView>('get', `/api/admin/sync/runs/${runId}`);
      expect(run.status).toBe(200);
      if (run.body.status !== 'running') return run.body;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`run ${runId} did not finish`);
  };
  const count = (entity: typeof Prospect | typeof ProspectPhone) => t.dataSource.getRepository(entity).count();
  const watermark = (objectName: string) => t.dataSource.getRepository(SyncWatermark).findOneBy({ objectName });
  const isoOf = (stamp: unknown) => new Date(String(stamp).replace('+0000', 'Z')).toISOString();
  /** Moves the org's clock past the overlap the next poll re-reads (300 s by default). */
  const pastOverlap = () => sf.clock.advance(400_000);

  beforeEach(async () => {
    sf = new SalesforceStandIn();
    await sf.start();
    t = await startTestApp({ SALESFORCE_INSTANCE_URL: sf.url, SALESFORCE_ACCESS_TOKEN: sf.accessToken });
    t.app.get(MirrorRetryPolicy).delaysMs = [10, 20, 40];
    directory = t.app.get(ProspectDirectory);
  });
  afterEach(async () => {
    await t.close();
    await sf.stop();
  });

  it('loads several pages at ⌈N/2000⌉ + 2 calls; an idle poll costs one call per object and reads nothing once the last edit is older than the overlap', async () => {
    const accountId = sf.insert('Account', { Name: 'Acme' });
    sf.insertMany('Contact', Array.from({ length: 4500 }, () => aContact({ AccountId: accountId })));
    pastOverlap(); // an org whose records were saved a while ago
    sf.resetCalls();

    const first = await runJob('mirror');
    expect(first).toMatchObject({ job: 'mirror', status: 'succeeded', finishedAt: expect.any(String) });
    expect(first.stats).toMatchObject({ recordsRead: 4501, recordsUpserted: 4501, recordsRemoved: 0, salesforceApiCalls: 5 });
    // Contact: ⌈4500/2000⌉ = 3 pages; Account and Lead: one query each
    expect(sf.calls().total).toBeLessThanOrEqual(Math.ceil(4500 / 2000) + 2);
    expect(sf.calls().byEndpoint).toEqual({ queryAll: 3, queryMore: 2 });
    expect(await count(Prospect)).toBe(4500);
    expect(await count(ProspectPhone)).toBe(4500);
    expect((await directory.contactsOfAccount(accountId)).length).toBe(4500);

    for (let poll = 0; poll < 3; poll++) {
      sf.clock.advance(60_000);
      sf.resetCalls();
      const idle = await runJob('mirror');
      expect(idle.stats).toMatchObject({ recordsRead: 0, recordsWritten: 0, salesforceApiCalls: 3 });
      expect(sf.calls()).toEqual({ total: 3, byEndpoint: { queryAll: 3 } });
    }
  });

  it('applies records saved this very second at once, and a Do-Not-Call saved a second later on the next poll', async () => {
    sf.clock.freeze(new Date()); // every save below shares one stamp: "now"
    const ids = sf.insertMany('Contact', Array.from({ length: 4500 }, () => aContact()));
    expect((await runJob('mirror')).stats).toMatchObject({ recordsRead: 4500, salesforceApiCalls: 5 });
    expect(await count(Prospect)).toBe(4500);
    sf.clock.advance(1000);
    sf.update('Contact', ids[4499], { DoNotCall: true });
    await runJob('mirror');
    expect(await directory.findById(ids[4499])).toMatchObject({ doNotCall: true });
    sf.clock.unfreeze();
  });

  it('neither skips nor loses many records sharing one SystemModstamp, across pages and polls', async () => {
    sf.clock.freeze('2026-11-29T09:00:00.500Z');
    sf.insertMany('Contact', Array.from({ length: 2500 }, () => aContact()));
    expect((await runJob('mirror')).stats).toMatchObject({ recordsRead: 2500 });
    // the last second read (the query's second, less the round trip, is not later)
    expect(await watermark('Contact')).toMatchObject({ lastModstamp: '2026-11-29T09:00:00.000Z' });

    sf.insertMany('Contact', Array.from({ length: 2007 }, () => aContact())); // 09:00:00 too, after the poll
    sf.clock.advance(2000);
    const second = await runJob('mirror');
    expect(second.stats).toMatchObject({ recordsRead: 4507, salesforceApiCalls: 5 }); // the overlap re-reads the first 2,500
    expect(await count(Prospect)).toBe(4507);
    pastOverlap();
    await runJob('mirror');
    sf.clock.advance(60_000);
    expect((await runJob('mirror')).stats.recordsRead).toBe(0);
  });

  it('reads a Do-Not-Call saved in the second of the last record read, on a lower Id', async () => {
    // A, mirrored long ago
    sf.clock.freeze('2026-11-29T08:00:00Z');
    const [early] = sf.insertMany('Contact', [aContact()]);
    sf.clock.freeze('2026-11-29T08:10:00Z');
    expect((await runJob('mirror')).stats.recordsRead).toBe(1);

    // second T = 09:00:00 is still open when the poll runs: 2,500 records saved in it so far
    sf.clock.freeze('2026-11-29T09:00:00.200Z');
    const atT = sf.insertMany('Contact', Array.from({ length: 2500 }, () => aContact()));
    expect((await runJob('mirror')).stats).toMatchObject({ recordsRead: 2500 });
    expect(await count(Prospect)).toBe(2501); // applied at once

    // a save a moment later, in the same second, on a record with a smaller Id
    sf.clock.advance(600);
    sf.update('Contact', early, { DoNotCall: true });
    expect(isoOf(sf.get('Contact', early)!.SystemModstamp)).toBe('2026-11-29T09:00:00.000Z');
    expect(early < atT[2499]).toBe(true);
    // a (SystemModstamp, Id) cursor after the last record read never sees it:
    const pairCursor = sf.soql(`SELECT Id FROM Contact WHERE SystemModstamp > 2026-11-29T09:00:00Z OR (SystemModstamp = 2026-11-29T09:00:00Z AND Id > '${atT[2499]}')`);
    expect(pairCursor.map((r) => r.Id)).not.toContain(early);

    sf.clock.advance(60_000);
    await runJob('mirror');
    expect(await directory.findById(early)).toMatchObject({ doNotCall: true });
    expect(await count(Prospect)).toBe(2501);
    // a poll re-reads what was saved in the overlap before the previous one; then nothing
    pastOverlap();
    await runJob('mirror');
    sf.clock.advance(60_000);
    expect((await runJob('mirror')).stats).toMatchObject({ recordsRead: 0, salesforceApiCalls: 3 });
  });

  /** A Do-Not-Call whose save begins at 10:00:00 and commits `lateMs` later, with polls each minute in between. */
  const lateDoNotCall = async (lateMs: number): Promise<boolean | undefined> => {
    sf.clock.freeze('2026-11-29T09:50:00Z');
    const [id] = sf.insertMany('Contact', [aContact(), aContact()]);
    await runJob('mirror');
    sf.clock.freeze('2026-11-29T10:00:00.300Z');
    const save = sf.beginTransaction();
    save.update('Contact', id, { DoNotCall: true });
    for (let waited = 0; waited < lateMs; waited += Math.min(60_000, lateMs - waited)) {
      sf.clock.advance(Math.min(60_000, lateMs - waited));
      await runJob('mirror'); // polls that run while the save is still open
    }
    save.commit();
    expect(isoOf(sf.get('Contact', id)!.SystemModstamp)).toBe('2026-11-29T10:00:00.000Z');
    sf.clock.advance(60_000);
    await runJob('mirror');
    return (await directory.findById(id))?.doNotCall;
  };

  it('reads a Do-Not-Call committed 2 s late', async () => {
    expect(await lateDoNotCall(2_000)).toBe(true);
  });

  it('reads a Do-Not-Call committed 4 minutes late', async () => {
    expect(await lateDoNotCall(240_000)).toBe(true);
  });

  it('with no overlap (MIRROR_OVERLAP_SECONDS=0) a commit 2 s late is missed: the overlap is what closes the hole', async () => {
    await t.close();
    t = await startTestApp({ SALESFORCE_INSTANCE_URL: sf.url, SALESFORCE_ACCESS_TOKEN: sf.accessToken, MIRROR_OVERLAP_SECONDS: '0' });
    directory = t.app.get(ProspectDirectory);
    expect(await lateDoNotCall(2_000)).toBe(false);
  });

  it('with client credentials and no SALESFORCE_INSTANCE_URL, works on the instance the token answer names', async () => {
    await t.close();
    t = await startTestApp({ SALESFORCE_LOGIN_URL: sf.url, SALESFORCE_CLIENT_ID: DEFAULT_CLIENT_ID, SALESFORCE_CLIENT_SECRET: DEFAULT_CLIENT_SECRET });
    expect(t.config.salesforce.instanceUrl).toBe('');
    directory = t.app.get(ProspectDirectory);
    const [id] = sf.insertMany('Contact', [aContact()]);
    sf.resetCalls();
    const run = await runJob('mirror');
    expect(run.status).toBe('succeeded');
    expect(await directory.findById(id)).not.toBeNull();
    expect(sf.calls().byEndpoint).toMatchObject({ token: 1, queryAll: 3 });
  });

  it('keeps edits that land while a page is being read', async () => {
    const ids = sf.insertMany('Contact', Array.from({ length: 4000 }, () => aContact()));
    await runJob('mirror');
    sf.clock.advance(2000);
    sf.update('Contact', ids[10], { Do_Not_SMS__c: true }); // page 1 of the next run
    sf.update('Contact', ids[3990], { LastName: 'Moved' }); // and a page further on
    sf.injectFault({ kind: 'DELAY', endpoint: 'queryMore', delayMs: 300 });
    const started = await t.admin<{ runId: string }>('post', '/api/admin/sync/mirror');
    await new Promise((resolve) => setTimeout(resolve, 100)); // the first page is read, the second is in flight
    sf.clock.advance(2000);
    sf.update('Contact', ids[11], { DoNotCall: true });
    sf.update('Contact', ids[3991], { DoNotCall: true });
    await waitFor(started.body.runId);
    await runJob('mirror');
    expect(await directory.findById(ids[10])).toMatchObject({ doNotSms: true });
    expect(await directory.findById(ids[11])).toMatchObject({ doNotCall: true });
    expect(await directory.findById(ids[3990])).toMatchObject({ name: 'Moved' });
    expect(await directory.findById(ids[3991])).toMatchObject({ doNotCall: true });
  });

  it('takes deleted records and converted Leads out of the mirror, phone index included', async () => {
    const [keep, gone] = sf.insertMany('Contact', [aContact(), aContact({ MobilePhone: '+14155550177' })]);
    const leadId = sf.insert('Lead', { LastName: 'Lee', Company: 'Lee Co', MobilePhone: '+14155550188', SMS_Enrolled__c: true });
    await runJob('mirror');
    expect(await directory.findByPhone('+14155550188')).toMatchObject([{ id: leadId, objectType: 'Lead' }]);
    expect(await count(Prospect)).toBe(3);

    sf.delete('Contact', gone);
    const { contactId } = sf.convertLead(leadId);
    const run = await runJob('mirror');
    expect(run.stats).toMatchObject({ recordsRemoved: 2 });
    expect(await directory.findById(gone)).toBeNull();
    expect(await directory.findById(leadId)).toBeNull();
    expect(await directory.findByPhone('+14155550177')).toEqual([]);
    // the Lead's number now belongs to the Contact it was converted into
    expect(await directory.findByPhone('+14155550188')).toMatchObject([{ id: contactId, objectType: 'Contact' }]);
    expect(await directory.findById(keep)).not.toBeNull();
  });

  it('retries a page that fails with a transient error', async () => {
    sf.insertMany('Contact', Array.from({ length: 2500 }, () => aContact()));
    sf.injectFault({ kind: 'SERVER_UNAVAILABLE', endpoint: 'queryMore', times: 2 });
    sf.resetCalls();
    const run = await runJob('mirror');
    expect(run.status).toBe('succeeded');
    expect(run.stats).toMatchObject({ recordsRead: 2500, retries: 2, salesforceApiCalls: 6 });
    expect(sf.calls().total).toBe(6);
  });

  it('ends a run that keeps failing as failed with the reason, the watermark at the last committed page', async () => {
    const ids = sf.insertMany('Contact', Array.from({ length: 5000 }, () => aContact()));
    sf.injectFault({ kind: 'SERVER_UNAVAILABLE', endpoint: 'queryMore', times: 4 });
    const failed = await runJob('mirror');
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/Contact/);
    expect(failed.stats).toMatchObject({ recordsRead: 2000, retries: 3 });
    expect(await count(Prospect)).toBe(2000);
    const stuck = await watermark('Contact');
    const page1Last = sf.get('Contact', ids[1999])!;
    expect(stuck).toMatchObject({ lastId: ids[1999], lastModstamp: isoOf(page1Last.SystemModstamp) });

    const resumed = await runJob('mirror');
    expect(resumed.status).toBe('succeeded');
    expect(resumed.stats.recordsRead).toBe(5000); // from the last committed record's stamp less the overlap
    expect(await count(Prospect)).toBe(5000);
  });

  it('full-resync re-reads everything and removes what Salesforce no longer has', async () => {
    const [id] = sf.insertMany('Contact', [aContact(), aContact()]);
    await runJob('mirror');
    // a record the mirror holds but Salesforce does not (purged from the recycle bin, say)
    await t.dataSource.getRepository(Prospect).insert({
      id: '003000000000999AAA',
      objectType: 'Contact',
      name: 'Ghost',
      accountId: null,
      ownerId: null,
      doNotCall: false,
      doNotSms: false,
      enrolled: true,
      systemModstamp: '2020-01-01T00:00:00.000Z',
      syncedAt: '2020-01-01T00:00:00.000Z',
    });
    await t.dataSource.getRepository(ProspectPhone).insert({ prospectId: '003000000000999AAA', field: 'MobilePhone', position: 0, e164: '+14155550999' });
    const before = await watermark('Contact');
    sf.resetCalls();
    const full = await runJob('full-resync');
    expect(full.status).toBe('succeeded');
    expect(full.stats).toMatchObject({ recordsRead: 2, recordsUpserted: 2, recordsRemoved: 1 });
    expect(sf.calls().byEndpoint).toEqual({ query: 3 });
    expect(await directory.findById('003000000000999')).toBeNull();
    expect(await directory.findByPhone('+14155550999')).toEqual([]);
    expect(await directory.findById(id)).not.toBeNull();
    // moved up to the second the full read ran, never back
    const after = await watermark('Contact');
    expect(after?.lastId).toBe('');
    expect(Date.parse(after!.lastModstamp)).toBeGreaterThanOrEqual(Date.parse(before!.lastModstamp));
  });

  it('never runs a job twice at once: 409 JOB_RUNNING, mirror and full-resync included', async () => {
    sf.insertMany('Contact', [aContact()]);
    sf.injectFault({ kind: 'DELAY', endpoint: 'queryAll', delayMs: 400 });
    const first = await t.admin<{ runId: string }>('post', '/api/admin/sync/mirror');
    expect(first.status).toBe(202);
    const again = await t.admin<{ error: { code: string } }>('post', '/api/admin/sync/mirror');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('JOB_RUNNING');
    expect((await t.admin<{ error: { code: string } }>('post', '/api/admin/sync/full-resync')).status).toBe(409);
    const status = await t.admin<{ jobs: Record<string, { running: boolean }> }>('get', '/api/admin/sync/status');
    expect(status.body.jobs.mirror.running).toBe(true);
    expect((await waitFor(first.body.runId)).status).toBe('succeeded');
    expect((await t.admin('post', '/api/admin/sync/mirror')).status).toBe(202);
  });

  it('reports watermarks, outbox depth and the last run of each job; 404 for unknown jobs and runs', async () => {
    sf.insertMany('Contact', [aContact()]);
    const run = await runJob('mirror');
    const status = await t.admin<{ watermarks: unknown; jobs: Record<string, { lastRun: unknown }> }>('get', '/api/admin/sync/status');
    expect(status.status).toBe(200);
    // every object read up to the second its query ran, the ones with no records too
    expect(status.body.watermarks).toEqual(
      expect.arrayContaining(['Account', 'Contact', 'Lead'].map((object) => expect.objectContaining({ object, lastId: '', lastModstamp: expect.any(String) }))),
    );
    expect(status.body).toMatchObject({ outboxDepth: 0, outboxParked: 0 });
    expect(status.body.jobs.mirror).toMatchObject({ registered: true, running: false, lastRun: { runId: run.runId, status: 'succeeded' } });
    expect(status.body.jobs['full-resync'].lastRun).toBeNull();
    expect((await t.admin('post', '/api/admin/sync/nonsense')).status).toBe(404);
    expect((await t.admin('get', '/api/admin/sync/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
