import { ProspectsStore } from '../src/crm/mirror/prospects.store';
import { WatermarksStore } from '../src/crm/mirror/watermarks.store';
import { UsersStore } from '../src/auth/users.store';
import { SenderNumbersStore } from '../src/numbers/sender-numbers.store';
import { Logger } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig, DatabaseConfig } from '../src/config/app-config';
import { CrmMappingService } from '../src/crm/crm-mapping.service';
import { CrmMappingStore } from '../src/crm/crm-mapping.store';
import type { CrmRecord, WriteResult } from '../src/crm/crm-gateway.port';
import { openDatabase } from '../src/database/data-source';
import { UnitOfWork } from '../src/database/unit-of-work';
import { Message } from '../src/messaging/message.entity';
import { MessagesStore } from '../src/messaging/messages.store';
import { DeliveryStatusService } from '../src/messaging/status/delivery-status.service';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { OutboxStore } from '../src/outbox/outbox.store';
import { ActivityFlushService } from '../src/sync/activity-flush.service';
import { ApiBudget } from '../src/sync/api-budget';
import { TaskSourceLoader } from '../src/sync/task-source.loader';
import { seedLoggedConversation } from './factories/activity.factory';
import { FakeCrmGateway } from './support/fake-crm.gateway';
import { createScratchDatabase, onPostgres } from './support/postgres';

/** The org as several flushes see it: every record pushed, in order, and a little latency per call. */
class SharedOrg extends FakeCrmGateway {
  readonly pushed: string[] = [];
  latencyMs = 20;

  override async upsert(object: string, extIdField: string, records: CrmRecord[]): Promise<WriteResult[]> {
    for (const record of records) this.pushed.push(String(record[extIdField]));
    await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    return super.upsert(object, extIdField, records);
  }
}

interface Engine {
  /** a database for one instance (PostgreSQL: its own pool; SQLite: the one file, one connection) */
  open(): Promise<DataSource>;
  /** whether several instances have their own connections (PostgreSQL) or share one writer (SQLite) */
  shared: boolean;
  url: string | null;
  drop(): Promise<void>;
}

const engines: [string, () => Promise<Engine>][] = [
  [
    'SQLite',
    async () => {
      const config: DatabaseConfig = { type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'scs-claims-')), 'claims.db') };
      let single: Promise<DataSource> | null = null;
      return { open: () => (single ??= openDatabase(config)), shared: true, url: null, drop: async () => undefined };
    },
  ],
  ...onPostgres('PostgreSQL', async (): Promise<Engine> => {
    const db = await createScratchDatabase();
    return { open: () => openDatabase({ type: 'postgres', url: db.url, poolSize: 4 }), shared: false, url: db.url, drop: db.drop };
  }),
];

