import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readlinkSync, readSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../src/config/app-config';
import { openDatabase } from '../src/database/data-source';
import '../src/app.module'; // loads every context, so each registers its entities as the service does
import { Tx, UnitOfWork } from '../src/database/unit-of-work';
import { Message } from '../src/messaging/message.entity';
import { MessagesStore } from '../src/messaging/messages.store';
import { OutboxStore } from '../src/outbox/outbox.store';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { aMessage } from './factories/activity.factory';
import { createScratchDatabase, describeOnPostgres, onPostgres } from './support/postgres';

const TABLES = ['users', 'sender_numbers', 'sms_requests', 'prospects', 'prospect_phones', 'accounts', 'crm_mapping', 'messages', 'send_refusals', 'consent_blocks', 'consent_events', 'consent_crm_flags', 'notifications', 'sync_runs', 'sync_watermarks', 'outbox'];

const backends: [string, () => Promise<{ config: DatabaseConfig; cleanup: () => Promise<void> }>][] = [
  ['SQLite (file)', async () => ({ config: { type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'scs-')), 'test.db') }, cleanup: async () => undefined })],
  ...onPostgres('PostgreSQL', async () => {
    const db = await createScratchDatabase();
    return { config: { type: 'postgres' as const, url: db.url }, cleanup: db.drop };
  }),
];

describe.each(backends)('database on %s', (_name, makeBackend) => {
  let dataSource: DataSource;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const backend = await makeBackend();
    cleanup = backend.cleanup;
    dataSource = await openDatabase(backend.config);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await cleanup();
  });

  it('builds every table through the migrations, and the entities agree with them', async () => {
    const runner = dataSource.createQueryRunner();
    for (const table of TABLES) expect(await runner.hasTable(table)).toBe(true);
    await runner.release();
    // each context registered its entities: one per table, and every one can be read (a column the migration lacks would fail here)
    expect(dataSource.entityMetadatas.map((entity) => entity.tableName).sort()).toEqual([...TABLES].sort());
    for (const entity of dataSource.entityMetadatas) await expect(dataSource.getRepository(entity.target).find({ take: 1 })).resolves.toEqual([]);
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('reverts and re-applies the whole migration suite', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    const runner = dataSource.createQueryRunner();
    expect(await runner.hasTable('messages')).toBe(false);
    await dataSource.runMigrations();
    expect(await runner.hasTable('messages')).toBe(true);
    await runner.release();
  });

  it('keeps overlapping transactions atomic: a message and its outbox entry both or neither', async () => {
    const unitOfWork = new UnitOfWork(dataSource);
    const outbox = new OutboxStore(unitOfWork);
    const messageStore = new MessagesStore(unitOfWork.sql);
    const attempts = Array.from({ length: 200 }, (_, i) => i);
    const results = await Promise.allSettled(
      attempts.map((i) =>
        unitOfWork.unit(async (tx) => {
          const message = aMessage({ status: 'queued', body: `message ${i}` });
          await messageStore.insert(tx, [message]);
          await sleep(i % 3); // real awaiting between the two writes lets transactions overlap
          if (i % 4 === 0) throw new Error(`refused ${i}`);
          await outbox.enqueue(tx, [{ kind: 'task_upsert', aggregateId: message.id }], new Date().toISOString());
        }),
      ),
    );
    const committed = results.filter((r) => r.status === 'fulfilled').length;
    expect(committed).toBe(150);
    const messages = await dataSource.getRepository(Message).find();
    const entries = await dataSource.getRepository(OutboxEntry).find();
    expect(messages).toHaveLength(150);
    expect(entries).toHaveLength(150);
    expect(new Set(entries.map((e) => e.aggregateId))).toEqual(new Set(messages.map((m) => m.id)));
    expect(messages.some((m) => Number(m.body.split(' ')[1]) % 4 === 0)).toBe(false);
  });
});

