import { DemoOrgIds, seedDemoOrg } from '../src/sandbox/salesforce';
import { createScratchDatabase, onPostgres } from './support/postgres';
import { startTestStack, TestStack } from './support/test-app';

const backends: [string, () => Promise<{ url: string; drop: () => Promise<void> }>][] = [
  ['SQLite', async () => ({ url: 'sqlite::memory:', drop: async () => undefined })],
  ...onPostgres('PostgreSQL', createScratchDatabase),
];

/** GET /api/prospects?query=: the console's search among mirrored Contacts and Leads, by name or phone. */
describe.each(backends)('prospect search on %s', (_engine, makeDatabase) => {
  let t: TestStack;
  let demo: DemoOrgIds;
  let drop: () => Promise<void>;
  let repKey: string;

  const search = async (query: string) => {
    const res = await t.http().get('/api/prospects').query({ query }).set('Authorization', `Bearer ${repKey}`);
    return { status: res.status, body: res.body };
  };
  const names = async (query: string) => {
    const res = await search(query);
    expect(res.status).toBe(200);
    return (res.body as { name: string }[]).map((p) => p.name);
  };

  beforeAll(async () => {
    const db = await makeDatabase();
    drop = db.drop;
    t = await startTestStack({ DATABASE_URL: db.url });
    demo = seedDemoOrg(t.salesforce);
    const rep = await t.admin<{ apiKey: string }>('post', '/api/admin/users', { salesforceUserId: demo.users.alice, name: 'Alice Rep', email: 'alice@demo.example', role: 'rep' });
    repKey = rep.body.apiKey;
    const started = await t.admin<{ runId: string }>('post', '/api/admin/sync/mirror');
    for (let i = 0; i < 400; i++) {
      const run = await t.admin<{ status: string }>('get', `/api/admin/sync/runs/${started.body.runId}`);
      if (run.body.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  it('finds people by part of their name in any letter case, by name, with their numbers', async () => {
    expect(await search('JANE')).toEqual({
      status: 200,
      body: [{ id: demo.contacts.jane, type: 'Contact', name: 'Jane Doe', phoneNumbers: ['+12125550101', '+12125550111'] }],
    });
    expect(await names('HA')).toEqual(['Omar Haddad', 'Priya Shah']);
    expect(await names('chloé')).toEqual(['Chloé Gagnon']);
    expect((await search('nguyen')).body).toEqual([{ id: demo.leads.tom, type: 'Lead', name: 'Tom Nguyen', phoneNumbers: ['+12125550108'] }]);
  });

  it('finds people by a whole number as typed, or by 4 digits or more inside one', async () => {
    expect(await names('(212) 555-0111')).toEqual(['Jane Doe']);
    expect(await names('+1 415 555 0102')).toEqual(['Omar Haddad']);
    expect(await names('0107')).toEqual(['Sam Rivera']);
    expect(await names('555-010')).toHaveLength(8);
  });

  it('takes LIKE wildcards literally and refuses what is not a query', async () => {
    expect(await names('%%')).toEqual([]);
    expect(await names('__')).toEqual([]);
    expect((await search('j')).status).toBe(400);
    expect((await search('x'.repeat(101))).status).toBe(400);
    expect((await t.http().get('/api/prospects?query=jane')).status).toBe(401);
  });
});
