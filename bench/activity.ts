/**
 * `npm run bench:activity`: logs 10,000 messages as Salesforce Tasks through the real service
 * (outbox → activity flush → jsforce adapter → Salesforce stand-in over HTTP), reconciles them,
 * and measures the same work done one call per Task (as most SMS tools log activities) through
 * the same adapter against a fresh stand-in. Prints calls and wall time of each.
 */
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { User } from '../src/auth/user.entity';
import { loadConfig } from '../src/config/app-config';
import { CrmGateway } from '../src/crm/crm-gateway.port';
import { loadMappingFile } from '../src/crm/crm-mapping';
import { Prospect } from '../src/crm/prospect.entity';
import { createApp } from '../src/create-app';
import { openDatabase } from '../src/database/data-source';
import { Message } from '../src/messaging/message.entity';
import { SalesforceStandIn, seedDemoOrg } from '../src/sandbox/salesforce';
import { ActivityFlushService } from '../src/sync/activity-flush.service';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { ReconcileService } from '../src/sync/reconcile.service';
import { buildTask } from '../src/sync/task-builder';
import { inProcessEnv } from './support/in-process-env';

process.env.LOG_LEVEL ??= 'silent';

const COUNT = Number(process.env.BENCH_MESSAGES ?? 10_000);
const DRIFT = Math.round(COUNT / 10);

interface Setup {
  sf: SalesforceStandIn;
  app: INestApplication;
  db: DataSource;
  messages: Message[];
  prospect: Prospect;
  ownerSalesforceId: string;
}

