import { DemoOrgIds, seedDemoOrg } from '../src/sandbox/salesforce';
import { startTestStack, TestStack } from './support/test-app';

/**
 * The product's story end to end, through the contract alone: the admin API, the rep API,
 * Twilio's webhooks and what lands in Salesforce — the stand-ins play Salesforce and Twilio over
 * HTTP, the real SDKs talk to them. No database access, no service internals.
 */
describe('journey: from an enrolled Contact to exactly one Task per message', () => {
  let t: TestStack;
  let demo: DemoOrgIds;
  let alice: { id: string; apiKey: string };
  let bob: { id: string; apiKey: string };
  const ALICE_NUMBER = '+12125550190';
  const BOB_NUMBER = '+14165550192';
  const JANE_MOBILE = '+12125550101';

  const as = (key: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${key}`),
    post: (path: string, body?: object) => t.http().post(path).set('Authorization', `Bearer ${key}`).send(body),
  });
  const admin = () => as('test-admin-key-0123456789');

  async function runJob(job: string): Promise<Record<string, number>> {
    const started = await admin().post(`/api/admin/sync/${job}`);
    expect(started.status).toBe(202);
    for (let i = 0; i < 200; i++) {
      const run = await admin().get(`/api/admin/sync/runs/${started.body.runId}`);
      if (run.body.status !== 'running') {
        expect(run.body).toMatchObject({ runId: started.body.runId, job, status: 'succeeded' });
        expect(run.body.stats.salesforceApiCalls).toEqual(expect.any(Number));
        return run.body.stats;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`${job} did not finish`);
  }

  const ourTasks = () => t.salesforce.table('Task').filter((task) => task.SMS_Message_Id__c);

  beforeAll(async () => {
    t = await startTestStack();
    demo = seedDemoOrg(t.salesforce);
    const made = async (salesforceUserId: string, name: string) => {
      const res = await admin().post('/api/admin/users', { salesforceUserId, name, email: `${name.split(' ')[0].toLowerCase()}@demo.example`, role: 'rep' });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, apiKey: res.body.apiKey as string };
    };
    alice = await made(demo.users.alice, 'Alice Rep');
    bob = await made(demo.users.bob, 'Bob Rep');
  });
  afterAll(() => t.close());

  it('an admin gives Alice an SMS number; Bob asks for SMS on his and is approved', async () => {
    expect((await admin().post('/api/admin/numbers', { phoneNumber: '(212) 555-0190', userId: alice.id, kind: 'direct', smsEnabled: true })).body).toMatchObject({
      phoneNumber: ALICE_NUMBER,
      smsEnabled: true,
    });
    const bobs = await admin().post('/api/admin/numbers', { phoneNumber: BOB_NUMBER, userId: bob.id, kind: 'direct', smsEnabled: false });
    expect(bobs.status).toBe(201);
    expect((await as(bob.apiKey).get('/api/me')).body.smsEnabled).toBe(false);
    const request = await as(bob.apiKey).post(`/api/numbers/${bobs.body.id}/sms-requests`);
    expect(request.status).toBe(201);
    expect(request.body).toMatchObject({ numberId: bobs.body.id, status: 'pending' });
    expect((await admin().post(`/api/admin/sms-requests/${request.body.id}/approve`)).status).toBeLessThan(300);
    expect((await as(bob.apiKey).get('/api/me')).body).toMatchObject({ smsEnabled: true, senderNumbers: [expect.objectContaining({ phoneNumber: BOB_NUMBER, smsEnabled: true })] });
  });

  it('the mirror brings the demo org’s people and their flags', async () => {
    const stats = await runJob('mirror');
    expect(stats.salesforceApiCalls).toBeGreaterThan(0);
    const screen = await as(alice.apiKey).get(`/api/records/${demo.contacts.jane.slice(0, 15)}/sms`);
    expect(screen.status).toBe(200);
    expect(screen.body).toMatchObject({ record: { id: demo.contacts.jane, type: 'Contact', name: 'Jane Doe' }, canSend: true, blockedReason: null });
    const omar = await as(alice.apiKey).get(`/api/records/${demo.contacts.omar}/sms`);
    expect(omar.body).toMatchObject({ canSend: false, blockedReason: 'DO_NOT_CALL' });
  });

  let firstMessageId: string;

  it('Alice texts Jane; Twilio delivers; the status comes back signed', async () => {
    const sent = await as(alice.apiKey).post('/api/messages', { recordId: demo.contacts.jane, from: ALICE_NUMBER, to: JANE_MOBILE, body: 'Hi Jane, do you have 10 minutes tomorrow?' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ direction: 'outbound', from: ALICE_NUMBER, to: JANE_MOBILE, encoding: 'GSM-7', segments: 1, prospectId: demo.contacts.jane, crmActivityId: null });
    firstMessageId = sent.body.id;
    expect(t.twilio.created).toHaveLength(1);
    await t.twilio.waitForCallback(sent.body.providerSid, 'delivered');
    const thread = await as(alice.apiKey).get(`/api/prospects/${demo.contacts.jane}/messages`);
    expect(thread.body.map((m: { status: string }) => m.status)).toEqual(['delivered']);
  });

  it('the activity flush writes one Task on Jane’s timeline with every field the contract names', async () => {
    await runJob('activity-flush');
    const tasks = ourTasks();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      SMS_Message_Id__c: firstMessageId,
      WhoId: demo.contacts.jane,
      WhatId: demo.accounts.acme,
      OwnerId: demo.users.alice,
      Status: 'Completed',
      Subject: 'SMS sent to Jane Doe',
    });
    expect(String(tasks[0].Description)).toContain('Hi Jane, do you have 10 minutes tomorrow?');
    const thread = await as(alice.apiKey).get(`/api/prospects/${demo.contacts.jane}/messages`);
    expect(thread.body[0].crmActivityId).toBe(tasks[0].Id);
  });

  it('Jane replies: the thread grows and Alice is notified with the record to open', async () => {
    const reply = await t.twilio.sendInbound({ from: JANE_MOBILE, to: ALICE_NUMBER, body: 'Sure, 3pm works' });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/xml/);
    const notifications = await as(alice.apiKey).get('/api/notifications');
    expect(notifications.body).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'sms_reply', prospectName: 'Jane Doe', preview: 'Sure, 3pm works', read: false })]));
    expect((await as(bob.apiKey).get('/api/notifications')).body).toEqual([]);
    const thread = await as(bob.apiKey).get(`/api/prospects/${demo.contacts.jane}/messages`);
    expect(thread.body.map((m: { direction: string; body: string }) => [m.direction, m.body])).toEqual([
      ['outbound', 'Hi Jane, do you have 10 minutes tomorrow?'],
      ['inbound', 'Sure, 3pm works'],
    ]);
  });

  it('Jane texts STOP: one confirmation, and nobody in the org can text her — before Twilio is asked', async () => {
    const creates = t.twilio.created.length;
    expect((await t.twilio.sendInbound({ from: JANE_MOBILE, to: ALICE_NUMBER, body: 'stop' })).status).toBe(200);
    await t.twilio.settled();
    const confirmations = t.twilio.created.slice(creates);
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]).toMatchObject({ to: JANE_MOBILE, from: ALICE_NUMBER });
    expect(confirmations[0].body).toMatch(/START/);
    const refused = await as(bob.apiKey).post('/api/messages', { recordId: demo.contacts.jane, from: BOB_NUMBER, to: JANE_MOBILE, body: 'Hello from Bob' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('OPTED_OUT');
    expect(t.twilio.created).toHaveLength(creates + 1);
    const consent = await admin().get(`/api/admin/consent?phone=${encodeURIComponent(JANE_MOBILE)}`);
    expect(consent.status).toBe(200);
    expect(JSON.stringify(consent.body)).toMatch(/keyword/);
  });

  it('the next flush writes Do_Not_SMS__c back and logs every message exactly once', async () => {
    await runJob('activity-flush');
    expect(t.salesforce.get('Contact', demo.contacts.jane)?.Do_Not_SMS__c).toBe(true);
    const thread = await as(alice.apiKey).get(`/api/prospects/${demo.contacts.jane}/messages`);
    const ids = thread.body.map((m: { id: string }) => m.id).sort();
    expect(ids).toHaveLength(4); // text, reply, STOP, confirmation
    expect(ourTasks().map((task) => task.SMS_Message_Id__c).sort()).toEqual(ids);
    const reply = ourTasks().find((task) => String(task.Subject).startsWith('SMS received'));
    expect(reply).toMatchObject({ Subject: 'SMS received from Jane Doe', OwnerId: demo.users.alice, WhoId: demo.contacts.jane });
  });

  it('a Task deleted in Salesforce behind our back is restored by reconcile, once', async () => {
    const victim = ourTasks().find((task) => task.SMS_Message_Id__c === firstMessageId)!;
    t.salesforce.delete('Task', String(victim.Id));
    expect(ourTasks()).toHaveLength(3);
    await runJob('reconcile');
    await runJob('activity-flush');
    const after = ourTasks();
    expect(after).toHaveLength(4);
    expect(after.filter((task) => task.SMS_Message_Id__c === firstMessageId)).toHaveLength(1);
    await runJob('reconcile');
    await runJob('activity-flush');
    expect(ourTasks()).toHaveLength(4);
  });

  it('sync status shows the watermarks, the outbox and the last run of each job', async () => {
    const status = await admin().get('/api/admin/sync/status');
    expect(status.status).toBe(200);
    expect(status.body.outboxDepth).toBe(0);
    expect(JSON.stringify(status.body.watermarks)).toMatch(/Contact/);
    expect(status.body.jobs.mirror.lastRun.status).toBe('succeeded');
    expect(status.body.jobs.reconcile.lastRun.status).toBe('succeeded');
  });

  it('a text from a number no prospect holds is kept, notified, and still logged — without a WhoId', async () => {
    const stranger = '+13125550199';
    expect((await t.twilio.sendInbound({ from: stranger, to: ALICE_NUMBER, body: 'Got your card at the expo' })).status).toBe(200);
    expect((await as(alice.apiKey).get('/api/notifications')).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'sms_reply', preview: 'Got your card at the expo', recordId: null })]),
    );
    await runJob('activity-flush');
    const task = ourTasks().find((candidate) => String(candidate.Description).includes('Got your card at the expo'));
    expect(task).toMatchObject({ Subject: `SMS received from ${stranger}`, OwnerId: demo.users.alice, Status: 'Completed' });
    expect(task?.WhoId ?? null).toBeNull();
    expect(task?.WhatId ?? null).toBeNull();
  });
});
