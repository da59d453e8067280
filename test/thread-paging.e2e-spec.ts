import { ProspectPhone } from '../src/crm/prospect-phone.entity';
import { Message } from '../src/messaging/message.entity';
import { aMessage } from './factories/activity.factory';
import { seedProspect, seedRep } from './factories/crm';
import { createScratchDatabase, onPostgres } from './support/postgres';
import { startTestApp, TestApp } from './support/test-app';

const REP = '+14155550100';
const OTHER_REP = '+12125550100';
const MOBILE = '+14155550123';
const OFFICE = '+16175550142';
const STRANGER = '+13125550199';

const engines: [string, () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>][] = [
  ['SQLite', async () => ({ env: { DATABASE_URL: 'sqlite::memory:' }, drop: async () => undefined })],
  ...onPostgres('PostgreSQL', async () => {
    const db = await createScratchDatabase();
    return { env: { DATABASE_URL: db.url }, drop: db.drop };
  }),
];

describe.each(engines)('thread pages by cursor on %s', (_name, engine) => {
  let t: TestApp;
  let drop: () => Promise<void>;
  let apiKey: string;
  let prospectId: string;
  let expected: Message[];

  const page = (query: string) => t.http().get(`/api/prospects/${prospectId}/messages${query}`).set('Authorization', `Bearer ${apiKey}`);

  beforeAll(async () => {
    const db = await engine();
    drop = db.drop;
    t = await startTestApp(db.env);
    const rep = await seedRep(t.dataSource, REP);
    await seedRep(t.dataSource, OTHER_REP);
    const prospect = await seedProspect(t.dataSource, MOBILE);
    prospectId = prospect.id;
    await t.dataSource.getRepository(ProspectPhone).insert({ prospectId: prospect.id, field: 'Phone', position: 1, e164: OFFICE });
    apiKey = rep.apiKey;
    // 23 messages on the prospect's two numbers, both directions, both reps; three share one instant
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    const rows: Message[] = [];
    for (let i = 0; i < 20; i++) {
      const at = new Date(base + i * 60_000).toISOString();
      const theirs = i % 3 === 0 ? OFFICE : MOBILE;
      const ours = i % 2 === 0 ? REP : OTHER_REP;
      const outbound = i % 4 !== 1;
      rows.push(aMessage({ direction: outbound ? 'outbound' : 'inbound', fromNumber: outbound ? ours : theirs, toNumber: outbound ? theirs : ours, body: `m${i}`, createdAt: at, updatedAt: at }));
    }
    const tie = new Date(base + 30 * 60_000).toISOString();
    for (const id of ['01900000-0000-7000-8000-000000000003', '01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000002'])
      rows.push(aMessage({ id, fromNumber: REP, toNumber: MOBILE, body: `tie ${id.slice(-1)}`, createdAt: tie, updatedAt: tie }));
    // filed under the prospect though from a number it no longer holds
    rows.push(aMessage({ direction: 'inbound', fromNumber: '+19175550100', toNumber: REP, prospectId: prospect.id, body: 'old number', createdAt: new Date(base + 5_000).toISOString() }));
    // not theirs
    rows.push(aMessage({ fromNumber: REP, toNumber: STRANGER, body: 'someone else', createdAt: new Date(base + 90_000).toISOString() }));
    await t.dataSource.getRepository(Message).insert(rows.map((m) => ({ ...m }))); // copies: TypeORM may rewrite what it inserted
    expected = rows
      .filter((m) => m.toNumber !== STRANGER)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('answers the newest page, oldest first, and walks back by cursor through every message once', async () => {
    const seen: string[][] = [];
    let query = '?limit=5';
    for (let i = 0; i < 10; i++) {
      const res = await page(query);
      expect(res.status).toBe(200);
      seen.unshift(res.body.map((m: { body: string }) => m.body));
      const cursor = res.headers['x-next-cursor'];
      if (!cursor) {
        expect(res.headers.link).toBeUndefined();
        break;
      }
      expect(res.body).toHaveLength(5);
      expect(res.headers.link).toBe(`</api/prospects/${prospectId}/messages?before=${cursor}&limit=5>; rel="next"`);
      query = res.headers.link.slice(res.headers.link.indexOf('?'), res.headers.link.indexOf('>'));
    }
    expect(seen.flat()).toEqual(expected.map((m) => m.body));
    expect(seen).toHaveLength(Math.ceil(expected.length / 5));
  });

  it('defaults to 50 a page and answers the whole short thread without a cursor', async () => {
    const res = await page('');
    expect(res.status).toBe(200);
    expect(res.body.map((m: { id: string }) => m.id)).toEqual(expected.map((m) => m.id));
    expect(res.headers['x-next-cursor']).toBeUndefined();
    expect(res.body[0]).toEqual(expect.objectContaining({ id: expected[0].id, from: expected[0].fromNumber, to: expected[0].toNumber, createdAt: expected[0].createdAt }));
  });

  it('refuses a limit outside 1..200 and a cursor it did not give out', async () => {
    for (const bad of ['?limit=0', '?limit=201', '?limit=abc', '?before=not-a-cursor', `?before=${Buffer.from('yesterday|x').toString('base64url')}`]) {
      const res = await page(bad);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await page('?limit=200')).status).toBe(200);
  });
});
