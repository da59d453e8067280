import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { User } from '../src/auth/user.entity';
import { createScratchDatabase, onPostgres } from './support/postgres';
import { ADMIN_KEY, startTestApp, TestApp } from './support/test-app';

const backends: [string, () => Promise<{ url: string; drop: () => Promise<void> }>][] = [
  ['SQLite', async () => ({ url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'scs-keys-')), 'keys.db')}`, drop: async () => undefined })],
  ...onPostgres('PostgreSQL', createScratchDatabase),
];

describe.each(backends)('API key rotation and revocation on %s', (_engine, makeDatabase) => {
  // two instances on one database: a key changed through one is refused by the other at once
  let a: TestApp;
  let b: TestApp;
  let drop: () => Promise<void>;
  let log: jest.SpyInstance;
  let seq = 0;

  beforeAll(async () => {
    const db = await makeDatabase();
    drop = db.drop;
    a = await startTestApp({ DATABASE_URL: db.url });
    b = await startTestApp({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop();
  });
  beforeEach(() => {
    log = jest.spyOn(Logger.prototype, 'log');
  });
  afterEach(() => log.mockRestore());

  const me = (app: TestApp, key: string) => app.http().get('/api/me').set('Authorization', `Bearer ${key}`);
  const createUser = async (role: 'rep' | 'admin' = 'rep') => {
    seq++;
    const res = await a.admin<{ id: string; apiKey: string }>('post', '/api/admin/users', {
      salesforceUserId: `00500000000${String(seq).padStart(4, '0')}AAA`, name: `Kim Key ${seq}`, email: `kim${seq}@example.com`, role,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const keyLogLines = () => log.mock.calls.map((call) => String(call[0])).filter((line) => /API key of user/.test(line));

  it('an admin rotates a key: 201 with the new key, the old one refused at once on every instance, the change logged without a key', async () => {
    const user = await createUser();
    expect((await me(b, user.apiKey)).status).toBe(200);
    const res = await a.http().post(`/api/admin/users/${user.id}/keys`).set('Authorization', `Bearer ${ADMIN_KEY}`);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ apiKey: expect.stringMatching(/^scs_/) });
    expect(res.body.apiKey).not.toBe(user.apiKey);
    for (const app of [a, b]) {
      const old = await me(app, user.apiKey);
      expect(old.status).toBe(401);
      expect(old.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'The API key is not valid.' });
      expect((await me(app, res.body.apiKey)).body).toMatchObject({ id: user.id, role: 'rep' });
    }
    expect(keyLogLines()).toEqual([`API key of user ${user.id} rotated by the bootstrap admin`]);
    expect(JSON.stringify(log.mock.calls)).not.toContain(res.body.apiKey);
  });

  it('a rep rotates their own key with POST /api/me/keys; the key used for the call is refused afterwards', async () => {
    const user = await createUser();
    const res = await a.http().post('/api/me/keys').set('Authorization', `Bearer ${user.apiKey}`);
    expect(res.status).toBe(201);
    expect((await me(b, user.apiKey)).status).toBe(401);
    expect((await me(b, res.body.apiKey)).status).toBe(200);
    expect(keyLogLines()).toEqual([`API key of user ${user.id} rotated by user ${user.id}`]);
    // the bootstrap admin's key is a setting, not a row
    const bootstrap = await a.http().post('/api/me/keys').set('Authorization', `Bearer ${ADMIN_KEY}`);
    expect(bootstrap.status).toBe(403);
    expect(bootstrap.body.error.code).toBe('FORBIDDEN');
  });

  it('an admin revokes a key: 204, refused everywhere until the next rotation; revoking again is harmless', async () => {
    const user = await createUser('admin');
    const res = await a.http().delete(`/api/admin/users/${user.id}/keys`).set('Authorization', `Bearer ${ADMIN_KEY}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    for (const app of [a, b]) expect((await me(app, user.apiKey)).status).toBe(401);
    expect((await a.dataSource.getRepository(User).findOneByOrFail({ id: user.id })).apiKeyHash).toBeNull();
    expect((await a.http().delete(`/api/admin/users/${user.id}/keys`).set('Authorization', `Bearer ${ADMIN_KEY}`)).status).toBe(204);
    const rotated = await b.http().post(`/api/admin/users/${user.id}/keys`).set('Authorization', `Bearer ${ADMIN_KEY}`);
    expect((await me(a, rotated.body.apiKey)).body).toMatchObject({ id: user.id, role: 'admin' });
    expect(keyLogLines()).toEqual([
      `API key of user ${user.id} revoked by the bootstrap admin`,
      `API key of user ${user.id} revoked by the bootstrap admin`,
      `API key of user ${user.id} rotated by the bootstrap admin`,
    ]);
  });

  it('keeps api_key_hash unique after the migration, with any number of revoked (NULL) keys', async () => {
    const [x, y, z] = [await createUser(), await createUser(), await createUser()];
    for (const user of [x, y]) await a.http().delete(`/api/admin/users/${user.id}/keys`).set('Authorization', `Bearer ${ADMIN_KEY}`).expect(204);
    const users = a.dataSource.getRepository(User);
    expect(await users.countBy({ id: x.id, apiKeyHash: IsNull() })).toBe(1);
    expect(await users.countBy({ id: y.id, apiKeyHash: IsNull() })).toBe(1);
    const zHash = (await users.findOneByOrFail({ id: z.id })).apiKeyHash;
    await expect(users.update({ id: x.id }, { apiKeyHash: zHash })).rejects.toThrow();
  });

  it('refuses a rep (403) and an unknown user (404), changing nothing', async () => {
    const rep = await createUser();
    const other = await createUser();
    for (const request of [
      a.http().post(`/api/admin/users/${other.id}/keys`),
      a.http().delete(`/api/admin/users/${other.id}/keys`),
    ]) {
      const res = await request.set('Authorization', `Bearer ${rep.apiKey}`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await me(a, other.apiKey)).status).toBe(200);
    const unknown = await a.http().post('/api/admin/users/00000000-0000-4000-8000-000000000000/keys').set('Authorization', `Bearer ${ADMIN_KEY}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    expect((await a.http().delete('/api/admin/users/nobody/keys').set('Authorization', `Bearer ${ADMIN_KEY}`)).status).toBe(404);
    expect(keyLogLines()).toEqual([]);
  });
});
