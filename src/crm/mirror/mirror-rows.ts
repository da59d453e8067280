import { toId18 } from '../../common/salesforce-id';
import type { CrmRecord } from '../crm-gateway.port';
import type { PeopleMapping } from '../crm-mapping';
import type { PeopleObject } from '../prospect.entity';
import { isoFromSalesforce, type MirrorSpec, type Watermark } from './mirror-spec';
import { MirrorPhoneNormalizer } from './mirror-phone-normalizer';

/** What one page of Salesforce records becomes in the mirror. */
export interface PageRows {
  prospects: ProspectRow[];
  accounts: AccountRow[];
  /** ids that leave the mirror: deleted, or (Leads) converted */
  removedIds: string[];
  /** the last record taken from the page: where the cursor moves once the page is committed */
  last: Watermark | null;
  /** phone values present but not a valid number (kept as null) */
  phoneWarnings: number;
}

export interface ProspectRow {
  id: string;
  objectType: PeopleObject;
  name: string;
  accountId: string | null;
  ownerId: string | null;
  doNotCall: boolean;
  doNotSms: boolean;
  enrolled: boolean;
  systemModstamp: string;
  /** valid numbers only, in the mapping's priority order */
  phones: { field: string; position: number; e164: string }[];
}

export interface AccountRow {
  id: string;
  name: string;
  systemModstamp: string;
}

const defaultPhones = new MirrorPhoneNormalizer();

/**
 * Turns a page into rows. Field names are matched case-insensitively (the mapping may spell
 * `sms_enrolled__c`; the API answers `SMS_Enrolled__c`).
 */
export function pageRows(spec: MirrorSpec, records: CrmRecord[], phones: MirrorPhoneNormalizer = defaultPhones): PageRows {
  const rows: PageRows = { prospects: [], accounts: [], removedIds: [], last: null, phoneWarnings: 0 };
  if (records.length === 0) return rows;
  const key = keyResolver(records[0]);
  const idKey = key('Id');
  const stampKey = key('SystemModstamp');
  const deletedKey = key('IsDeleted');
  for (const record of records) {
    const systemModstamp = isoFromSalesforce(record[stampKey]);
    const id = toId18(String(record[idKey] ?? ''));
    if (!id) throw new Error(`${spec.object} record without a valid Id: ${JSON.stringify(record[idKey])}`);
    rows.last = { modstamp: systemModstamp, id };
    if (record[deletedKey] === true) {
      rows.removedIds.push(id);
    } else if (spec.kind === 'account') {
      rows.accounts.push({ id, name: text(record[key(spec.nameField)]), systemModstamp });
    } else {
      const people = spec.people;
      if (people.convertedField && record[key(people.convertedField)] === true) {
        rows.removedIds.push(id);
        continue;
      }
      rows.prospects.push(prospectRow(spec.object as PeopleObject, people, record, key, id, systemModstamp, rows, phones));
    }
  }
  return rows;
}

function prospectRow(
  objectType: PeopleObject,
  people: PeopleMapping,
  record: CrmRecord,
  key: (field: string) => string,
  id: string,
  systemModstamp: string,
  rows: PageRows,
  normalizer: MirrorPhoneNormalizer,
): ProspectRow {
  const phones: ProspectRow['phones'] = [];
  people.phoneFields.forEach((field, position) => {
    const raw = record[key(field)];
    if (raw === null || raw === undefined || raw === '') return;
    const e164 = typeof raw === 'string' ? normalizer.normalize(raw) : null;
    if (e164) phones.push({ field, position, e164 });
    else rows.phoneWarnings++;
  });
  return {
    id,
    objectType,
    name: text(record[key(people.nameField)]),
    accountId: people.accountField ? reference(record[key(people.accountField)]) : null,
    ownerId: reference(record[key(people.ownerField)]),
    doNotCall: record[key(people.doNotCallField)] === true,
    doNotSms: record[key(people.doNotSmsField)] === true,
    enrolled: record[key(people.enrolledField)] === true,
    systemModstamp,
    phones,
  };
}

/** Maps a mapping field name to the key the API used, resolved once per page and memoised. */
function keyResolver(sample: CrmRecord): (field: string) => string {
  const byLower = new Map(Object.keys(sample).map((k) => [k.toLowerCase(), k]));
  const memo = new Map<string, string>();
  return (field) => {
    let resolved = memo.get(field);
    if (resolved === undefined) {
      resolved = byLower.get(field.toLowerCase()) ?? field;
      memo.set(field, resolved);
    }
    return resolved;
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 255) : value === null || value === undefined ? '' : String(value).slice(0, 255);
}

function reference(value: unknown): string | null {
  return typeof value === 'string' && value ? toId18(value) : null;
}
