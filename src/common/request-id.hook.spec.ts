import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { currentRequestId } from './request-context';
import { type AccessLine, pathOf, registerRequestId, requestIdOf } from './request-id.hook';

describe('the request id hook', () => {
  const app = Fastify({ genReqId: requestIdOf });
  const access: AccessLine[] = [];
  registerRequestId(app, (line) => access.push(line));
  // a later hook that refuses the request before any handler (as the API key check does)
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/refused')) await reply.code(401).send({ error: 'no key' });
  });
  // what a handler (and every log line it writes) sees, after the body was parsed and after an await
  app.post('/echo', async (request) => {
    await sleep(1);
    return { fromContext: currentRequestId(), id: request.id, body: request.body };
  });
  app.post('/fail', async () => {
    throw new Error('boom');
  });
  afterAll(() => app.close());

  it('answers with the caller’s sane X-Request-Id, and handlers see it after body parsing and awaits', async () => {
    const res = await app.inject({ method: 'POST', url: '/echo', headers: { 'x-request-id': 'abc-123' }, payload: { a: 1 } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.json()).toEqual({ fromContext: 'abc-123', id: 'abc-123', body: { a: 1 } });
  });

  it('replaces an id that is not sane with a new uuid', async () => {
    const res = await app.inject({ method: 'POST', url: '/echo', headers: { 'x-request-id': 'no spaces <allowed>' }, payload: {} });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json().fromContext).toBe(res.headers['x-request-id']);
  });

  it('keeps requests apart when they overlap', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `r-${i}`);
    const answers = await Promise.all(ids.map((id) => app.inject({ method: 'POST', url: '/echo', headers: { 'x-request-id': id }, payload: { id } })));
    expect(answers.map((a) => a.json().fromContext)).toEqual(ids);
  });

  it('puts the id on error answers and unknown routes too', async () => {
    expect((await app.inject({ method: 'POST', url: '/fail', headers: { 'x-request-id': 'e-1' } })).headers['x-request-id']).toBe('e-1');
    expect((await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'n-1' } })).headers['x-request-id']).toBe('n-1');
  });

  it('writes one access line per answered request: method, path without its query, status, ms and request id', async () => {
    access.length = 0;
    await app.inject({ method: 'POST', url: '/echo?access_token=scs_secret', headers: { 'x-request-id': 'a-1' }, payload: {} });
    await app.inject({ method: 'GET', url: '/refused/here', headers: { 'x-request-id': 'a-2' } });
    await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'a-3' } });
    expect(access).toEqual([
      { method: 'POST', path: '/echo', status: 200, ms: expect.any(Number), requestId: 'a-1' },
      { method: 'GET', path: '/refused/here', status: 401, ms: expect.any(Number), requestId: 'a-2' },
      { method: 'GET', path: '/nowhere', status: 404, ms: expect.any(Number), requestId: 'a-3' },
    ]);
    expect(access[0].ms).toBeGreaterThanOrEqual(0);
  });

  it('logs the path decoded, so that redaction sees an encoded phone number, and with no control character', () => {
    expect(pathOf('/api/records/%2B12125550101/sms?access_token=k')).toBe('/api/records/+12125550101/sms');
    expect(pathOf('/a%0A{"level":"info"}%0D')).toBe('/a\uFFFD{"level":"info"}\uFFFD');
    expect(pathOf('/bad%E0%A4%A')).toBe('/bad%E0%A4%A');
  });
});