describeOnPostgres('the PostgreSQL pool', () => {
  it('opens at most DATABASE_POOL_SIZE connections, however many queries wait', async () => {
    const db = await createScratchDatabase();
    const dataSource = await openDatabase({ type: 'postgres', url: db.url, poolSize: 3 });
    try {
      const database = (await dataSource.query('SELECT current_database() AS name'))[0].name as string;
      const sessions = async () => Number((await dataSource.query('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [database]))[0].n);
      const busy = Array.from({ length: 8 }, () => dataSource.query('SELECT pg_sleep(0.3)'));
      await sleep(100);
      const pool = (dataSource.driver as unknown as { master: { totalCount: number } }).master;
      expect(pool.totalCount).toBe(3);
      await Promise.all(busy);
      expect(await sessions()).toBeLessThanOrEqual(3);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});

describe('SQLite WAL checkpoints', () => {
  it('are run by a background thread, never inside the service connection\'s commits, and stop with the data source', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'scs-')), 'wal.db');
    const dataSource = await openDatabase({ type: 'sqlite', path });
    const handle = (dataSource.driver as unknown as { databaseConnection: { pragma(s: string, o?: object): unknown } }).databaseConnection;
    expect(handle.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const uow = new UnitOfWork(dataSource);
    await uow.unit((tx) => tx.run('CREATE TABLE w (id INTEGER PRIMARY KEY, v TEXT NOT NULL)'));
    for (let i = 0; i < 200; i++) await uow.unit((tx) => tx.run('INSERT INTO w (v) VALUES ($1)', ['x'.repeat(2000)]));
    // 400 kB written: they reach the database file (not only the WAL) though this connection never checkpoints
    for (let tries = 0; tries < 40 && statSync(path).size < 400_000; tries++) await sleep(100);
    expect(statSync(path).size).toBeGreaterThan(400_000);
    await dataSource.destroy();
  });

  it('keeps statement journals in memory: a large multi-row insert opens no temporary file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'scs-')), 'journal.db');
    const dataSource = await openDatabase({ type: 'sqlite', path });
    const uow = new UnitOfWork(dataSource);
    await uow.unit((tx) => tx.run('CREATE TABLE j (id INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE, v TEXT NOT NULL)'));
    const temporaryFiles = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).includes('etilqs_');
      } catch {
        return false;
      }
    }).length;
    // keys spread over the index, so the statement below changes pages that already hold rows (pages
    // it only appends need no undo record)
    const key = (i: number) => `${(i * 7919) % 10007}`.padStart(8, '0') + '-'.repeat(200);
    const insert = (tx: Tx, keys: string[]) => tx.run(`INSERT INTO j (k, v) VALUES ${keys.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}`, keys.flatMap((k) => [k, 'v'.repeat(200)]));
    for (let batch = 0; batch < 20; batch++) await uow.unit((tx) => insert(tx, Array.from({ length: 100 }, (_, i) => key(2 * (batch * 100 + i)))));
    const opened = await uow.unit(async (tx) => {
      // a statement after the transaction's first may have to be undone alone
      await insert(tx, ['first']);
      // 100 rows between those keys: the statement's journal (what undoes it alone) is past 64 kB
      await insert(tx, Array.from({ length: 100 }, (_, i) => key(40 * i + 1)));
      return temporaryFiles();
    });
    expect(opened).toBe(0);
    await expect(uow.unit((tx) => tx.query<{ n: number }>('SELECT count(*) AS n FROM j'))).resolves.toEqual([{ n: 2101 }]);
    await dataSource.destroy();
  });

  // The checkpointer syncs the file through a descriptor of its own (synced-file.ts, whose spec covers
  // the sharing); none may outlive the data sources on the file.
  const descriptorsOf = (path: string): number =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false;
      }
    }).length;

  (existsSync('/proc/self/fd') ? it : it.skip)('leave no descriptor of the file open once the last data source on it has closed', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'scs-')), 'fd.db');
    const first = await openDatabase({ type: 'sqlite', path });
    const second = await openDatabase({ type: 'sqlite', path });
    await new UnitOfWork(first).unit((tx) => tx.run('CREATE TABLE fd_probe (id INTEGER PRIMARY KEY)'));
    // the count sees this file's descriptors at all (else the 0 below would prove nothing)
    expect(descriptorsOf(path)).toBeGreaterThan(0);
    await first.destroy();
    await new UnitOfWork(second).unit((tx) => tx.run('INSERT INTO fd_probe (id) VALUES (1)'));
    await second.destroy();
    expect(descriptorsOf(path)).toBe(0);
  });

  /** The checkpoint sequence number in the WAL header (bytes 12–15, big-endian): +1 each time the log starts over. */
  const walSequence = (path: string): number => {
    const fd = openSync(`${path}-wal`, 'r');
    try {
      const header = Buffer.alloc(16);
      readSync(fd, header, 0, 16, 0);
      return header.readUInt32BE(12);
    } finally {
      closeSync(fd);
    }
  };

  // The log starts over only when a checkpoint has copied every frame back while no transaction is
  // open; the background checkpointer alone never gets there under a steady stream of commits, and
  // the WAL grew by gigabytes, every commit slower than the last.
  it('start the log over about once a second while commits keep coming', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'scs-')), 'wal.db');
    const dataSource = await openDatabase({ type: 'sqlite', path });
    try {
      const uow = new UnitOfWork(dataSource);
      await uow.unit((tx) => tx.run('CREATE TABLE wal_probe (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)'));
      const before = walSequence(path);
      let written = 0;
      const deadline = Date.now() + 3500;
      // 16 writers, each committing again as soon as its last commit returned: never an idle moment
      const writer = async () => {
        while (Date.now() < deadline) {
          await uow.unit((tx) => tx.run('INSERT INTO wal_probe (payload) VALUES (randomblob(8192))'));
          written += 8192;
        }
      };
      await Promise.all(Array.from({ length: 16 }, writer));

      expect(written).toBeGreaterThan(8 * 2 ** 20);
      // two start-overs in 3.5 s leave room for a slow machine
      expect(walSequence(path) - before).toBeGreaterThanOrEqual(2);
    } finally {
      await dataSource.destroy();
    }
  });
});
