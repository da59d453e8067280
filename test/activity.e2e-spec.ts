import { DataSource } from 'typeorm';
import { User } from '../src/auth/user.entity';
import { CrmGateway } from '../src/crm/crm-gateway.port';
import { CrmMappingRecord } from '../src/crm/crm-mapping-record.entity';
import { loadMappingFile } from '../src/crm/crm-mapping';
import { Prospect } from '../src/crm/prospect.entity';
import { UnitOfWork } from '../src/database/unit-of-work';
import { Message } from '../src/messaging/message.entity';
import { SenderNumber } from '../src/numbers/sender-number.entity';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, SalesforceStandIn, seedDemoOrg, type DemoOrgIds } from '../src/sandbox/salesforce';
import { ActivityFlushService } from '../src/sync/activity-flush.service';
import { ApiBudget } from '../src/sync/api-budget';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { ReconcileService } from '../src/sync/reconcile.service';
import type { SyncStatus } from '../src/sync/sync-status.service';
import { aContact, aLead, aMessage, anOutboxEntry, aSenderNumber, aUser, insertLoggedMessages, insertRows } from './factories/activity.factory';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 6 "Done means": every SMS becomes exactly one Task, through the real jsforce adapter
 * against the Salesforce stand-in, across record errors, transient faults, an expiring token,
 * a crash between the Salesforce call and the local commit, reconcile and the API budget.
 */
