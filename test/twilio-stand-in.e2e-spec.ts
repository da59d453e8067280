import { Body, Controller, Header, HttpCode, INestApplication, Post, UseGuards } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { Public } from '../src/auth/principal';
import { AllExceptionsFilter } from '../src/common/all-exceptions.filter';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { ConfigModule } from '../src/config/config.module';
import { OutgoingSms, SmsProvider, SmsProviderError } from '../src/messaging/sms-provider.port';
import { TwilioSignatureGuard } from '../src/messaging/twilio-signature.guard';
import { SmsProviderModule } from '../src/messaging/twilio/sms-provider.module';
import { TwilioSmsProvider, TwilioSmsProviderOptions } from '../src/messaging/twilio/twilio-sms.provider';
import { TwilioStandIn } from '../src/sandbox/twilio';

/**
 * The real twilio SDK, through our adapter, against the Twilio stand-in over HTTP; and the
 * signature guard in a small Nest app receiving the stand-in's signed webhooks.
 */
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const received: Array<{ path: 'sms' | 'status'; body: Record<string, string> }> = [];

@Controller('webhooks/twilio')
@Public()
@UseGuards(TwilioSignatureGuard)
class WebhookProbeController {
  @Post('sms')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  sms(@Body() body: Record<string, string>): string {
    received.push({ path: 'sms', body });
    return TWIML;
  }

  @Post('status')
  @HttpCode(204)
  status(@Body() body: Record<string, string>): void {
    received.push({ path: 'status', body });
  }
}

const REP = '+14155550100';
const PROSPECT = '+14155550123';
const MG = 'MG' + 'a'.repeat(32);

