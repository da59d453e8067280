import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { RecordError, SalesforceApiError, SESSION_EXPIRED } from './api-error';
import { formatSalesforceDateTime, StandInClock } from './clock';
import { FaultInjector, faultResponse, type ActiveFault, type FaultSpec } from './faults';
import { SessionRegistry } from './oauth';
import { OrgStore, type ValidationRule } from './org-store';
import { QueryCursors } from './query-cursors';
import { routeOf, type ApiContext, type ApiRequest, type ApiResponse } from './rest-api';
import { Schema } from './schema';
import { runSoql, type Row } from './soql-evaluator';

/**
 * A Salesforce org on 127.0.0.1 that real jsforce talks to: OAuth token endpoint, REST query /
 * queryAll / queryMore, sObject CRUD and upsert, sObject Collections, describe, getDeleted /
 * getUpdated and /limits, with the `Sforce-Limit-Info: api-usage=N/MAX` header on every API
 * answer (REST API Developer Guide, "Limit Info Header") and a `Date` header from its clock. Sandbox mode and the benchmarks run it;
 * tests drive it through its programmatic API (seed, read, clock, faults, counters).
 */
export interface StandInOptions {
  /** pre-shared access token accepted from the start */
  accessToken?: string;
  /** OAuth connected-app credentials accepted by the token endpoint */
  clientId?: string;
  clientSecret?: string;
  /** daily API allocation reported in Sforce-Limit-Info and /limits (default 100,000) */
  dailyApiMax?: number;
  /** answer REQUEST_LIMIT_EXCEEDED once the daily allocation is spent (default true) */
  enforceDailyLimit?: boolean;
  /** access tokens from the token endpoint expire after this long (default: never) */
  sessionTtlMs?: number;
}

export interface CallCounters {
  total: number;
  byEndpoint: Record<string, number>;
}

/** After a write was applied and before it is answered; return 'drop' to lose the answer. */
export type AfterCommitHook = (call: { endpoint: string; method: string; path: string; body: unknown; response: unknown }) => void | 'drop' | Promise<void | 'drop'>;

export const DEFAULT_ACCESS_TOKEN = '00D8d0000000001!AQstandin.sandbox.token';
export const DEFAULT_CLIENT_ID = 'standin-client-id';
export const DEFAULT_CLIENT_SECRET = 'standin-client-secret';

export class SalesforceStandIn {
  readonly schema = new Schema();
  readonly clock = new StandInClock();
  readonly store: OrgStore;
  readonly faults = new FaultInjector();
  readonly sessions: SessionRegistry;
  private readonly cursors = new QueryCursors();
  private readonly counters = new Map<string, number>();
  private total = 0;
  private apiUsed = 0;
  private apiMax: number;
  private readonly enforceLimit: boolean;
  private readonly afterCommitHooks: AfterCommitHook[] = [];
  private lockedRecords: ((index: number) => boolean) | null = null;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private baseUrl = '';

  constructor(options: StandInOptions = {}) {
    this.store = new OrgStore(this.schema, this.clock);
    this.sessions = new SessionRegistry(options.accessToken ?? DEFAULT_ACCESS_TOKEN, options.sessionTtlMs ?? null);
    this.sessions.registerClient(options.clientId ?? DEFAULT_CLIENT_ID, options.clientSecret ?? DEFAULT_CLIENT_SECRET);
    this.apiMax = options.dailyApiMax ?? 100_000;
    this.enforceLimit = options.enforceDailyLimit ?? true;
  }

