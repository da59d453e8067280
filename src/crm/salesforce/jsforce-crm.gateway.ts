import { Connection, OAuth2 } from 'jsforce';
import { GarbageBound } from '../../common/garbage-bound';
import type { SalesforceConfig } from '../../config/app-config';
import {
  CrmError,
  CrmGateway,
  type ApiUsage,
  type CrmRecord,
  type ObjectDescription,
  type QueryPage,
  type WriteResult,
} from '../crm-gateway.port';
import { callScope, observeTransports, responseDateScope } from './counting-transport';
import { parseQueryPage } from './query-page.parser';
import { classifyRecordError, failureOf, toCrmError } from './salesforce-error.classifier';

/**
 * The CrmGateway on jsforce 3 (the only code that imports jsforce, with its helpers here).
 * - Auth: a given access token, or the OAuth 2.0 client-credentials flow
 *   (POST {loginUrl}/services/oauth2/token, grant_type=client_credentials). An INVALID_SESSION_ID
 *   answer renews the token once (client credentials) and retries that call once — POSTs and
 *   PATCHes included; a second failure is AUTH_EXPIRED. Concurrent calls share one renewal.
 * - Every HTTP request is counted (token calls, each queryMore page, each Collections chunk) and
 *   `Sforce-Limit-Info` is read from every answer into usage().
 * - Collections writes go in chunks of ≤ 200 records (jsforce does not split them itself).
 * - Failures become CrmError kinds (salesforce-error.classifier.ts); the adapter retries nothing
 *   but the session renewal: callers decide from the kind.
 * The instance URL stays the configured one (the token answer's instance_url is not followed).
 */
export const COLLECTION_CHUNK = 200;

export interface JsforceGatewayOptions {
  /** per HTTP request (default 60 s) */
  requestTimeoutMs?: number;
}

type RawWriteResult = { id?: string | null; success: boolean; created?: boolean; errors?: { statusCode: string; message: string; fields?: string[] }[] };

export class JsforceCrmGateway extends CrmGateway {
  private readonly conn: Connection;
  private readonly oauth: OAuth2 | null;
  private callsMade = 0;
  private dailyUsed: number | null = null;
  private dailyMax: number | null = null;
  private renewal: Promise<void> | null = null;
  /** a full collection between query pages once enough garbage piled up (garbage-bound.ts) */
  private readonly garbage = new GarbageBound();

  constructor(
    private readonly config: SalesforceConfig,
    options: JsforceGatewayOptions = {},
  ) {
    super();
    this.conn = new Connection({ instanceUrl: config.instanceUrl, accessToken: config.accessToken ?? undefined, version: config.apiVersion });
    this.oauth =
      config.loginUrl && config.clientId && config.clientSecret
        ? new OAuth2({ loginUrl: config.loginUrl, clientId: config.clientId, clientSecret: config.clientSecret })
        : null;
    // the token calls go through the connection's oauth2 client so that they are observed too
    if (this.oauth) (this.conn as unknown as { oauth2: OAuth2 }).oauth2 = this.oauth;
    observeTransports(
      this.conn,
      {
        onRequest: () => void (this.callsMade += 1),
        onLimitInfo: (used, max) => {
          this.dailyUsed = used;
          this.dailyMax = max;
        },
      },
      options.requestTimeoutMs ?? 60_000,
    );
  }

  async query<T extends CrmRecord = CrmRecord>(soql: string, options: { batchSize?: number; includeDeleted?: boolean } = {}): Promise<QueryPage<T>> {
    const resource = options.includeDeleted ? 'queryAll' : 'query';
    const headers = options.batchSize ? { 'Sforce-Query-Options': `batchSize=${options.batchSize}` } : undefined;
    return this.queryCall<T>({ method: 'GET', url: `/${resource}?q=${encodeURIComponent(soql)}`, headers });
  }

  async queryMore<T extends CrmRecord = CrmRecord>(nextRecordsUrl: string): Promise<QueryPage<T>> {
    return this.queryCall<T>({ method: 'GET', url: nextRecordsUrl });
  }