describe('Twilio stand-in through the twilio SDK and our adapter', () => {
  let standIn: TwilioStandIn;
  let app: INestApplication;
  let config: AppConfig;
  let provider: SmsProvider;

  const providerWith = (overrides: Partial<AppConfig['twilio']> = {}, options: TwilioSmsProviderOptions = {}) =>
    new TwilioSmsProvider({ ...config.twilio, ...overrides }, options);
  const sms = (overrides: Partial<OutgoingSms> = {}): OutgoingSms => ({
    to: PROSPECT,
    from: REP,
    body: 'Hi Dana, following up on our call.',
    statusCallbackUrl: `${config.publicBaseUrl}/webhooks/twilio/status`,
    ...overrides,
  });
  const sendError = async (p: SmsProvider, message: OutgoingSms = sms()): Promise<SmsProviderError> => {
    const error = await p.send(message).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SmsProviderError);
    return error as SmsProviderError;
  };

  beforeAll(async () => {
    standIn = await new TwilioStandIn().start();
    config = loadConfig(
      {
        SALESFORCE_INSTANCE_URL: 'http://127.0.0.1:9',
        SALESFORCE_ACCESS_TOKEN: 'unused',
        TWILIO_ACCOUNT_SID: standIn.accountSid,
        TWILIO_AUTH_TOKEN: standIn.authToken,
        TWILIO_API_BASE_URL: standIn.url,
      },
      'live',
    );
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forConfig(config), SmsProviderModule],
      controllers: [WebhookProbeController],
    }).compile();
    // the service's HTTP platform: Fastify, whose default parsers give flat urlencoded fields
    const nest = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    nest.useGlobalFilters(new AllExceptionsFilter());
    await nest.listen(0, '127.0.0.1');
    app = nest;
    // Twilio reaches the service at PUBLIC_BASE_URL; here that is the test app's own address.
    config.publicBaseUrl = `http://127.0.0.1:${(nest.getHttpServer().address() as AddressInfo).port}`;
    standIn.inboundWebhookUrl = `${config.publicBaseUrl}/webhooks/twilio/sms`;
    provider = moduleRef.get(SmsProvider);
  });

  afterAll(async () => {
    await standIn.stop();
    await app.close();
  });

  beforeEach(() => {
    standIn.reset();
    standIn.callbackMode = 'auto';
    standIn.stopKeywordsOptOut = false;
    received.length = 0;
  });

  describe('sending', () => {
    it('returns queued with an SM sid and posts what Twilio expects', async () => {
      const sent = await provider.send(sms());

      expect(sent.status).toBe('queued');
      expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
      expect(standIn.calls.create).toBe(1);
      expect(standIn.created[0]).toMatchObject({
        sid: sent.providerMessageId,
        to: PROSPECT,
        from: REP,
        body: 'Hi Dana, following up on our call.',
        messagingServiceSid: null,
        statusCallback: `${config.publicBaseUrl}/webhooks/twilio/status`,
      });
    });

    it('delivers signed status callbacks (sent, then delivered) that the guard accepts', async () => {
      const { providerMessageId } = await provider.send(sms());

      const delivered = await standIn.waitForCallback(providerMessageId, 'delivered');
      await standIn.settled();

      expect(standIn.callbacks.map((c) => [c.status, c.responseStatus])).toEqual([
        ['sent', 204],
        ['delivered', 204],
      ]);
      expect(delivered.params).toMatchObject({
        MessageSid: providerMessageId,
        SmsSid: providerMessageId,
        MessageStatus: 'delivered',
        SmsStatus: 'delivered',
        AccountSid: standIn.accountSid,
        From: REP,
        To: PROSPECT,
        ApiVersion: '2010-04-01',
      });
      expect(received.filter((r) => r.path === 'status').map((r) => r.body.MessageStatus)).toEqual(['sent', 'delivered']);
    });

    it('reports undelivered with the carrier error code', async () => {
      standIn.setOutcome(PROSPECT, { status: 'undelivered', errorCode: 30003 });
      const { providerMessageId } = await provider.send(sms());

      const callback = await standIn.waitForCallback(providerMessageId, 'undelivered');

      expect(callback.params.ErrorCode).toBe('30003');
      expect(callback.responseStatus).toBe(204);
    });

    it('in manual mode sends callbacks only when the test says so, in any order', async () => {
      standIn.callbackMode = 'manual';
      const { providerMessageId } = await provider.send(sms());
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(standIn.callbacks).toHaveLength(0);

      await standIn.deliverNow(providerMessageId, 'delivered');
      await standIn.deliverNow(providerMessageId, 'sent');
      await standIn.deliverNow(providerMessageId, 'failed', 30007);

      expect(standIn.callbacks.map((c) => [c.status, c.errorCode, c.responseStatus])).toEqual([
        ['delivered', null, 204],
        ['sent', null, 204],
        ['failed', 30007, 204],
      ]);
    });

    it('sends MessagingServiceSid with From when one is configured', async () => {
      const withService = providerWith({ messagingServiceSid: MG });

      const sent = await withService.send(sms());
      await standIn.waitForCallback(sent.providerMessageId, 'delivered');

      expect(sent.status).toBe('queued'); // Twilio answers `accepted`
      expect(standIn.created[0]).toMatchObject({ messagingServiceSid: MG, from: REP });
      expect(standIn.callbacks.map((c) => c.status)).toEqual(['queued', 'sent', 'delivered']);
      expect(standIn.callbacks[0].params.MessagingServiceSid).toBe(MG);
    });

    it('serves the Message and Account resources with Basic auth, in the real JSON shape', async () => {
      const { providerMessageId } = await provider.send(sms());
      const auth = { Authorization: 'Basic ' + Buffer.from(`${standIn.accountSid}:${standIn.authToken}`).toString('base64') };
      const base = `${standIn.url}/2010-04-01/Accounts/${standIn.accountSid}`;

      const message = await fetch(`${base}/Messages/${providerMessageId}.json`, { headers: auth });
      const account = await fetch(`${base}.json`, { headers: auth });
      const unauthorized = await fetch(`${base}.json`);

      expect(message.status).toBe(200);
      expect(await message.json()).toMatchObject({
        sid: providerMessageId,
        account_sid: standIn.accountSid,
        direction: 'outbound-api',
        num_segments: '1',
        uri: `/2010-04-01/Accounts/${standIn.accountSid}/Messages/${providerMessageId}.json`,
        date_created: expect.stringMatching(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
      });
      expect(await account.json()).toMatchObject({ sid: standIn.accountSid, status: 'active' });
      expect(unauthorized.status).toBe(401);
      expect(await unauthorized.json()).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
      expect(standIn.calls).toMatchObject({ create: 1, fetch: 1, account: 2 });
    });

    it('ping succeeds with the right credentials and fails as REJECTED with wrong ones', async () => {
      await expect(provider.ping()).resolves.toBeUndefined();
      await expect(providerWith({ authToken: 'wrong' }).ping()).rejects.toMatchObject({ kind: 'REJECTED', providerCode: '20003' });
    });
  });

  describe('errors, classified at the adapter', () => {
    it('21610 for an unsubscribed recipient → OPTED_OUT', async () => {
      standIn.optOut(PROSPECT);

      const error = await sendError(provider);

      expect(error).toMatchObject({ kind: 'OPTED_OUT', providerCode: '21610' });
      expect(standIn.created).toHaveLength(0);
    });

    it('21211 for an invalid To and 21614 for a number that cannot take SMS → INVALID_RECIPIENT', async () => {
      standIn.rejectRecipient('+14155550199', 'not-mobile');

      expect(await sendError(provider, sms({ to: '+1555' }))).toMatchObject({ kind: 'INVALID_RECIPIENT', providerCode: '21211' });
      expect(await sendError(provider, sms({ to: '+14155550199' }))).toMatchObject({ kind: 'INVALID_RECIPIENT', providerCode: '21614' });
    });

    it('a 503 → TEMPORARY', async () => {
      standIn.failNext(1, 'unavailable');

      expect(await sendError(provider)).toMatchObject({ kind: 'TEMPORARY', providerCode: '20503' });
      expect(standIn.calls.create).toBe(1);
    });

    it('a hang past the request timeout → TEMPORARY', async () => {
      standIn.failNext(1, 'hang');
      const impatient = providerWith({}, { requestTimeoutMs: 200 });

      const started = Date.now();
      const error = await sendError(impatient);

      expect(error).toMatchObject({ kind: 'TEMPORARY', providerCode: 'ECONNABORTED' });
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('retries a 429 inside the SDK, then reports RATE_LIMITED when it persists', async () => {
      standIn.failNext(1, 'rate-limit');
      await expect(provider.send(sms())).resolves.toMatchObject({ status: 'queued' });
      expect(standIn.calls.create).toBe(2);

      standIn.reset();
      standIn.failNext(3, 'rate-limit');
      expect(await sendError(provider)).toMatchObject({ kind: 'RATE_LIMITED', providerCode: '20429' });
      expect(standIn.calls.create).toBe(3);
    });

    it('the service being down is TEMPORARY', async () => {
      const down = providerWith({ apiBaseUrl: 'http://127.0.0.1:9' }, { requestTimeoutMs: 1000 });
      expect(await sendError(down)).toMatchObject({ kind: 'TEMPORARY', providerCode: 'ECONNREFUSED' });
    });
  });

  describe('reading messages back: fetch by sid, and a pair’s list paged like Twilio', () => {
    const auth = () => ({ Authorization: 'Basic ' + Buffer.from(`${standIn.accountSid}:${standIn.authToken}`).toString('base64') });
    const listUrl = (query: string) => `${standIn.url}/2010-04-01/Accounts/${standIn.accountSid}/Messages.json?${query}`;

    it('fetchMessage answers the message in our terms, and null for a sid Twilio does not hold', async () => {
      const { providerMessageId } = await provider.send(sms({ body: 'Fetch me' }));
      await standIn.waitForCallback(providerMessageId, 'delivered');

      await expect(provider.fetchMessage(providerMessageId)).resolves.toEqual({
        providerMessageId,
        direction: 'outbound',
        from: REP,
        to: PROSPECT,
        body: 'Fetch me',
        status: 'delivered',
        errorCode: null,
        createdAt: new Date(Math.floor(standIn.created[0].dateCreated.getTime() / 1000) * 1000), // RFC 2822: to the second
      });
      await expect(provider.fetchMessage('SM' + 'f'.repeat(32))).resolves.toBeNull();
      expect(standIn.calls.fetch).toBe(2);
    });

    it('fetchMessage carries a failure’s error code, and classifies what goes wrong', async () => {
      standIn.setOutcome(PROSPECT, { status: 'undelivered', errorCode: 30003 });
      const { providerMessageId } = await provider.send(sms());
      await standIn.waitForCallback(providerMessageId, 'undelivered');
      await expect(provider.fetchMessage(providerMessageId)).resolves.toMatchObject({ status: 'undelivered', errorCode: '30003' });

      standIn.failNext(1, 'unavailable', 'fetch');
      await expect(provider.fetchMessage(providerMessageId)).rejects.toMatchObject({ kind: 'TEMPORARY', providerCode: '20503' });
      await expect(providerWith({ authToken: 'wrong' }).fetchMessage(providerMessageId)).rejects.toMatchObject({ kind: 'REJECTED', providerCode: '20003' });
    });

    it('listSentMessages reads every page of the pair back to the date asked, newest first, outbound only, queued ones included', async () => {
      standIn.callbackMode = 'manual'; // all stay queued: no date_sent, yet they must be listed
      const since = new Date(Date.now() - 1000);
      for (let i = 0; i < 60; i++) await provider.send(sms({ body: `message ${i}` }));
      await provider.send(sms({ to: '+14155550124', body: 'another prospect' }));
      await provider.send(sms({ from: '+14155550101', body: 'another sender' }));
      await standIn.sendInbound({ from: PROSPECT, to: REP, body: 'a reply' });
      standIn.calls.list = 0;

      const listed = await provider.listSentMessages({ to: PROSPECT, from: REP, sentAfter: since });

      expect(listed.map((m) => m.body)).toEqual(Array.from({ length: 60 }, (_, i) => `message ${59 - i}`));
      expect(listed.every((m) => m.status === 'queued' && m.direction === 'outbound' && m.to === PROSPECT && m.from === REP)).toBe(true);
      expect(standIn.calls.list).toBe(2); // 50 + 10

      await expect(provider.listSentMessages({ to: PROSPECT, from: REP, sentAfter: new Date(Date.now() + 2000) })).resolves.toEqual([]);
      expect(standIn.calls.list).toBe(3);
      standIn.failNext(1, 'server-error', 'list');
      await expect(provider.listSentMessages({ to: PROSPECT, from: REP, sentAfter: since })).rejects.toMatchObject({ kind: 'TEMPORARY', providerCode: '20500' });
    });

    it('speaks the list’s wire format: To/From/DateSent filters, PageSize, and a next_page_uri with a PageToken', async () => {
      standIn.callbackMode = 'manual';
      const sent = [];
      for (let i = 0; i < 3; i++) sent.push((await provider.send(sms({ body: `paged ${i}` }))).providerMessageId);
      await standIn.deliverNow(sent[0]);
      await standIn.deliverNow(sent[2]);
      const today = new Date().toISOString().slice(0, 10);

      const first = await fetch(listUrl(`To=${encodeURIComponent(PROSPECT)}&From=${encodeURIComponent(REP)}&PageSize=2`), { headers: auth() });
      expect(first.status).toBe(200);
      const page0 = (await first.json()) as Record<string, unknown> & { messages: { sid: string }[]; next_page_uri: string };
      expect(page0).toMatchObject({ page: 0, page_size: 2, start: 0, end: 1, previous_page_uri: null });
      expect(page0.messages.map((m) => m.sid)).toEqual([sent[2], sent[1]]);
      expect(page0.next_page_uri).toBe(
        `/2010-04-01/Accounts/${standIn.accountSid}/Messages.json?To=%2B14155550123&From=%2B14155550100&PageSize=2&Page=1&PageToken=PA${sent[1]}`,
      );
      // a message created meanwhile does not shift the next page
      await provider.send(sms({ body: 'newer' }));
      const page1 = (await (await fetch(standIn.url + page0.next_page_uri, { headers: auth() })).json()) as { messages: { sid: string }[]; next_page_uri: string | null };
      expect(page1.messages.map((m) => m.sid)).toEqual([sent[0]]);
      expect(page1.next_page_uri).toBeNull();

      // DateSent compares date_sent: the messages never sent (still queued) have none
      const sentToday = (await (await fetch(listUrl(`To=${encodeURIComponent(PROSPECT)}&DateSent%3E=${today}`), { headers: auth() })).json()) as { messages: { sid: string }[] };
      expect(sentToday.messages.map((m) => m.sid)).toEqual([sent[2], sent[0]]);
      const onDay = (await (await fetch(listUrl(`DateSent=${today}`), { headers: auth() })).json()) as { messages: unknown[] };
      expect(onDay.messages).toHaveLength(2);
      const beforeToday = (await (await fetch(listUrl(`DateSent%3C=2000-01-01`), { headers: auth() })).json()) as { messages: unknown[] };
      expect(beforeToday.messages).toHaveLength(0);

      const bad = await fetch(listUrl('PageSize=1001'), { headers: auth() });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 20001, status: 400 });
    });
  });

  describe('faults: accepted, but the answer is lost', () => {
    it('answer-lost: the message is created and delivered, the connection drops, the adapter says TEMPORARY', async () => {
      standIn.failNext(1, 'answer-lost');

      const error = await sendError(provider, sms({ body: 'lost in the mail' }));

      expect(error.kind).toBe('TEMPORARY');
      expect(error.providerCode).toBe('ECONNRESET');
      expect(standIn.created).toHaveLength(1);
      const [lost] = standIn.created;
      await standIn.waitForCallback(lost.sid, 'delivered');
      await expect(provider.fetchMessage(lost.sid)).resolves.toMatchObject({ status: 'delivered', body: 'lost in the mail' });
      // the next call is answered as usual
      await expect(provider.send(sms())).resolves.toMatchObject({ status: 'queued' });
    });

    it('answer-lost-hang: the message is created, the answer never comes, the caller times out', async () => {
      standIn.failNext(1, 'answer-lost-hang');
      const impatient = providerWith({}, { requestTimeoutMs: 200 });

      expect(await sendError(impatient)).toMatchObject({ kind: 'TEMPORARY', providerCode: 'ECONNABORTED' });
      expect(standIn.created).toHaveLength(1);
      await standIn.waitForCallback(standIn.created[0].sid, 'delivered');
    });

    it('callbacksLost: the status moves on at Twilio, the callbacks never reach the service', async () => {
      standIn.callbacksLost = true;
      const { providerMessageId } = await provider.send(sms());

      const lost = await standIn.waitForCallback(providerMessageId, 'delivered');

      expect(lost).toMatchObject({ error: 'lost', responseStatus: null });
      expect(received).toHaveLength(0);
      await expect(provider.fetchMessage(providerMessageId)).resolves.toMatchObject({ status: 'delivered' });
    });
  });

  describe('the signature guard on /webhooks/twilio/*', () => {
    it('accepts an inbound SMS the stand-in signed, with all of Twilio’s parameters', async () => {
      const result = await standIn.sendInbound({ from: PROSPECT, to: REP, body: 'Sounds good, call me at 3' });

      expect(result.status).toBe(200);
      expect(result.contentType).toMatch(/^text\/xml/);
      expect(result.body).toBe(TWIML);
      expect(received).toHaveLength(1);
      expect(received[0].body).toEqual(result.params);
      expect(result.params).toMatchObject({
        MessageSid: result.messageSid,
        SmsSid: result.messageSid,
        SmsMessageSid: result.messageSid,
        AccountSid: standIn.accountSid,
        From: PROSPECT,
        To: REP,
        Body: 'Sounds good, call me at 3',
        NumMedia: '0',
        NumSegments: '1',
        SmsStatus: 'received',
        FromCountry: 'US',
        ApiVersion: '2010-04-01',
      });
    });

    it('refuses a forged signature and a missing one with 403 in the contract’s error shape', async () => {
      const forged = await standIn.sendInbound({ from: PROSPECT, to: REP, body: 'STOP', signing: 'forged' });
      const unsigned = await standIn.sendInbound({ from: PROSPECT, to: REP, body: 'STOP', signing: 'unsigned' });

      for (const result of [forged, unsigned]) {
        expect(result.status).toBe(403);
        expect(JSON.parse(result.body)).toEqual({ error: { code: 'INVALID_SIGNATURE', message: expect.any(String) } });
      }
      expect(received).toHaveLength(0);
    });

    it('refuses a genuine signature replayed over changed parameters', async () => {
      const url = `${config.publicBaseUrl}/webhooks/twilio/status`;
      const { headers } = standIn.webhookRequest(url, { MessageSid: 'SM' + '1'.repeat(32), MessageStatus: 'failed' });

      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: new URLSearchParams({ MessageSid: 'SM' + '1'.repeat(32), MessageStatus: 'delivered' }).toString(),
      });

      expect(response.status).toBe(403);
      expect(received).toHaveLength(0);
    });

    it('checks the path and query string Twilio called', async () => {
      const withQuery = await standIn.sendInbound({ from: PROSPECT, to: REP, body: 'hi', url: `${standIn.inboundWebhookUrl}?tenant=acme` });
      expect(withQuery.status).toBe(200);

      const params = { MessageSid: 'SM' + '2'.repeat(32), MessageStatus: 'sent' };
      const { headers, body } = standIn.webhookRequest(`${config.publicBaseUrl}/webhooks/twilio/sms`, params);
      const elsewhere = await fetch(`${config.publicBaseUrl}/webhooks/twilio/status`, { method: 'POST', headers, body });
      expect(elsewhere.status).toBe(403);
    });

    it('marks the pair opted out on an inbound STOP when Advanced Opt-Out is imitated, and START lifts it', async () => {
      standIn.stopKeywordsOptOut = true;

      await standIn.sendInbound({ from: PROSPECT, to: REP, body: ' stop ' });
      expect(standIn.isOptedOut(PROSPECT, REP)).toBe(true);
      expect(await sendError(provider)).toMatchObject({ kind: 'OPTED_OUT' });

      await standIn.sendInbound({ from: PROSPECT, to: REP, body: 'START' });
      await expect(provider.send(sms())).resolves.toMatchObject({ status: 'queued' });
    });

    it('leaves opt-outs to the service by default', async () => {
      await standIn.sendInbound({ from: PROSPECT, to: REP, body: 'STOP' });
      expect(standIn.isOptedOut(PROSPECT, REP)).toBe(false);
    });
  });
});
