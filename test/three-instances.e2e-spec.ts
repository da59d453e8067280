import { seedDemoOrg } from '../src/sandbox/salesforce';
import { EventStream, openEventStream } from './support/event-stream';
import { ServiceProcess, sleep, until } from './support/built-service';
import { ADMIN_KEY, builtInstances, BuiltInstances } from './support/built-instances';
import { describeOnPostgres } from './support/postgres';

/**
 * Three instances of the built service behind an imaginary load balancer, on one PostgreSQL
 * database, against one Salesforce and one Twilio stand-in, driven at once (CONTRACT §6): sends,
 * replies and an idempotency key through several instances, flushes and reconciles started on all
 * three together, a STOP taken by one and then sends through the others, a reply taken by one while
 * the rep's notification stream is held by another. Each send, webhook, Task and confirmation
 * happens once; the opt-out is refused everywhere at once; every stream gets every reply within a
 * second, once.
 */
const SECOND = 1000;
const ALICE_NUMBER = '+12125550190';

interface Message {
  id: string;
  direction: 'outbound' | 'inbound';
  body: string;
  providerSid: string | null;
  status: string;
}

describeOnPostgres('three instances of the built service on one PostgreSQL database', () => {
  let world: BuiltInstances;
  const streams: EventStream[] = [];

  beforeAll(async () => {
    world = await builtInstances('three-instances');
  }, 300 * SECOND);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await world?.close();
  }, 60 * SECOND);

  it(
    'keeps each send, reply, Task and confirmation single, honours an opt-out everywhere at once and notifies the rep on every instance',
    async () => {
      const { salesforce, twilio } = world;
      const demo = seedDemoOrg(salesforce);
      const contact = (name: string, phone: string) => ({
        name,
        phone,
        id: salesforce.insert('Contact', { FirstName: name, LastName: 'Many', AccountId: demo.accounts.acme, OwnerId: demo.users.alice, MobilePhone: phone, SMS_Enrolled__c: true }),
      });
      const sendees = [contact('Ada', '+12125552301'), contact('Ben', '+12125552302'), contact('Cy', '+12125552303')];
      const idem = contact('Dee', '+12125552304');
      const replier = contact('Eve', '+12125552305');
      const stopper = contact('Flo', '+12125552306');

      // three instances booted together on the empty database
      const instances = await world.start(3);
      const [first, second, third] = instances;
      const webhook = (instance: ServiceProcess) => `${instance.url}/webhooks/twilio/sms`;

      const rep = await first.api('POST', '/api/admin/users', ADMIN_KEY, { salesforceUserId: demo.users.alice, name: 'Alice Rep', email: 'alice@demo.example', role: 'rep' });
      expect(rep.status).toBe(201);
      const key: string = rep.body.apiKey;
      expect((await second.api('POST', '/api/admin/numbers', ADMIN_KEY, { phoneNumber: ALICE_NUMBER, userId: rep.body.id, kind: 'direct', smsEnabled: true })).status).toBe(201);
      const mirror = await third.api('POST', '/api/admin/sync/mirror', ADMIN_KEY);
      expect(mirror.status).toBe(202);
      await until('the mirror to succeed', async () => (await first.api('GET', `/api/admin/sync/runs/${mirror.body.runId}`, ADMIN_KEY)).body.status === 'succeeded', 30 * SECOND);

      // the rep's notification stream held on every instance
      for (const instance of instances) {
        const stream = await openEventStream(`${instance.url}/api/notifications/stream`, { Authorization: `Bearer ${key}` });
        expect(stream.status).toBe(200);
        streams.push(stream);
      }
      await until('the streams to be subscribed', () => streams.every((s) => s.raw().includes(': connected')));
      for (const instance of instances) {
        const metrics = await (await fetch(`${instance.url}/metrics`)).text();
        expect(metrics).toMatch(/^sms_notification_listener_up 1$/m);
        expect(metrics).toMatch(/^sms_notification_streams_open 1$/m);
      }

      const send = (instance: ServiceProcess, to: { id: string; phone: string }, body: string, idempotencyKey?: string) =>
        instance.api('POST', '/api/messages', key, { recordId: to.id, from: ALICE_NUMBER, to: to.phone, body, ...(idempotencyKey ? { idempotencyKey } : {}) });

      // 1. at once: a send through each instance, one idempotency key through two, a reply through
      //    each (one of them delivered by Twilio to two instances, as a retried webhook is)
      const retriedSid = `SM${'7'.repeat(32)}`;
      const [sends, sameKey, replies] = await Promise.all([
        Promise.all(instances.map((instance, i) => send(instance, sendees[i], `Hello ${sendees[i].name}, from instance ${i + 1}`))),
        Promise.all([first, second].map((instance) => send(instance, idem, 'One text, whichever instance takes it', 'idem-key-1'))),
        Promise.all([
          ...instances.map((instance, i) => twilio.sendInbound({ from: replier.phone, to: ALICE_NUMBER, body: `Reply ${i + 1}`, url: webhook(instance) })),
          twilio.sendInbound({ from: replier.phone, to: ALICE_NUMBER, body: 'Reply twice delivered', messageSid: retriedSid, url: webhook(second) }),
          twilio.sendInbound({ from: replier.phone, to: ALICE_NUMBER, body: 'Reply twice delivered', messageSid: retriedSid, url: webhook(third) }),
        ]),
      ]);
      expect(sends.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(sameKey.map((r) => r.status)).toEqual([201, 201]);
      expect(sameKey[1].body.id).toBe(sameKey[0].body.id);
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);

      // 2. a reply taken by the first instance reaches the streams held by the others within a
      //    second of reaching its own (which it tells right after its commit)
      const arrivals = Promise.all(streams.map((s) => s.next((e) => JSON.parse(e.data).preview === 'Are you there?', 10 * SECOND).then(() => Date.now())));
      await twilio.sendInbound({ from: replier.phone, to: ALICE_NUMBER, body: 'Are you there?', url: webhook(first) });
      const [own, ...others] = await arrivals;
      for (const at of others) expect(at - own).toBeLessThan(1 * SECOND);

      // 3. STOP taken by the first instance (and its retry by the second); at once refused everywhere
      const stopSid = `SM${'5'.repeat(32)}`;
      const stops = await Promise.all([first, second].map((instance) => twilio.sendInbound({ from: stopper.phone, to: ALICE_NUMBER, body: 'STOP', messageSid: stopSid, url: webhook(instance) })));
      expect(stops.map((r) => r.status)).toEqual([200, 200]);
      const refused = await Promise.all(instances.map((instance) => send(instance, stopper, 'Flo, one more thing')));
      expect(refused.map((r) => [r.status, r.body.error?.code])).toEqual([
        [422, 'OPTED_OUT'],
        [422, 'OPTED_OUT'],
        [422, 'OPTED_OUT'],
      ]);

      // Twilio settles every delivery before the Tasks are written, so each Task is written once, final
      await twilio.settled();
      const settledStatuses = async () => {
        const threads = await Promise.all([...sendees, idem, stopper].map((p) => first.api<Message[]>('GET', `/api/prospects/${p.id}/messages`, key)));
        return threads.every((t) => t.body.every((m) => m.direction === 'inbound' || ['delivered', 'undelivered', 'failed'].includes(m.status)));
      };
      await until('every delivery status to be recorded', settledStatuses, 15 * SECOND);

      // 4. activity-flush and reconcile started on all three instances at once
      const [flushes, reconciles] = await Promise.all([
        Promise.all(instances.map((instance) => instance.api('POST', '/api/admin/sync/activity-flush', ADMIN_KEY))),
        Promise.all(instances.map((instance) => instance.api('POST', '/api/admin/sync/reconcile', ADMIN_KEY))),
      ]);
      expect(flushes.map((r) => r.status)).toEqual([202, 202, 202]);
      for (const r of reconciles) expect(r.status === 202 || (r.status === 409 && r.body.error.code === 'JOB_RUNNING')).toBe(true);
      expect(reconciles.filter((r) => r.status === 202).length).toBeGreaterThanOrEqual(1);
      const runIds: string[] = [...flushes, ...reconciles].filter((r) => r.status === 202).map((r) => r.body.runId);
      for (const runId of runIds) {
        const run = await until(`run ${runId} to finish`, async () => {
          const res = await third.api('GET', `/api/admin/sync/runs/${runId}`, ADMIN_KEY);
          return res.body.status !== 'running' && res.body;
        }, 60 * SECOND);
        expect(run.status).toBe('succeeded');
      }
      // what a reconcile that ran before a flush's Task found missing is queued: one more flush writes it
      let depth = (await first.api('GET', '/api/admin/sync/status', ADMIN_KEY)).body.outboxDepth;
      for (let round = 0; depth > 0 && round < 3; round++) {
        const flush = await instances[round].api('POST', '/api/admin/sync/activity-flush', ADMIN_KEY);
        expect(flush.status).toBe(202);
        await until('the flush to finish', async () => (await first.api('GET', `/api/admin/sync/runs/${flush.body.runId}`, ADMIN_KEY)).body.status !== 'running', 60 * SECOND);
        depth = (await first.api('GET', '/api/admin/sync/status', ADMIN_KEY)).body.outboxDepth;
      }
      expect(depth).toBe(0);

      // exactly one message per send and per webhook, one Twilio create per send, one Task per message
      const thread = async (p: { id: string }) => (await second.api<Message[]>('GET', `/api/prospects/${p.id}/messages`, key)).body;
      const all: Message[] = [];
      for (const [i, sendee] of sendees.entries()) {
        const messages = await thread(sendee);
        expect(messages.map((m) => [m.direction, m.body])).toEqual([['outbound', `Hello ${sendee.name}, from instance ${i + 1}`]]);
        expect(twilio.created.filter((m) => m.to === sendee.phone).map((m) => m.sid)).toEqual([messages[0].providerSid]);
        all.push(...messages);
      }
      const idemMessages = await thread(idem);
      expect(idemMessages.map((m) => m.id)).toEqual([sameKey[0].body.id]);
      expect(twilio.created.filter((m) => m.to === idem.phone)).toHaveLength(1);
      all.push(...idemMessages);
      const replyMessages = await thread(replier);
      expect(replyMessages.map((m) => m.body).sort()).toEqual(['Are you there?', 'Reply 1', 'Reply 2', 'Reply 3', 'Reply twice delivered']);
      all.push(...replyMessages);
      // the STOP once, its confirmation once (the only text Flo gets), and no other send reached Twilio
      const stopperMessages = await thread(stopper);
      expect(stopperMessages.map((m) => [m.direction, m.body.startsWith('STOP') ? 'STOP' : 'confirmation'])).toEqual([
        ['inbound', 'STOP'],
        ['outbound', 'confirmation'],
      ]);
      const toStopper = twilio.created.filter((m) => m.to === stopper.phone);
      expect(toStopper).toHaveLength(1);
      expect(toStopper[0].body).toMatch(/unsubscribed/i);
      all.push(...stopperMessages);
      expect(twilio.created).toHaveLength(5);
      expect(salesforce.get('Contact', stopper.id)).toMatchObject({ Do_Not_SMS__c: true });

      const tasks = salesforce.table('Task').filter((task) => task.SMS_Message_Id__c);
      const taskCount = new Map<string, number>();
      for (const task of tasks) taskCount.set(String(task.SMS_Message_Id__c), (taskCount.get(String(task.SMS_Message_Id__c)) ?? 0) + 1);
      expect(all.map((m) => taskCount.get(m.id) ?? 0)).toEqual(all.map(() => 1));
      expect(tasks).toHaveLength(all.length);

      // 5. each stream got each reply once: the five replies and the STOP, the same ids everywhere
      await until('the STOP notification on every stream', () => streams.every((s) => s.events.length >= 6), 5 * SECOND);
      await sleep(500);
      const inbound = [...replyMessages, stopperMessages[0]].map((m) => m.id).sort();
      for (const stream of streams) {
        const notified = stream.events.map((e) => JSON.parse(e.data).messageId as string);
        expect(notified.sort()).toEqual(inbound);
        expect(new Set(stream.events.map((e) => e.id)).size).toBe(6);
      }
    },
    240 * SECOND,
  );
});
