import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { ConsentCrmFlag } from '../src/consent/consent-crm-flag.entity';
import { ConsentService } from '../src/consent/consent.service';
import { Message } from '../src/messaging/message.entity';
import { Notification } from '../src/notifications/notification.entity';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { seedProspect, seedRep } from './factories/crm';
import { openEventStream } from './support/event-stream';
import { startAppWithTwilio, AppWithTwilio } from './support/with-twilio';

const REP_A_NUMBER = '+14155550100';
const REP_B_NUMBER = '+12125550100';
const SHARED = '+14155550123'; // a household line: two prospects
const SOLO = '+16175550142';
const STRANGER = '+13125550199';

describe('inbound SMS: replies, threads, notifications, keywords and the consent ledger', () => {
  let env: AppWithTwilio;
  let repA: Awaited<ReturnType<typeof seedRep>>;
  let repB: Awaited<ReturnType<typeof seedRep>>;
  let dana: Awaited<ReturnType<typeof seedProspect>>;
  let sam: Awaited<ReturnType<typeof seedProspect>>;
  let solo: Awaited<ReturnType<typeof seedProspect>>;

  const as = (apiKey: string) => ({
    get: (path: string) => env.t.http().get(path).set('Authorization', `Bearer ${apiKey}`),
    post: (path: string, body?: object) => env.t.http().post(path).set('Authorization', `Bearer ${apiKey}`).send(body),
  });
  const messages = () => env.t.dataSource.getRepository(Message);
  const outbox = () => env.t.dataSource.getRepository(OutboxEntry);
  const doNotSmsWrites = async (prospectId: string) =>
    (await outbox().find({ where: { kind: 'do_not_sms', aggregateId: prospectId }, order: { id: 'ASC' } })).map((e) => JSON.parse(e.payload!).value);

  beforeAll(async () => {
    env = await startAppWithTwilio();
    const ds = env.t.dataSource;
    repA = await seedRep(ds, REP_A_NUMBER, { name: 'Avery Rep' });
    repB = await seedRep(ds, REP_B_NUMBER, { name: 'Blake Rep' });
    dana = await seedProspect(ds, SHARED, { name: 'Dana Household', ownerId: null });
    sam = await seedProspect(ds, SHARED, { name: 'Sam Household', objectType: 'Lead' }, 'Phone');
    solo = await seedProspect(ds, SOLO, { name: 'Solo Prospect' });
  });
  afterAll(() => env.close());
  beforeEach(() => env.twilio.reset());

  describe('a reply', () => {
    it('lands in the thread of every prospect holding the number and reaches the owner on the SSE stream', async () => {
      // Avery texted Sam (the Lead) from an Account page earlier: the reply answers that.
      const sent = new Date(Date.now() - 60_000).toISOString();
      await messages().insert({
        id: randomUUID(), direction: 'outbound', fromNumber: REP_A_NUMBER, toNumber: SHARED, body: 'Hi Sam, free Tuesday?', encoding: 'GSM-7',
        segments: 1, status: 'delivered', errorCode: null, providerSid: `SM${randomUUID().replace(/-/g, '')}`, prospectId: sam.id,
        recordId: '001000000000042AAA', userId: repA.user.id, senderNumberId: repA.number.id, idempotencyKey: null, needsReview: false,
        createdAt: sent, updatedAt: sent, crmActivityId: null,
      });
      const stream = await openEventStream(`${env.t.url}/api/notifications/stream?access_token=${encodeURIComponent(repA.apiKey)}`);
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
      const other = await openEventStream(`${env.t.url}/api/notifications/stream`, { Authorization: `Bearer ${repB.apiKey}` });
      try {
        const answer = await env.twilio.sendInbound({ from: SHARED, to: REP_A_NUMBER, body: 'Tuesday works, call me after 3' });
        expect(answer.status).toBe(200);
        expect(answer.contentType).toMatch(/^text\/xml/);
        expect(answer.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');

        const stored = await messages().findOneByOrFail({ providerSid: answer.messageSid });
        expect(stored).toMatchObject({
          direction: 'inbound', status: 'received', fromNumber: SHARED, toNumber: REP_A_NUMBER, prospectId: sam.id,
          recordId: '001000000000042AAA', userId: repA.user.id, senderNumberId: repA.number.id, needsReview: false, encoding: 'GSM-7', segments: 1,
        });

        const event = await stream.next();
        expect(event.id).toEqual(expect.any(String));
        expect(JSON.parse(event.data)).toEqual({
          id: event.id, type: 'sms_reply', messageId: stored.id, recordId: '001000000000042AAA', prospectName: 'Sam Household',
          preview: 'Tuesday works, call me after 3', createdAt: stored.createdAt, read: false,
        });

        for (const prospect of [dana, sam]) {
          // 15-character ids work as well as 18
          const thread = await as(repB.apiKey).get(`/api/prospects/${prospect.id.slice(0, 15)}/messages`);
          expect(thread.status).toBe(200);
          expect(thread.body.map((m: { body: string }) => m.body)).toEqual(['Hi Sam, free Tuesday?', 'Tuesday works, call me after 3']);
          expect(thread.body[1]).toEqual({
            id: stored.id, direction: 'inbound', from: SHARED, to: REP_A_NUMBER, body: 'Tuesday works, call me after 3', encoding: 'GSM-7',
            segments: 1, status: 'received', errorCode: null, providerSid: answer.messageSid, prospectId: sam.id, recordId: '001000000000042AAA',
            userId: repA.user.id, createdAt: stored.createdAt, crmActivityId: null,
          });
        }
        expect((await as(repA.apiKey).get(`/api/prospects/${solo.id}/messages`)).body).toEqual([]);
        expect(await outbox().countBy({ kind: 'task_upsert', aggregateId: stored.id })).toBe(1);
        await new Promise((r) => setTimeout(r, 50));
        expect(other.events).toEqual([]);
      } finally {
        stream.close();
        other.close();
      }
    });

    it('lists notifications for their owner only and marks one read (404 for someone else’s)', async () => {
      const answer = await env.twilio.sendInbound({ from: SOLO, to: REP_B_NUMBER, body: 'Who is this?' });
      const stored = await messages().findOneByOrFail({ providerSid: answer.messageSid });
      const list = await as(repB.apiKey).get('/api/notifications');
      expect(list.status).toBe(200);
      const mine = list.body.find((n: { messageId: string }) => n.messageId === stored.id);
      expect(mine).toMatchObject({ type: 'sms_reply', recordId: solo.id, prospectName: 'Solo Prospect', preview: 'Who is this?', read: false });
      expect((await as(repA.apiKey).get('/api/notifications')).body.some((n: { id: string }) => n.id === mine.id)).toBe(false);

      const foreign = await as(repA.apiKey).post(`/api/notifications/${mine.id}/read`);
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('NOT_FOUND');
      const read = await as(repB.apiKey).post(`/api/notifications/${mine.id}/read`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: mine.id, read: true });
      expect((await as(repB.apiKey).get('/api/notifications?unread=true')).body.some((n: { id: string }) => n.id === mine.id)).toBe(false);
    });

    it('replays what a reconnecting stream missed (Last-Event-ID)', async () => {
      const first = await env.twilio.sendInbound({ from: SOLO, to: REP_B_NUMBER, body: 'one' });
      const [seen] = (await as(repB.apiKey).get('/api/notifications')).body;
      expect(seen.preview).toBe('one');
      await env.twilio.sendInbound({ from: SOLO, to: REP_B_NUMBER, body: 'two' });
      await env.twilio.sendInbound({ from: SOLO, to: REP_B_NUMBER, body: 'three' });
      const stream = await openEventStream(`${env.t.url}/api/notifications/stream?access_token=${repB.apiKey}`, { 'Last-Event-ID': seen.id });
      try {
        await stream.next((e) => JSON.parse(e.data).preview === 'three');
        expect(stream.events.map((e) => JSON.parse(e.data).preview)).toEqual(['two', 'three']);
      } finally {
        stream.close();
      }
      expect(first.status).toBe(200);
    });

    it('keeps a sender no prospect holds as an unmatched conversation', async () => {
      const answer = await env.twilio.sendInbound({ from: STRANGER, to: REP_A_NUMBER, body: 'Got your card at the expo' });
      expect(answer.status).toBe(200);
      const stored = await messages().findOneByOrFail({ providerSid: answer.messageSid });
      expect(stored).toMatchObject({ prospectId: null, recordId: null, userId: repA.user.id });
      const notification = await env.t.dataSource.getRepository(Notification).findOneByOrFail({ messageId: stored.id });
      expect(notification).toMatchObject({ userId: repA.user.id, prospectName: null, recordId: null });
      // still logged to the CRM, without a WhoId: nothing the service holds stays out of Salesforce
      expect(await outbox().findBy({ kind: 'task_upsert', aggregateId: stored.id })).toHaveLength(1);
    });

    it('refuses the stream without a key, and takes ?access_token= nowhere else', async () => {
      expect((await env.t.http().get('/api/notifications/stream')).status).toBe(401);
      expect((await env.t.http().get('/api/notifications/stream?access_token=nope')).status).toBe(401);
      expect((await env.t.http().get(`/api/notifications?access_token=${repA.apiKey}`)).status).toBe(401);
    });
  });

  describe('webhook safety', () => {
    it('acknowledges a replayed MessageSid and stores nothing more', async () => {
      const messageSid = `SM${randomUUID().replace(/-/g, '')}`;
      const first = await env.twilio.sendInbound({ from: SOLO, to: REP_A_NUMBER, body: 'Sounds good', messageSid });
      const before = { messages: await messages().count(), outbox: await outbox().count(), notifications: await env.t.dataSource.getRepository(Notification).count() };
      const again = await env.twilio.sendInbound({ from: SOLO, to: REP_A_NUMBER, body: 'Sounds good', messageSid });
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.body).toBe(first.body);
      expect(await messages().countBy({ providerSid: messageSid })).toBe(1);
      expect({ messages: await messages().count(), outbox: await outbox().count(), notifications: await env.t.dataSource.getRepository(Notification).count() }).toEqual(before);
    });

    it('stores each of many concurrent webhooks exactly once, duplicates arriving together included', async () => {
      const sids = Array.from({ length: 60 }, () => `SM${randomUUID().replace(/-/g, '')}`);
      const before = await env.t.dataSource.getRepository(Notification).count();
      const answers = await Promise.all(
        [...sids, ...sids].map((messageSid, i) => env.twilio.sendInbound({ from: i % 2 ? SOLO : SHARED, to: i % 3 ? REP_A_NUMBER : REP_B_NUMBER, body: `reply ${i % 60}`, messageSid })),
      );
      expect(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.body}`)).toEqual([]);
      const stored = await messages().find({ where: { providerSid: In(sids) } });
      expect(stored).toHaveLength(60);
      expect(await env.t.dataSource.getRepository(Notification).count()).toBe(before + 60);
      expect(await outbox().countBy({ kind: 'task_upsert', aggregateId: In(stored.map((m) => m.id)) })).toBe(60);
    });

    it('stores nothing under a replayed STOP, and sends no second confirmation', async () => {
      const messageSid = `SM${randomUUID().replace(/-/g, '')}`;
      const phone = '+16175550177';
      await env.twilio.sendInbound({ from: phone, to: REP_A_NUMBER, body: 'STOP', messageSid });
      await env.twilio.sendInbound({ from: phone, to: REP_A_NUMBER, body: 'STOP', messageSid });
      expect(env.twilio.created).toHaveLength(1);
      expect(await env.t.app.get(ConsentService).ledger(phone)).toHaveLength(1);
    });

    it('answers a forged or missing signature with 403 and stores nothing', async () => {
      const count = await messages().count();
      for (const signing of ['forged', 'unsigned'] as const) {
        const answer = await env.twilio.sendInbound({ from: SOLO, to: REP_A_NUMBER, body: 'STOP', signing });
        expect(answer.status).toBe(403);
        expect(JSON.parse(answer.body).error.code).toBe('INVALID_SIGNATURE');
      }
      expect(await messages().count()).toBe(count);
      expect(await env.t.app.get(ConsentService).isOptedOut(SOLO)).toBe(false);
      expect(env.twilio.created).toHaveLength(0);
    });
  });

  describe('keywords', () => {
    it('STOP blocks the number org-wide, writes Do-Not-SMS back, confirms exactly once; START restores', async () => {
      const consent = env.t.app.get(ConsentService);
      const stop = await env.twilio.sendInbound({ from: SHARED, to: REP_A_NUMBER, body: '  stop. ' });
      expect(stop.status).toBe(200);
      expect(await consent.isOptedOut(SHARED)).toBe(true);
      expect(await doNotSmsWrites(dana.id)).toEqual([true]);
      expect(await doNotSmsWrites(sam.id)).toEqual([true]);

      // exactly one confirmation, through the API from the number texted, saying how to resubscribe
      expect(env.twilio.created).toHaveLength(1);
      const [confirmation] = env.twilio.created;
      expect(confirmation).toMatchObject({ to: SHARED, from: REP_A_NUMBER });
      expect(confirmation.body).toMatch(/unsubscribed.*Reply START to resubscribe/);
      const stored = await messages().findOneByOrFail({ providerSid: confirmation.sid });
      expect(stored).toMatchObject({ direction: 'outbound', toNumber: SHARED, userId: repA.user.id, body: confirmation.body });
      expect(await outbox().countBy({ kind: 'task_upsert', aggregateId: stored.id })).toBe(1);

      // a second STOP changes nothing and is not confirmed again
      await env.twilio.sendInbound({ from: SHARED, to: REP_B_NUMBER, body: 'STOP' });
      expect(env.twilio.created).toHaveLength(1);

      const start = await env.twilio.sendInbound({ from: SHARED, to: REP_B_NUMBER, body: 'Start' });
      expect(start.status).toBe(200);
      expect(await consent.isOptedOut(SHARED)).toBe(false);
      expect(await doNotSmsWrites(dana.id)).toEqual([true, false]);
      expect(env.twilio.created).toHaveLength(2);
      expect(env.twilio.created[1]).toMatchObject({ to: SHARED, from: REP_B_NUMBER });
      expect(env.twilio.created[1].body).toMatch(/resubscribed/);
      expect(await env.t.dataSource.getRepository(ConsentCrmFlag).countBy({ phoneNumber: SHARED })).toBe(0);

      const ledger = await env.t.admin<{ optedOut: boolean; events: { action: string; source: string; note: string | null; message: { body: string } }[] }>(
        'get',
        `/api/admin/consent?phone=${encodeURIComponent(SHARED)}`,
      );
      expect(ledger.status).toBe(200);
      expect(ledger.body.optedOut).toBe(false);
      expect(ledger.body.events.map((e) => [e.action, e.source, e.message.body])).toEqual([
        ['block', 'keyword', '  stop. '],
        ['block', 'keyword', 'STOP'],
        ['unblock', 'keyword', 'Start'],
      ]);
    });

    it('STOP texted to one rep refuses the next send from another rep and number with OPTED_OUT and no provider call; START restores', async () => {
      const phone = '+16175550133';
      const prospect = await seedProspect(env.t.dataSource, phone, { name: 'Olive Optout' });
      const send = () => as(repB.apiKey).post('/api/messages', { recordId: prospect.id, from: REP_B_NUMBER, body: 'Hi Olive, quick question' });

      await env.twilio.sendInbound({ from: phone, to: REP_A_NUMBER, body: 'Unsubscribe' });
      expect(env.twilio.created).toHaveLength(1); // the confirmation, from Avery's number
      const refused = await send();
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('OPTED_OUT');
      expect(env.twilio.calls.create).toBe(1);

      await env.twilio.sendInbound({ from: phone, to: REP_A_NUMBER, body: 'START' });
      expect(env.twilio.created).toHaveLength(2);
      const sent = await send();
      expect(sent.status).toBe(201);
      expect(env.twilio.created).toHaveLength(3);
      expect(env.twilio.created[2]).toMatchObject({ to: phone, from: REP_B_NUMBER, body: 'Hi Olive, quick question' });
    });

    it('YES from a number that never opted out is a reply, not a resubscription', async () => {
      await env.twilio.sendInbound({ from: SOLO, to: REP_A_NUMBER, body: 'Yes' });
      expect(env.twilio.created).toHaveLength(0);
      expect(await env.t.app.get(ConsentService).ledger(SOLO)).toEqual([]);
    });

    it('answers HELP with the program name and how to opt out', async () => {
      const answer = await env.twilio.sendInbound({ from: SOLO, to: REP_A_NUMBER, body: 'help?' });
      expect(answer.status).toBe(200);
      expect(env.twilio.created).toHaveLength(1);
      expect(env.twilio.created[0]).toMatchObject({ to: SOLO, from: REP_A_NUMBER });
      expect(env.twilio.created[0].body).toMatch(/^Sales SMS: .*Reply STOP to opt out/);
      expect(await env.t.app.get(ConsentService).isOptedOut(SOLO)).toBe(false);
    });

    it('opts out a plain-language request and marks the message and the ledger event for review', async () => {
      const phone = '+16175550188';
      const prospect = await seedProspect(env.t.dataSource, phone);
      const answer = await env.twilio.sendInbound({ from: phone, to: REP_B_NUMBER, body: 'Please stop texting me.' });
      const stored = await messages().findOneByOrFail({ providerSid: answer.messageSid });
      expect(stored.needsReview).toBe(true);
      const report = await env.t.admin<{ optedOut: boolean; source: string; prospects: { id: string }[]; events: { needsReview: boolean; source: string; messageId: string }[] }>(
        'get',
        `/api/admin/consent?phone=${encodeURIComponent('(617) 555-0188')}`,
      );
      expect(report.body).toMatchObject({ optedOut: true, source: 'reasonable_means', prospects: [{ id: prospect.id }] });
      expect(report.body.events).toEqual([expect.objectContaining({ source: 'reasonable_means', needsReview: true, messageId: stored.id })]);
      expect(await doNotSmsWrites(prospect.id)).toEqual([true]);
      expect(env.twilio.created).toHaveLength(1);
      expect(env.twilio.created[0].body).toMatch(/START/);
    });

    it('keeps a Do-Not-SMS that people set in the CRM after the prospect texts START', async () => {
      const phone = '+16175550166';
      const flagged = await seedProspect(env.t.dataSource, phone, { doNotSms: true });
      await env.twilio.sendInbound({ from: phone, to: REP_A_NUMBER, body: 'STOP' });
      await env.twilio.sendInbound({ from: phone, to: REP_A_NUMBER, body: 'UNSTOP' });
      expect(await env.t.app.get(ConsentService).isOptedOut(phone)).toBe(false);
      expect(await doNotSmsWrites(flagged.id)).toEqual([true]);
      const thread = await as(repA.apiKey).get(`/api/prospects/${flagged.id}/messages`);
      expect(thread.body.map((m: { direction: string }) => m.direction)).toEqual(['inbound', 'outbound', 'inbound', 'outbound']);
    });
  });

  describe('the consent ledger route', () => {
    it('is for admins, and refuses a malformed number', async () => {
      expect((await as(repA.apiKey).get(`/api/admin/consent?phone=${encodeURIComponent(SHARED)}`)).status).toBe(403);
      const bad = await env.t.admin<{ error: { code: string } }>('get', '/api/admin/consent?phone=12');
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('INVALID_PHONE');
      expect((await env.t.admin('get', '/api/admin/consent')).status).toBe(400);
    });
  });

  it('documents every route of this issue in the OpenAPI description', async () => {
    const docs = await env.t.http().get('/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/webhooks/twilio/sms',
        '/api/prospects/{salesforceId}/messages',
        '/api/notifications',
        '/api/notifications/{id}/read',
        '/api/notifications/stream',
        '/api/admin/consent',
      ]),
    );
  });

  describe('threads', () => {
    it('answers 404 for a prospect it has never heard of and 400 for a malformed id', async () => {
      const unknown = await as(repA.apiKey).get('/api/prospects/003000000099999/messages');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('RECORD_NOT_FOUND');
      expect((await as(repA.apiKey).get('/api/prospects/not-an-id/messages')).status).toBe(400);
    });
  });
});

const PROVIDER_MODE_NUMBER = '+14155550109';
const PROVIDER_MODE_PROSPECT = '+16175550155';

describe('inbound SMS with OPT_OUT_CONFIRMATION=provider', () => {
  let env: AppWithTwilio;
  beforeAll(async () => {
    env = await startAppWithTwilio({ OPT_OUT_CONFIRMATION: 'provider' });
    await seedRep(env.t.dataSource, PROVIDER_MODE_NUMBER);
  });
  afterAll(() => env.close());

  it('blocks on STOP but sends no confirmation of its own (Twilio Advanced Opt-Out does)', async () => {
    env.twilio.stopKeywordsOptOut = true;
    await env.twilio.sendInbound({ from: PROVIDER_MODE_PROSPECT, to: PROVIDER_MODE_NUMBER, body: 'STOP' });
    expect(await env.t.app.get(ConsentService).isOptedOut(PROVIDER_MODE_PROSPECT)).toBe(true);
    await env.twilio.sendInbound({ from: PROVIDER_MODE_PROSPECT, to: PROVIDER_MODE_NUMBER, body: 'START' });
    expect(await env.t.app.get(ConsentService).isOptedOut(PROVIDER_MODE_PROSPECT)).toBe(false);
    expect(env.twilio.created).toHaveLength(0);
  });
});
