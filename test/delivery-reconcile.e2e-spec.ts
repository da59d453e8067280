import { Clock } from '../src/common/clock';
import { Message } from '../src/messaging/message.entity';
import { DemoOrgIds, seedDemoOrg } from '../src/sandbox/salesforce';
import { createScratchDatabase, onPostgres } from './support/postgres';
import { ADMIN_KEY, startTestStack, TestStack } from './support/test-app';

/**
 * `delivery-reconcile` against both stand-ins over HTTP (the real twilio SDK and jsforce), on both
 * engines: sends whose Twilio answer was lost, status callbacks lost, keyword replies whose outcome
 * is unknown — each resolved to what Twilio holds, the Task agreeing, nothing sent twice.
 */
type Backend = { env: Record<string, string>; cleanup: () => Promise<void> };
const backends: [string, () => Promise<Backend>][] = [
  ['SQLite', async () => ({ env: { DATABASE_URL: 'sqlite::memory:' }, cleanup: async () => undefined })],
  ...onPostgres('PostgreSQL', async () => {
    const db = await createScratchDatabase();
    return { env: { DATABASE_URL: db.url }, cleanup: db.drop };
  }),
];

const ALICE_NUMBER = '+12125550190';
const MINUTE = 60_000;

describe.each(backends)('delivery-reconcile on %s', (_name, makeBackend) => {
  let t: TestStack;
  let cleanup: () => Promise<void>;
  let demo: DemoOrgIds;
  let alice: string;
  /** prospects of our own in the org, a fresh one per test (an opt-out is for good) */
  const prospects: { id: string; phone: string }[] = [];
  let next = 0;
  const aProspect = () => prospects[next++];

  const as = (key: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${key}`),
    post: (path: string, body?: object) => t.http().post(path).set('Authorization', `Bearer ${key}`).send(body),
  });
  const messages = () => t.dataSource.getRepository(Message);
  const message = (id: string) => messages().findOneByOrFail({ id });
  /** The service's clock `ms` ahead of now (the job's delays are measured on it). */
  const clockAhead = (ms: number) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + ms));

  async function runJob(job: string): Promise<Record<string, number>> {
    const started = await as(ADMIN_KEY).post(`/api/admin/sync/${job}`);
    expect(started.status).toBe(202);
    for (let i = 0; i < 400; i++) {
      const run = await as(ADMIN_KEY).get(`/api/admin/sync/runs/${started.body.runId}`);
      if (run.body.status !== 'running') {
        expect(run.body).toMatchObject({ job, status: 'succeeded' });
        return run.body.stats;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`${job} did not finish`);
  }
  const reconcileAt = async (msAhead: number) => {
    clockAhead(msAhead);
    try {
      return await runJob('delivery-reconcile');
    } finally {
      jest.restoreAllMocks();
    }
  };
  const taskOf = (messageId: string) => t.salesforce.table('Task').filter((task) => task.SMS_Message_Id__c === messageId);
  const send = (to: { id: string; phone: string }, body: string) => as(aliceKey).post('/api/messages', { recordId: to.id, from: ALICE_NUMBER, to: to.phone, body });
  let aliceKey: string;

  beforeAll(async () => {
    const backend = await makeBackend();
    cleanup = backend.cleanup;
    t = await startTestStack(backend.env);
    demo = seedDemoOrg(t.salesforce);
    for (let i = 0; i < 12; i++) {
      const phone = `+1212555${String(2100 + i)}`;
      const id = t.salesforce.insert('Contact', { FirstName: 'Test', LastName: `Prospect ${i}`, AccountId: demo.accounts.acme, OwnerId: demo.users.alice, MobilePhone: phone, SMS_Enrolled__c: true });
      prospects.push({ id, phone });
    }
    const user = await as(ADMIN_KEY).post('/api/admin/users', { salesforceUserId: demo.users.alice, name: 'Alice Rep', email: 'alice@demo.example', role: 'rep' });
    expect(user.status).toBe(201);
    alice = user.body.id;
    aliceKey = user.body.apiKey;
    expect((await as(ADMIN_KEY).post('/api/admin/numbers', { phoneNumber: ALICE_NUMBER, userId: alice, kind: 'direct', smsEnabled: true })).status).toBe(201);
    await runJob('mirror');
  });
  afterAll(async () => {
    await t.close();
    await cleanup();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await t.twilio.settled();
    t.twilio.reset();
    t.twilio.callbackMode = 'auto';
    // what a test leaves due must not be checked by the next one
    await messages().createQueryBuilder().update().set({ deliveryCheckAt: null }).execute();
  });

  it('a send whose Twilio answer was lost: 503 to the rep; the next run records Twilio’s sid and final status, and the Task agrees', async () => {
    const jane = aProspect();
    t.twilio.failNext(1, 'answer-lost');
    const res = await send(jane, 'Are you free Thursday at 2?');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('PROVIDER_UNAVAILABLE');
    const id = res.body.error.details.messageId;
    expect(await message(id)).toMatchObject({ status: 'failed', errorCode: 'ECONNRESET', providerSid: null });
    // Twilio took it all the same, and delivered it; its callbacks name a sid the service never learned
    expect(t.twilio.created).toHaveLength(1);
    const twilioSid = t.twilio.created[0].sid;
    await t.twilio.waitForCallback(twilioSid, 'delivered');
    await runJob('activity-flush');
    expect(taskOf(id)).toHaveLength(1);
    expect(taskOf(id)[0].Description).toContain('Status: failed (error ECONNRESET)');

    // within DELIVERY_UNKNOWN_AFTER_SECONDS nothing is asked
    expect(await reconcileAt(0)).toMatchObject({ checked: 0, providerCalls: 0 });
    const stats = await reconcileAt(MINUTE + 1000);
    expect(stats).toMatchObject({ checked: 1, sidsLearned: 1, markedNotSent: 0, providerErrors: 0, salesforceApiCalls: 0 });
    expect(await message(id)).toMatchObject({ status: 'delivered', errorCode: null, providerSid: twilioSid, deliveryCheckAt: null });
    const thread = await as(aliceKey).get(`/api/prospects/${jane.id}/messages`);
    expect(thread.body.find((m: { id: string }) => m.id === id)).toMatchObject({ status: 'delivered', providerSid: twilioSid });

    await runJob('activity-flush');
    expect(taskOf(id)).toHaveLength(1);
    expect(taskOf(id)[0].Description).toContain('Status: delivered');
    expect(taskOf(id)[0].Description).not.toContain('error');
    // never sent again, and nothing more to ask
    expect(t.twilio.created).toHaveLength(1);
    expect(await reconcileAt(60 * MINUTE)).toMatchObject({ checked: 0 });
  });

  it('a send Twilio never took (a 500, nothing created): asked again until the safe delay, then failed NOT_SENT, never re-sent', async () => {
    const prospect = aProspect();
    t.twilio.failNext(1, 'server-error');
    const res = await send(prospect, 'Quick question about your order');
    expect(res.status).toBe(503);
    const id = res.body.error.details.messageId;
    expect(await message(id)).toMatchObject({ status: 'failed', errorCode: '20500' });

    expect(await reconcileAt(MINUTE + 1000)).toMatchObject({ checked: 1, stillUnknown: 1, markedNotSent: 0 });
    expect(await message(id)).toMatchObject({ status: 'failed', errorCode: '20500' });
    expect(await reconcileAt(5 * MINUTE + 1000)).toMatchObject({ checked: 1, markedNotSent: 1 });
    expect(await message(id)).toMatchObject({ status: 'failed', errorCode: 'NOT_SENT', providerSid: null, deliveryCheckAt: null });
    await runJob('activity-flush');
    expect(taskOf(id)[0].Description).toContain('Status: failed (error NOT_SENT)');
    expect(t.twilio.created).toHaveLength(0);
    expect(await reconcileAt(60 * MINUTE)).toMatchObject({ checked: 0 });
  });

  it('a 503 (certainly not taken) is never asked about', async () => {
    t.twilio.failNext(1, 'unavailable');
    const res = await send(aProspect(), 'Hello there');
    expect(res.status).toBe(503);
    expect(await message(res.body.error.details.messageId)).toMatchObject({ status: 'failed', errorCode: '20503', deliveryCheckAt: null });
    expect(await reconcileAt(60 * MINUTE)).toMatchObject({ checked: 0, providerCalls: 0 });
  });

  it('lost status callbacks: a stale status is fetched by sid and moved on, the Task updated; a status still not final is asked again later', async () => {
    t.twilio.callbacksLost = true;
    const [delivered, undelivered, stuck] = [aProspect(), aProspect(), aProspect()];
    t.twilio.setOutcome(undelivered.phone, { status: 'undelivered', errorCode: 30003 });
    const sent: { id: string; providerSid: string }[] = [];
    for (const [prospect, body] of [[delivered, 'First'], [undelivered, 'Second']] as const) {
      const res = await send(prospect, body);
      expect(res.status).toBe(201);
      sent.push(res.body);
    }
    t.twilio.callbackMode = 'manual';
    const stuckSend = await send(stuck, 'Third');
    expect(stuckSend.status).toBe(201);
    await t.twilio.deliverNow(stuckSend.body.providerSid, 'sent');
    await t.twilio.waitForCallback(sent[0].providerSid, 'delivered');
    await t.twilio.waitForCallback(sent[1].providerSid, 'undelivered');
    for (const m of [...sent, stuckSend.body]) expect(await message(m.id)).toMatchObject({ status: 'queued' });
    await runJob('activity-flush');
    expect(taskOf(sent[0].id)[0].Description).toContain('Status: queued');

    // not before DELIVERY_STALE_AFTER_SECONDS
    expect(await reconcileAt(5 * MINUTE)).toMatchObject({ checked: 0 });
    const stats = await reconcileAt(10 * MINUTE + 1000);
    expect(stats).toMatchObject({ checked: 3, statusesRepaired: 3, sidsLearned: 0 });
    expect(await message(sent[0].id)).toMatchObject({ status: 'delivered', errorCode: null, deliveryCheckAt: null });
    expect(await message(sent[1].id)).toMatchObject({ status: 'undelivered', errorCode: '30003', deliveryCheckAt: null });
    const stillSent = await message(stuckSend.body.id);
    expect(stillSent.status).toBe('sent');
    // asked again after as long as it has been in flight (about 10 minutes)
    expect(Date.parse(stillSent.deliveryCheckAt!) - Date.now()).toBeGreaterThan(19 * MINUTE);

    await runJob('activity-flush');
    expect(taskOf(sent[0].id)[0].Description).toContain('Status: delivered');
    expect(taskOf(sent[1].id)[0].Description).toContain('Status: undelivered (error 30003)');
    expect(taskOf(stuckSend.body.id)[0].Description).toContain('Status: sent');
    expect(t.salesforce.table('Task').filter((task) => [...sent, stuckSend.body].some((m) => m.id === task.SMS_Message_Id__c))).toHaveLength(3);

    // the next check of the stuck one finds it delivered
    await t.twilio.deliverNow(stuckSend.body.providerSid, 'delivered');
    expect(await reconcileAt(10 * MINUTE + 1000)).toMatchObject({ checked: 0 });
    expect(await reconcileAt(21 * MINUTE)).toMatchObject({ checked: 1, statusesRepaired: 1 });
    expect(await message(stuckSend.body.id)).toMatchObject({ status: 'delivered', deliveryCheckAt: null });
  });

  describe('a keyword reply in flight', () => {
    const confirmationsTo = (phone: string) => t.twilio.created.filter((m) => m.to === phone && /unsubscribed/.test(m.body));
    const replyTo = async (stopSid: string) => {
      const stop = await messages().findOneByOrFail({ providerSid: stopSid });
      return messages().findOneByOrFail({ replyToId: stop.id });
    };

    it('Twilio took the confirmation but its answer was lost: its sid and status are recorded, nothing is sent again', async () => {
      const prospect = aProspect();
      t.twilio.failNext(1, 'answer-lost');
      const stop = await t.twilio.sendInbound({ from: prospect.phone, to: ALICE_NUMBER, body: 'STOP' });
      expect(stop.status).toBe(200);
      const reply = await replyTo(stop.messageSid);
      expect(reply).toMatchObject({ status: 'failed', errorCode: 'ECONNRESET', providerSid: null });
      expect(confirmationsTo(prospect.phone)).toHaveLength(1);
      await t.twilio.waitForCallback(confirmationsTo(prospect.phone)[0].sid, 'delivered');

      expect(await reconcileAt(MINUTE + 1000)).toMatchObject({ checked: 1, sidsLearned: 1, repliesResent: 0 });
      expect(await message(reply.id)).toMatchObject({ status: 'delivered', providerSid: confirmationsTo(prospect.phone)[0].sid, deliveryCheckAt: null });
      await runJob('activity-flush');
      expect(taskOf(reply.id)).toHaveLength(1);
      expect(taskOf(reply.id)[0]).toMatchObject({ WhoId: prospect.id });
      expect(taskOf(reply.id)[0].Description).toContain('Status: delivered');

      await runJob('keyword-replies');
      expect(await reconcileAt(60 * MINUTE)).toMatchObject({ checked: 0 });
      expect(confirmationsTo(prospect.phone)).toHaveLength(1);
    });

    it('Twilio never got the confirmation (a 500): sent once after the safe delay, never twice', async () => {
      const prospect = aProspect();
      t.twilio.failNext(1, 'server-error');
      const stop = await t.twilio.sendInbound({ from: prospect.phone, to: ALICE_NUMBER, body: 'STOP' });
      expect(stop.status).toBe(200);
      const reply = await replyTo(stop.messageSid);
      expect(reply).toMatchObject({ status: 'failed', errorCode: '20500', providerSid: null });
      expect(confirmationsTo(prospect.phone)).toHaveLength(0);

      // the sweep does not touch it; the job waits for the safe delay before believing Twilio has none
      await runJob('keyword-replies');
      expect(await reconcileAt(MINUTE + 1000)).toMatchObject({ stillUnknown: 1, repliesResent: 0 });
      expect(confirmationsTo(prospect.phone)).toHaveLength(0);
      expect(await reconcileAt(5 * MINUTE + 1000)).toMatchObject({ checked: 1, repliesResent: 1 });
      expect(confirmationsTo(prospect.phone)).toHaveLength(1);
      const sent = await message(reply.id);
      expect(sent).toMatchObject({ providerSid: confirmationsTo(prospect.phone)[0].sid, errorCode: null, sendAttempts: 2 });
      await t.twilio.waitForCallback(sent.providerSid!, 'delivered');
      expect(await message(reply.id)).toMatchObject({ status: 'delivered', deliveryCheckAt: null });

      // nothing runs it again: later runs, the sweep
      await runJob('keyword-replies');
      expect(await reconcileAt(60 * MINUTE)).toMatchObject({ checked: 0 });
      expect(confirmationsTo(prospect.phone)).toHaveLength(1);
      await runJob('activity-flush');
      expect(taskOf(reply.id)).toHaveLength(1);
    });

    it('a reply whose claim was left by a dead process: found at Twilio, or sent once when Twilio has none', async () => {
      const [found, missing] = [aProspect(), aProspect()];
      // what a kill -9 during the provider call leaves: the reply claimed, no outcome
      const stops: { messageSid: string }[] = [];
      for (const prospect of [found, missing]) {
        t.twilio.failNext(1, prospect === found ? 'answer-lost' : 'server-error');
        stops.push(await t.twilio.sendInbound({ from: prospect.phone, to: ALICE_NUMBER, body: 'STOP' }));
      }
      const replies = await Promise.all(stops.map((s) => replyTo(s.messageSid)));
      for (const reply of replies) await messages().update({ id: reply.id }, { status: 'queued', errorCode: null });
      await runJob('keyword-replies');
      expect(confirmationsTo(found.phone)).toHaveLength(1);
      expect(confirmationsTo(missing.phone)).toHaveLength(0);

      expect(await reconcileAt(5 * MINUTE + 1000)).toMatchObject({ checked: 2, sidsLearned: 1, repliesResent: 1 });
      expect(confirmationsTo(found.phone)).toHaveLength(1);
      expect(confirmationsTo(missing.phone)).toHaveLength(1);
      expect(await message(replies[0].id)).toMatchObject({ providerSid: confirmationsTo(found.phone)[0].sid });
      expect(await message(replies[1].id)).toMatchObject({ providerSid: confirmationsTo(missing.phone)[0].sid });
      expect(await reconcileAt(60 * MINUTE)).toMatchObject({ repliesResent: 0, sidsLearned: 0 });
    });
  });
});