describe.each(engines)('outbox claims on %s', (_name, makeEngine) => {
  let engine: Engine;
  let opened: DataSource[];
  let crm: SharedOrg;

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(async () => {
    engine = await makeEngine();
    opened = [];
    crm = new SharedOrg();
  });
  afterEach(async () => {
    for (const dataSource of new Set(opened)) if (dataSource.isInitialized) await dataSource.destroy();
    await engine.drop();
  });

  /** One instance's flush: its own connections (PostgreSQL) and its INSTANCE_NAME. */
  async function instance(name: string) {
    const dataSource = await engine.open();
    opened.push(dataSource);
    const uow = new UnitOfWork(dataSource);
    const config = { apiBudgetShare: 0.9, crmMappingFile: 'config/crm-mapping.yaml', instanceName: name, outboxClaimSeconds: 60 } as AppConfig;
    const mappings = new CrmMappingService(config, new CrmMappingStore(uow.sql), uow, crm, new WatermarksStore(uow.sql));
    const flush = new ActivityFlushService(new MessagesStore(uow.sql), uow, crm, new ApiBudget(crm, config), mappings, new TaskSourceLoader(new MessagesStore(uow.sql), new ProspectsStore(uow.sql), new UsersStore(uow.sql), new SenderNumbersStore(uow.sql), crm), new OutboxStore(uow), new ProspectsStore(uow.sql), config);
    return { dataSource, uow, flush };
  }

  it('three flushes started together share the queue: each of 2,000 entries pushed once, nothing left claimed', async () => {
    const instances = [await instance('web-1'), await instance('web-2'), await instance('web-3')];
    const { list } = await seedLoggedConversation(instances[0].dataSource, 2000);

    const stats = await Promise.all(instances.map((i) => i.flush.drain()));

    expect(crm.pushed).toHaveLength(2000);
    expect(new Set(crm.pushed)).toEqual(new Set(list.map((m) => m.id)));
    expect(stats.reduce((sum, s) => sum + s.recordsWritten, 0)).toBe(2000);
    if (!engine.shared) {
      // separate connections: the batches were spread over the instances (SKIP LOCKED, no waiting)
      expect(stats.filter((s) => s.recordsWritten > 0).length).toBeGreaterThanOrEqual(2);
    }
    const entries = await instances[0].dataSource.getRepository(OutboxEntry).find();
    expect(entries.every((e) => e.status === 'done' && e.attempts === 1 && e.claimedBy === null && e.claimId === null)).toBe(true);
    const messages = await instances[0].dataSource.getRepository(Message).find();
    expect(messages.every((m) => m.crmActivityId === crm.tasks.get(m.id)?.Id)).toBe(true);
  });

  it('an instance that died holding a batch: the others take it once the claim expires, and push it once', async () => {
    const [dead, survivor] = [await instance('web-1'), await instance('web-2')];
    const { list } = await seedLoggedConversation(survivor.dataSource, 30);
    const store = new OutboxStore(dead.uow);
    const expired = new Date(Date.now() - 1000).toISOString();
    const held = await store.claim('task_upsert', 0, new Date().toISOString(), 200, { id: '00000000-0000-4000-8000-0000000dead1', by: 'web-1', until: expired }, new Date().toISOString());
    expect(held).toHaveLength(30);

    expect(await survivor.flush.drain()).toMatchObject({ recordsWritten: 30 });
    expect(crm.pushed.sort()).toEqual(list.map((m) => m.id).sort());
    // the dead batch's outcome can no longer be recorded over the survivor's
    const settled = await dead.uow.unit((tx) => store.settle(tx, { id: '00000000-0000-4000-8000-0000000dead1', by: 'web-1', until: expired }, held.map((e) => ({ id: e.id, outcome: 'done' as const })), new Date().toISOString()));
    expect(settled.size).toBe(0);
  });

  it('a delivery status committed while the flush commits its Task is never lost', async () => {
    if (!engine.url) return; // SQLite has one writer: the two cannot interleave
    const { flush, uow, dataSource } = await instance('web-1');
    const { list } = await seedLoggedConversation(dataSource, 1, { providerSid: 'SM00000000000000000000000000000001', status: 'sent' });
    const statuses = new DeliveryStatusService(uow, new MessagesStore(uow.sql), new OutboxStore(uow));
    await flush.drain();
    const taskId = crm.tasks.get(list[0].id)!.Id as string;

    // the flush's commit as it happens on another instance: the Task id written, not yet committed
    await dataSource.query(`UPDATE messages SET crm_activity_id = NULL WHERE id = $1`, [list[0].id]);
    const flushCommit = new Client({ connectionString: engine.url });
    await flushCommit.connect();
    try {
      await flushCommit.query('BEGIN');
      await flushCommit.query(`UPDATE messages SET crm_activity_id = $1 WHERE id = $2`, [taskId, list[0].id]);
      // the callback reads the message (no Task id yet), then waits on the row for the flush
      const applying = statuses.apply('SM00000000000000000000000000000001', 'delivered', null);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await flushCommit.query('COMMIT');
      expect(await applying).toBe('applied');
    } finally {
      await flushCommit.end();
    }
    const follow = await dataSource.getRepository(OutboxEntry).findBy({ kind: 'task_status', aggregateId: list[0].id });
    expect(follow).toHaveLength(1);
    await flush.drain();
    expect(String(crm.tasks.get(list[0].id)!.Description)).toMatch(/delivered/i);
  });
});
