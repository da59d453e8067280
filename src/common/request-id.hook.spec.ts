import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { currentRequestId } from './request-context';
import { registerRequestId, requestIdOf } from './request-id.hook';

describe('the request id hook', () => {
  const app = Fastify({ genReqId: requestIdOf });
  registerRequestId(app);
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
});
