import twilio from 'twilio';
import { Message } from '../src/messaging/message.entity';
import { Notification } from '../src/notifications/notification.entity';
import { seedProspect, seedRep } from './factories/crm';
import { createScratchDatabase, onPostgres } from './support/postgres';
import { rawExchange } from './support/raw-http';
import { AppWithTwilio, startAppWithTwilio } from './support/with-twilio';
import { ADMIN_KEY } from './support/test-app';

const REP_NUMBER = '+14155550100';
const PROSPECT_PHONE = '+14155550123';
const REQUEST_TIMEOUT_S = 3;

/** Tables a refused request must leave as they were. */
const TABLES = ['messages', 'send_refusals', 'users', 'sender_numbers', 'outbox', 'notifications', 'crm_mapping', 'sms_requests', 'consent_events'];

const backends: [string, () => Promise<{ url: string; drop: () => Promise<void> }>][] = [
  ['SQLite', async () => ({ url: 'sqlite::memory:', drop: async () => undefined })],
  ...onPostgres('PostgreSQL', createScratchDatabase),
];

const errorShape = {
  error: expect.objectContaining({ code: expect.stringMatching(/^[A-Z][A-Z0-9_]*$/), message: expect.any(String) }),
};

describe.each(backends)('hostile input on %s', (_engine, makeDatabase) => {
  let env: AppWithTwilio;
  let drop: () => Promise<void>;
  let rep: Awaited<ReturnType<typeof seedRep>>;
  let recordId: string;
  let port: number;

  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of TABLES) result[table] = Number((await env.t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return result;
  };
  const post = (path: string, key = rep.apiKey) => env.t.http().post(path).set('Authorization', `Bearer ${key}`);
  const json = (path: string, text: string | Buffer, type = 'application/json') => post(path).set('Content-Type', type).send(text);

  beforeAll(async () => {
    const db = await makeDatabase();
    drop = db.drop;
    env = await startAppWithTwilio({ DATABASE_URL: db.url, HTTP_REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_S), HTTP_IDLE_TIMEOUT_SECONDS: '3' });
    port = env.t.config.port;
    rep = await seedRep(env.t.dataSource, REP_NUMBER);
    recordId = (await seedProspect(env.t.dataSource, PROSPECT_PHONE)).id;
  });
  afterAll(async () => {
    await env.close();
    await drop();
  });
  beforeEach(() => env.twilio.reset());

  describe('NUL and lone surrogates', () => {
    it('refuses a NUL in a send with 400 naming the field, stores nothing and sends nothing', async () => {
      const before = await counts();
      for (const [field, dto] of [
        ['body', { recordId, from: REP_NUMBER, body: 'Hi\u0000there' }],
        ['idempotencyKey', { recordId, from: REP_NUMBER, body: 'Hi there', idempotencyKey: 'key\u0000' }],
        ['recordId', { recordId: `${recordId}\u0000`, from: REP_NUMBER, body: 'Hi there' }],
      ] as const) {
        const res = await post('/api/messages').send(dto);
        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          error: {
            code: 'VALIDATION_FAILED',
            message: expect.stringContaining(field),
            details: { field, in: 'body', problems: [`${field} must not contain the NUL character (U+0000)`] },
            requestId: expect.any(String),
          },
        });
      }
      expect(await counts()).toEqual(before);
      expect(env.twilio.created).toHaveLength(0);
    });

    it('refuses a lone surrogate (what Twilio would receive is not what the rep wrote) and accepts emoji', async () => {
      const before = await counts();
      const res = await post('/api/messages').send({ recordId, from: REP_NUMBER, body: 'Hi \uD83D there' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'body', problems: ['body holds a lone UTF-16 surrogate (U+D83D), which is not a character'] } });
      const counter = await post('/api/sms/segments').send({ body: 'x\uDE00' });
      expect(counter.status).toBe(400);
      expect(counter.body.error.details.field).toBe('body');
      expect((await post('/api/sms/segments').send({ body: 'Hi 😀' })).body).toMatchObject({ encoding: 'UCS-2', characters: 4 });
      expect(await counts()).toEqual(before);
      expect(env.twilio.created).toHaveLength(0);
    });

    it('refuses a NUL in a path parameter or a query with 400 naming it', async () => {
      const path = await env.t.http().get('/api/records/%00abc/sms').set('Authorization', `Bearer ${rep.apiKey}`);
      expect(path.status).toBe(400);
      expect(path.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'id', in: 'path' } });
      const query = await env.t.http().get('/api/admin/consent?phone=%2B1415%00').set('Authorization', `Bearer ${ADMIN_KEY}`);
      expect(query.status).toBe(400);
      expect(query.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'phone', in: 'query' } });
      // the notification stream reads its replay point from the query too
      const stream = await env.t.http().get('/api/notifications/stream?lastEventId=%00').set('Authorization', `Bearer ${rep.apiKey}`);
      expect(stream.status).toBe(400);
      expect(stream.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'lastEventId', in: 'query' } });
    });

    it('stores an inbound text holding a NUL with U+FFFD in its place, answers 200 and stores a retry once', async () => {
      const answer = await env.twilio.sendInbound({ from: PROSPECT_PHONE, to: REP_NUMBER, body: 'call me\u0000 at 3' });
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
      const stored = await env.t.dataSource.getRepository(Message).findOneByOrFail({ providerSid: answer.messageSid });
      expect(stored).toMatchObject({ direction: 'inbound', body: 'call me\uFFFD at 3', prospectId: recordId });
      expect(await env.t.dataSource.getRepository(Notification).countBy({ messageId: stored.id })).toBe(1);
      // Twilio retries the same MessageSid: acknowledged, not stored again
      const retry = await env.twilio.sendInbound({ messageSid: answer.messageSid, from: PROSPECT_PHONE, to: REP_NUMBER, body: 'call me\u0000 at 3' });
      expect(retry.status).toBe(200);
      expect(await env.t.dataSource.getRepository(Message).countBy({ providerSid: answer.messageSid })).toBe(1);
    });

    it('stores an inbound text whose NumSegments is absurd (counting the body instead) and refuses an overlong MessageSid or a missing From in the error shape', async () => {
      const url = `${env.t.url}/webhooks/twilio/sms`;
      const post = (params: Record<string, string>) => {
        const signed = env.twilio.webhookRequest(url, params);
        return env.t.http().post('/webhooks/twilio/sms').set(signed.headers).send(signed.body);
      };
      const sid = `SM${'9'.repeat(32)}`;
      expect((await post({ MessageSid: sid, From: PROSPECT_PHONE, To: REP_NUMBER, Body: 'hello', NumSegments: '99999999999' })).status).toBe(200);
      expect(await env.t.dataSource.getRepository(Message).findOneByOrFail({ providerSid: sid })).toMatchObject({ segments: 1, body: 'hello' });
      const before = await counts();
      const refused: Record<string, string>[] = [{ MessageSid: 'SM'.padEnd(65, 'x'), From: PROSPECT_PHONE, To: REP_NUMBER, Body: 'x' }, { MessageSid: `SM${'8'.repeat(32)}`, To: REP_NUMBER, Body: 'x' }];
      for (const params of refused) {
        const res = await post(params);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body).toMatchObject({ error: { code: 'BAD_REQUEST' } });
      }
      expect(await counts()).toEqual(before);
    });

    it('answers a status callback holding a NUL with 200', async () => {
      const url = `${env.t.url}/webhooks/twilio/status`;
      const signed = env.twilio.webhookRequest(url, { MessageSid: 'SM\u0000abc', MessageStatus: 'delivered\u0000', AccountSid: env.twilio.accountSid });
      const res = await env.t.http().post('/webhooks/twilio/status').set(signed.headers).send(signed.body);
      expect(res.status).toBe(200);
    });

    it('answers a status callback whose MessageSid is repeated with 200 and changes no message', async () => {
      const url = `${env.t.url}/webhooks/twilio/status`;
      const params = { MessageSid: ['SMrepeated1', 'SMrepeated2'], MessageStatus: 'delivered', AccountSid: env.twilio.accountSid };
      const fields: [string, string][] = [...params.MessageSid.map((sid): [string, string] => ['MessageSid', sid]), ['MessageStatus', 'delivered'], ['AccountSid', env.twilio.accountSid]];
      const body = new URLSearchParams(fields).toString();
      const before = await env.t.dataSource.query("SELECT COUNT(*) AS n FROM messages WHERE status = 'delivered'");
      const res = await env.t
        .http()
        .post('/webhooks/twilio/status')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(env.twilio.authToken, url, params))
        .send(body);
      expect(res.status).toBe(200);
      expect(await env.t.dataSource.query("SELECT COUNT(*) AS n FROM messages WHERE status = 'delivered'")).toEqual(before);
    });
  });

  describe('JSON depth, size and encoding', () => {
    const nested = (depth: number) => `{"body":${'['.repeat(depth)}${']'.repeat(depth)}}`;

    it.each(['/api/messages', '/api/sms/segments', '/api/admin/sync/outbox/requeue'])('refuses JSON nested 5,000 deep on %s with 400 JSON_TOO_DEEP', async (path) => {
      const before = await counts();
      const res = await env.t.http().post(path).set('Authorization', `Bearer ${ADMIN_KEY}`).set('Content-Type', 'application/json').send(nested(5000));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'JSON_TOO_DEEP', details: { limit: 64 } });
      expect(await counts()).toEqual(before);
    });

    it('lets 64 levels through to validation', async () => {
      const res = await json('/api/sms/segments', `{"body":"x","extra":${'['.repeat(63)}${']'.repeat(63)}}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a body above 256 KB with 413 and bytes that are not UTF-8 with 400', async () => {
      const big = await json('/api/sms/segments', JSON.stringify({ body: 'a'.repeat(300 * 1024) }));
      expect(big.status).toBe(413);
      expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      // "café" in Latin-1: the é is the single byte E9, not UTF-8
      const head = `POST /api/sms/segments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${rep.apiKey}\r\nContent-Type: application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n`;
      const latin1 = await rawExchange(port, Buffer.concat([Buffer.from(head + '{"body":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
      expect(latin1.status).toBe(400);
      expect(JSON.parse(latin1.body).error).toMatchObject({ code: 'MALFORMED_JSON', message: 'The request body is not valid UTF-8.' });
    });
  });

  describe('content types on /api', () => {
    it.each([
      ['application/x-www-form-urlencoded', 'recordId=REC&from=%2B14155550100&body=Hi'],
      ['text/plain', '{"body":"Hi"}'],
      ['application/json; charset=utf-7', '{"body":"Hi"}'],
      ['application/json; charset=latin1', '{"body":"Hi"}'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="body"\r\n\r\nHi\r\n--x--'],
    ])('refuses %s with 415: nothing stored, nothing sent', async (type, text) => {
      const before = await counts();
      const res = await json('/api/messages', text.replace('REC', recordId), type);
      expect(res.status).toBe(415);
      expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { contentType: type } });
      expect(await counts()).toEqual(before);
      expect(env.twilio.created).toHaveLength(0);
    });

    it('refuses a body without a content type, accepts application/json with charset=utf-8, and no body at all', async () => {
      const raw = await rawExchange(port, `POST /api/sms/segments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${rep.apiKey}\r\nContent-Length: 13\r\n\r\n{"body":"Hi"}`, { waitMs: 3000 });
      expect(raw.status).toBe(415);
      expect((await json('/api/sms/segments', '{"body":"Hi"}', 'application/json; charset=UTF-8')).status).toBe(200);
      const empty = await post('/api/sms/segments');
      expect(empty.status).toBe(400);
      expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('answers of the HTTP layer, in the error shape', () => {
    it('431 for a 60 KB query string', async () => {
      const raw = await rawExchange(port, `GET /api/me?q=${'a'.repeat(60 * 1024)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${rep.apiKey}\r\n\r\n`);
      expect(raw.status).toBe(431);
      expect(JSON.parse(raw.body)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: expect.any(String) } });
    });

    it('414 for a 10 KB URL and for an over-long path segment', async () => {
      const long = await env.t.http().get(`/api/me?q=${'a'.repeat(10 * 1024)}`).set('Authorization', `Bearer ${rep.apiKey}`);
      expect(long.status).toBe(414);
      expect(long.body).toEqual({ error: { code: 'URI_TOO_LONG', message: expect.any(String), requestId: expect.any(String) } });
      const segment = await env.t.http().get(`/api/records/${'a'.repeat(300)}/sms`).set('Authorization', `Bearer ${rep.apiKey}`);
      expect(segment.status).toBe(414);
      expect(segment.body).toMatchObject({ error: { code: 'URI_TOO_LONG' } });
    });

    it('400 for a malformed URL and for bytes that are not HTTP; 404 for an unknown route', async () => {
      const url = await env.t.http().get('/api/records/%zz/sms').set('Authorization', `Bearer ${rep.apiKey}`);
      expect(url.status).toBe(400);
      expect(url.body).toEqual({ error: { code: 'BAD_REQUEST', message: 'The URL is not valid.', requestId: expect.any(String) } });
      expect(url.headers['x-request-id']).toBe(url.body.error.requestId);
      const garbage = await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n');
      expect(garbage.status).toBe(400);
      expect(JSON.parse(garbage.body)).toEqual({ error: { code: 'BAD_REQUEST', message: expect.any(String) } });
      const missing = await env.t.http().get('/no/such/route');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject(errorShape);
    });
  });

  describe('slow and anonymous clients', () => {
    it(`cuts a body sent one byte at a time after ${REQUEST_TIMEOUT_S} s with 408`, async () => {
      const head = `POST /api/sms/segments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${rep.apiKey}\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"body":"`;
      const answer = await rawExchange(port, head, { drip: { chunk: 'a', everyMs: 200 }, waitMs: 15_000 });
      expect(answer.status).toBe(408);
      expect(JSON.parse(answer.body)).toEqual({ error: { code: 'REQUEST_TIMEOUT', message: expect.any(String) } });
      expect(answer.closedAfterMs).not.toBeNull();
      // cut by the setting at the latest (http-edge.spec.ts has the exact figures); the margin here
      // is this client's own event-loop lag on a busy machine
      expect(answer.closedAfterMs!).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_S * 1000 - 500);
      expect(answer.closedAfterMs!).toBeLessThanOrEqual(REQUEST_TIMEOUT_S * 1000 + 750);
    });

    it('cuts headers that never end the same way', async () => {
      const answer = await rawExchange(port, `GET /api/me HTTP/1.1\r\nHost: x\r\n`, { drip: { chunk: 'X-Slow: 1\r\n', everyMs: 300 }, waitMs: 15_000 });
      expect(answer.status).toBe(408);
      expect(answer.closedAfterMs!).toBeLessThanOrEqual(REQUEST_TIMEOUT_S * 1000 + 750);
    });

    it('closes a kept-alive connection left idle', async () => {
      const answer = await rawExchange(port, `GET /health HTTP/1.1\r\nHost: x\r\n\r\n`, { waitMs: 15_000 });
      expect(answer.status).toBe(200);
      // HTTP_IDLE_TIMEOUT_SECONDS=3 (Node closes a kept-alive socket up to a second after it)
      expect(answer.closedAfterMs!).toBeGreaterThanOrEqual(2500);
      expect(answer.closedAfterMs!).toBeLessThan(6000);
    });

    it('refuses a body without a valid key with 401 before reading it, and closes the connection', async () => {
      for (const auth of ['', 'Authorization: Bearer scs_not-a-key\r\n']) {
        const head = `POST /api/messages HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n`;
        const answer = await rawExchange(port, head, { waitMs: 5000 });
        expect(answer.status).toBe(401);
        expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
        expect(answer.closedAfterMs).not.toBeNull();
        expect(answer.closedAfterMs!).toBeLessThan(2000);
      }
    });
  });
});