  async describe(objectName: string): Promise<ObjectDescription> {
    const result = await this.call(() => this.conn.describe(objectName));
    return {
      name: result.name,
      keyPrefix: result.keyPrefix ?? null,
      fields: result.fields.map((f) => ({
        name: f.name,
        type: f.type,
        nillable: f.nillable,
        updateable: f.updateable,
        createable: f.createable,
        externalId: f.externalId,
        referenceTo: (f.referenceTo ?? []).filter((r): r is string => typeof r === 'string'),
      })),
    };
  }

  async upsert(objectName: string, externalIdField: string, records: CrmRecord[]): Promise<WriteResult[]> {
    return this.writeInChunks(records, (r) => (r[externalIdField] == null || r[externalIdField] === '' ? `${externalIdField} not specified` : null), (chunk) =>
      this.conn.upsert(objectName, chunk as never, externalIdField, { allOrNone: false }) as Promise<unknown>,
    );
  }

  async update(objectName: string, records: CrmRecord[]): Promise<WriteResult[]> {
    return this.writeInChunks(records, (r) => (r.Id ? null : 'Id not specified in an update call'), (chunk) =>
      this.conn.update(objectName, chunk as never, { allOrNone: false }) as Promise<unknown>,
    );
  }

  async getDeleted(objectName: string, start: Date, end: Date): Promise<{ id: string; deletedDate: string }[]> {
    const result = await this.call(() => this.conn.sobject(objectName).deleted(start, end));
    return (result.deletedRecords ?? []).map((r) => ({ id: r.id, deletedDate: r.deletedDate }));
  }

  async ping(): Promise<void> {
    await this.call(() => this.conn.limits());
  }

  usage(): ApiUsage {
    return { callsMade: this.callsMade, dailyUsed: this.dailyUsed, dailyMax: this.dailyMax };
  }

  // ---- internals ----

  /**
   * A query call, its page stamped with the server's clock from the answer's `Date` header. The
   * answer is taken as text and read one record at a time (query-page.parser.ts): jsforce would
   * parse the whole page at once. An error answer, text too, is read back into Salesforce's
   * errorCode so that it is classified as usual.
   */
  private async queryCall<T extends CrmRecord>(request: { method: 'GET'; url: string; headers?: Record<string, string> }): Promise<QueryPage<T>> {
    const seen = { date: null as string | null };
    const body = await responseDateScope.run(seen, () =>
      this.call(() => this.conn.request<string>(request, { responseType: 'text/plain' }).then(undefined, (error: unknown) => Promise.reject(withSalesforceErrorCode(error)))),
    );
    const page = parseQueryPage(body);
    this.garbage.check();
    return { records: page.records as T[], totalSize: page.totalSize, done: page.done, nextRecordsUrl: page.nextRecordsUrl, serverTime: isoFromHttpDate(seen.date) };
  }

  /**
   * Sends chunks of ≤ 200 one after the other; results in input order. Records the API would
   * refuse before any call (no key) fail locally as MISSING_ARGUMENT. A chunk failing as a whole
   * throws CrmError (earlier chunks stay applied: upserts are safe to repeat).
   */
  private async writeInChunks(records: CrmRecord[], invalid: (r: CrmRecord) => string | null, send: (chunk: CrmRecord[]) => Promise<unknown>): Promise<WriteResult[]> {
    const results: WriteResult[] = new Array(records.length);
    const sendable: number[] = [];
    records.forEach((r, i) => {
      const problem = invalid(r);
      if (problem) results[i] = { success: false, id: null, errors: [{ statusCode: 'MISSING_ARGUMENT', message: problem, fields: [], kind: 'INVALID_DATA' }] };
      else sendable.push(i);
    });
    for (let from = 0; from < sendable.length; from += COLLECTION_CHUNK) {
      const indexes = sendable.slice(from, from + COLLECTION_CHUNK);
      const raw = (await this.call(() => send(indexes.map((i) => withoutAttributes(records[i]))))) as RawWriteResult[];
      indexes.forEach((recordIndex, k) => (results[recordIndex] = toWriteResult(raw[k])));
    }
    return results;
  }

