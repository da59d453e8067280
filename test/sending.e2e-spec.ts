import { Clock } from '../src/common/clock';
import { ConsentBlock } from '../src/consent/consent-block.entity';
import { Message } from '../src/messaging/message.entity';
import { SendRefusal } from '../src/messaging/send-refusal.entity';
import { SalesforceStandIn } from '../src/sandbox/salesforce';
import { TwilioStandIn } from '../src/sandbox/twilio';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { seedAccount, seedProspect } from './factories/mirror.factory';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Sending through HTTP, the real twilio SDK and the Twilio stand-in: every gate refusal with zero
 * provider calls, a send from each record type, delivery callbacks, idempotent retries and 21610.
 */
const NOON_EASTERN = new Date('2026-07-15T16:00:00Z');

describe('sending: the gate, POST /api/messages and status callbacks', () => {
  let t: TestApp;
  let twilio: TwilioStandIn;
  let salesforce: SalesforceStandIn;
  let clock: jest.SpyInstance<Date, []>;
  type Rep = { id: string; apiKey: string };
  let rita: Rep; // SMS-enabled direct number, a direct number without SMS, a local-presence number
  let otto: Rep; // another rep with their own SMS number
  let nora: Rep; // no SMS-enabled number
  const RITA_SMS = '+14155550142';
  const RITA_PLAIN = '+14155550143';
  const RITA_LP = '+14155550144';
  const OTTO_SMS = '+13125550150';
  const NORA_PLAIN = '+13125550151';
  const ids: Record<string, string> = {};

  const as = (rep: Rep) => ({
    send: (body: Record<string, unknown>) => t.http().post('/api/messages').set('Authorization', `Bearer ${rep.apiKey}`).send(body),
    screen: (recordId: string) => t.http().get(`/api/records/${recordId}/sms`).set('Authorization', `Bearer ${rep.apiKey}`),
  });
  const createRep = async (n: number, name: string): Promise<Rep> =>
    (await t.admin<Rep>('post', '/api/admin/users', { salesforceUserId: `00500000000002${n}`, name, email: `${name.toLowerCase()}@example.com`, role: 'rep' })).body;
  const assign = (userId: string, phoneNumber: string, kind: 'direct' | 'local_presence', smsEnabled: boolean) =>
    t.admin('post', '/api/admin/numbers', { phoneNumber, userId, kind, smsEnabled });
  const refusals = () => t.dataSource.getRepository(SendRefusal).find({ order: { createdAt: 'ASC' } });
  const messageById = (id: string) => t.dataSource.getRepository(Message).findOneByOrFail({ id });
  const waitForStatus = async (id: string, status: string) => {
    for (let i = 0; i < 200; i++) {
      if ((await messageById(id)).status === status) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`message ${id} never reached ${status}; it is ${(await messageById(id)).status}`);
  };

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    salesforce = new SalesforceStandIn();
    await salesforce.start();
    t = await startTestApp({
      SALESFORCE_INSTANCE_URL: salesforce.url,
      SALESFORCE_ACCESS_TOKEN: salesforce.accessToken,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: twilio.url,
      QUIET_HOURS: '08:00-21:00',
    });
    // Twilio reaches the service at PUBLIC_BASE_URL: here, the test app's own address.
    t.config.publicBaseUrl = t.url;
    clock = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(NOON_EASTERN);

    rita = await createRep(1, 'Rita');
    otto = await createRep(2, 'Otto');
    nora = await createRep(3, 'Nora');
    await assign(rita.id, RITA_SMS, 'direct', true);
    await assign(rita.id, RITA_PLAIN, 'direct', false);
    await assign(rita.id, RITA_LP, 'local_presence', false);
    await assign(otto.id, OTTO_SMS, 'direct', true);
    await assign(nora.id, NORA_PLAIN, 'direct', false);

    const ds = t.dataSource;
    ids.contact = (await seedProspect(ds, { name: 'Casey Contact', phones: ['+12125550123'] })).id;
    ids.lead = (await seedProspect(ds, { objectType: 'Lead', name: 'Lee Lead', phones: ['+16045550199'] })).id;
    const account = await seedAccount(ds, 'Acme Corp');
    ids.account = account.id;
    ids.accountContact = (await seedProspect(ds, { name: 'Ava Acme', accountId: account.id, phones: ['+13055550100'] })).id;
    await seedProspect(ds, { name: 'Nell Notenrolled', accountId: account.id, enrolled: false, phones: ['+13055550101'] });
    ids.emptyAccount = (await seedAccount(ds, 'Quiet Corp')).id;
    ids.twoPhones = (await seedProspect(ds, { name: 'Tess Twophones', phones: ['+12125550124', '+12125550125'] })).id;
    ids.noPhone = (await seedProspect(ds, { name: 'Pat Nophone' })).id;
    ids.notEnrolled = (await seedProspect(ds, { name: 'Una Unenrolled', enrolled: false, phones: ['+12125550126'] })).id;
    ids.optedOut = (await seedProspect(ds, { name: 'Olga Optedout', phones: ['+12125550127'] })).id;
    ids.dnc = (await seedProspect(ds, { name: 'Dan Donotcall', doNotCall: true, phones: ['+12125550128'] })).id;
    ids.dnsms = (await seedProspect(ds, { name: 'Dina Donotsms', doNotSms: true, phones: ['+12125550129'] })).id;
    ids.jamaica = (await seedProspect(ds, { name: 'Jay Jamaica', phones: ['+18765550100'] })).id;
    ids.west = (await seedProspect(ds, { name: 'Wes West', phones: ['+14155550199'] })).id;
    ids.optIn = (await seedProspect(ds, { name: 'Stu Stopper', phones: ['+12125550130'] })).id;
    ids.invalid = (await seedProspect(ds, { name: 'Ivy Invalid', phones: ['+12125550131'] })).id;
    ids.down = (await seedProspect(ds, { name: 'Dee Down', phones: ['+12125550132'] })).id;
    // a Task lives in Salesforce only: its WhoId is a mirrored Contact
    const whoId = salesforce.insert('Contact', { LastName: 'Tom Tasked', MobilePhone: '(646) 555-0140' });
    ids.taskWho = (await seedProspect(ds, { id: whoId, name: 'Tom Tasked', phones: ['+16465550140'] })).id;
    ids.task = salesforce.insert('Task', { Subject: 'Call Tom', WhoId: whoId, Status: 'Not Started' });
    ids.taskWithoutWho = salesforce.insert('Task', { Subject: 'Prepare deck', Status: 'Not Started' });
    await t.dataSource.getRepository(ConsentBlock).insert({ phoneNumber: '+12125550127', blocked: true, source: 'keyword', updatedAt: new Date().toISOString() });
  });

  afterAll(async () => {
    await twilio.stop();
    await salesforce.stop();
    await t.close();
  });

  beforeEach(() => {
    twilio.reset();
    clock.mockReturnValue(NOON_EASTERN);
  });

  describe('every refusal, in the contract order, with zero provider calls and an audit row', () => {
    const cases: [string, () => Rep, () => Record<string, unknown>, string, number][] = [
      ['NO_SMS_NUMBER', () => nora, () => ({ recordId: ids.contact, from: NORA_PLAIN, body: 'Hi' }), 'NO_SMS_NUMBER', 422],
      ['SENDER_NOT_OWNED', () => rita, () => ({ recordId: ids.contact, from: OTTO_SMS, body: 'Hi' }), 'SENDER_NOT_OWNED', 422],
      ['SENDER_NOT_SMS_ENABLED', () => rita, () => ({ recordId: ids.contact, from: RITA_PLAIN, body: 'Hi' }), 'SENDER_NOT_SMS_ENABLED', 422],
      ['LOCAL_PRESENCE_NUMBER', () => rita, () => ({ recordId: ids.contact, from: RITA_LP, body: 'Hi' }), 'LOCAL_PRESENCE_NUMBER', 422],
      ['INVALID_PHONE', () => rita, () => ({ recordId: ids.contact, from: RITA_SMS, to: '231-4729', body: 'Hi' }), 'INVALID_PHONE', 422],
      ['UNSUPPORTED_COUNTRY (to)', () => rita, () => ({ recordId: ids.contact, from: RITA_SMS, to: '+1 876 555 0100', body: 'Hi' }), 'UNSUPPORTED_COUNTRY', 422],
      ['UNSUPPORTED_COUNTRY (record phone)', () => rita, () => ({ recordId: ids.jamaica, from: RITA_SMS, body: 'Hi' }), 'UNSUPPORTED_COUNTRY', 422],
      ['RECORD_NOT_FOUND', () => rita, () => ({ recordId: '003000000009999', from: RITA_SMS, body: 'Hi' }), 'RECORD_NOT_FOUND', 404],
      ['RECORD_NOT_FOUND (not an id)', () => rita, () => ({ recordId: 'nope', from: RITA_SMS, body: 'Hi' }), 'RECORD_NOT_FOUND', 404],
      ['NO_RECIPIENT (no phone)', () => rita, () => ({ recordId: ids.noPhone, from: RITA_SMS, body: 'Hi' }), 'NO_RECIPIENT', 422],
      ['NO_RECIPIENT (to not on record)', () => rita, () => ({ recordId: ids.contact, from: RITA_SMS, to: '+12125550199', body: 'Hi' }), 'NO_RECIPIENT', 422],
      ['NO_RECIPIENT (two phones, no to)', () => rita, () => ({ recordId: ids.twoPhones, from: RITA_SMS, body: 'Hi' }), 'NO_RECIPIENT', 422],
      ['NO_RECIPIENT (account without contacts)', () => rita, () => ({ recordId: ids.emptyAccount, from: RITA_SMS, body: 'Hi' }), 'NO_RECIPIENT', 422],
      ['NOT_ENROLLED', () => rita, () => ({ recordId: ids.notEnrolled, from: RITA_SMS, body: 'Hi' }), 'NOT_ENROLLED', 422],
      ['NOT_ENROLLED (account contact)', () => rita, () => ({ recordId: ids.account, from: RITA_SMS, to: '+13055550101', body: 'Hi' }), 'NOT_ENROLLED', 422],
      ['OPTED_OUT', () => otto, () => ({ recordId: ids.optedOut, from: OTTO_SMS, body: 'Hi' }), 'OPTED_OUT', 422],
      ['DO_NOT_CALL', () => rita, () => ({ recordId: ids.dnc, from: RITA_SMS, body: 'Hi' }), 'DO_NOT_CALL', 422],
      ['DO_NOT_SMS', () => rita, () => ({ recordId: ids.dnsms, from: RITA_SMS, body: 'Hi' }), 'DO_NOT_SMS', 422],
      ['EMPTY_BODY', () => rita, () => ({ recordId: ids.contact, from: RITA_SMS, body: '   ' }), 'EMPTY_BODY', 422],
      ['TOO_LONG', () => rita, () => ({ recordId: ids.contact, from: RITA_SMS, body: 'x'.repeat(161) }), 'TOO_LONG', 422],
    ];

    it.each(cases)('%s', async (_label, rep, body, code, status) => {
      const before = (await refusals()).length;
      const res = await as(rep()).send(body());
      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject({ code, message: expect.any(String), details: expect.any(Object) });
      expect(twilio.calls.create).toBe(0);
      const after = await refusals();
      expect(after).toHaveLength(before + 1);
      expect(after[after.length - 1]).toMatchObject({ userId: rep().id, code });
    });

    it('TOO_LONG details name the encoding, length, limit and segments', async () => {
      const res = await as(rita).send({ recordId: ids.contact, from: RITA_SMS, body: 'Café ’quote’ '.repeat(6) });
      expect(res.body.error).toMatchObject({ code: 'TOO_LONG', details: { encoding: 'UCS-2', length: 78, limit: 70, segments: 2, ucs2Characters: ['’'] } });
      expect(twilio.calls.create).toBe(0);
    });

    it('QUIET_HOURS in the recipient\'s own zone, with the local time and the window', async () => {
      clock.mockReturnValue(new Date('2026-07-15T13:30:00Z')); // 09:30 in New York, 06:30 in San Francisco
      const west = await as(rita).send({ recordId: ids.west, from: RITA_SMS, body: 'Good morning' });
      expect(west.status).toBe(422);
      expect(west.body.error).toMatchObject({ code: 'QUIET_HOURS', details: { recipientLocalTime: '06:30', window: '08:00-21:00' } });
      expect(twilio.calls.create).toBe(0);
      const east = await as(rita).send({ recordId: ids.contact, from: RITA_SMS, body: 'Good morning' });
      expect(east.status).toBe(201);
      expect(twilio.calls.create).toBe(1);
    });

    it('answers the first rule that applies when several do', async () => {
      const res = await as(rita).send({ recordId: ids.dnc, from: RITA_PLAIN, body: '' });
      expect(res.body.error.code).toBe('SENDER_NOT_SMS_ENABLED');
      expect(twilio.calls.create).toBe(0);
    });
  });

  describe('sends through Twilio', () => {
    it('from a Contact: message queued with its outbox entry, Twilio asked with the status callback, delivered', async () => {
      const res = await as(rita).send({ recordId: ids.contact.slice(0, 15), from: '(415) 555-0142', body: 'Hi Casey, following up on our call.' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        direction: 'outbound',
        from: RITA_SMS,
        to: '+12125550123',
        body: 'Hi Casey, following up on our call.',
        encoding: 'GSM-7',
        segments: 1,
        status: 'queued',
        errorCode: null,
        providerSid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
        prospectId: ids.contact,
        recordId: ids.contact,
        userId: rita.id,
        createdAt: expect.any(String),
        crmActivityId: null,
      });
      expect(twilio.calls.create).toBe(1);
      expect(twilio.created[0]).toMatchObject({ to: '+12125550123', from: RITA_SMS, body: 'Hi Casey, following up on our call.', statusCallback: `${t.url}/webhooks/twilio/status` });
      const outbox = await t.dataSource.getRepository(OutboxEntry).findBy({ aggregateId: res.body.id });
      expect(outbox.map((o) => o.kind)).toEqual(['task_upsert']);
      await waitForStatus(res.body.id, 'delivered');
      await twilio.waitForCallback(res.body.providerSid, 'delivered');
      const callbacks = twilio.callbacks.filter((c) => c.sid === res.body.providerSid);
      expect(callbacks.map((c) => [c.status, c.responseStatus])).toEqual([
        ['sent', 200],
        ['delivered', 200],
      ]);
    });

    it('from a Lead (Canadian number)', async () => {
      const res = await as(rita).send({ recordId: ids.lead, from: RITA_SMS, body: 'Hello Lee' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ to: '+16045550199', prospectId: ids.lead, recordId: ids.lead });
      await waitForStatus(res.body.id, 'delivered');
    });

    it('from an Account: its enrolled Contact', async () => {
      const res = await as(otto).send({ recordId: ids.account, from: OTTO_SMS, body: 'Hello Ava' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ to: '+13055550100', prospectId: ids.accountContact, recordId: ids.account, userId: otto.id });
    });

    it('from a Task: its WhoId, read from Salesforce', async () => {
      const res = await as(rita).send({ recordId: ids.task, from: RITA_SMS, body: 'Hi Tom' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ to: '+16465550140', prospectId: ids.taskWho, recordId: ids.task });
      await waitForStatus(res.body.id, 'delivered');
      const screen = await as(rita).screen(ids.task.slice(0, 15));
      expect(screen.body).toMatchObject({ record: { id: ids.task, type: 'Task' }, recipients: [{ prospectId: ids.taskWho, phoneNumber: '+16465550140' }], canSend: true });
    });

    it('a Task without WhoId has no recipient; an unknown Task is not found; a Salesforce outage is 503', async () => {
      expect((await as(rita).send({ recordId: ids.taskWithoutWho, from: RITA_SMS, body: 'Hi' })).body.error.code).toBe('NO_RECIPIENT');
      const unknown = await as(rita).send({ recordId: '00T000000009999', from: RITA_SMS, body: 'Hi' });
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'RECORD_NOT_FOUND']);
      salesforce.injectFault({ kind: 'REQUEST_LIMIT_EXCEEDED', endpoint: 'query', times: 5 });
      try {
        const down = await as(rita).send({ recordId: ids.task, from: RITA_SMS, body: 'Hi' });
        expect([down.status, down.body.error.code]).toEqual([503, 'CRM_UNAVAILABLE']);
        // the rules before RECORD_NOT_FOUND still answer first
        const noNumber = await as(nora).send({ recordId: ids.task, from: NORA_PLAIN, body: 'Hi' });
        expect(noNumber.body.error.code).toBe('NO_SMS_NUMBER');
        expect((await as(rita).screen(ids.task)).status).toBe(503);
      } finally {
        salesforce.clearFaults();
      }
      expect(twilio.calls.create).toBe(0);
    });

    it('an undelivered outcome carries its error code; statuses never move back', async () => {
      twilio.setOutcome('+12125550124', { status: 'undelivered', errorCode: 30003 });
      const res = await as(rita).send({ recordId: ids.twoPhones, from: RITA_SMS, to: '212-555-0124', body: 'Hi Tess' });
      expect(res.status).toBe(201);
      await waitForStatus(res.body.id, 'undelivered');
      await twilio.deliverNow(res.body.providerSid, 'sent');
      await twilio.deliverNow(res.body.providerSid, 'delivered');
      expect(await messageById(res.body.id)).toMatchObject({ status: 'undelivered', errorCode: '30003' });
    });

    it('a status change after the activity was logged is queued for the CRM', async () => {
      twilio.callbackMode = 'manual';
      try {
        const res = await as(rita).send({ recordId: ids.contact, from: RITA_SMS, body: 'Logged first' });
        await t.dataSource.getRepository(Message).update({ id: res.body.id }, { crmActivityId: '00T000000000001AAA' });
        await twilio.deliverNow(res.body.providerSid);
        expect((await messageById(res.body.id)).status).toBe('delivered');
        const kinds = (await t.dataSource.getRepository(OutboxEntry).findBy({ aggregateId: res.body.id })).map((o) => [o.kind, o.payload && JSON.parse(o.payload).status]);
        expect(kinds).toEqual([
          ['task_upsert', null],
          ['task_status', 'sent'],
          ['task_status', 'delivered'],
        ]);
      } finally {
        twilio.callbackMode = 'auto';
      }
    });

    it('refuses a forged status callback with 403 and changes nothing', async () => {
      twilio.callbackMode = 'manual';
      try {
        const res = await as(rita).send({ recordId: ids.contact, from: RITA_SMS, body: 'Forge check' });
        const forged = twilio.webhookRequest(`${t.url}/webhooks/twilio/status`, { MessageSid: res.body.providerSid, MessageStatus: 'delivered', AccountSid: twilio.accountSid }, 'forged');
        const answer = await fetch(`${t.url}/webhooks/twilio/status`, { method: 'POST', headers: forged.headers, body: forged.body });
        expect(answer.status).toBe(403);
        expect((await messageById(res.body.id)).status).toBe('queued');
      } finally {
        twilio.callbackMode = 'auto';
      }
    });
  });

  describe('idempotency', () => {
    it('a retry with the same key returns the first message and texts once', async () => {
      const send = () => as(rita).send({ recordId: ids.lead, from: RITA_SMS, body: 'Only once', idempotencyKey: 'retry-1' });
      const first = await send();
      const second = await send();
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.id).toBe(first.body.id);
      expect(twilio.calls.create).toBe(1);
      // the same key from another rep is another message
      const other = await as(otto).send({ recordId: ids.lead, from: OTTO_SMS, body: 'Only once', idempotencyKey: 'retry-1' });
      expect(other.body.id).not.toBe(first.body.id);
      expect(twilio.calls.create).toBe(2);
    });

    it('concurrent retries with one key text once', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => as(rita).send({ recordId: ids.lead, from: RITA_SMS, body: 'Burst', idempotencyKey: 'burst-1' })),
      );
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(results.every((r) => r.status === 201)).toBe(true);
      expect(twilio.calls.create).toBe(1);
    });
  });

  describe('provider outcomes', () => {
    it('21610 answers OPTED_OUT, fails the message and blocks the number for every rep', async () => {
      twilio.optOut('+12125550130');
      const res = await as(rita).send({ recordId: ids.optIn, from: RITA_SMS, body: 'Hello Stu', idempotencyKey: 'stu-1' });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'OPTED_OUT', details: { errorCode: '21610' } });
      expect(twilio.calls.create).toBe(1);
      const message = await messageById(res.body.error.details.messageId);
      expect(message).toMatchObject({ status: 'failed', errorCode: '21610' });
      expect(await t.dataSource.getRepository(ConsentBlock).findOneBy({ phoneNumber: '+12125550130' })).toMatchObject({ blocked: true, source: 'provider_21610' });

      const otherRep = await as(otto).send({ recordId: ids.optIn, from: OTTO_SMS, body: 'Hello from Otto' });
      expect(otherRep.status).toBe(422);
      expect(otherRep.body.error.code).toBe('OPTED_OUT');
      const retry = await as(rita).send({ recordId: ids.optIn, from: RITA_SMS, body: 'Hello Stu', idempotencyKey: 'stu-1' });
      expect(retry.body.error.code).toBe('OPTED_OUT');
      expect(twilio.calls.create).toBe(1);
      const screen = await as(otto).screen(ids.optIn);
      expect(screen.body).toMatchObject({ canSend: false, blockedReason: 'OPTED_OUT' });
    });

    it('21211 answers INVALID_PHONE and fails the message', async () => {
      twilio.rejectRecipient('+12125550131');
      const res = await as(rita).send({ recordId: ids.invalid, from: RITA_SMS, body: 'Hello Ivy' });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('INVALID_PHONE');
      expect(await messageById(res.body.error.details.messageId)).toMatchObject({ status: 'failed', errorCode: '21211' });
    });

    it('a Twilio outage answers 503, fails the message, and a retry never texts again', async () => {
      twilio.failNext(1, 'unavailable');
      const send = () => as(rita).send({ recordId: ids.down, from: RITA_SMS, body: 'Hello Dee', idempotencyKey: 'down-1' });
      const res = await send();
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('PROVIDER_UNAVAILABLE');
      expect(await messageById(res.body.error.details.messageId)).toMatchObject({ status: 'failed' });
      const retry = await send();
      expect(retry.status).toBe(503);
      expect(retry.body.error.details.messageId).toBe(res.body.error.details.messageId);
      expect(twilio.calls.create).toBe(1);
    });
  });

  describe('the Ad-hoc SMS screen', () => {
    it('shows the record, recipients, the rep\'s SMS numbers, sendability and the thread', async () => {
      const sent = await as(rita).send({ recordId: ids.lead, from: RITA_SMS, body: 'Thread check' });
      const res = await as(rita).screen(ids.lead.slice(0, 15));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        record: { id: ids.lead, type: 'Lead', name: 'Lee Lead' },
        recipients: [{ prospectId: ids.lead, name: 'Lee Lead', phoneNumber: '+16045550199' }],
        senderNumbers: [{ phoneNumber: RITA_SMS, kind: 'direct', smsEnabled: true }],
        canSend: true,
        blockedReason: null,
      });
      expect(res.body.messages.map((m: { id: string }) => m.id)).toContain(sent.body.id);
      const times = res.body.messages.map((m: { createdAt: string }) => m.createdAt);
      expect([...times].sort()).toEqual(times);
    });

    it('an Account lists its enrolled Contacts only', async () => {
      const res = await as(rita).screen(ids.account);
      expect(res.body.record).toEqual({ id: ids.account, type: 'Account', name: 'Acme Corp' });
      expect(res.body.recipients).toEqual([{ prospectId: ids.accountContact, name: 'Ava Acme', phoneNumber: '+13055550100' }]);
    });

    it('says why sending is blocked', async () => {
      expect((await as(nora).screen(ids.contact)).body).toMatchObject({ canSend: false, blockedReason: 'NO_SMS_NUMBER', senderNumbers: [] });
      expect((await as(rita).screen(ids.dnsms)).body).toMatchObject({ canSend: false, blockedReason: 'DO_NOT_SMS' });
      expect((await as(rita).screen(ids.notEnrolled)).body).toMatchObject({ canSend: false, blockedReason: 'NOT_ENROLLED' });
      clock.mockReturnValue(new Date('2026-07-15T03:00:00Z'));
      expect((await as(rita).screen(ids.contact)).body).toMatchObject({ canSend: false, blockedReason: 'QUIET_HOURS' });
    });

    it('404 for an unknown record', async () => {
      const res = await as(rita).screen('003000000009999');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('RECORD_NOT_FOUND');
    });
  });

  it('POST /api/sms/segments counts live and lists what forces UCS-2', async () => {
    const res = await t.http().post('/api/sms/segments').set('Authorization', `Bearer ${rita.apiKey}`).send({ body: 'It’s {fine}' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ encoding: 'UCS-2', characters: 11, units: 11, segments: 1, perSegmentLimit: 70, maxSegments: 1, fits: true, ucs2Characters: ['’'] });
    const gsm = await t.http().post('/api/sms/segments').set('Authorization', `Bearer ${rita.apiKey}`).send({ body: "It's {fine}" });
    expect(gsm.body).toMatchObject({ encoding: 'GSM-7', characters: 11, units: 13, perSegmentLimit: 160 });
  });
});
