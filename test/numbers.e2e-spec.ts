import { startTestApp, TestApp } from './support/test-app';

describe('numbers: admin assignment and SMS requests', () => {
  let t: TestApp;
  let rep: { id: string; apiKey: string };
  let other: { id: string; apiKey: string };
  const as = (key: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${key}`),
    post: (path: string, body?: object) => t.http().post(path).set('Authorization', `Bearer ${key}`).send(body),
  });

  beforeAll(async () => {
    t = await startTestApp();
    rep = (await t.admin<{ id: string; apiKey: string }>('post', '/api/admin/users', { salesforceUserId: '005000000000011', name: 'Rita Rep', email: 'rita@example.com', role: 'rep' })).body;
    other = (await t.admin<{ id: string; apiKey: string }>('post', '/api/admin/users', { salesforceUserId: '005000000000012', name: 'Otto Other', email: 'otto@example.com', role: 'rep' })).body;
  });
  afterAll(() => t.close());

  it('lists the users for an admin, oldest first, with no key material; a rep may not', async () => {
    const res = await t.admin<Record<string, unknown>[]>('get', '/api/admin/users');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { id: rep.id, salesforceUserId: '005000000000011AAA', name: 'Rita Rep', email: 'rita@example.com', role: 'rep', hasKey: true, createdAt: expect.any(String) },
      { id: other.id, salesforceUserId: '005000000000012AAA', name: 'Otto Other', email: 'otto@example.com', role: 'rep', hasKey: true, createdAt: expect.any(String) },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/apiKey|hash/i);
    expect((await as(rep.apiKey).get('/api/admin/users')).status).toBe(403);
  });

  it('assigns a number in any common format, stored as E.164', async () => {
    const res = await t.admin('post', '/api/admin/numbers', { phoneNumber: '(415) 555-0142', userId: rep.id, kind: 'direct', smsEnabled: false });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), phoneNumber: '+14155550142', userId: rep.id, kind: 'direct', smsEnabled: false });
    const canadian = await t.admin('post', '/api/admin/numbers', { phoneNumber: '+1 604-555-0199', userId: rep.id, kind: 'direct', smsEnabled: true });
    expect(canadian.status).toBe(201);
  });

  it('refuses numbers outside the US and Canada, Caribbean +1 included', async () => {
    for (const phoneNumber of ['+44 20 7946 0958', '+1 876 555 0100', '+1 242 555 0100']) {
      const res = await t.admin<{ error: { code: string } }>('post', '/api/admin/numbers', { phoneNumber, userId: rep.id, kind: 'direct', smsEnabled: false });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('UNSUPPORTED_COUNTRY');
    }
    const garbage = await t.admin<{ error: { code: string } }>('post', '/api/admin/numbers', { phoneNumber: '231-4729', userId: rep.id, kind: 'direct', smsEnabled: false });
    expect(garbage.status).toBe(422);
    expect(garbage.body.error.code).toBe('INVALID_PHONE');
  });

  it('refuses an SMS-enabled local-presence number, a taken number and an unknown user', async () => {
    const lp = await t.admin<{ error: { code: string } }>('post', '/api/admin/numbers', { phoneNumber: '+12125550101', userId: rep.id, kind: 'local_presence', smsEnabled: true });
    expect([lp.status, lp.body.error.code]).toEqual([422, 'LOCAL_PRESENCE_NUMBER']);
    const taken = await t.admin('post', '/api/admin/numbers', { phoneNumber: '+1 415 555 0142', userId: other.id, kind: 'direct', smsEnabled: false });
    expect(taken.status).toBe(409);
    const unknown = await t.admin('post', '/api/admin/numbers', { phoneNumber: '+12125550102', userId: 'no-such-user', kind: 'direct', smsEnabled: false });
    expect(unknown.status).toBe(404);
    const bad = await t.admin('post', '/api/admin/numbers', { phoneNumber: '+12125550102', userId: rep.id, kind: 'fax', smsEnabled: 'yes' });
    expect(bad.status).toBe(400);
    const forbidden = await as(rep.apiKey).post('/api/admin/numbers', { phoneNumber: '+12125550103', userId: rep.id, kind: 'direct', smsEnabled: true });
    expect(forbidden.status).toBe(403);
  });

  it('lets a rep request SMS on their own number, and an admin approve it', async () => {
    const number = (await t.admin<{ id: string }>('post', '/api/admin/numbers', { phoneNumber: '+13125550150', userId: other.id, kind: 'direct', smsEnabled: false })).body;
    let me = await as(other.apiKey).get('/api/me');
    expect(me.body.smsEnabled).toBe(false);

    const notMine = await as(rep.apiKey).post(`/api/numbers/${number.id}/sms-requests`);
    expect(notMine.status).toBe(404);

    const created = await as(other.apiKey).post(`/api/numbers/${number.id}/sms-requests`);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), numberId: number.id, status: 'pending' });
    const again = await as(other.apiKey).post(`/api/numbers/${number.id}/sms-requests`);
    expect(again.body.id).toBe(created.body.id);

    const listed = await t.admin<{ id: string; status: string; phoneNumber: string }[]>('get', '/api/admin/sms-requests');
    expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.body.id, status: 'pending', phoneNumber: '+13125550150' })]));
    expect((await as(other.apiKey).get('/api/admin/sms-requests')).status).toBe(403);

    const approved = await t.admin('post', `/api/admin/sms-requests/${created.body.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: created.body.id, status: 'approved' });
    me = await as(other.apiKey).get('/api/me');
    expect(me.body.smsEnabled).toBe(true);
    expect(me.body.senderNumbers).toEqual([{ id: number.id, phoneNumber: '+13125550150', kind: 'direct', smsEnabled: true }]);

    const twice = await t.admin('post', `/api/admin/sms-requests/${created.body.id}/reject`);
    expect(twice.status).toBe(409);
  });

  it('rejects a request, and refuses to approve one on a local-presence number', async () => {
    const direct = (await t.admin<{ id: string }>('post', '/api/admin/numbers', { phoneNumber: '+13125550151', userId: rep.id, kind: 'direct', smsEnabled: false })).body;
    const req = await as(rep.apiKey).post(`/api/numbers/${direct.id}/sms-requests`);
    const rejected = await t.admin('post', `/api/admin/sms-requests/${req.body.id}/reject`);
    expect(rejected.body).toMatchObject({ status: 'rejected' });

    const lp = (await t.admin<{ id: string }>('post', '/api/admin/numbers', { phoneNumber: '+13125550152', userId: rep.id, kind: 'local_presence', smsEnabled: false })).body;
    const lpReq = await as(rep.apiKey).post(`/api/numbers/${lp.id}/sms-requests`);
    expect(lpReq.status).toBe(201);
    const refused = await t.admin<{ error: { code: string } }>('post', `/api/admin/sms-requests/${lpReq.body.id}/approve`);
    expect([refused.status, refused.body.error.code]).toEqual([422, 'LOCAL_PRESENCE_NUMBER']);
    const me = await as(rep.apiKey).get('/api/me');
    expect(me.body.senderNumbers.find((n: { id: string }) => n.id === lp.id).smsEnabled).toBe(false);
    expect((await t.admin('post', '/api/admin/sms-requests/nope/approve')).status).toBe(404);
  });
});
