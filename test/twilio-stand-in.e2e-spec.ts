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
