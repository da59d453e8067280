import { mkdtempSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../src/config/app-config';
import { openDatabase } from '../src/database/data-source';
import { isUniqueViolation } from '../src/database/unique-violation';
import { bool, int, placeholders, valuesList } from '../src/database/sql';
import { sqlDriver } from '../src/database/sql-drivers';
import { Tx, UnitOfWork } from '../src/database/unit-of-work';
import { createScratchDatabase, onPostgres } from './support/postgres';

const backends: [string, () => Promise<{ config: DatabaseConfig; cleanup: () => Promise<void> }>][] = [
  ['SQLite', async () => ({ config: { type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'scs-')), 'uow.db') }, cleanup: async () => undefined })],
  ...onPostgres('PostgreSQL', async () => {
    const db = await createScratchDatabase();
    return { config: { type: 'postgres' as const, url: db.url }, cleanup: db.drop };
  }),
];

describe.each(backends)('UnitOfWork and Sql on %s', (_name, makeBackend) => {
  let dataSource: DataSource;
  let cleanup: () => Promise<void>;
  let uow: UnitOfWork;

  beforeAll(async () => {
    const backend = await makeBackend();
    cleanup = backend.cleanup;
    dataSource = await openDatabase(backend.config);
    uow = new UnitOfWork(dataSource);
    await uow.unit((tx) => tx.run('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL, flag BOOLEAN NOT NULL)'));
  });
  beforeEach(() => uow.unit((tx) => tx.run('DELETE FROM t')));
  afterAll(async () => {
    await dataSource.destroy();
    await cleanup();
  });

  const ids = async () => (await uow.sql.query<{ id: string }>('SELECT id FROM t ORDER BY id')).map((r) => r.id);
  const insert = (tx: Tx, id: string, n = 1) => tx.run('INSERT INTO t (id, n, flag) VALUES ($1, $2, $3)', [id, n, n % 2 === 0]);

  it('runs one SQL text on both engines: repeated placeholders, booleans, multi-row VALUES, IN lists, RETURNING, changed-row counts', async () => {
    await uow.unit((tx) => tx.run(`INSERT INTO t (id, n, flag) VALUES ${valuesList(3, 3)}`, ['a', 1, false, 'b', 2, true, 'c', 3, false]));
    const rows = await uow.sql.query<{ id: string; n: unknown; flag: unknown }>(`SELECT id, n, flag FROM t WHERE id IN (${placeholders(2)}) ORDER BY id`, ['a', 'b']);
    expect(rows.map((r) => [r.id, int(r.n), bool(r.flag)])).toEqual([
      ['a', 1, false],
      ['b', 2, true],
    ]);
    expect(await uow.sql.one<{ id: string }>('SELECT id FROM t WHERE n = $1 OR id = $2 OR n = $1 ORDER BY id', [3, 'zz'])).toEqual({ id: 'c' });
    expect(await uow.sql.one('SELECT id FROM t WHERE id = $1', ['nope'])).toBeNull();
    const changed = await uow.unit((tx) => tx.run('UPDATE t SET n = n + $1 WHERE n >= $2', [10, 2]));
    expect(changed).toBe(2);
    const returned = await uow.unit((tx) => tx.query<{ id: string }>('DELETE FROM t WHERE n > $1 RETURNING id', [10]));
    expect(returned.map((r) => r.id).sort()).toEqual(['b', 'c']);
  });

  it('leaves the event loop free between transactions: a writer looping over units does not hold off a timer', async () => {
    let fired = 0;
    let unitsBeforeTimer = -1;
    const timer = setInterval(() => fired++, 1);
    try {
      for (let i = 0; i < 300; i++) {
        if (fired > 0 && unitsBeforeTimer < 0) unitsBeforeTimer = i;
        await uow.unit((tx) => insert(tx, `loop-${i}`));
      }
    } finally {
      clearInterval(timer);
    }
    expect(unitsBeforeTimer).toBeGreaterThan(0);
    expect(unitsBeforeTimer).toBeLessThan(300);
    expect(await ids()).toHaveLength(300);
  });

  it('commits a unit, or rolls all of it back when it throws', async () => {
    await expect(uow.unit((tx) => insert(tx, 'a'))).resolves.toBe(1);
    await expect(
      uow.unit(async (tx) => {
        await insert(tx, 'b');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await ids()).toEqual(['a']);
  });

  it('group-commits concurrent units: one that throws is rolled back and rejected alone; each settles after the commit', async () => {
    const unit = (id: string, fail = false) =>
      uow.unit(async (tx) => {
        await insert(tx, id);
        await tx.run('UPDATE t SET n = n + 1 WHERE id = $1', [id]);
        if (fail) throw new Error(`unit ${id} failed`);
        return id;
      });
    const results = await Promise.allSettled([unit('a'), unit('b', true), unit('c'), unit('a'), unit('d')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(isUniqueViolation((results[3] as PromiseRejectedResult).reason)).toBe(true);
    expect(await ids()).toEqual(['a', 'c', 'd']);
    expect((await uow.sql.query<{ n: unknown }>('SELECT n FROM t ORDER BY id')).map((r) => int(r.n))).toEqual([2, 2, 2]);
  });

  it('answers statements asked for together in a unit each with its own result; one refused rolls its whole unit back', async () => {
    await uow.unit((tx) => insert(tx, 'a'));
    const [found, inserted, counted] = await uow.unit((tx) =>
      Promise.all([tx.query<{ id: string }>('SELECT id FROM t WHERE id = $1', ['a']), insert(tx, 'b', 2), tx.query<{ c: unknown }>('SELECT COUNT(*) AS c FROM t')]),
    );
    expect(found).toEqual([{ id: 'a' }]);
    expect(inserted).toBe(1);
    expect(int(counted[0].c)).toBe(2);

    const [refused, other] = await Promise.allSettled([
      uow.unit((tx) => Promise.all([insert(tx, 'c'), insert(tx, 'a'), insert(tx, 'd')])),
      uow.unit((tx) => insert(tx, 'e')),
    ]);
    expect(refused.status).toBe('rejected');
    expect(isUniqueViolation((refused as PromiseRejectedResult).reason)).toBe(true);
    expect(other.status).toBe('fulfilled');
    expect(await ids()).toEqual(['a', 'b', 'e']);
  });

  // PostgreSQL only: on SQLite a statement is a call into the library, not a write to a socket
  (_name === 'PostgreSQL' ? it : it.skip)('sends BEGIN and the statements asked for with it in one write, COMMIT in the next', async () => {
    const writes = jest.spyOn(Socket.prototype, 'write');
    const flushes = [jest.spyOn(Socket.prototype as unknown as { _write: () => void }, '_write'), jest.spyOn(Socket.prototype as unknown as { _writev: () => void }, '_writev')];
    try {
      await uow.unit((tx) => Promise.all([insert(tx, 'a'), insert(tx, 'b', 2)]));
      // pg writes each protocol message of BEGIN, the two INSERTs and COMMIT on its own
      expect(writes.mock.calls.length).toBeGreaterThan(4);
      // and the socket passes them to the kernel in two writes
      expect(flushes.reduce((n, spy) => n + spy.mock.calls.length, 0)).toBe(2);
    } finally {
      writes.mockRestore();
      for (const spy of flushes) spy.mockRestore();
    }
    expect(await ids()).toEqual(['a', 'b']);
  });

  it('a unit that fails on the row of a unit before it in its transaction is answered once that row is committed', async () => {
    const winner = uow.unit((tx) => insert(tx, 'a'));
    // what the loser's caller reads outside any transaction when it is refused (an idempotent retry looks for the winner)
    const seenByLoser = uow.unit((tx) => insert(tx, 'a')).then(
      () => 'not refused',
      async (error: unknown) => [isUniqueViolation(error), await ids()],
    );
    await expect(winner).resolves.toBe(1);
    expect(await seenByLoser).toEqual([true, ['a']]);
  });

  it('keeps 300 overlapping units atomic, in far fewer transactions', async () => {
    const transactions = jest.spyOn(sqlDriver(dataSource), 'begin');
    const work = Array.from({ length: 300 }, (_, i) =>
      uow.unit(async (tx) => {
        await insert(tx, `u${String(i).padStart(3, '0')}`, i);
        await tx.run('UPDATE t SET n = n + 1000 WHERE id = $1', [`u${String(i).padStart(3, '0')}`]);
        if (i % 7 === 0) throw new Error('rolled back on purpose');
      }),
    );
    const settled = await Promise.allSettled(work);
    expect(transactions.mock.calls.length).toBeLessThanOrEqual(10);
    transactions.mockRestore();
    expect(settled.filter((r) => r.status === 'rejected')).toHaveLength(43);
    const rows = await uow.sql.query<{ id: string; n: unknown }>('SELECT id, n FROM t');
    expect(rows).toHaveLength(257);
    expect(rows.every((r) => Number(r.id.slice(1)) % 7 !== 0 && int(r.n) === Number(r.id.slice(1)) + 1000)).toBe(true);
  });

  it('keeps the units of several units of work on one data source atomic, their transactions awaiting real I/O', async () => {
    const uows = [new UnitOfWork(dataSource), new UnitOfWork(dataSource), uow];
    const settled = await Promise.allSettled(
      Array.from({ length: 90 }, (_, i) =>
        uows[i % 3].unit(async (tx) => {
          await insert(tx, `w${String(i).padStart(2, '0')}`, i);
          await new Promise((resolve) => setTimeout(resolve, i % 2));
          await tx.run('UPDATE t SET n = n + 1000 WHERE id = $1', [`w${String(i).padStart(2, '0')}`]);
        }),
      ),
    );
    expect(settled.filter((r) => r.status === 'rejected')).toEqual([]);
    const rows = await uow.sql.query<{ id: string; n: unknown }>('SELECT id, n FROM t');
    expect(rows).toHaveLength(90);
    expect(rows.every((r) => int(r.n) === Number(r.id.slice(1)) + 1000)).toBe(true);
  });

  it('a unit sees its own writes and those of the units committed before it', async () => {
    await uow.unit((tx) => insert(tx, 'a'));
    const seen = await uow.unit(async (tx) => {
      await insert(tx, 'b');
      return (await tx.query<{ id: string }>('SELECT id FROM t ORDER BY id')).map((r) => r.id);
    });
    expect(seen).toEqual(['a', 'b']);
  });

  // only PostgreSQL runs transactions side by side (SQLite one at a time: two units never interleave)
  (_name === 'PostgreSQL' ? it : it.skip)('runs a deadlock’s victim again in a new transaction: both units commit, each exactly once', async () => {
    await uow.unit(async (tx) => {
      await insert(tx, 'a', 0);
      await insert(tx, 'b', 0);
    });
    const runs = { first: 0, second: 0 };
    const firstHoldsA = deferred();
    const secondHoldsB = deferred();
    // each takes one row, waits until the other took the other row, then asks for it: a deadlock
    const first = uow.unit(async (tx) => {
      runs.first++;
      await tx.run('UPDATE t SET n = n + 1 WHERE id = $1', ['a']);
      firstHoldsA.resolve();
      if (runs.first === 1) await secondHoldsB.promise;
      await tx.run('UPDATE t SET n = n + 1 WHERE id = $1', ['b']);
    });
    await firstHoldsA.promise;
    const second = uow.unit(async (tx) => {
      runs.second++;
      await tx.run('UPDATE t SET n = n + 10 WHERE id = $1', ['b']);
      secondHoldsB.resolve();
      await tx.run('UPDATE t SET n = n + 10 WHERE id = $1', ['a']);
    });
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    // one of them was the victim and ran a second time; what both wrote is there once
    expect(runs.first + runs.second).toBe(3);
    expect((await uow.sql.query<{ n: unknown }>('SELECT n FROM t ORDER BY id')).map((r) => int(r.n))).toEqual([11, 11]);
  });
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
