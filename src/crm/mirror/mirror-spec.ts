import type { CrmMapping, PeopleMapping } from '../crm-mapping';

/** One object the mirror reads, with the SELECT list its mapping needs. */
export type MirrorSpec =
  | { kind: 'account'; object: string; fields: string[]; nameField: string }
  | { kind: 'people'; object: string; fields: string[]; people: PeopleMapping };

/**
 * Where the incremental mirror of an object stands. Two forms:
 * - `{modstamp, id}`: the last committed record (mid-run: the pair, since many records share a
 *   stamp); the next read starts after it in (SystemModstamp, Id) order;
 * - `{modstamp: cutoff, id: ''}`: everything stamped before `cutoff` has been read (a run that
 *   reached its cutoff); the next read starts at `SystemModstamp >= cutoff`. '' sorts before
 *   every Id, so both forms order as pairs.
 */
export interface Watermark {
  /** SystemModstamp, ISO-8601 UTC */
  modstamp: string;
  id: string;
}

export const MIRROR_BATCH_SIZE = 2000;

/** Accounts first, then the People in mapping order. */
export function mirrorSpecs(mapping: CrmMapping): MirrorSpec[] {
  const account = mapping.account;
  const specs: MirrorSpec[] = [
    { kind: 'account', object: account.object, fields: selectList([account.nameField]), nameField: account.nameField },
  ];
  for (const people of mapping.people) {
    const fields = [
      people.nameField,
      ...people.phoneFields,
      people.doNotCallField,
      people.doNotSmsField,
      people.enrolledField,
      people.ownerField,
      ...(people.accountField ? [people.accountField] : []),
      ...(people.convertedField ? [people.convertedField] : []),
    ];
    specs.push({ kind: 'people', object: people.object, fields: selectList(fields), people });
  }
  return specs;
}

/** Id, SystemModstamp and IsDeleted first, then the mapped fields, each once (SOQL names are case-insensitive). */
function selectList(mapped: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const field of ['Id', 'SystemModstamp', 'IsDeleted', ...mapped]) {
    const key = field.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(field);
  }
  return out;
}

/**
 * The incremental query: everything after the watermark in (SystemModstamp, Id) order, so records
 * sharing one stamp are neither skipped nor read twice (converted Leads included: they must leave
 * the mirror); after a cutoff watermark (id ''), everything stamped at or after it. Without a
 * watermark (first load, full resync): every record that belongs in the mirror.
 *
 * The query has no upper bound: the cutoff of a run is only known from the server's clock in the
 * answer to this very query, so the mirror stops at it on its side (`mirrorCutoff`, pageRows).
 */
export function mirrorSoql(spec: MirrorSpec, after: Watermark | null): string {
  const select = `SELECT ${spec.fields.join(', ')} FROM ${spec.object}`;
  const order = ' ORDER BY SystemModstamp, Id';
  if (!after) {
    const converted = spec.kind === 'people' ? spec.people.convertedField : undefined;
    return select + (converted ? ` WHERE ${converted} = false` : '') + order;
  }
  const stamp = soqlDateTime(after.modstamp);
  const id = after.id.replace(/[^A-Za-z0-9]/g, '');
  if (!id) return `${select} WHERE SystemModstamp >= ${stamp}${order}`;
  return `${select} WHERE SystemModstamp > ${stamp} OR (SystemModstamp = ${stamp} AND Id > '${id}')${order}`;
}

/** A SOQL datetime literal (unquoted), to the second when the milliseconds are zero as Salesforce stamps are. */
export function soqlDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`not an instant: ${iso}`);
  const text = date.toISOString();
  return text.endsWith('.000Z') ? text.slice(0, -5) + 'Z' : text;
}

/** Salesforce's `2024-01-31T12:00:00.000+0000` as ISO-8601 UTC (`…Z`). */
export function isoFromSalesforce(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`SystemModstamp missing or not a string: ${String(value)}`);
  if (value.length === 28 && value.endsWith('+0000')) return value.slice(0, 23) + 'Z';
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(date.getTime())) throw new Error(`SystemModstamp is not a datetime: ${value}`);
  return date.toISOString();
}

/** True when (a) is strictly after (b) in (SystemModstamp, Id) order (or there is no b): the watermark may move to a. */
export function isAfter(a: Watermark, b: Watermark | null): boolean {
  if (!b) return true;
  const [x, y] = [Date.parse(a.modstamp), Date.parse(b.modstamp)];
  return x !== y ? x > y : a.id > b.id;
}

/**
 * The cutoff of a run: records stamped before it are safe to put behind the watermark; records
 * stamped at or after it are left for the next poll.
 *
 * Salesforce stamps to the second, and a record can commit a moment after others that share (or
 * follow) its stamp were read: moving the watermark up to the newest stamp read would skip it.
 * So the watermark never enters the trailing edge: cutoff = the server's clock when the query
 * ran, truncated to the second, minus `lagSeconds` (covering how long a save may take to commit).
 * The server's clock is the `Date` of the answer (`serverTime`, whole seconds) less the round trip
 * (the query ran at least that long before the answer left); without it, the local clock when the
 * query was sent.
 */
export function mirrorCutoff(serverTime: string | null | undefined, sentAtMs: number, receivedAtMs: number, lagSeconds: number): string {
  const server = serverTime ? Date.parse(serverTime) : NaN;
  const ranAt = Number.isNaN(server) ? sentAtMs : server - Math.max(0, receivedAtMs - sentAtMs);
  return new Date(Math.floor(ranAt / 1000) * 1000 - lagSeconds * 1000).toISOString();
}
