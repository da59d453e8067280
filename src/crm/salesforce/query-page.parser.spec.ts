import fc from 'fast-check';
import { parseQueryPage } from './query-page.parser';

const contact = (id: string, extra: Record<string, unknown> = {}) => ({
  attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${id}` },
  Id: id,
  Name: 'Jane "JJ" Doe, [Sales] {West}',
  Phone: '(212) 555-0101',
  DoNotCall: false,
  Account: { attributes: { type: 'Account', url: '/x' }, Name: 'Acme \\ Co' },
  ...extra,
});

describe('parseQueryPage', () => {
  it('reads the page fields and every record, without attributes (also in parent records)', () => {
    const body = JSON.stringify({ totalSize: 5, done: false, nextRecordsUrl: '/services/data/v62.0/query/01gXX-2000', records: [contact('003A'), contact('003B')] });
    expect(parseQueryPage(body)).toEqual({
      totalSize: 5,
      done: false,
      nextRecordsUrl: '/services/data/v62.0/query/01gXX-2000',
      records: [
        { Id: '003A', Name: 'Jane "JJ" Doe, [Sales] {West}', Phone: '(212) 555-0101', DoNotCall: false, Account: { Name: 'Acme \\ Co' } },
        { Id: '003B', Name: 'Jane "JJ" Doe, [Sales] {West}', Phone: '(212) 555-0101', DoNotCall: false, Account: { Name: 'Acme \\ Co' } },
      ],
    });
  });

  it('finds the records whatever the key order and spacing, and ignores a nested "records"', () => {
    const body = `{ "records" : [ {"Id":"003A","Sub":{"records":[1,2]},"Note":"records"} , {"Id":"003B","N":null} ] ,\n "done" : true, "totalSize": 2 }`;
    expect(parseQueryPage(body)).toEqual({ totalSize: 2, done: true, nextRecordsUrl: null, records: [{ Id: '003A', Sub: { records: [1, 2] }, Note: 'records' }, { Id: '003B', N: null }] });
  });

  it('reads an empty page', () => {
    expect(parseQueryPage('{"totalSize":0,"done":true,"records":[]}')).toEqual({ totalSize: 0, done: true, nextRecordsUrl: null, records: [] });
  });

  it('refuses a truncated answer', () => {
    expect(() => parseQueryPage('{"totalSize":2,"done":true,"records":[{"Id":"003A"},{"Id":"00')).toThrow(SyntaxError);
  });

  it('agrees with JSON.parse on any page of records', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }));
    const record = fc.dictionary(fc.string().filter((k) => k !== 'attributes' && k !== '__proto__'), fc.oneof(value, fc.array(value), fc.dictionary(fc.string().filter((k) => k !== 'attributes' && k !== '__proto__'), value)));
    fc.assert(
      fc.property(fc.array(record), fc.boolean(), fc.option(fc.string()), (records, done, next) => {
        const page = { totalSize: records.length, done, ...(next === null ? {} : { nextRecordsUrl: next }), records };
        const parsed = parseQueryPage(JSON.stringify(page, null, records.length % 2 ? 1 : 0));
        expect(parsed).toEqual({ totalSize: records.length, done, nextRecordsUrl: next, records: JSON.parse(JSON.stringify(records)) });
      }),
    );
  });
});
