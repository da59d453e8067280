import { TickBatch } from './tick-batch';

describe('TickBatch', () => {
  it('answers the calls of one turn of the event loop with one run, each at its own index', async () => {
    const runs: number[][] = [];
    const batch = new TickBatch<number, number>(async (items) => {
      runs.push(items);
      return items.map((n) => n * 10);
    });
    const answers = await Promise.all([batch.add(1), batch.add(2), batch.add(3)]);
    expect(answers).toEqual([10, 20, 30]);
    expect(runs).toEqual([[1, 2, 3]]);
    expect(await batch.add(4)).toBe(40);
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('splits a burst into runs of at most maxItems', async () => {
    const sizes: number[] = [];
    const batch = new TickBatch<number, number>(async (items) => {
      sizes.push(items.length);
      return items;
    }, 2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => batch.add(n)))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('runs each item of a failed batch alone, so only the bad one fails', async () => {
    const batch = new TickBatch<number, number>(async (items) => {
      if (items.includes(2)) throw new Error(`bad item among ${items.length}`);
      return items;
    });
    const settled = await Promise.allSettled([batch.add(1), batch.add(2), batch.add(3)]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('bad item among 1'));
  });
});
