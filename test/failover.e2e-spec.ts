import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { User } from '../src/auth/user.entity';
import { Prospect } from '../src/crm/prospect.entity';
import { openDatabase } from '../src/database/data-source';
import { Message } from '../src/messaging/message.entity';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { seedDemoOrg } from '../src/sandbox/salesforce';
import { until } from './support/built-service';
import { ADMIN_KEY, builtInstances, BuiltInstances } from './support/built-instances';
import { describeOnPostgres } from './support/postgres';

/**
 * Failover: of two built instances on one PostgreSQL database, one is killed (SIGKILL) while its
 * activity flush is mid-way through a large outbox (Salesforce slowed) and its mirror mid-way
 * through a big org. The other finishes both within the claim and lease timeouts: every entry's
 * Task in Salesforce once (pushed again only for the batch in flight at the kill, upserted on the
 * external id so never a second Task), nothing left pending or claimed, the mirror complete.
 */
const SECOND = 1000;
const ENTRIES = 1200;
const EXTRA_CONTACTS = 7000;

describeOnPostgres('SIGKILL mid-flush and mid-mirror: the other instance finishes the work (PostgreSQL)', () => {
  let world: BuiltInstances;
  let db: DataSource | undefined;

  beforeAll(async () => {
    world = await builtInstances('failover', { salesforce: { dailyApiMax: 1_000_000 } });
  }, 300 * SECOND);

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
    await world?.close();
  }, 60 * SECOND);

  it(
    'leaves every entry pushed, none twice beyond the batch in flight, nothing claimed, and the mirror complete',
    async () => {
      const { salesforce } = world;
      const org = seedDemoOrg(salesforce);
      for (let i = 0; i < EXTRA_CONTACTS; i++) {
        salesforce.insert('Contact', { FirstName: `Big${i}`, LastName: 'Org', AccountId: org.accounts.acme, OwnerId: org.users.alice, MobilePhone: `+1212555${String(i).padStart(4, '0')}`, SMS_Enrolled__c: true });
      }
      const [victim, survivor] = await world.start(2, { OUTBOX_CLAIM_SECONDS: '3' });
      db = await openDatabase({ type: 'postgres', url: world.databaseUrl });
      const messageIds = await seedOutbox(db, org.users.alice, org.contacts.jane, org.accounts.acme);

      // upserts counted by external id at the stand-in (clearFaults drops the hook: counted again after)
      const pushes = new Map<string, number>();
      const countPushes = () =>
        salesforce.onAfterCommit(({ endpoint, body }) => {
          if (!endpoint.startsWith('collections.')) return;
          for (const record of (body as { records?: Record<string, unknown>[] } | null)?.records ?? []) {
            const id = String(record.SMS_Message_Id__c ?? '');
            if (id) pushes.set(id, (pushes.get(id) ?? 0) + 1);
          }
        });
      countPushes();
      // slowed: each Collections call and each further page of a query waits
      salesforce.injectFault({ kind: 'DELAY', delayMs: 300, endpoint: 'collections.upsert', times: 100 });
      salesforce.injectFault({ kind: 'DELAY', delayMs: 700, endpoint: 'queryMore', times: 100 });

      expect((await victim.api('POST', '/api/admin/sync/activity-flush', ADMIN_KEY)).status).toBe(202);
      const mirror = await victim.api('POST', '/api/admin/sync/mirror', ADMIN_KEY);
      expect(mirror.status).toBe(202);
      await until('the flush to be mid-way (two batches pushed) and the mirror past its first page', () => pushes.size >= 400 && (salesforce.calls().byEndpoint.queryMore ?? 0) >= 1, 60 * SECOND);
      expect(pushes.size).toBeLessThan(ENTRIES);
      await victim.stop('SIGKILL');
      const killedAt = Date.now();
      const mirroredAtKill = await count(db, `SELECT count(*)::int AS n FROM prospects WHERE object_type = 'Contact'`);
      expect(mirroredAtKill).toBeLessThan(salesforce.table('Contact').length);
      salesforce.clearFaults();
      countPushes();

      // the survivor: flushes until the outbox is empty (the victim's claim lapses after 3 s)
      await until(
        'the survivor to flush the whole outbox',
        async () => {
          const run = await survivor.api('POST', '/api/admin/sync/activity-flush', ADMIN_KEY);
          if (run.status === 202) await until('the flush run to end', async () => (await survivor.api('GET', `/api/admin/sync/runs/${run.body.runId}`, ADMIN_KEY)).body.status !== 'running', 30 * SECOND);
          return (await count(db!, `SELECT count(*)::int AS n FROM outbox WHERE status <> 'done' OR claimed_by IS NOT NULL`)) === 0;
        },
        30 * SECOND,
      );
      // … and takes the mirror once the dead run's lease (15 s without a heartbeat) lapses
      const taken = await until(
        'the survivor to start the mirror',
        async () => {
          const run = await survivor.api('POST', '/api/admin/sync/mirror', ADMIN_KEY);
          return run.status === 202 ? (run.body.runId as string) : run.status === 409 ? null : Promise.reject(new Error(`mirror start answered ${run.status}`));
        },
        30 * SECOND,
      );
      expect(Date.now() - killedAt).toBeLessThan(25 * SECOND);
      const finished = await until(
        'the survivor mirror to finish',
        async () => {
          const run = (await survivor.api('GET', `/api/admin/sync/runs/${taken}`, ADMIN_KEY)).body;
          return run.status !== 'running' ? run : null;
        },
        60 * SECOND,
      );
      expect(finished.status).toBe('succeeded');
      expect((await survivor.api('GET', `/api/admin/sync/runs/${mirror.body.runId}`, ADMIN_KEY)).body.status).toBe('failed');

      // every entry pushed; more than once only for the batch in flight at the kill; one Task each
      expect(messageIds.filter((id) => !pushes.has(id))).toEqual([]);
      expect([...pushes.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(200);
      expect([...pushes.values()].every((n) => n <= 2)).toBe(true);
      const tasks = salesforce.table('Task').map((task) => String(task.SMS_Message_Id__c));
      expect(tasks).toHaveLength(ENTRIES);
      expect(new Set(tasks).size).toBe(ENTRIES);
      // the mirror holds every Contact of the org
      expect(await count(db, `SELECT count(*)::int AS n FROM prospects WHERE object_type = 'Contact'`)).toBe(salesforce.table('Contact').length);
    },
    240 * SECOND,
  );
});