  /** One Salesforce call: a token first when needed; on an expired session one renewal and one retry. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.conn.accessToken) await this.renew(undefined);
    const tokenUsed = this.conn.accessToken;
    try {
      return await this.attempt(fn);
    } catch (err) {
      if (!(err instanceof CrmError) || err.kind !== 'AUTH_EXPIRED' || !this.oauth) throw err;
      await this.renew(tokenUsed);
      return this.attempt(fn);
    }
  }

  private async attempt<T>(fn: () => Promise<T>): Promise<T> {
    const scope = { status: null as number | null };
    try {
      return await callScope.run(scope, fn);
    } catch (err) {
      if (err instanceof CrmError) throw err;
      throw toCrmError(failureOf(err, scope.status));
    }
  }

  /** Gets a new token, unless another call already replaced the one that failed. */
  private async renew(failedToken: string | null | undefined): Promise<void> {
    if (this.conn.accessToken && this.conn.accessToken !== failedToken) return;
    if (!this.oauth) throw new CrmError('AUTH_EXPIRED', 'Salesforce: no access token and no OAuth client credentials configured', 'INVALID_SESSION_ID');
    this.renewal ??= this.requestToken().finally(() => (this.renewal = null));
    return this.renewal;
  }

  private async requestToken(): Promise<void> {
    const token = await this.attempt(() => this.oauth!.requestToken({ grant_type: 'client_credentials' }));
    // SALESFORCE_INSTANCE_URL, when set, wins over the token answer's instance_url
    if (!this.config.instanceUrl) {
      if (!token.instance_url) throw new CrmError('PERMANENT', 'Salesforce: the token answer names no instance_url and SALESFORCE_INSTANCE_URL is not set', 'INVALID_AUTH');
      this.conn.instanceUrl = String(token.instance_url).replace(/\/+$/, '');
    }
    this.conn.accessToken = token.access_token;
  }
}

/**
 * jsforce builds the error of a text answer as `ERROR_HTTP_<status>` with the raw body as its
 * message; the body is Salesforce's `[{"message", "errorCode"}]`: give the error its code back.
 */
function withSalesforceErrorCode(error: unknown): unknown {
  const e = error as { errorCode?: unknown; message?: unknown };
  if (typeof e?.errorCode !== 'string' || !/^ERROR_HTTP_\d{3}$/.test(e.errorCode) || typeof e.message !== 'string') return error;
  let parsed: unknown;
  try {
    parsed = JSON.parse(e.message);
  } catch {
    return error;
  }
  const first = (Array.isArray(parsed) ? parsed[0] : parsed) as { errorCode?: unknown; message?: unknown } | undefined;
  if (typeof first?.errorCode !== 'string') return error;
  return Object.assign(new Error(typeof first.message === 'string' ? first.message : first.errorCode), { name: first.errorCode, errorCode: first.errorCode });
}

/** An HTTP-date (`Sun, 29 Nov 2026 12:00:00 GMT`) as ISO-8601 UTC; null when absent or unreadable. */
function isoFromHttpDate(value: string | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function withoutAttributes(record: CrmRecord): CrmRecord {
  const { attributes: _a, ...rest } = record as CrmRecord & { attributes?: unknown };
  return rest;
}

function toWriteResult(raw: RawWriteResult | undefined): WriteResult {
  if (!raw) return { success: false, id: null, errors: [{ statusCode: 'UNKNOWN_EXCEPTION', message: 'no result for this record', fields: [], kind: 'TEMPORARY' }] };
  return {
    success: raw.success,
    id: raw.id ?? null,
    ...(raw.created === undefined ? {} : { created: raw.created }),
    errors: (raw.errors ?? []).map((e) => ({ statusCode: e.statusCode, message: e.message, fields: e.fields ?? [], kind: classifyRecordError(e.statusCode) })),
  };
}
