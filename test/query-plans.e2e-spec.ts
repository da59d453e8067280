import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Clock } from '../src/common/clock';
import { DeliveryReconcileService } from '../src/messaging/delivery/delivery-reconcile.service';
import { KeywordReplySweep } from '../src/messaging/replies/keyword-reply-sweep.service';
import { Message } from '../src/messaging/message.entity';
import { Notification } from '../src/notifications/notification.entity';
import { SalesforceStandIn } from '../src/sandbox/salesforce';
import { standInEnv } from '../src/sandbox/sandbox';
import { TwilioStandIn } from '../src/sandbox/twilio';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { aMessage, anOutboxEntry } from './factories/activity.factory';
import { seedProspect, seedRep } from './factories/crm';
import { createScratchDatabase, onPostgres } from './support/postgres';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Every hot path's queries reach a bounded number of rows through an index, on both engines.
 *
 * The statements are the app's own: the test records every statement the drivers execute while it
 * drives each path over HTTP (better-sqlite3's Statement and pg's Client.query are wrapped), then
 * asks the engine for the plan of each with the parameters it ran with. SQLite: no `SCAN` of a
 * table (a full scan or a walk of a whole index) in `EXPLAIN QUERY PLAN`. PostgreSQL, with
 * `enable_seqscan = off` so an index is taken whenever one applies: no `Seq Scan` node, and no
 * index scan without an index condition.
 */

interface Executed {
  sql: string;
  params: unknown[];
}

/** Statements run by either driver while recording; both wrappers stay installed for the file. */
class StatementRecorder {
  private log: Executed[] | null = null;

  install(): void {
    const record = (sql: string, params: unknown[]) => this.log?.push({ sql, params });
    const probe = new Database(':memory:');
    const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
    probe.close();
    for (const method of ['run', 'get', 'all', 'iterate']) {
      const original = statementProto[method];
      statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
        record(this.source, args);
        return original.apply(this, args);
      };
    }
    const clientProto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const query = clientProto.query;
    clientProto.query = function (this: unknown, ...args: unknown[]) {
      const [first, second] = args;
      if (typeof first === 'string') record(first, Array.isArray(second) ? second : []);
      else if (first && typeof first === 'object' && 'text' in first) {
        const config = first as { text: string; values?: unknown[] };
        record(config.text, config.values ?? []);
      }
      return query.apply(this, args);
    };
  }

  async during(work: () => Promise<unknown>): Promise<Executed[]> {
    this.log = [];
    try {
      await work();
      return this.log;
    } finally {
      this.log = null;
    }
  }
}

/** Statements that read rows (a plain INSERT … VALUES reads none). */
const READS = /^\s*(SELECT|UPDATE|DELETE|WITH|INSERT\s+INTO\s+\S+\s*(\([^)]*\))?\s*SELECT)\b/i;

interface PlanChecker {
  /** what is wrong with the statement's plan (empty when every table is reached through an index) */
  violations(statement: Executed): Promise<string[]>;
  close(): Promise<void>;
}

function sqlitePlans(path: string): PlanChecker {
  const db = new Database(path, { readonly: true });
  return {
    async violations({ sql, params }) {
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as unknown[])) as { detail: string }[];
      const subqueries = new Set(rows.map((r) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(r.detail)?.[1]).filter(Boolean));
      return rows
        .map((r) => r.detail)
        .filter((detail) => {
          const scanned = /^SCAN (\S+)/.exec(detail)?.[1];
          return scanned !== undefined && scanned !== 'CONSTANT' && !subqueries.has(scanned);
        });
    },
    close: async () => {
      db.close();
    },
  };
}

interface PgPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PgPlanNode[];
}

async function postgresPlans(url: string): Promise<PlanChecker> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('SET enable_seqscan = off');
  // a partial index holds only the rows of its predicate (e.g. the replies still queued): walking it whole is bounded
  const partial = new Set((await client.query<{ name: string }>('SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indpred IS NOT NULL')).rows.map((r) => r.name));
  return {
    async violations({ sql, params }) {
      const result = await client.query<{ 'QUERY PLAN': { Plan: PgPlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const found: string[] = [];
      const walk = (node: PgPlanNode) => {
        if (node['Node Type'] === 'Seq Scan') found.push(`Seq Scan on ${node['Relation Name']}`);
        if (/Index (Only )?Scan/.test(node['Node Type']) && !node['Index Cond'] && !partial.has(node['Index Name'] ?? '')) found.push(`${node['Node Type']} of all ${node['Index Name']} (no condition)`);
        node.Plans?.forEach(walk);
      };
      walk(result.rows[0]['QUERY PLAN'][0].Plan);
      return found;
    },
    close: () => client.end(),
  };
}

const engines: [string, () => Promise<{ env: Record<string, string>; checker: () => Promise<PlanChecker>; drop: () => Promise<void> }>][] = [
  [
    'SQLite',
    async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'scs-plans-')), 'plans.db');
      return { env: { DATABASE_URL: `sqlite:${path}` }, checker: async () => sqlitePlans(path), drop: async () => undefined };
    },
  ],
  ...onPostgres('PostgreSQL', async () => {
    const db = await createScratchDatabase();
    return { env: { DATABASE_URL: db.url }, checker: () => postgresPlans(db.url), drop: db.drop };
  }),
];

