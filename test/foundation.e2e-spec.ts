import { User } from '../src/auth/user.entity';
import { ADMIN_KEY, startTestStack, TestStack } from './support/test-app';

describe('foundation: auth, errors, operations', () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(() => t.close());

  it('refuses /api without a key, with the contract error shape and a request id', async () => {
    const res = await t.http().get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String), requestId: expect.any(String) } });
    expect(res.headers['x-request-id']).toBe(res.body.error.requestId);
  });

  it('refuses a wrong key', async () => {
    const res = await t.http().get('/api/me').set('Authorization', 'Bearer nope-not-a-key');
    expect(res.status).toBe(401);
  });

  it('lets the bootstrap admin create a rep whose key works once issued and is stored hashed', async () => {
    const created = await t.admin<{ id: string; apiKey: string; salesforceUserId: string }>('post', '/api/admin/users', {
      salesforceUserId: '005000000000001',
      name: 'Riley Rep',
      email: 'Riley@Example.com',
      role: 'rep',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ salesforceUserId: '005000000000001AAA', name: 'Riley Rep', email: 'riley@example.com', role: 'rep' });
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${created.body.apiKey}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: created.body.id, name: 'Riley Rep', role: 'rep', smsEnabled: false, senderNumbers: [] });
    const stored = await t.dataSource.getRepository(User).findOneByOrFail({ id: created.body.id });
    expect(stored.apiKeyHash).toHaveLength(64);
    expect(JSON.stringify(stored)).not.toContain(created.body.apiKey);

    const forbidden = await t.http().post('/api/admin/users').set('Authorization', `Bearer ${created.body.apiKey}`).send({});
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');

    const again = await t.admin('post', '/api/admin/users', { salesforceUserId: '005000000000001AAA', name: 'Dup', email: 'd@x.com', role: 'rep' });
    expect(again.status).toBe(409);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and unknown properties with 400 VALIDATION_FAILED', async () => {
    const bad = await t.http().post('/api/admin/users').set('Authorization', `Bearer ${ADMIN_KEY}`).set('Content-Type', 'application/json').send('{bad');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('MALFORMED_JSON');
    const extra = await t.admin<{ error: { code: string; details: { problems: string[] } } }>('post', '/api/admin/users', {
      salesforceUserId: '005000000000002',
      name: 'X',
      email: 'not-an-email',
      role: 'boss',
      extra: 1,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');
    expect(extra.body.error.details.problems.join(' ')).toMatch(/extra should not exist/);
    expect(extra.body.error.details.problems.join(' ')).toMatch(/email/);
  });

  it('refuses an oversized body with 413 and never leaks a stack trace', async () => {
    const res = await t.http().post('/api/admin/users').set('Authorization', `Bearer ${ADMIN_KEY}`).send({ name: 'x'.repeat(400_000) });
    expect(res.status).toBe(413);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js/);
  });

  it('answers an unknown route with 404 in the contract shape', async () => {
    const res = await t.http().get('/api/nothing-here').set('Authorization', `Bearer ${ADMIN_KEY}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('serves health, readiness, metrics and the OpenAPI UI without a key', async () => {
    expect((await t.http().get('/health')).body).toEqual({ status: 'ok', mode: 'live' });
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ database: { status: 'up' }, salesforce: { status: 'up' }, twilio: { status: 'up' } });
    const metrics = await t.http().get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/process_cpu_user_seconds_total/);
    // the readiness probe above spent a token call and a /limits call
    const calls = Number(/^salesforce_api_calls_made (\d+)$/m.exec(metrics.text)?.[1]);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBe(t.salesforce.calls().total);
    const docs = await t.http().get('/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/admin/users', '/api/me']));
  });

  it('reports not ready, naming the dependency, when Twilio does not answer', async () => {
    t.twilio.failNext(1, 'unavailable', 'account');
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.twilio.status).toBe('down');
    expect(ready.body.checks.database.status).toBe('up');
    t.salesforce.injectFault({ kind: 'SERVER_UNAVAILABLE', times: 1 });
    const sfDown = await t.http().get('/health/ready');
    expect(sfDown.status).toBe(503);
    expect(sfDown.body.checks.salesforce.status).toBe('down');
    expect((await t.http().get('/health/ready')).status).toBe(200);
  });
});
