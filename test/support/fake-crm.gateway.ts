import {
  CrmError,
  CrmGateway,
  type ApiUsage,
  type CrmRecord,
  type FieldDescription,
  type ObjectDescription,
  type QueryPage,
  type WriteResult,
} from '../../src/crm/crm-gateway.port';

type RecordError = WriteResult['errors'][number];

/** A mirrored object's record as the org holds it. */
export interface FakeRecord extends CrmRecord {
  Id: string;
  SystemModstamp: string;
  IsDeleted?: boolean;
}

export interface FakeCall {
  method: 'query' | 'queryMore' | 'describe' | 'upsert' | 'update' | 'ping';
  object: string;
  records: number;
}

/**
 * A strict in-memory double of the CrmGateway port for unit specs. It answers:
 * - the mirror's watermark queries (the WHERE / ORDER BY shape the mirror builds, nothing more)
 *   over records put with `put`, paged like Salesforce;
 * - the activity side: Tasks kept by external id (upsert, update, the reconcile read), no open
 *   Opportunities;
 * - describe, from `descriptions` (the shipped mapping's org by default).
 * It records every call and SOQL string, and fails exactly as scripted: `failures` hands out a
 * call-level CrmError to the next calls in order (null lets one succeed), `failRecord` fails one
 * record with Salesforce's recorded error bodies. Anything it was not built for throws. E2E tests
 * use the real jsforce adapter and the HTTP stand-in instead.
 */
export class FakeCrmGateway extends CrmGateway {
  /** every call, in order; `usage().callsMade` is its length */
  readonly calls: FakeCall[] = [];
  /** every SOQL query, in order */
  readonly soql: string[] = [];
  /** failures handed out by the next calls (ping excepted), in order (null: let the call succeed) */
  failures: (CrmError | null)[] = [];
  readonly objects = new Map<string, FakeRecord[]>();
  readonly descriptions = new Map<string, ObjectDescription>(defaultOrgDescriptions().map((d) => [d.name, d]));
  /** Tasks by external id */
  readonly tasks = new Map<string, CrmRecord>();
  readonly updates: { object: string; record: CrmRecord }[] = [];
  usageReading: { dailyUsed: number | null; dailyMax: number | null } = { dailyUsed: null, dailyMax: null };
  /** the org's clock as query pages report it (`serverTime`); null: pages carry none */
  serverTime: string | null = null;
  onPing: () => void = () => undefined;
  /** runs after an upsert was applied, before it answers (a status callback arriving meanwhile) */
  afterUpsert: () => Promise<void> = async () => undefined;
  private readonly recordFailures = new Map<string, RecordError[]>();
  private readonly cursors = new Map<string, { object: string; rows: CrmRecord[]; offset: number; batch: number }>();
  private cursorSeq = 0;
  private idSeq = 0;

  constructor(private readonly externalIdField = 'SMS_Message_Id__c') {
    super();
  }

  put(object: string, ...records: FakeRecord[]): void {
    const list = this.objects.get(object) ?? [];
    for (const record of records) {
      const at = list.findIndex((r) => r.Id === record.Id);
      if (at >= 0) list[at] = record;
      else list.push(record);
    }
    this.objects.set(object, list);
  }

  failNextCall(error: CrmError): this {
    this.failures.push(error);
    return this;
  }

  /** the record whose external id or Id is `key` fails with these errors until cleared */
  failRecord(key: string, ...errors: RecordError[]): this {
    this.recordFailures.set(key, errors);
    return this;
  }

  clearRecordFailures(): void {
    this.recordFailures.clear();
  }

  deleteTask(externalId: string): void {
    this.tasks.delete(externalId);
  }

  async query<T extends CrmRecord = CrmRecord>(soql: string, options: { batchSize?: number; includeDeleted?: boolean } = {}): Promise<QueryPage<T>> {
    const object = /\bFROM (\w+)/.exec(soql)?.[1] ?? '?';
    this.begin('query', object, 0);
    this.soql.push(soql);
    if (object === 'OpportunityContactRole') return { records: [], totalSize: 0, done: true, nextRecordsUrl: null };
    if (object === 'Task') return this.openCursor<T>(object, this.taskRows(), options.batchSize);
    return this.openCursor<T>(object, this.watermarkRows(soql, options.includeDeleted === true), options.batchSize);
  }

  async queryMore<T extends CrmRecord = CrmRecord>(nextRecordsUrl: string): Promise<QueryPage<T>> {
    const key = nextRecordsUrl.replace(/-\d+$/, '');
    const cursor = this.cursors.get(key);
    this.begin('queryMore', cursor?.object ?? '?', 0);
    if (!cursor) throw new CrmError('INVALID_DATA', 'invalid query locator', 'INVALID_QUERY_LOCATOR');
    return this.page<T>(key);
  }

  async describe(objectName: string): Promise<ObjectDescription> {
    this.begin('describe', objectName, 0);
    const description = this.descriptions.get(objectName);
    if (!description) throw new CrmError('NOT_FOUND', `The requested resource does not exist: ${objectName}`, 'NOT_FOUND');
    return description;
  }

