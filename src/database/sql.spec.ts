import { paddedToPowerOfTwo, rowsByKey } from './sql';

describe('batched statements', () => {
  it('pads a list to a power of two with its last item', () => {
    expect(paddedToPowerOfTwo(['a'])).toEqual(['a']);
    expect(paddedToPowerOfTwo(['a', 'b', 'c'])).toEqual(['a', 'b', 'c', 'c']);
    expect(paddedToPowerOfTwo(['a', 'b', 'c', 'd', 'e'])).toHaveLength(8);
    expect(() => paddedToPowerOfTwo([])).toThrow();
  });

  it('reads the distinct keys once and files the rows under each key asked, in order', async () => {
    const asked: string[][] = [];
    const rows = await rowsByKey(
      ['x', 'y', 'x'],
      async (inList, params) => {
        asked.push(params);
        expect(inList).toBe('$1, $2');
        return [
          { key: 'y', n: 1 },
          { key: 'x', n: 2 },
          { key: 'y', n: 3 },
        ];
      },
      (row) => row.key as 'x' | 'y',
    );
    expect(asked).toEqual([['x', 'y']]);
    expect(rows.map((r) => r.map((x) => x.n))).toEqual([[2], [1, 3], [2]]);
  });
});