const REP = '+14155550100';
const MOBILE = '+14155550123';
const BLOCKED = '+16175550142';

const recorder = new StatementRecorder();
recorder.install();

describe.each(engines)('hot-path query plans on %s', (_name, engine) => {
  let t: TestApp;
  let salesforce: SalesforceStandIn;
  let twilio: TwilioStandIn;
  let checker: PlanChecker;
  let drop: () => Promise<void>;
  let apiKey: string;
  let prospectId: string;
  let refusedId: string;
  let sentSid: string;

  const as = () => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${apiKey}`),
    post: (path: string, body?: object) => t.http().post(path).set('Authorization', `Bearer ${apiKey}`).send(body),
  });

  /** Drives a path and returns what its statements' plans got wrong (and how many read rows). */
  async function planOf(work: () => Promise<unknown>): Promise<{ reads: Executed[]; violations: { sql: string; plan: string[] }[] }> {
    const executed = await recorder.during(work);
    const reads = executed.filter((s) => READS.test(s.sql));
    const violations: { sql: string; plan: string[] }[] = [];
    for (const statement of reads) {
      const plan = await checker.violations(statement);
      if (plan.length > 0) violations.push({ sql: statement.sql, plan });
    }
    return { reads, violations };
  }

  beforeAll(async () => {
    const db = await engine();
    drop = db.drop;
    salesforce = new SalesforceStandIn();
    await salesforce.start();
    twilio = await new TwilioStandIn({ callbackMode: 'manual' }).start();
    t = await startTestApp({ ...standInEnv(salesforce, twilio), ...db.env });
    twilio.inboundWebhookUrl = `${t.config.publicBaseUrl}/webhooks/twilio/sms`;
    checker = await db.checker();

    const rep = await seedRep(t.dataSource, REP);
    apiKey = rep.apiKey;
    prospectId = (await seedProspect(t.dataSource, MOBILE)).id;
    refusedId = (await seedProspect(t.dataSource, BLOCKED, { doNotSms: true })).id;
    // some history around them: other prospects' threads, read notifications, drained outbox rows
    const history: Message[] = [];
    for (let i = 0; i < 400; i++) {
      const other = `+1415556${String(i % 40).padStart(4, '0')}`;
      const at = new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 60_000).toISOString();
      history.push(aMessage({ fromNumber: i % 2 ? REP : other, toNumber: i % 2 ? other : REP, direction: i % 2 ? 'outbound' : 'inbound', createdAt: at, updatedAt: at }));
      if (i % 50 === 0) history.push(aMessage({ fromNumber: REP, toNumber: MOBILE, prospectId, createdAt: at, updatedAt: at }));
    }
    for (let i = 0; i < history.length; i += 100) await t.dataSource.getRepository(Message).insert(history.slice(i, i + 100).map((m) => ({ ...m })));
    const readAt = new Date().toISOString();
    await t.dataSource.getRepository(Notification).insert(
      history.slice(0, 100).map((m, i) => ({ id: `0190${String(i).padStart(4, '0')}-0000-7000-8000-000000000000`, userId: rep.user.id, type: 'sms_reply', messageId: m.id, recordId: null, prospectName: null, preview: 'x', createdAt: m.createdAt, readAt })),
    );
    await t.dataSource.getRepository(OutboxEntry).insert(history.slice(0, 100).map((m) => ({ ...anOutboxEntry('task_upsert', m.id), status: 'done' as const })));
  });
  afterAll(async () => {
    await checker?.close();
    await t?.close();
    await twilio?.stop();
    await salesforce?.stop();
    await drop?.();
  });

  it('sees a full scan when there is one (the check can fail)', async () => {
    const unindexed = await checker.violations({ sql: 'SELECT id FROM messages WHERE body = ?'.replace('?', _name === 'PostgreSQL' ? '$1' : '?'), params: ['x'] });
    expect(unindexed).toEqual([expect.stringMatching(/^(SCAN messages|Seq Scan on messages)/)]);
    const walked = await checker.violations({ sql: 'SELECT id FROM messages ORDER BY created_at LIMIT 5', params: [] });
    expect(walked).toHaveLength(1);
  });

  it('send gate and send: the rep, the record, the line, the idempotency key, the message and its outbox entry', async () => {
    const { reads, violations } = await planOf(async () => {
      const sent = await as().post('/api/messages', { recordId: prospectId, from: REP, body: 'Hello from the plan test', idempotencyKey: 'plans-1' });
      expect(sent.status).toBe(201);
      sentSid = sent.body.providerSid;
      expect((await as().post('/api/messages', { recordId: prospectId, from: REP, body: 'Hello from the plan test', idempotencyKey: 'plans-1' })).status).toBe(201);
      const refused = await as().post('/api/messages', { recordId: refusedId, from: REP, body: 'Hello' });
      expect(refused.body.error.code).toBe('DO_NOT_SMS');
    });
    expect(reads.length).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('status callback: the message by its sid, forward only', async () => {
    const { reads, violations } = await planOf(async () => {
      const callbacks = await twilio.deliverNow(sentSid);
      expect(callbacks.map((c) => c.responseStatus)).toEqual(callbacks.map(() => 200));
    });
    expect(reads.some((s) => /messages/i.test(s.sql))).toBe(true);
    expect(violations).toEqual([]);
  });

  it('inbound reply: the sid seen before, our number, the prospects holding theirs, the last message of the pair', async () => {
    const { reads, violations } = await planOf(async () => {
      for (const body of ['Sounds good', 'See you then']) expect((await twilio.sendInbound({ from: MOBILE, to: REP, body })).status).toBe(200);
    });
    expect(reads.some((s) => /direction = 'outbound'/.test(s.sql))).toBe(true);
    expect(violations).toEqual([]);
  });

  it('keyword replies: opt-out, opt-in and help, their confirmations and the sweep', async () => {
    const { reads, violations } = await planOf(async () => {
      for (const body of ['STOP', 'START', 'HELP']) expect((await twilio.sendInbound({ from: MOBILE, to: REP, body })).status).toBe(200);
      await t.app.get(KeywordReplySweep).sweep();
    });
    expect(reads.some((s) => /consent_blocks/i.test(s.sql))).toBe(true);
    expect(violations).toEqual([]);
  });

  it('delivery-reconcile: the due checks, the sids stored, the pair’s later keyword reply and the conditional writes', async () => {
    // a send whose answer was lost (Twilio has it), one Twilio never took, and a keyword reply of unknown outcome
    twilio.failNext(1, 'answer-lost');
    expect((await as().post('/api/messages', { recordId: prospectId, from: REP, body: 'Answer lost' })).status).toBe(503);
    twilio.failNext(1, 'server-error');
    expect((await as().post('/api/messages', { recordId: prospectId, from: REP, body: 'Never taken' })).status).toBe(503);
    twilio.failNext(1, 'server-error');
    expect((await twilio.sendInbound({ from: '+14155559876', to: REP, body: 'STOP' })).status).toBe(200);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 60 * 60_000));
    try {
      const { reads, violations } = await planOf(async () => {
        expect(await t.app.get(DeliveryReconcileService).run()).toMatchObject({ sidsLearned: 1, markedNotSent: 1, repliesResent: 1 });
      });
      expect(reads.some((s) => /delivery_check_at <= /.test(s.sql))).toBe(true);
      expect(reads.some((s) => /reply_to_id IS NOT NULL LIMIT 1/.test(s.sql))).toBe(true);
      expect(violations).toEqual([]);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('thread pages: the prospect thread by cursor and the record screen', async () => {
    const { reads, violations } = await planOf(async () => {
      const first = await as().get(`/api/prospects/${prospectId}/messages?limit=3`);
      expect(first.status).toBe(200);
      expect(first.headers['x-next-cursor']).toEqual(expect.any(String));
      expect((await as().get(`/api/prospects/${prospectId}/messages?limit=3&before=${first.headers['x-next-cursor']}`)).status).toBe(200);
      expect((await as().get(`/api/records/${prospectId}/sms`)).status).toBe(200);
    });
    expect(reads.some((s) => /created_at, id\) < \(/.test(s.sql))).toBe(true);
    expect(violations).toEqual([]);
  });

  it('notifications: the list, the unread list and marking one read', async () => {
    const { reads, violations } = await planOf(async () => {
      const list = await as().get('/api/notifications');
      expect(list.status).toBe(200);
      expect((await as().get('/api/notifications?unread=true&limit=10')).status).toBe(200);
      expect((await as().post(`/api/notifications/${list.body[0].id}/read`)).status).toBe(200);
    });
    expect(reads.some((s) => /notifications/i.test(s.sql))).toBe(true);
    expect(violations).toEqual([]);
  });

  it('outbox claim: the activity flush takes due entries of each kind in order', async () => {
    const { reads, violations } = await planOf(async () => {
      const started = await t.admin<{ runId: string }>('post', '/api/admin/sync/activity-flush');
      expect(started.status).toBe(202);
      for (let i = 0; i < 200; i++) {
        const run = await t.admin<{ status: string }>('get', `/api/admin/sync/runs/${started.body.runId}`);
        if (run.body.status !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    });
    expect(reads.some((s) => /outbox/i.test(s.sql))).toBe(true);
    expect(violations).toEqual([]);
  });
});
