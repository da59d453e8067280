import { randomUUID } from 'node:crypto';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Clock } from '../src/common/clock';
import { ConsentService } from '../src/consent/consent.service';
import { Message } from '../src/messaging/message.entity';
import { KeywordReplySender } from '../src/messaging/replies/keyword-reply-sender.service';
import { KeywordReplySweep } from '../src/messaging/replies/keyword-reply-sweep.service';
import { MAX_REPLY_SEND_ATTEMPTS, REPLY_SWEEP_GRACE_MS, REPLY_RETRY_MAX_DELAY_MS } from '../src/messaging/replies/reply-send-policy';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { aMessage } from './factories/activity.factory';
import { seedProspect, seedRep } from './factories/crm';
import { createScratchDatabase, onPostgres } from './support/postgres';
import { AppWithTwilio, startAppWithTwilio } from './support/with-twilio';

const REP_NUMBER = '+14155550100';
const CONFIRMATION = 'Sales SMS: You are unsubscribed and will receive no more messages. Reply START to resubscribe.';
let phoneSequence = 0;
/** a fresh prospect number per test, so no consent state carries over */
const aPhone = () => `+1617555${String(2000 + ++phoneSequence).padStart(4, '0')}`;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

type Backend = { env: Record<string, string>; cleanup: () => Promise<void> };
const backends: [string, () => Promise<Backend>][] = [
  ['SQLite', async () => ({ env: { DATABASE_URL: 'sqlite::memory:' }, cleanup: async () => undefined })],
  ...onPostgres('PostgreSQL', async () => {
    const db = await createScratchDatabase();
    return { env: { DATABASE_URL: db.url }, cleanup: db.drop };
  }),
];

