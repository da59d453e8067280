import { ApiUsage, CrmError, CrmGateway, CrmRecord, ObjectDescription, QueryPage, WriteResult } from '../../src/crm/crm-gateway.port';

type RecordError = WriteResult['errors'][number];

/**
 * A strict in-memory double of the CrmGateway port for unit specs: it keeps Tasks by external id,
 * records every call, and fails exactly as scripted (call-level CrmErrors or per-record errors,
 * with Salesforce's recorded error bodies). Anything unscripted it was not built for throws.
 */
export class FakeCrmGateway extends CrmGateway {
  readonly calls: { method: string; object: string; records: number }[] = [];
  readonly tasks = new Map<string, CrmRecord>();
  readonly updates: { object: string; record: CrmRecord }[] = [];
  private readonly callFailures: CrmError[] = [];
  private readonly recordFailures = new Map<string, RecordError[]>();
  usageReading: { dailyUsed: number | null; dailyMax: number | null } = { dailyUsed: null, dailyMax: null };
  onPing: () => void = () => undefined;
  /** runs after an upsert was applied, before it answers (a status callback arriving meanwhile) */
  afterUpsert: () => Promise<void> = async () => undefined;
  private idSeq = 0;
  private callsMade = 0;

  constructor(private readonly externalIdField = 'SMS_Message_Id__c') {
    super();
  }

  failNextCall(error: CrmError): this {
    this.callFailures.push(error);
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

  private begin(method: string, object: string, records: number): void {
    this.callsMade++;
    this.calls.push({ method, object, records });
    const failure = this.callFailures.shift();
    if (failure) throw failure;
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

  readonly queries: string[] = [];
  private cursors = new Map<string, CrmRecord[]>();

  async query<T extends CrmRecord = CrmRecord>(soql: string, options?: { batchSize?: number }): Promise<QueryPage<T>> {
    this.begin('query', soql.split(' FROM ')[1]?.split(' ')[0] ?? '?', 0);
    this.queries.push(soql);
    if (soql.includes('FROM OpportunityContactRole')) return { records: [], totalSize: 0, done: true, nextRecordsUrl: null };
    if (soql.includes('FROM Task ')) {
      const all = [...this.tasks.values()].map((t) => ({ Id: t.Id, [this.externalIdField]: t[this.externalIdField], Description: t.Description ?? null }));
      return this.page(all, options?.batchSize ?? 2000, all.length) as QueryPage<T>;
    }
    throw new Error(`FakeCrmGateway: no script for ${soql}`);
  }

  async queryMore<T extends CrmRecord = CrmRecord>(nextRecordsUrl: string): Promise<QueryPage<T>> {
    this.begin('queryMore', 'Task', 0);
    const rest = this.cursors.get(nextRecordsUrl);
    if (!rest) throw new Error(`FakeCrmGateway: unknown cursor ${nextRecordsUrl}`);
    this.cursors.delete(nextRecordsUrl);
    const [size, total] = nextRecordsUrl.split('-').slice(-2).map(Number);
    return this.page(rest, size, total) as QueryPage<T>;
  }

  private page(records: CrmRecord[], size: number, total: number): QueryPage {
    const head = records.slice(0, size);
    const rest = records.slice(size);
    let nextRecordsUrl: string | null = null;
    if (rest.length) {
      nextRecordsUrl = `/services/data/v62.0/query/01g-${this.cursors.size + 1}-${size}-${total}`;
      this.cursors.set(nextRecordsUrl, rest);
    }
    return { records: head, totalSize: total, done: !nextRecordsUrl, nextRecordsUrl };
  }

  async describe(): Promise<ObjectDescription> {
    throw new Error('FakeCrmGateway: describe not scripted');
  }

  async getDeleted(): Promise<{ id: string; deletedDate: string }[]> {
    throw new Error('FakeCrmGateway: getDeleted not scripted');
  }

  async ping(): Promise<void> {
    this.callsMade++;
    this.calls.push({ method: 'ping', object: '', records: 0 });
    this.onPing();
  }

  usage(): ApiUsage {
    return { callsMade: this.callsMade, ...this.usageReading };
  }

  deleteTask(externalId: string): void {
    this.tasks.delete(externalId);
  }
}
