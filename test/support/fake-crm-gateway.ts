import { CrmError, CrmGateway, type ApiUsage, type CrmRecord, type FieldDescription, type ObjectDescription, type QueryPage, type WriteResult } from '../../src/crm/crm-gateway.port';

/**
 * A strict in-memory double of the CrmGateway port for unit specs: it answers the mirror's
 * watermark queries (the WHERE / ORDER BY shape the mirror builds, nothing more), pages them, and
 * lets a spec inject failures. E2E tests use the real jsforce adapter and the HTTP stand-in.
 */
export interface FakeRecord extends CrmRecord {
  Id: string;
  SystemModstamp: string;
  IsDeleted?: boolean;
}

export class FakeCrmGateway extends CrmGateway {
  readonly objects = new Map<string, FakeRecord[]>();
  readonly descriptions = new Map<string, ObjectDescription>();
  readonly soql: string[] = [];
  calls = 0;
  /** failures handed out by the next calls, in order (null: let the call succeed) */
  failures: (CrmError | null)[] = [];
  private cursors = new Map<string, { rows: CrmRecord[]; offset: number; batch: number }>();
  private cursorSeq = 0;

  put(object: string, ...records: FakeRecord[]): void {
    const list = this.objects.get(object) ?? [];
    for (const record of records) {
      const at = list.findIndex((r) => r.Id === record.Id);
      if (at >= 0) list[at] = record;
      else list.push(record);
    }
    this.objects.set(object, list);
  }

  async query<T extends CrmRecord = CrmRecord>(soql: string, options: { batchSize?: number; includeDeleted?: boolean } = {}): Promise<QueryPage<T>> {
    this.hit();
    this.soql.push(soql);
    const match = /^SELECT (.+) FROM (\w+)(?: WHERE SystemModstamp > (\S+) OR \(SystemModstamp = \S+ AND Id > '(\w+)'\)| WHERE (\w+) = false)? ORDER BY SystemModstamp, Id$/.exec(soql);
    if (!match) throw new CrmError('INVALID_DATA', `fake cannot answer: ${soql}`, 'MALFORMED_QUERY');
    const [, select, object, stamp, lastId, falseField] = match;
    const fields = select.split(', ');
    const after = stamp ? { ms: Date.parse(stamp), id: lastId } : null;
    const rows = (this.objects.get(object) ?? [])
      .filter((r) => options.includeDeleted || !r.IsDeleted)
      .filter((r) => !falseField || r[falseField] !== true)
      .map((r) => ({ r, ms: Date.parse(r.SystemModstamp.replace('+0000', 'Z')) }))
      .filter(({ r, ms }) => !after || ms > after.ms || (ms === after.ms && r.Id > after.id))
      .sort((a, b) => a.ms - b.ms || (a.r.Id < b.r.Id ? -1 : a.r.Id > b.r.Id ? 1 : 0))
      .map(({ r }) => Object.fromEntries(fields.map((f) => [f, f === 'IsDeleted' ? r.IsDeleted === true : (r[f] ?? null)])));
    const key = `/services/data/v62.0/query/01g${++this.cursorSeq}`;
    this.cursors.set(key, { rows, offset: 0, batch: options.batchSize ?? 2000 });
    return this.page<T>(key, rows.length);
  }

  async queryMore<T extends CrmRecord = CrmRecord>(nextRecordsUrl: string): Promise<QueryPage<T>> {
    this.hit();
    const key = nextRecordsUrl.replace(/-\d+$/, '');
    if (!this.cursors.has(key)) throw new CrmError('INVALID_DATA', 'invalid query locator', 'INVALID_QUERY_LOCATOR');
    return this.page<T>(key, this.cursors.get(key)!.rows.length);
  }

  async describe(objectName: string): Promise<ObjectDescription> {
    this.hit();
    const description = this.descriptions.get(objectName);
    if (!description) throw new CrmError('NOT_FOUND', `The requested resource does not exist: ${objectName}`, 'NOT_FOUND');
    return description;
  }

  async upsert(): Promise<WriteResult[]> {
    throw new Error('not used by these specs');
  }

  async update(): Promise<WriteResult[]> {
    throw new Error('not used by these specs');
  }

  async getDeleted(): Promise<{ id: string; deletedDate: string }[]> {
    throw new Error('not used by these specs');
  }

  async ping(): Promise<void> {}

  usage(): ApiUsage {
    return { callsMade: this.calls, dailyUsed: null, dailyMax: null };
  }

  private hit(): void {
    this.calls++;
    const failure = this.failures.shift();
    if (failure) throw failure;
  }

  private page<T extends CrmRecord>(key: string, totalSize: number): QueryPage<T> {
    const cursor = this.cursors.get(key)!;
    const records = cursor.rows.slice(cursor.offset, cursor.offset + cursor.batch) as T[];
    cursor.offset += records.length;
    const done = cursor.offset >= cursor.rows.length;
    return { records, totalSize, done, nextRecordsUrl: done ? null : `${key}-${cursor.offset}` };
  }
}

/** A describe field with defaults; override what a spec needs. */
export function aField(name: string, type: string, overrides: Partial<FieldDescription> = {}): FieldDescription {
  return { name, type, nillable: true, updateable: true, createable: true, externalId: false, referenceTo: [], ...overrides };
}

/** Describes matching the shipped mapping (config/crm-mapping.yaml). */
export function defaultOrgDescriptions(): ObjectDescription[] {
  const people = (name: string, extra: FieldDescription[]) => ({
    name,
    keyPrefix: name === 'Contact' ? '003' : '00Q',
    fields: [
      aField('Id', 'id', { updateable: false, createable: false }),
      aField('Name', 'string', { updateable: false, createable: false }),
      aField('Phone', 'phone'),
      aField('MobilePhone', 'phone'),
      aField('DoNotCall', 'boolean'),
      aField('Do_Not_SMS__c', 'boolean'),
      aField('SMS_Enrolled__c', 'boolean'),
      aField('OwnerId', 'reference', { referenceTo: ['User'] }),
      aField('SystemModstamp', 'datetime', { updateable: false, createable: false }),
      aField('IsDeleted', 'boolean', { updateable: false, createable: false }),
      ...extra,
    ],
  });
  return [
    people('Contact', [aField('AccountId', 'reference', { referenceTo: ['Account'] })]),
    people('Lead', [aField('IsConverted', 'boolean', { updateable: false, createable: false })]),
    {
      name: 'Account',
      keyPrefix: '001',
      fields: [aField('Id', 'id'), aField('Name', 'string'), aField('SystemModstamp', 'datetime', { updateable: false, createable: false })],
    },
    {
      name: 'Task',
      keyPrefix: '00T',
      fields: [
        aField('Id', 'id'),
        aField('Subject', 'combobox'),
        aField('Description', 'textarea'),
        aField('Status', 'picklist'),
        aField('Priority', 'picklist'),
        aField('Type', 'picklist'),
        aField('ActivityDate', 'date'),
        aField('WhoId', 'reference', { referenceTo: ['Contact', 'Lead'] }),
        aField('WhatId', 'reference', { referenceTo: ['Account', 'Opportunity'] }),
        aField('OwnerId', 'reference', { referenceTo: ['User'] }),
        aField('SMS_Message_Id__c', 'string', { externalId: true }),
      ],
    },
    {
      name: 'OpportunityContactRole',
      keyPrefix: '00K',
      fields: [aField('ContactId', 'reference', { referenceTo: ['Contact'] }), aField('OpportunityId', 'reference', { referenceTo: ['Opportunity'] })],
    },
  ];
}
