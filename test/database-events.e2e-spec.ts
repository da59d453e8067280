import { Logger } from '@nestjs/common';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { openDatabase } from '../src/database/data-source';
import { DatabaseEventsReceiver, PostgresEvents } from '../src/database/database-events';
import { UnitOfWork } from '../src/database/unit-of-work';
import { createScratchDatabase, describeOnPostgres } from './support/postgres';

const SECOND = 1000;
const CHANNEL = 'scs_test_events';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** What a listener heard. */
function recorder() {
  const heard: string[] = [];
  const reconnects: Date[] = [];
  const receiver: DatabaseEventsReceiver = { message: (p) => heard.push(p), reconnected: (since) => reconnects.push(since) };
  return { heard, reconnects, receiver };
}

/** A TCP relay to PostgreSQL whose open connections can be made to go silent (a peer gone without a FIN). */
async function silenceableProxy(target: URL): Promise<{ url: string; silence: () => void; close: () => Promise<void> }> {
  const pairs: { client: Socket; upstream: Socket; silent: boolean }[] = [];
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    const pair = { client, upstream, silent: false };
    pairs.push(pair);
    upstream.connect(Number(target.port || 5432), target.hostname);
    client.on('data', (chunk) => void (pair.silent || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (pair.silent || client.write(chunk)));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target.toString());
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    silence: () => pairs.forEach((p) => (p.silent = true)),
    close: async () => {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describeOnPostgres('database events on PostgreSQL (LISTEN/NOTIFY)', () => {
  let database: Awaited<ReturnType<typeof createScratchDatabase>>;
  let dataSource: DataSource;
  let uow: UnitOfWork;
  const closing: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    database = await createScratchDatabase();
    dataSource = await openDatabase({ type: 'postgres', url: database.url, poolSize: 4 });
    uow = new UnitOfWork(dataSource);
  }, 60 * SECOND);
  afterAll(async () => {
    for (const close of closing) await close();
    await dataSource?.destroy();
    await database?.drop();
  });

  const listener = async (url = database.url) => {
    const events = new PostgresEvents(url, { channel: CHANNEL, applicationName: 'scs test listener' });
    const r = recorder();
    await events.listen(r.receiver);
    closing.push(() => events.close());
    return { events, ...r };
  };

  it('delivers what a committed unit announced once, and nothing of a unit that threw, alone or in a batch', async () => {
    const { events, heard } = await listener();
    const announcer = new PostgresEvents(database.url, { channel: CHANNEL, applicationName: 'scs test announcer' });
    const failing = new Error('refused');
    // three units in one group commit: the middle one throws after announcing, the batch runs again without it
    const outcomes = await Promise.allSettled([
      uow.unit((tx) => announcer.announce(tx, ['a'])),
      uow.unit(async (tx) => {
        await announcer.announce(tx, ['b']);
        throw failing;
      }),
      uow.unit((tx) => announcer.announce(tx, ['c1', 'c2'])),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // and a unit alone that throws
    await expect(
      uow.unit(async (tx) => {
        await announcer.announce(tx, ['d']);
        throw failing;
      }),
    ).rejects.toBe(failing);
    await until('the committed announcements', () => heard.length >= 3, 5 * SECOND);
    await sleep(300);
    expect(heard.sort()).toEqual(['a', 'c1', 'c2']);
    expect(events.listening).toBe(true);
  });

  it('refuses a payload over the limit before it reaches the database', async () => {
    const announcer = new PostgresEvents(database.url, { channel: CHANNEL, applicationName: 'scs test announcer' });
    await expect(uow.unit((tx) => announcer.announce(tx, ['x'.repeat(7001)]))).rejects.toThrow(/over 7000/);
  });

  it('reopens a listening connection that went silent, says since when, and hears again', async () => {
    const proxy = await silenceableProxy(new URL(database.url));
    closing.push(proxy.close);
    const { events, heard, reconnects } = await listener(proxy.url);
    const announcer = new PostgresEvents(database.url, { channel: CHANNEL, applicationName: 'scs test announcer' });
    await uow.unit((tx) => announcer.announce(tx, ['before']));
    await until('the first announcement', () => heard.includes('before'), 5 * SECOND);

    const silencedAt = Date.now();
    proxy.silence();
    await uow.unit((tx) => announcer.announce(tx, ['lost']));
    // a check unanswered within 5 s (checks every 5 s) counts as a drop; the reconnect follows a second later
    await until('the drop to be noticed', () => !events.listening, 15 * SECOND);
    await until('the connection to be reopened', () => events.listening, 10 * SECOND);
    expect(reconnects).toHaveLength(1);
    expect(reconnects[0].getTime()).toBeLessThanOrEqual(silencedAt);
    expect(heard).not.toContain('lost');

    await uow.unit((tx) => announcer.announce(tx, ['after']));
    await until('the announcement after the reconnect', () => heard.includes('after'), 5 * SECOND);
    expect(heard).toEqual(['before', 'after']);
  }, 40 * SECOND);
});
