/**
 * The port to the CRM (Salesforce), owned by the domain. The jsforce adapter is the only code that
 * speaks to Salesforce; everything else uses this. Records are plain objects keyed by the
 * Salesforce field names of the RevOps mapping.
 */
export type CrmRecord = Record<string, unknown> & { Id?: string };

export interface QueryPage<T extends CrmRecord = CrmRecord> {
  records: T[];
  totalSize: number;
  done: boolean;
  /** pass to queryMore for the next page; null on the last page */
  nextRecordsUrl: string | null;
  /**
   * The CRM's own clock when it answered (ISO-8601 UTC; from the HTTP `Date` header, so whole
   * seconds), when the adapter can tell. The mirror bounds its watermark by it rather than by the
   * local clock.
   */
  serverTime?: string | null;
}

export interface FieldDescription {
  name: string;
  /** Salesforce field type: id, string, phone, boolean, reference, datetime, picklist, … */
  type: string;
  nillable: boolean;
  updateable: boolean;
  createable: boolean;
  externalId: boolean;
  referenceTo: string[];
}

export interface ObjectDescription {
  name: string;
  keyPrefix: string | null;
  fields: FieldDescription[];
}

/** Outcome of one record of a Collections write, in input order. */
export interface WriteResult {
  success: boolean;
  id: string | null;
  /** true when an upsert created the record */
  created?: boolean;
  /** kind: how the adapter classifies this record's error (e.g. UNABLE_TO_LOCK_ROW → TEMPORARY) */
  errors: { statusCode: string; message: string; fields: string[]; kind?: CrmErrorKind }[];
}

export interface ApiUsage {
  /** calls this process made since it started (every HTTP request to Salesforce counts) */
  callsMade: number;
  /** from the last Sforce-Limit-Info header: api-usage=used/max; null until one was seen */
  dailyUsed: number | null;
  dailyMax: number | null;
}

/** The neutral error classes vendor errors map onto; retry policy is decided from these alone. */
export type CrmErrorKind = 'TEMPORARY' | 'RATE_LIMITED' | 'AUTH_EXPIRED' | 'INVALID_DATA' | 'NOT_FOUND' | 'PERMANENT';

export class CrmError extends Error {
  constructor(
    readonly kind: CrmErrorKind,
    message: string,
    /** the Salesforce errorCode (e.g. UNABLE_TO_LOCK_ROW) or HTTP status, for logs and stats */
    readonly vendorCode: string | null = null,
  ) {
    super(message);
    this.name = 'CrmError';
  }

  get retryable(): boolean {
    return this.kind === 'TEMPORARY' || this.kind === 'RATE_LIMITED' || this.kind === 'AUTH_EXPIRED';
  }
}

export abstract class CrmGateway {
  /** First page of a SOQL query (queryAll when includeDeleted). batchSize: 200–2000 records a page. */
  abstract query<T extends CrmRecord = CrmRecord>(
    soql: string,
    options?: { batchSize?: number; includeDeleted?: boolean },
  ): Promise<QueryPage<T>>;

  abstract queryMore<T extends CrmRecord = CrmRecord>(nextRecordsUrl: string): Promise<QueryPage<T>>;

  abstract describe(objectName: string): Promise<ObjectDescription>;

  /** Upsert on an external-id field through sObject Collections; chunks of ≤ 200 records a call. */
  abstract upsert(objectName: string, externalIdField: string, records: CrmRecord[]): Promise<WriteResult[]>;

  /** Update by Id through sObject Collections; chunks of ≤ 200 records a call. Records must carry Id. */
  abstract update(objectName: string, records: CrmRecord[]): Promise<WriteResult[]>;

  /** Ids deleted between two instants (getDeleted); empty list when none. */
  abstract getDeleted(objectName: string, start: Date, end: Date): Promise<{ id: string; deletedDate: string }[]>;

  /** A cheap authenticated call (GET /limits) for readiness; throws CrmError when unreachable. */
  abstract ping(): Promise<void>;

  abstract usage(): ApiUsage;
}