  async upsert(object: string, extIdField: string, records: CrmRecord[]): Promise<WriteResult[]> {
    if (records.length > 200) throw new Error(`FakeCrmGateway: ${records.length} records in one call`);
    if (extIdField !== this.externalIdField) throw new Error(`FakeCrmGateway: unexpected external id ${extIdField}`);
    this.begin('upsert', object, records.length);
    const results = records.map((record): WriteResult => {
      const key = String(record[extIdField]);
      const errors = this.recordFailures.get(key);
      if (errors) return { success: false, id: null, errors };
      const existing = this.tasks.get(key);
      const Id = existing?.Id ?? `00T${String(++this.idSeq).padStart(12, '0')}AAA`;
      this.tasks.set(key, { ...existing, ...record, Id });
      return { success: true, id: Id, created: !existing, errors: [] };
    });
    await this.afterUpsert();
    return results;
  }

  async update(object: string, records: CrmRecord[]): Promise<WriteResult[]> {
    this.begin('update', object, records.length);
    return records.map((record) => {
      const errors = this.recordFailures.get(String(record.Id));
      if (errors) return { success: false, id: null, errors };
      this.updates.push({ object, record });
      const task = [...this.tasks.values()].find((t) => t.Id === record.Id);
      if (object === 'Task' && !task) return { success: false, id: null, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] };
      if (task) Object.assign(task, record);
      return { success: true, id: String(record.Id), errors: [] };
    });
  }

  async getDeleted(): Promise<{ id: string; deletedDate: string }[]> {
    throw new Error('FakeCrmGateway: getDeleted not scripted');
  }

  async ping(): Promise<void> {
    this.calls.push({ method: 'ping', object: '', records: 0 });
    this.onPing();
  }

  usage(): ApiUsage {
    return { callsMade: this.calls.length, ...this.usageReading };
  }

  private begin(method: FakeCall['method'], object: string, records: number): void {
    this.calls.push({ method, object, records });
    const failure = this.failures.shift();
    if (failure) throw failure;
  }

  /** The reconcile read: every Task with its external id and description. */
  private taskRows(): CrmRecord[] {
    return [...this.tasks.values()].map((t) => ({ Id: t.Id, [this.externalIdField]: t[this.externalIdField], Description: t.Description ?? null }));
  }

  /** The mirror's watermark query over the records put for its object, in (SystemModstamp, Id) order. */
  private watermarkRows(soql: string, includeDeleted: boolean): CrmRecord[] {
    const match =
      /^SELECT (.+) FROM (\w+)(?: WHERE SystemModstamp > (\S+) OR \(SystemModstamp = \S+ AND Id > '(\w+)'\)| WHERE SystemModstamp >= (\S+)| WHERE (\w+) = false)? ORDER BY SystemModstamp, Id$/.exec(
        soql,
      );
    if (!match) throw new Error(`FakeCrmGateway: no script for ${soql}`);
    const [, select, object, stamp, lastId, fromStamp, falseField] = match;
    const fields = select.split(', ');
    // from a stamp on (inclusive): after the pair (the stamp less 1 ms, no id)
    const after = stamp ? { ms: Date.parse(stamp), id: lastId } : fromStamp ? { ms: Date.parse(fromStamp) - 1, id: '' } : null;
    return (this.objects.get(object) ?? [])
      .filter((r) => includeDeleted || !r.IsDeleted)
      .filter((r) => !falseField || r[falseField] !== true)
      .map((r) => ({ r, ms: Date.parse(r.SystemModstamp.replace('+0000', 'Z')) }))
      .filter(({ r, ms }) => !after || ms > after.ms || (ms === after.ms && r.Id > after.id))
      .sort((a, b) => a.ms - b.ms || (a.r.Id < b.r.Id ? -1 : a.r.Id > b.r.Id ? 1 : 0))
      .map(({ r }) => Object.fromEntries(fields.map((f) => [f, f === 'IsDeleted' ? r.IsDeleted === true : (r[f] ?? null)])));
  }

  private openCursor<T extends CrmRecord>(object: string, rows: CrmRecord[], batchSize = 2000): QueryPage<T> {
    const key = `/services/data/v62.0/query/01g${++this.cursorSeq}`;
    this.cursors.set(key, { object, rows, offset: 0, batch: batchSize });
    return this.page<T>(key);
  }

  private page<T extends CrmRecord>(key: string): QueryPage<T> {
    const cursor = this.cursors.get(key)!;
    const records = cursor.rows.slice(cursor.offset, cursor.offset + cursor.batch) as T[];
    cursor.offset += records.length;
    const done = cursor.offset >= cursor.rows.length;
    if (done) this.cursors.delete(key);
    return { records, totalSize: cursor.rows.length, done, nextRecordsUrl: done ? null : `${key}-${cursor.offset}`, serverTime: this.serverTime };
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