async function setup(): Promise<Setup> {
  const sf = new SalesforceStandIn({ dailyApiMax: 1_000_000 });
  await sf.start();
  const org = seedDemoOrg(sf);
  const config = loadConfig(
    inProcessEnv(sf, { DATABASE_URL: 'sqlite::memory:' }),
    'live',
  );
  const db = await openDatabase(config.database);
  const app = await createApp(config, db);
  await app.init();
  const rep = { id: randomUUID(), salesforceUserId: org.users.alice, name: 'Alice Rep', email: 'alice@demo.example', role: 'rep' as const, apiKeyHash: randomUUID().replace(/-/g, '').padEnd(64, '0'), createdAt: new Date().toISOString() };
  await db.getRepository(User).insert(rep);
  const prospect: Prospect = Object.assign(new Prospect(), {
    id: org.contacts.jane, objectType: 'Contact', name: 'Jane Doe', accountId: org.accounts.acme, ownerId: org.users.alice,
    doNotCall: false, doNotSms: false, enrolled: true, systemModstamp: new Date().toISOString(), syncedAt: new Date().toISOString(),
  });
  await db.getRepository(Prospect).insert({ ...prospect });
  const now = Date.now();
  const messages = Array.from({ length: COUNT }, (_, i) =>
    Object.assign(new Message(), {
      id: randomUUID(), direction: i % 3 === 0 ? 'inbound' : 'outbound', fromNumber: '+12125550100', toNumber: '+12125550101',
      body: `Benchmark message ${i}: are you free for a call this week?`, encoding: 'GSM-7', segments: 1, status: i % 3 === 0 ? 'received' : 'delivered',
      errorCode: null, providerSid: `SM${String(i).padStart(32, '0')}`, prospectId: prospect.id, recordId: prospect.id, userId: rep.id, senderNumberId: null,
      idempotencyKey: null, needsReview: false, createdAt: new Date(now - (COUNT - i) * 1000).toISOString(), updatedAt: new Date().toISOString(), crmActivityId: null,
    }),
  );
  for (let i = 0; i < messages.length; i += 500) {
    const chunk = messages.slice(i, i + 500);
    await db.getRepository(Message).insert(chunk.map((m) => ({ ...m })));
    await db.getRepository(OutboxEntry).insert(
      chunk.map((m) => ({ kind: 'task_upsert' as const, aggregateId: m.id, payload: null, priority: 10, status: 'pending' as const, attempts: 0, nextAttemptAt: new Date().toISOString(), lastError: null, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() })),
    );
  }
  return { sf, app, db, messages, prospect, ownerSalesforceId: org.users.alice };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function writeCalls(sf: SalesforceStandIn): number {
  const { byEndpoint } = sf.calls();
  return Object.entries(byEndpoint).filter(([endpoint]) => /^(collections\.|sobject\.(create|update|upsert))/.test(endpoint)).reduce((n, [, c]) => n + c, 0);
}

function readCalls(sf: SalesforceStandIn): number {
  const { byEndpoint } = sf.calls();
  return (byEndpoint.query ?? 0) + (byEndpoint.queryMore ?? 0) + (byEndpoint['sobject.retrieveByExternalId'] ?? 0);
}

async function ours() {
  const s = await setup();
  try {
    s.sf.resetCalls();
    const flush = await timed(() => s.app.get(ActivityFlushService).drain());
    const flushCalls = writeCalls(s.sf);
    const tasks = s.sf.table('Task').length;

    s.sf.resetCalls();
    const clean = await timed(() => s.app.get(ReconcileService).run());
    const cleanReads = readCalls(s.sf);

    for (const task of s.sf.table('Task').slice(0, DRIFT)) s.sf.delete('Task', String(task.Id));
    s.sf.resetCalls();
    const drift = await timed(() => s.app.get(ReconcileService).run());
    const driftReads = readCalls(s.sf);
    const driftWrites = writeCalls(s.sf);
    const after = s.sf.table('Task');
    return {
      flush: { calls: flushCalls, seconds: flush.seconds, tasks, stats: flush.result },
      reconcile: { calls: cleanReads, seconds: clean.seconds, stats: clean.result },
      drift: { reads: driftReads, writes: driftWrites, seconds: drift.seconds, restored: drift.result.missing, tasks: after.length, unique: new Set(after.map((t) => t.SMS_Message_Id__c)).size },
    };
  } finally {
    await s.app.close();
    await s.sf.stop();
  }
}

/** One call per Task through the same adapter; reconcile by looking each message up. */
async function perRecord() {
  const s = await setup();
  try {
    const crm = s.app.get(CrmGateway);
    const { activity } = loadMappingFile('config/crm-mapping.yaml');
    s.sf.resetCalls();
    const write = await timed(async () => {
      for (const message of s.messages) {
        const task = buildTask({ message, prospect: { ...s.prospect }, ownerSalesforceId: s.ownerSalesforceId, openOpportunityId: null }, activity);
        await crm.upsert(activity.object, activity.externalIdField, [task]);
      }
    });
    const calls = writeCalls(s.sf);
    s.sf.resetCalls();
    const reconcile = await timed(async () => {
      let missing = 0;
      for (const message of s.messages) {
        const page = await crm.query(`SELECT Id FROM ${activity.object} WHERE ${activity.externalIdField} = '${message.id}'`);
        if (page.records.length === 0) missing++;
      }
      return missing;
    });
    return { write: { calls, seconds: write.seconds }, reconcile: { calls: readCalls(s.sf), seconds: reconcile.seconds } };
  } finally {
    await s.app.close();
    await s.sf.stop();
  }
}

async function main() {
  const a = await ours();
  const b = await perRecord();
  const row = (cells: (string | number)[]) => cells.map((c, i) => String(c).padEnd(i === 0 ? 36 : 17)).join('');
  const s = (x: number) => `${x.toFixed(2)} s`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the installed jsforce version, read at run time
  console.log(`activity logging: ${COUNT.toLocaleString('en-US')} messages → Salesforce Tasks (stand-in over HTTP, jsforce ${require('jsforce/package.json').version})`);
  console.log(row(['approach', 'write calls', 'write time', 'reconcile reads', 'reconcile time']));
  console.log(row(['Collections upsert (this service)', a.flush.calls, s(a.flush.seconds), a.reconcile.calls, s(a.reconcile.seconds)]));
  console.log(row(['one call per Task', b.write.calls, s(b.write.seconds), b.reconcile.calls, s(b.reconcile.seconds)]));
  console.log(
    `drift: ${DRIFT.toLocaleString('en-US')} Tasks deleted in Salesforce → reconcile restored ${a.drift.restored} with ${a.drift.reads} reads + ${a.drift.writes} writes in ${s(a.drift.seconds)}; ` +
      `${a.drift.tasks} Tasks, ${a.drift.unique} distinct external ids`,
  );
  console.log('(the one-call-per-Task reconcile looks each message up by SOQL; the stand-in scans its Tasks for each, so its time is inflated — its call count is the point)');
  console.log(`tasks logged ${a.flush.tasks}; flush stats ${JSON.stringify(a.flush.stats)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