async function count(db: DataSource, sql: string): Promise<number> {
  return ((await db.query(sql)) as { n: number }[])[0].n;
}

/** A rep and ENTRIES logged outbound messages to one Contact, each with its task_upsert outbox entry. */
async function seedOutbox(db: DataSource, ownerId: string, contactId: string, accountId: string): Promise<string[]> {
  const now = new Date().toISOString();
  const rep = { id: randomUUID(), salesforceUserId: ownerId, name: 'Alice Rep', email: 'alice@demo.example', role: 'rep' as const, apiKeyHash: randomUUID().replace(/-/g, '').padEnd(64, '0'), createdAt: now };
  await db.getRepository(User).insert(rep);
  await db.getRepository(Prospect).insert(
    Object.assign(new Prospect(), { id: contactId, objectType: 'Contact', name: 'Jane Doe', accountId, ownerId, doNotCall: false, doNotSms: false, enrolled: true, systemModstamp: now, syncedAt: now }),
  );
  const messages = Array.from({ length: ENTRIES }, (_, i) =>
    Object.assign(new Message(), {
      id: randomUUID(), direction: 'outbound', fromNumber: '+12125550100', toNumber: '+12125550101', body: `Failover message ${i}`, encoding: 'GSM-7', segments: 1,
      status: 'delivered', errorCode: null, providerSid: `SM${String(i).padStart(32, '0')}`, prospectId: contactId, recordId: contactId, userId: rep.id,
      senderNumberId: null, idempotencyKey: null, needsReview: false, createdAt: now, updatedAt: now, crmActivityId: null,
    }),
  );
  for (let i = 0; i < messages.length; i += 400) {
    const chunk = messages.slice(i, i + 400);
    await db.getRepository(Message).insert(chunk.map((m) => ({ ...m })));
    await db.getRepository(OutboxEntry).insert(
      chunk.map((m) => ({ kind: 'task_upsert' as const, aggregateId: m.id, payload: null, priority: 10, status: 'pending' as const, attempts: 0, nextAttemptAt: now, lastError: null, createdAt: now, updatedAt: now })),
    );
  }
  return messages.map((m) => m.id);
}
