import type { CrmMapping, PeopleMapping } from '../crm-mapping';

/** One object the mirror reads, with the SELECT list its mapping needs. */
export type MirrorSpec =
  | { kind: 'account'; object: string; fields: string[]; nameField: string }
  | { kind: 'people'; object: string; fields: string[]; people: PeopleMapping };

/** The last committed record of an object: the cursor is the pair, since many records share a stamp. */
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
 * the mirror). Without a watermark (full resync): every record that belongs in the mirror.
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

/** True when (a) has a strictly later stamp than (b) (or there is no b): the cursor may move to a. */
export function hasLaterStamp(a: Watermark, b: Watermark | null): boolean {
  if (!b) return true;
  return a.modstamp > b.modstamp;
}
