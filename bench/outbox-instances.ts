/**
 * `npm run bench:outbox-instances`: BENCH_ENTRIES (default 100,000) outbox entries (task_upsert)
 * flushed by three instances of the service together, each with its own INSTANCE_NAME and its own
 * connection pool on one PostgreSQL database (a scratch database on BENCH_POSTGRES_URL, default the
 * local `test` server, dropped after), against the Salesforce stand-in over HTTP. The three
 * `activity-flush` passes share the outbox through claims. Prints the write calls, the seconds and
 * how many times each entry's Task was pushed (upserts counted at the stand-in by external id).
 * The instances run in this one process (two cores here: separate processes would only add
 * context switches); the claims go through PostgreSQL all the same.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { User } from '../src/auth/user.entity';
import { loadConfig } from '../src/config/app-config';
import { Prospect } from '../src/crm/prospect.entity';
import { createApp } from '../src/create-app';
import { openDatabase } from '../src/database/data-source';
import { Message } from '../src/messaging/message.entity';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { SalesforceStandIn, seedDemoOrg } from '../src/sandbox/salesforce';
import { ActivityFlushService } from '../src/sync/activity-flush.service';
import { inProcessEnv } from './support/in-process-env';

process.env.LOG_LEVEL ??= 'silent';

const COUNT = Number(process.env.BENCH_ENTRIES ?? 100_000);
const INSTANCES = 3;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function main(): Promise<void> {
  const name = `scs_bench_outbox_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const sf = new SalesforceStandIn({ dailyApiMax: 10_000_000 });
  await sf.start();
  const apps: INestApplication[] = [];
  const pools: DataSource[] = [];
  try {
    const org = seedDemoOrg(sf);
    const configs = Array.from({ length: INSTANCES }, (_, i) =>
      loadConfig(
        inProcessEnv(sf, { DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: '4', INSTANCE_NAME: `bench-${i + 1}` }),
        'live',
      ),
    );
    for (const config of configs) {
      const db = await openDatabase(config.database);
      pools.push(db);
      const app = await createApp(config, db);
      await app.init();
      apps.push(app);
    }
    await seed(pools[0], org.users.alice, org.contacts.jane, org.accounts.acme);

    const pushes = new Map<string, number>();
    sf.onAfterCommit(({ endpoint, body }) => {
      if (!endpoint.startsWith('collections.')) return;
      for (const record of ((body as { records?: Record<string, unknown>[] } | null)?.records ?? [])) {
        const id = String(record.SMS_Message_Id__c ?? '');
        if (id) pushes.set(id, (pushes.get(id) ?? 0) + 1);
      }
    });
    sf.resetCalls();
    const started = process.hrtime.bigint();
    const stats = await Promise.all(apps.map((app) => app.get(ActivityFlushService).drain()));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const { byEndpoint } = sf.calls();
    const writeCalls = Object.entries(byEndpoint).filter(([endpoint]) => endpoint.startsWith('collections.')).reduce((n, [, c]) => n + c, 0);
    const counts = [...pushes.values()];
    const left = await pools[0].query(`SELECT count(*)::int AS n FROM outbox WHERE status <> 'done' OR claimed_by IS NOT NULL`);
    console.log(`${COUNT} outbox entries, ${INSTANCES} instances on PostgreSQL, Salesforce stand-in over HTTP`);
    console.log(`  seconds: ${seconds.toFixed(1)} (${Math.round(COUNT / seconds)} entries/s)`);
    console.log(`  write calls: ${writeCalls} (sObject Collections, up to 200 records each); all calls: ${JSON.stringify(byEndpoint)}`);
    console.log(`  per instance: ${stats.map((s, i) => `bench-${i + 1} ${s.recordsWritten} records in ${s.batches} batches`).join(', ')}`);
    console.log(`  entries pushed: ${pushes.size} distinct; pushed once: ${counts.filter((c) => c === 1).length}; more than once: ${counts.filter((c) => c > 1).length}; Tasks at the stand-in: ${sf.table('Task').length}; outbox rows not done or still claimed: ${(left as { n: number }[])[0].n}`);
    if (pushes.size !== COUNT || counts.some((c) => c !== 1)) process.exitCode = 1;
  } finally {
    for (const app of apps) await app.close();
    for (const db of pools) if (db.isInitialized) await db.destroy();
    await sf.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** A rep, a Contact and COUNT logged messages, each with its task_upsert outbox entry. */
async function seed(db: DataSource, ownerId: string, contactId: string, accountId: string): Promise<void> {
  const now = new Date().toISOString();
  const rep = { id: randomUUID(), salesforceUserId: ownerId, name: 'Alice Rep', email: 'alice@demo.example', role: 'rep' as const, apiKeyHash: randomUUID().replace(/-/g, '').padEnd(64, '0'), createdAt: now };
  await db.getRepository(User).insert(rep);
  await db.getRepository(Prospect).insert(
    Object.assign(new Prospect(), { id: contactId, objectType: 'Contact', name: 'Jane Doe', accountId, ownerId, doNotCall: false, doNotSms: false, enrolled: true, systemModstamp: now, syncedAt: now }),
  );
  for (let i = 0; i < COUNT; i += 1000) {
    const chunk = Array.from({ length: Math.min(1000, COUNT - i) }, (_, j) =>
      Object.assign(new Message(), {
        id: randomUUID(), direction: 'outbound', fromNumber: '+12125550100', toNumber: '+12125550101',
        body: `Benchmark message ${i + j}`, encoding: 'GSM-7', segments: 1, status: 'delivered',
        errorCode: null, providerSid: `SM${String(i + j).padStart(32, '0')}`, prospectId: contactId, recordId: contactId, userId: rep.id, senderNumberId: null,
        idempotencyKey: null, needsReview: false, createdAt: now, updatedAt: now, crmActivityId: null,
      }),
    );
    await db.getRepository(Message).insert(chunk.map((m) => ({ ...m })));
    await db.getRepository(OutboxEntry).insert(
      chunk.map((m) => ({ kind: 'task_upsert' as const, aggregateId: m.id, payload: null, priority: 10, status: 'pending' as const, attempts: 0, nextAttemptAt: now, lastError: null, createdAt: now, updatedAt: now })),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