  // ---- lifecycle ----

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.fail(res, new SalesforceApiError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred: ${(err as Error).message}`), false);
      });
    });
    server.keepAliveTimeout = 5_000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** http://127.0.0.1:PORT — both the instance URL and the login URL. */
  get url(): string {
    if (!this.baseUrl) throw new Error('the Salesforce stand-in is not started');
    return this.baseUrl;
  }

  get accessToken(): string {
    return this.sessions.staticToken;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- programmatic API: data ----

  insert(objectName: string, fields: Row): string {
    return this.store.create(objectName, fields, { api: false });
  }

  insertMany(objectName: string, records: Row[]): string[] {
    return records.map((r) => this.insert(objectName, r));
  }

  update(objectName: string, id: string, fields: Row): void {
    this.store.update(objectName, id, fields, { api: false });
  }

  delete(objectName: string, id: string): void {
    this.store.delete(objectName, id);
  }

  /** A live record (or a deleted one with includeDeleted), null when absent. */
  get(objectName: string, id: string, includeDeleted = false): Row | null {
    return this.store.get(objectName, id, includeDeleted);
  }

  /** Every live record of an object (deleted ones too with includeDeleted), in creation order. */
  table(objectName: string, includeDeleted = false): Row[] {
    return [...this.store.rows(objectName, includeDeleted)];
  }

  /** Runs SOQL against the org without an HTTP call (not counted). */
  soql(soql: string, includeDeleted = false): Row[] {
    return runSoql(soql, this.schema, this.store, { includeDeleted, apiVersion: '62.0', now: this.clock.now() }).records;
  }

  /**
   * A save that commits late: Salesforce stamps SystemModstamp when the transaction begins (to the
   * second) but the edit is seen only once it commits — a long trigger or a bulk job can commit
   * minutes later, with a stamp from before queries that ran in between. The updates are invisible
   * until `commit()`, which applies them with the stamp of `beginTransaction()`.
   */
  beginTransaction(): { update(objectName: string, id: string, fields: Row): void; commit(): void } {
    const stamp = formatSalesforceDateTime(this.clock.now());
    const pending: { objectName: string; id: string; fields: Row }[] = [];
    return {
      update: (objectName, id, fields) => void pending.push({ objectName, id, fields }),
      commit: () =>
        this.store.transaction(() => {
          for (const { objectName, id, fields } of pending) {
            this.store.update(objectName, id, fields, { api: false });
            this.store.setSystemFields(objectName, id, { SystemModstamp: stamp, LastModifiedDate: stamp });
          }
        }),
    };
  }

  /** Overwrites system fields (SystemModstamp, CreatedDate, LastModifiedDate …) as they are. */
  setSystemFields(objectName: string, id: string, values: Row): void {
    this.store.setSystemFields(objectName, id, values);
  }

  /**
   * Converts a Lead (Database.convertLead): makes an Account (from Company) and a Contact (names,
   * phones, flags) unless given, then marks the Lead IsConverted with ConvertedContactId,
   * ConvertedAccountId and ConvertedDate.
   */
  convertLead(leadId: string, options: { accountId?: string; contactId?: string } = {}): { accountId: string; contactId: string } {
    const lead = this.store.get('Lead', leadId);
    if (!lead) throw new RecordError('INVALID_CROSS_REFERENCE_KEY', `Lead ${leadId} does not exist`);
    if (lead.IsConverted) throw new RecordError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
    return this.store.transaction(() => {
      const accountId = options.accountId ?? this.insert('Account', { Name: lead.Company, Phone: lead.Phone, OwnerId: lead.OwnerId });
      const contactId =
        options.contactId ??
        this.insert('Contact', {
          AccountId: accountId,
          FirstName: lead.FirstName,
          LastName: lead.LastName,
          Phone: lead.Phone,
          MobilePhone: lead.MobilePhone,
          Email: lead.Email,
          DoNotCall: lead.DoNotCall,
          Do_Not_SMS__c: lead.Do_Not_SMS__c,
          SMS_Enrolled__c: lead.SMS_Enrolled__c,
          OwnerId: lead.OwnerId,
        });
      const today = this.clock.now().toISOString().slice(0, 10);
      this.update('Lead', leadId, { IsConverted: true, ConvertedAccountId: accountId, ConvertedContactId: contactId, ConvertedDate: today, Status: 'Closed - Converted' });
      return { accountId, contactId };
    });
  }

  /** A validation rule on an object; a truthy answer (message or error) fails that record. Returns a remover. */
  addValidationRule(objectName: string, rule: ValidationRule): () => void {
    return this.store.addValidationRule(objectName, rule);
  }

  // ---- programmatic API: sessions, limits, faults, counters ----

  /** Every access token stops working (INVALID_SESSION_ID) until a new one is issued. */
  expireSessions(): void {
    this.sessions.expireAll();
  }

  /** The pre-shared access token is valid again (after expireSessions). */
  restoreAccessToken(): void {
    this.sessions.restoreStaticToken();
  }

  issueAccessToken(): string {
    return this.sessions.issue();
  }

  issueRefreshToken(): string {
    return this.sessions.issueRefreshToken();
  }

  /** Sets the daily API usage reported by Sforce-Limit-Info and /limits (tests push it near the limit). */
  setApiUsage(used: number, max = this.apiMax): void {
    this.apiUsed = used;
    this.apiMax = max;
  }

  apiUsage(): { used: number; max: number } {
    return { used: this.apiUsed, max: this.apiMax };
  }

  injectFault(spec: FaultSpec): void {
    this.faults.inject(spec);
  }

  clearFaults(): void {
    this.faults.clear();
    this.afterCommitHooks.length = 0;
    this.lockedRecords = null;
  }

  /** Runs after a write was applied, before the answer is sent (crash between remote and local commit). */
  onAfterCommit(hook: AfterCommitHook): () => void {
    this.afterCommitHooks.push(hook);
    return () => this.afterCommitHooks.splice(this.afterCommitHooks.indexOf(hook), 1);
  }

  /** Records of Collections writes for which the predicate holds fail with UNABLE_TO_LOCK_ROW. */
  lockRecords(predicate: ((index: number) => boolean) | null): void {
    this.lockedRecords = predicate;
  }

  calls(): CallCounters {
    return { total: this.total, byEndpoint: Object.fromEntries(this.counters) };
  }

  callCount(endpoint: string): number {
    return this.counters.get(endpoint) ?? 0;
  }

  resetCalls(): void {
    this.counters.clear();
    this.total = 0;
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Like Salesforce, every answer carries a Date header: the org's clock (this stand-in's, so
    // a frozen or advanced clock shows), to the second.
    res.setHeader('Date', this.clock.now().toUTCString());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    let raw = '';
    try {
      raw = await readBody(req);
    } catch {
      return;
    }
    if (url.pathname === '/services/oauth2/token' && method === 'POST') {
      this.count('token');
      const fault = await this.meetFault({ endpoint: 'token', method, path: url.pathname }, res);
      if (fault === 'handled') return;
      const answer = this.sessions.token(new URLSearchParams(raw), header(req, 'authorization'), this.url, this.store.apiUserId);
      return send(res, answer.status, answer.body, {});
    }
    const match = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname);
    if (!match) {
      this.count(url.pathname.replace(/\/$/, '') === '/services/data' ? 'versions' : 'unknown');
      if (url.pathname.replace(/\/$/, '') === '/services/data') return send(res, 200, [{ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' }], {});
      return send(res, 404, NOT_FOUND_BODY, {});
    }
    const [, version, path = '/'] = match;
    const route = routeOf(method, path);
    this.count(route.endpoint);
    const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1] ?? null;
    if (!this.sessions.isValid(token)) return this.fail(res, SESSION_EXPIRED(), false);
    const fault = await this.meetFault({ endpoint: route.endpoint, method, path }, res);
    if (fault === 'handled') return;
    if (this.enforceLimit && this.apiUsed >= this.apiMax) {
      return this.fail(res, new SalesforceApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), false);
    }
    this.apiUsed += 1;
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return this.fail(res, new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'Unexpected character in the request body'), true);
    }
    const lock = fault?.kind === 'UNABLE_TO_LOCK_ROW' ? () => true : this.lockedRecords;
    const ctx: ApiContext = {
      store: this.store,
      clock: this.clock,
      cursors: this.cursors,
      limits: () => ({ max: this.apiMax, used: this.apiUsed }),
      recordOverride: lock ? (i) => (lock(i) ? new RecordError('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record or 1 records', []) : null) : undefined,
    };
    const apiReq: ApiRequest = { method, path, version, query: url.searchParams, headers: req.headers, body };
    let response: ApiResponse;
    try {
      res.setHeader('Date', this.clock.now().toUTCString()); // the moment the call is served (after any delay)
      response = route.run(apiReq, ctx);
    } catch (err) {
      if (err instanceof SalesforceApiError) return this.fail(res, err, true);
      if (err instanceof RecordError) return this.fail(res, new SalesforceApiError(400, err.statusCode, err.message, err.fields), true);
      return this.fail(res, new SalesforceApiError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred: ${(err as Error).message}`), true);
    }
    if (route.write) {
      let drop = fault?.kind === 'DROP_AFTER_COMMIT';
      for (const hook of [...this.afterCommitHooks]) {
        if ((await hook({ endpoint: route.endpoint, method, path, body, response: response.body })) === 'drop') drop = true;
      }
      if (drop) {
        req.socket.destroy();
        return;
      }
    }
    send(res, response.status, response.body, this.limitHeader());
  }

  /** Applies a pending fault: answers it ('handled'), or lets the call go on (delay, lock faults). */
  private async meetFault(call: { endpoint: string; method: string; path: string }, res: ServerResponse): Promise<ActiveFault | 'handled' | null> {
    const fault = this.faults.take(call);
    if (!fault) return null;
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.kind === 'DROP_CONNECTION') {
      res.socket?.destroy();
      return 'handled';
    }
    const answer = faultResponse(fault.kind);
    const perRecordLock = fault.kind === 'UNABLE_TO_LOCK_ROW' && call.endpoint.startsWith('collections.');
    if (answer && !perRecordLock) {
      if (call.endpoint === 'token') {
        send(res, answer.status, { error: 'unknown_error', error_description: answer.message }, {});
      } else {
        this.fail(res, new SalesforceApiError(answer.status, answer.errorCode, answer.message), fault.kind !== 'REQUEST_LIMIT_EXCEEDED');
      }
      return 'handled';
    }
    return fault;
  }

  private fail(res: ServerResponse, err: SalesforceApiError, withLimitInfo: boolean): void {
    send(res, err.status, err.body(), withLimitInfo ? this.limitHeader() : {});
  }

  private limitHeader(): Record<string, string> {
    return { 'Sforce-Limit-Info': `api-usage=${this.apiUsed}/${this.apiMax}` };
  }

  private count(endpoint: string): void {
    this.total += 1;
    this.counters.set(endpoint, (this.counters.get(endpoint) ?? 0) + 1);
  }
}

const NOT_FOUND_BODY = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (res.destroyed) return;
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...(payload ? { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(payload) } : {}),
  });
  res.end(payload);
}