describe.each(backends)('keyword replies left queued, sent once by the sweep (%s)', (_name, makeBackend) => {
  let env: AppWithTwilio;
  let cleanup: () => Promise<void>;
  let rep: Awaited<ReturnType<typeof seedRep>>;
  let sweep: KeywordReplySweep;

  const messages = () => env.t.dataSource.getRepository(Message);
  const outbox = () => env.t.dataSource.getRepository(OutboxEntry);
  /** Moves the service's clock `ms` ahead of now. */
  const later = (ms: number) => jest.spyOn(env.t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + ms));
  const afterGrace = () => later(REPLY_SWEEP_GRACE_MS + 1_000);

  /** What a crash between the inbound commit and the provider call leaves: the STOP, and its reply queued, never claimed. */
  async function crashLeftReply(phone: string, o: Partial<Message> = {}): Promise<Message> {
    const at = minutesAgo(1);
    const inbound = aMessage({ direction: 'inbound', status: 'received', fromNumber: phone, toNumber: REP_NUMBER, body: 'STOP', providerSid: `SM${randomUUID().replace(/-/g, '')}`, userId: rep.user.id, createdAt: at, updatedAt: at });
    const reply = aMessage({ direction: 'outbound', status: 'queued', fromNumber: REP_NUMBER, toNumber: phone, body: CONFIRMATION, userId: rep.user.id, replyToId: inbound.id, createdAt: at, updatedAt: at, ...o });
    // one at a time: a multi-row insert reloads the defaults into the wrong entities on SQLite
    await messages().insert(inbound);
    await messages().insert(reply);
    return reply;
  }

  beforeAll(async () => {
    const backend = await makeBackend();
    cleanup = backend.cleanup;
    env = await startAppWithTwilio(backend.env);
    rep = await seedRep(env.t.dataSource, REP_NUMBER);
    sweep = env.t.app.get(KeywordReplySweep);
  });
  afterAll(async () => {
    await env.close();
    await cleanup();
  });
  beforeEach(() => env.twilio.reset());
  afterEach(async () => {
    jest.restoreAllMocks();
    // what a test leaves queued must not be swept by the next one
    await messages().createQueryBuilder().update().set({ status: 'failed' }).where("status = 'queued'").execute();
  });

  it('Twilio down when STOP arrives: the reply stays queued; once Twilio is back the sweep sends exactly one confirmation', async () => {
    const phone = aPhone();
    const prospect = await seedProspect(env.t.dataSource, phone);
    env.twilio.failNext(1, 'unavailable');
    const stop = await env.twilio.sendInbound({ from: phone, to: REP_NUMBER, body: 'STOP' });
    expect(stop.status).toBe(200);
    expect(await env.t.app.get(ConsentService).isOptedOut(phone)).toBe(true);
    expect(env.twilio.calls.create).toBe(1);
    expect(env.twilio.created).toHaveLength(0);

    const inbound = await messages().findOneByOrFail({ providerSid: stop.messageSid });
    const reply = await messages().findOneByOrFail({ replyToId: inbound.id });
    expect(reply).toMatchObject({ direction: 'outbound', status: 'queued', providerSid: null, errorCode: '20503', sendAttempts: 1, sendClaimedAt: null, toNumber: phone, fromNumber: REP_NUMBER });

    // within the grace period the sweep leaves it alone
    expect(await sweep.sweep()).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    expect(env.twilio.calls.create).toBe(1);

    afterGrace();
    expect(await sweep.sweep()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    expect(env.twilio.created).toHaveLength(1);
    expect(env.twilio.created[0]).toMatchObject({ to: phone, from: REP_NUMBER, body: reply.body });
    expect(env.twilio.created[0].body).toMatch(/Reply START to resubscribe/);
    const sent = await messages().findOneByOrFail({ id: reply.id });
    expect(sent).toMatchObject({ providerSid: env.twilio.created[0].sid, errorCode: null, sendAttempts: 2 });
    expect(sent.status).not.toBe('failed');
    expect(await outbox().countBy({ kind: 'task_upsert', aggregateId: reply.id })).toBe(1);
    expect(prospect.id).toBe(sent.prospectId);

    // later sweeps find nothing more to send
    later(60 * 60_000);
    expect(await sweep.sweep()).toMatchObject({ sent: 0, skipped: 0 });
    expect(env.twilio.calls.create).toBe(2);
  });

  it('a crash after the commit (reply queued, never claimed): one send, never a second', async () => {
    const phone = aPhone();
    const reply = await crashLeftReply(phone);
    expect(await sweep.sweep()).toMatchObject({ sent: 1 });
    expect(await sweep.sweep()).toMatchObject({ sent: 0 });
    expect(env.twilio.created.map((m) => [m.to, m.body])).toEqual([[phone, CONFIRMATION]]);
    expect(await messages().findOneByOrFail({ id: reply.id })).toMatchObject({ providerSid: env.twilio.created[0].sid, sendAttempts: 1 });
  });

  it('two sweeps racing, and the inbound path racing a sweep, send each reply once', async () => {
    const phones = [aPhone(), aPhone(), aPhone(), aPhone()];
    const replies = await Promise.all(phones.map((phone) => crashLeftReply(phone)));
    const sweeps = await Promise.all([sweep.sweep(), sweep.sweep(), sweep.sweep()]);
    expect(sweeps.reduce((n, r) => n + r.sent, 0)).toBe(phones.length);
    // they did contend: each read the replies before the others' claims, and lost those claims
    expect(sweeps.reduce((n, r) => n + r.skipped, 0)).toBeGreaterThan(0);
    expect(env.twilio.created.map((m) => m.to).sort()).toEqual([...phones].sort());

    const last = await crashLeftReply(aPhone());
    const sender = env.t.app.get(KeywordReplySender);
    const [direct, swept] = await Promise.all([sender.send(last), sweep.sweep()]);
    expect(Number(direct !== null) + swept.sent).toBe(1);
    expect(env.twilio.created).toHaveLength(phones.length + 1);
    for (const reply of [...replies, last]) expect((await messages().findOneByOrFail({ id: reply.id })).sendAttempts).toBe(1);
  });

  it('leaves a rep’s sends alone: one that failed with 503, and one left queued by a crash', async () => {
    const phone = aPhone();
    const prospect = await seedProspect(env.t.dataSource, phone);
    env.twilio.failNext(1, 'unavailable');
    const res = await env.t.http().post('/api/messages').set('Authorization', `Bearer ${rep.apiKey}`).send({ recordId: prospect.id, from: REP_NUMBER, body: 'Hi, quick question' });
    expect(res.status).toBe(503);
    const failed = await messages().findOneByOrFail({ id: res.body.error.details.messageId });
    expect(failed).toMatchObject({ status: 'failed', replyToId: null });
    const stuck = aMessage({ status: 'queued', fromNumber: REP_NUMBER, toNumber: phone, userId: rep.user.id, createdAt: minutesAgo(5), updatedAt: minutesAgo(5) });
    await messages().insert(stuck);

    later(60 * 60_000);
    expect(await sweep.sweep()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(env.twilio.calls.create).toBe(1);
    expect(await messages().findOneByOrFail({ id: failed.id })).toEqual(failed);
    expect(await messages().findOneByOrFail({ id: stuck.id })).toMatchObject({ status: 'queued', providerSid: null, sendAttempts: 0 });
  });

  it('marks a permanent refusal failed with the provider’s code and never asks again', async () => {
    const phone = aPhone();
    const reply = await crashLeftReply(phone);
    env.twilio.rejectRecipient(phone);
    expect(await sweep.sweep()).toMatchObject({ failed: 1 });
    expect(await messages().findOneByOrFail({ id: reply.id })).toMatchObject({ status: 'failed', errorCode: '21211', providerSid: null });
    later(60 * 60_000);
    await sweep.sweep();
    expect(env.twilio.calls.create).toBe(1);
    expect(await outbox().countBy({ kind: 'task_upsert', aggregateId: reply.id })).toBe(0);
  });

  it('never retries an outcome it cannot know (500, timeout): it leaves the reply to delivery-reconcile, which asks Twilio', async () => {
    const reply = await crashLeftReply(aPhone());
    env.twilio.failNext(1, 'server-error');
    expect(await sweep.sweep()).toMatchObject({ failed: 1 });
    const failed = await messages().findOneByOrFail({ id: reply.id });
    expect(failed).toMatchObject({ status: 'failed', errorCode: '20500' });
    // due for delivery-reconcile a minute after the attempt (DELIVERY_UNKNOWN_AFTER_SECONDS)
    expect(Date.parse(failed.deliveryCheckAt!) - Date.parse(failed.sendClaimedAt!)).toBe(60_000);
    later(60 * 60_000);
    await sweep.sweep();
    expect(env.twilio.calls.create).toBe(1);
  });

  it('retries an outage with back-off, and gives up after the last attempt', async () => {
    const reply = await crashLeftReply(aPhone());
    env.twilio.failNext(MAX_REPLY_SEND_ATTEMPTS + 1, 'unavailable');
    expect(await sweep.sweep()).toMatchObject({ retrying: 1 });
    let lastAttempt = 0; // ms after now, on the service's clock
    for (let attempt = 2; attempt <= MAX_REPLY_SEND_ATTEMPTS; attempt++) {
      const wait = Math.min(REPLY_SWEEP_GRACE_MS * 2 ** (attempt - 2), REPLY_RETRY_MAX_DELAY_MS);
      // not before the back-off has passed …
      later(lastAttempt + wait - 1_000);
      expect(await sweep.sweep()).toMatchObject({ retrying: 0, failed: 0 });
      expect(env.twilio.calls.create).toBe(attempt - 1);
      // … then once
      lastAttempt += wait + 1_000;
      later(lastAttempt);
      expect(await sweep.sweep()).toMatchObject(attempt < MAX_REPLY_SEND_ATTEMPTS ? { retrying: 1 } : { failed: 1 });
    }
    expect(env.twilio.calls.create).toBe(MAX_REPLY_SEND_ATTEMPTS);
    expect(await messages().findOneByOrFail({ id: reply.id })).toMatchObject({ status: 'failed', errorCode: '20503', sendAttempts: MAX_REPLY_SEND_ATTEMPTS });
    later(24 * 60 * 60_000);
    await sweep.sweep();
    expect(env.twilio.calls.create).toBe(MAX_REPLY_SEND_ATTEMPTS);
  });

  it('never touches a reply whose process died during the provider call (claim held, no outcome): delivery-reconcile resolves it', async () => {
    const reply = await crashLeftReply(aPhone(), { sendAttempts: 1, sendClaimedAt: minutesAgo(11) });
    later(60 * 60_000);
    expect(await sweep.sweep()).toMatchObject({ sent: 0, failed: 0, skipped: 0 });
    expect(env.twilio.calls.create).toBe(0);
    expect(await messages().findOneByOrFail({ id: reply.id })).toMatchObject({ status: 'queued', errorCode: null, sendAttempts: 1 });
  });
});

describe('the keyword reply sweep on its schedule', () => {
  let env: AppWithTwilio;
  beforeAll(async () => {
    env = await startAppWithTwilio({ REPLY_SWEEP_CRON: '* * * * * *' });
  });
  afterAll(() => env.close());

  it('is registered and sends a reply left queued without being asked', async () => {
    expect(env.t.app.get(SchedulerRegistry).getCronJob('job:keyword-replies')).toBeDefined();
    const rep = await seedRep(env.t.dataSource, REP_NUMBER);
    const at = minutesAgo(1);
    const reply = aMessage({ direction: 'outbound', status: 'queued', fromNumber: REP_NUMBER, toNumber: '+16175559999', body: CONFIRMATION, userId: rep.user.id, replyToId: randomUUID(), createdAt: at, updatedAt: at });
    await env.t.dataSource.getRepository(Message).insert(reply);
    const deadline = Date.now() + 5_000;
    while (env.twilio.created.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(env.twilio.created.map((m) => m.to)).toEqual(['+16175559999']);
  });
});
