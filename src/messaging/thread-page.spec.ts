import { threadPageQuery } from './messages.store';
import { decodeCursor, encodeCursor } from './thread-page';

describe('thread page', () => {
  it('round-trips a cursor and refuses text it did not write', () => {
    const cursor = { createdAt: '2026-12-05T10:11:12.345Z', id: '01938c1e-7d4a-7b2c-9f00-0123456789ab' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor('')).toBeNull();
    expect(decodeCursor('a+b/')).toBeNull();
    expect(decodeCursor(Buffer.from('2026-12-05T10:11:12.345Z').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('not a date|abc').toString('base64url'))).toBeNull();
  });

  it('bounds every leg by the page size and starts each below the cursor', () => {
    const q = threadPageQuery(
      [
        { column: 'to_number', value: '+14155550123', direction: 'outbound' },
        { column: 'prospect_id', value: '003000000000001AAA' },
      ],
      { createdAt: '2026-01-01T00:00:00.000Z', id: 'x' },
      51,
    );
    expect(q.text.match(/LIMIT \$\d+/g)).toHaveLength(3);
    expect(q.text.match(/\(created_at, id\) < \(\$\d+, \$\d+\)/g)).toHaveLength(2);
    // the direction is written into the text, so the engines may plan with its partial index
    expect(q.text).toContain("to_number = $1 AND direction = 'outbound'");
    expect(q.params).toEqual(['+14155550123', '2026-01-01T00:00:00.000Z', 'x', 51, '003000000000001AAA', '2026-01-01T00:00:00.000Z', 'x', 51, 51]);
    // numbered in order, one per parameter
    expect(q.text.match(/\$\d+/g)).toEqual(q.params.map((_, i) => `$${i + 1}`));
  });
});
