import { DataSource } from 'typeorm';
import { openDatabase } from './data-source';
import { UnitOfWork } from './unit-of-work';

describe('UnitOfWork on SQLite', () => {
  let dataSource: DataSource;
  let uow: UnitOfWork;
  const ids = () => (uow.sqlite!.prepare('SELECT id FROM t ORDER BY id').all() as { id: string }[]).map((r) => r.id);

  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    await dataSource.query('CREATE TABLE t (id TEXT PRIMARY KEY)');
    uow = new UnitOfWork(dataSource);
  });
  afterEach(() => dataSource.destroy());

  const insert = (id: string) => (db: NonNullable<UnitOfWork['sqlite']>) => db.prepare('INSERT INTO t (id) VALUES (?)').run(id).changes;

  it('runNative commits a synchronous body, or rolls all of it back when it throws', async () => {
    await expect(uow.runNative(insert('a'))).resolves.toBe(1);
    await expect(
      uow.runNative((db) => {
        insert('b')(db);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(ids()).toEqual(['a']);
  });

  it('runNativeGrouped commits the units of one tick together; a unit that throws is rolled back and rejected alone', async () => {
    const seenInTransaction: boolean[] = [];
    const unit = (id: string, fail = false) =>
      uow.runNativeGrouped((db) => {
        seenInTransaction.push(db.inTransaction);
        insert(id)(db);
        if (fail) throw new Error(`unit ${id} failed`);
        return id;
      });
    const results = await Promise.allSettled([unit('a'), unit('b', true), unit('c'), unit('a')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(String((results[3] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    expect(seenInTransaction).toEqual([true, true, true, true]);
    expect(ids()).toEqual(['a', 'c']);
  });

  it('never lets grouped or native units into a TypeORM transaction that is still running, nor its rollback undo them', async () => {
    const doomed = uow.run(async (manager) => {
      await manager.query("INSERT INTO t (id) VALUES ('doomed')");
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('rolled back on purpose');
    });
    const others = [uow.runNativeGrouped(insert('g1')), uow.runNative(insert('n1')), uow.runNativeGrouped(insert('g2'))];
    await expect(doomed).rejects.toThrow('rolled back on purpose');
    await Promise.all(others);
    expect(ids()).toEqual(['g1', 'g2', 'n1']);
  });
});