describe('activity logging against the Salesforce stand-in', () => {
  let sf: SalesforceStandIn;
  let org: DemoOrgIds;
  let t: TestApp;
  let db: DataSource;
  let alice: User;
  let bob: User;
  let jane: Prospect;
  let mei: Prospect;
  let chloe: Prospect;
  let bobsNumber: SenderNumber;

  beforeEach(async () => {
    sf = new SalesforceStandIn();
    await sf.start();
    org = seedDemoOrg(sf);
    t = await startTestApp({
      SALESFORCE_INSTANCE_URL: sf.url,
      SALESFORCE_LOGIN_URL: sf.url,
      SALESFORCE_CLIENT_ID: DEFAULT_CLIENT_ID,
      SALESFORCE_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'twilio-auth-token-for-tests',
    });
    db = t.dataSource;
    alice = aUser({ salesforceUserId: org.users.alice, name: 'Alice Rep' });
    bob = aUser({ salesforceUserId: org.users.bob, name: 'Bob Rep' });
    jane = aContact({ id: org.contacts.jane, name: 'Jane Doe', accountId: org.accounts.acme });
    mei = aContact({ id: org.contacts.mei, name: 'Mei Chen', accountId: org.accounts.maple });
    chloe = aLead({ id: org.leads.chloe, name: 'Chloé Gagnon' });
    bobsNumber = aSenderNumber({ userId: bob.id, phoneNumber: '+14165550100' });
    await insertRows(db, User, [alice, bob]);
    await insertRows(db, Prospect, [jane, mei, chloe]);
    await insertRows(db, SenderNumber, [bobsNumber, aSenderNumber({ userId: alice.id, phoneNumber: '+12125550100' })]);
    sf.resetCalls();
  });

  afterEach(async () => {
    await t.close();
    await sf.stop();
  });

  const flush = () => t.app.get(ActivityFlushService).drain();
  const reconcile = () => t.app.get(ReconcileService).run();
  const tasks = () => sf.table('Task');
  const syncStatus = async () => {
    const res = await t.admin<SyncStatus>('get', '/api/admin/sync/status');
    expect(res.status).toBe(200);
    return res.body;
  };
  const outbox = () => db.getRepository(OutboxEntry).find({ order: { id: 'ASC' } });
  /** the back-off has passed */
  const timePasses = () => db.getRepository(OutboxEntry).update({ status: 'pending' }, { nextAttemptAt: new Date().toISOString() });
  const expectExactlyOneTaskEach = async (count: number) => {
    const all = tasks();
    expect(all).toHaveLength(count);
    expect(new Set(all.map((task) => task.SMS_Message_Id__c)).size).toBe(count);
    const messages = await db.getRepository(Message).find();
    const byExternalId = new Map(all.map((task) => [task.SMS_Message_Id__c, task.Id]));
    expect(messages.filter((m) => m.crmActivityId !== byExternalId.get(m.id))).toEqual([]);
  };

  const outboundTo = (prospect: Prospect, n: number, o: Partial<Message> = {}) =>
    Array.from({ length: n }, (_, i) =>
      aMessage({ userId: alice.id, prospectId: prospect.id, fromNumber: '+12125550100', toNumber: '+12125550101', body: `Hello ${prospect.name} #${i}`, ...o }),
    );

  it('logs 450 messages in 3 write calls with every field right', async () => {
    const outbound = outboundTo(jane, 300, { status: 'delivered', createdAt: '2026-11-28T15:04:05.000Z' });
    const toMei = outboundTo(mei, 50);
    const replies = Array.from({ length: 100 }, (_, i) =>
      aMessage({ direction: 'inbound', status: 'received', fromNumber: '+15145550106', toNumber: bobsNumber.phoneNumber, prospectId: chloe.id, userId: null, body: `Reply ${i}` }),
    );
    await insertLoggedMessages(db, [...outbound, ...toMei, ...replies]);

    const stats = await flush();

    expect(sf.callCount('collections.upsert')).toBe(3);
    expect(stats).toMatchObject({ tasksLogged: 450, tasksCreated: 450, parked: 0, deferred: 0 });
    await expectExactlyOneTaskEach(450);
    const byExt = new Map(tasks().map((task) => [task.SMS_Message_Id__c, task]));
    expect(byExt.get(outbound[0].id)).toMatchObject({
      Subject: 'SMS sent to Jane Doe',
      Description: 'Hello Jane Doe #0\n\nFrom: +12125550100\nTo: +12125550101\nDirection: outbound\nStatus: delivered',
      Status: 'Completed',
      Priority: 'Normal',
      ActivityDate: '2026-11-28',
      WhoId: org.contacts.jane,
      WhatId: org.accounts.acme,
      OwnerId: org.users.alice,
    });
    expect(byExt.get(toMei[0].id)).toMatchObject({ WhoId: org.contacts.mei, WhatId: org.accounts.maple, OwnerId: org.users.alice });
    const reply = byExt.get(replies[0].id)!;
    expect(reply).toMatchObject({ Subject: 'SMS received from Chloé Gagnon', WhoId: org.leads.chloe, OwnerId: org.users.bob, Status: 'Completed' });
    expect(reply.WhatId ?? null).toBeNull();
  });

  it('links the open Opportunity when the mapping says so', async () => {
    const mapping = loadMappingFile('config/crm-mapping.yaml');
    mapping.activity.linkOpenOpportunity = true;
    mapping.activity.type = 'SMS';
    await db.getRepository(CrmMappingRecord).insert({ id: 'active', document: JSON.stringify(mapping), updatedAt: new Date().toISOString(), updatedBy: null });
    const [toJane] = outboundTo(jane, 1);
    const [toMei] = outboundTo(mei, 1);
    await insertLoggedMessages(db, [toJane, toMei]);
    await flush();
    const byExt = new Map(tasks().map((task) => [task.SMS_Message_Id__c, task]));
    expect(byExt.get(toJane.id)).toMatchObject({ WhatId: org.opportunity, Type: 'SMS' });
    expect(byExt.get(toMei.id)).toMatchObject({ WhatId: org.accounts.maple, Type: 'SMS' });
  });

  it('parks the one record a Collections response refuses, with its reason, and logs the rest', async () => {
    sf.addValidationRule('Task', (record) => (String(record.Description).startsWith('POISON') ? { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'No poison in the timeline', fields: ['Description'] } : null));
    const list = outboundTo(jane, 5);
    list[3].body = 'POISON pill';
    await insertLoggedMessages(db, list);

    const stats = await flush();

    expect(stats).toMatchObject({ tasksLogged: 4, parked: 1 });
    expect(sf.callCount('collections.upsert')).toBe(1);
    const parked = (await outbox()).filter((e) => e.status === 'parked');
    expect(parked).toEqual([expect.objectContaining({ aggregateId: list[3].id, lastError: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: No poison in the timeline (Description)' })]);
    expect(tasks()).toHaveLength(4);
    const status = await syncStatus();
    expect(status).toMatchObject({ outboxDepth: 0, outboxParked: 1, outbox: { pending: { task_upsert: 0 }, parked: { task_upsert: 1, task_status: 0, do_not_sms: 0 } } });
    expect(status.outbox.recentlyParked).toEqual([
      expect.objectContaining({ id: parked[0].id, kind: 'task_upsert', aggregateId: list[3].id, attempts: 1, lastError: expect.stringContaining('FIELD_CUSTOM_VALIDATION_EXCEPTION') }),
    ]);
    expect(status.apiBudget).toMatchObject({ paused: false, pauseAtShare: 0.9, callsMade: expect.any(Number) });
    expect(status.jobs['activity-flush']).toMatchObject({ registered: true });
    const metrics = await t.http().get('/metrics');
    expect(metrics.text).toMatch(/^sms_crm_outbox_parked 1$/m);
  });

  it('requeues parked entries when an admin asks: the named ones or all, and the next flush logs them', async () => {
    const removeRule = sf.addValidationRule('Task', (record) => (String(record.Description).startsWith('POISON') ? 'No poison in the timeline' : null));
    const list = outboundTo(jane, 3).map((m) => ({ ...m, body: `POISON ${m.body}` }));
    await insertLoggedMessages(db, list);
    await flush();
    const parked = (await outbox()).filter((e) => e.status === 'parked');
    expect(parked).toHaveLength(3);
    removeRule();

    const one = await t.admin<{ requeued: number }>('post', '/api/admin/sync/outbox/requeue', { ids: [parked[0].id] });
    expect(one).toEqual({ status: 200, body: { requeued: 1 } });
    expect(await syncStatus()).toMatchObject({ outboxDepth: 1, outboxParked: 2 });
    expect((await t.admin('post', '/api/admin/sync/outbox/requeue', { ids: [parked[0].id] })).body).toEqual({ requeued: 0 });
    expect(await flush()).toMatchObject({ tasksLogged: 1, parked: 0 });

    const rest = await t.admin<{ requeued: number }>('post', '/api/admin/sync/outbox/requeue');
    expect(rest).toEqual({ status: 200, body: { requeued: 2 } });
    expect(await flush()).toMatchObject({ tasksLogged: 2 });
    await expectExactlyOneTaskEach(3);
    expect(await syncStatus()).toMatchObject({ outboxDepth: 0, outboxParked: 0, outbox: { recentlyParked: [] } });

    for (const ids of ['all', ['x'], [0], [1.5]]) {
      const bad = await t.admin<{ error: { code: string } }>('post', '/api/admin/sync/outbox/requeue', { ids });
      expect(bad.status).toBe(400);
    }
    expect((await t.http().post('/api/admin/sync/outbox/requeue').send({})).status).toBe(401);
  });

  it.each([
    ['a 503', { kind: 'SERVER_UNAVAILABLE' as const }],
    ['REQUEST_LIMIT_EXCEEDED', { kind: 'REQUEST_LIMIT_EXCEEDED' as const }],
    ['UNABLE_TO_LOCK_ROW', { kind: 'UNABLE_TO_LOCK_ROW' as const }],
    ['a 500 UNKNOWN_EXCEPTION', { kind: 'UNKNOWN_EXCEPTION' as const }],
    ['a dropped connection', { kind: 'DROP_CONNECTION' as const }],
  ])('after %s, retries with back-off and logs everything exactly once', async (_name, fault) => {
    await insertLoggedMessages(db, outboundTo(jane, 250));
    sf.injectFault({ ...fault, endpoint: 'collections.upsert' });

    const first = await flush();
    expect(first.tasksLogged).toBeLessThan(250);
    expect(first.deferred).toBeGreaterThan(0);
    const waiting = (await outbox()).filter((e) => e.status === 'pending' && e.attempts === 1);
    expect(waiting.length).toBe(first.deferred);
    expect(waiting.every((e) => Date.parse(e.nextAttemptAt) > Date.now() && e.lastError)).toBe(true);

    // the next run sends what was never tried; nothing that failed is due before its back-off
    expect((await flush()).recordsWritten).toBe(250 - first.recordsWritten - first.deferred);
    expect((await outbox()).filter((e) => e.status === 'pending')).toHaveLength(first.deferred);
    await timePasses();
    await flush();

    await expectExactlyOneTaskEach(250);
    expect((await outbox()).every((e) => e.status === 'done')).toBe(true);
    expect(sf.faults.pending()).toBe(0);
  });

  it('renews a token that expires mid-flush and loses nothing', async () => {
    await insertLoggedMessages(db, outboundTo(jane, 450));
    let writes = 0;
    sf.onAfterCommit(({ endpoint }) => {
      if (endpoint === 'collections.upsert' && ++writes === 1) sf.expireSessions();
    });
    const stats = await flush();

    expect(stats).toMatchObject({ tasksLogged: 450, deferred: 0 });
    expect(sf.callCount('token')).toBe(2); // the first token, and one renewal after the expiry
    expect(sf.callCount('collections.upsert')).toBe(4); // 3 batches, the second one sent again
    await expectExactlyOneTaskEach(450);
  });

  it('makes no second Task when Salesforce applied a batch but the answer was lost', async () => {
    await insertLoggedMessages(db, outboundTo(jane, 200));
    sf.injectFault({ kind: 'DROP_AFTER_COMMIT', endpoint: 'collections.upsert' });

    await flush();
    expect(tasks()).toHaveLength(200); // applied in Salesforce …
    expect((await db.getRepository(Message).find()).every((m) => m.crmActivityId === null)).toBe(true); // … not known locally

    await timePasses();
    const retry = await flush();
    expect(retry).toMatchObject({ tasksLogged: 200, tasksCreated: 0 });
    await expectExactlyOneTaskEach(200);
  });

  it('makes no second Task when the process dies between the Salesforce call and the local commit', async () => {
    await insertLoggedMessages(db, outboundTo(jane, 200));
    const uow = t.app.get(UnitOfWork);
    const unit = uow.unit.bind(uow);
    // the claims commit (no opt-out entries, then the Tasks), the batch's outcome does not
    jest.spyOn(uow, 'unit').mockImplementationOnce(unit).mockImplementationOnce(unit).mockRejectedValueOnce(new Error('SIGKILL'));

    await expect(flush()).rejects.toThrow('SIGKILL');
    expect(tasks()).toHaveLength(200);
    expect((await outbox()).every((e) => e.status === 'pending' && e.attempts === 0 && e.claimedBy !== null)).toBe(true);

    // the instance restarts under its name: the claims it died with are released at boot
    await t.app.get(ActivityFlushService).onApplicationBootstrap();
    const retry = await flush();
    expect(retry).toMatchObject({ tasksLogged: 200, tasksCreated: 0 });
    await expectExactlyOneTaskEach(200);
  });

  it('restores Tasks deleted in Salesforce behind our back exactly once', async () => {
    await insertLoggedMessages(db, outboundTo(jane, 300));
    await flush();
    const deleted = tasks().slice(0, 120);
    for (const task of deleted) sf.delete('Task', String(task.Id));
    sf.resetCalls();

    const stats = await reconcile();

    expect(stats).toMatchObject({ tasksRead: 180, messagesCompared: 300, missing: 120, queued: 120, recordsWritten: 120, unknownInCrm: 0 });
    expect(sf.callCount('query')).toBe(1);
    expect(sf.callCount('collections.upsert')).toBe(1);
    await expectExactlyOneTaskEach(300);

    const again = await reconcile();
    expect(again).toMatchObject({ missing: 0, stale: 0, queued: 0 });
    await expectExactlyOneTaskEach(300);
  });

  it('pauses activity logging above the API budget, still writes opt-outs, and resumes below it', async () => {
    await insertLoggedMessages(db, outboundTo(jane, 10));
    await db.getRepository(OutboxEntry).insert(anOutboxEntry('do_not_sms', mei.id, { payload: JSON.stringify({ value: true }) }));
    const budget = t.app.get(ApiBudget);
    budget.recheckEveryMs = 0;
    sf.setApiUsage(95_000, 100_000);
    await t.app.get(CrmGateway).ping(); // any answer carries Sforce-Limit-Info

    const paused = await flush();

    expect(paused).toMatchObject({ pausedForBudget: 1, doNotSmsWritten: 1, tasksLogged: 0 });
    expect(sf.get('Contact', org.contacts.mei)?.Do_Not_SMS__c).toBe(true);
    expect(tasks()).toHaveLength(0);
    expect((await syncStatus()).apiBudget).toMatchObject({ paused: true, pauseAtShare: 0.9, dailyMax: 100_000, usedShare: expect.closeTo(0.95, 3) });
    expect((await t.http().get('/metrics')).text).toMatch(/^salesforce_api_budget_paused 1$/m);

    sf.setApiUsage(1_000, 100_000);
    const resumed = await flush();

    expect(resumed).toMatchObject({ pausedForBudget: 0, tasksLogged: 10 });
    await expectExactlyOneTaskEach(10);
    expect((await t.http().get('/metrics')).text).toMatch(/^salesforce_api_budget_paused 0$/m);
  });
});
