import { getHeapStatistics } from 'node:v8';
import { GarbageBound } from './garbage-bound';

const used = () => getHeapStatistics().used_heap_size;

describe('GarbageBound', () => {
  it('collects once the heap grew by more than the slack, and not before', () => {
    const bound = new GarbageBound(8 * 2 ** 20);
    bound.check();
    let garbage: string[] | null = Array.from({ length: 200_000 }, (_, i) => `garbage ${i} `.repeat(4));
    const grown = used();
    garbage = null;
    bound.check();
    expect(garbage).toBeNull();
    expect(used()).toBeLessThan(grown - 8 * 2 ** 20);
  });
});
