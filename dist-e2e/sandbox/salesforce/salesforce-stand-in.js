"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SalesforceStandIn = exports.DEFAULT_CLIENT_SECRET = exports.DEFAULT_CLIENT_ID = exports.DEFAULT_ACCESS_TOKEN = void 0;
const node_http_1 = require("node:http");
const api_error_1 = require("./api-error");
const clock_1 = require("./clock");
const faults_1 = require("./faults");
const oauth_1 = require("./oauth");
const org_store_1 = require("./org-store");
const query_cursors_1 = require("./query-cursors");
const rest_api_1 = require("./rest-api");
const schema_1 = require("./schema");
const soql_evaluator_1 = require("./soql-evaluator");
exports.DEFAULT_ACCESS_TOKEN = '00D8d0000000001!AQstandin.sandbox.token';
exports.DEFAULT_CLIENT_ID = 'standin-client-id';
exports.DEFAULT_CLIENT_SECRET = 'standin-client-secret';
class SalesforceStandIn {
    schema = new schema_1.Schema();
    clock = new clock_1.StandInClock();
    store;
    faults = new faults_1.FaultInjector();
    sessions;
    cursors = new query_cursors_1.QueryCursors();
    counters = new Map();
    total = 0;
    apiUsed = 0;
    apiMax;
    enforceLimit;
    afterCommitHooks = [];
    lockedRecords = null;
    server = null;
    sockets = new Set();
    baseUrl = '';
    constructor(options = {}) {
        this.store = new org_store_1.OrgStore(this.schema, this.clock);
        this.sessions = new oauth_1.SessionRegistry(options.accessToken ?? exports.DEFAULT_ACCESS_TOKEN, options.sessionTtlMs ?? null);
        this.sessions.registerClient(options.clientId ?? exports.DEFAULT_CLIENT_ID, options.clientSecret ?? exports.DEFAULT_CLIENT_SECRET);
        this.apiMax = options.dailyApiMax ?? 100_000;
        this.enforceLimit = options.enforceDailyLimit ?? true;
    }
    // ---- lifecycle ----
    async start(port = 0) {
        const server = (0, node_http_1.createServer)((req, res) => {
            this.handle(req, res).catch((err) => {
                this.fail(res, new api_error_1.SalesforceApiError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred: ${err.message}`), false);
            });
        });
        server.keepAliveTimeout = 5_000;
        server.on('connection', (socket) => {
            this.sockets.add(socket);
            socket.on('close', () => this.sockets.delete(socket));
        });
        await new Promise((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, '127.0.0.1', () => resolve());
        });
        this.server = server;
        this.baseUrl = `http://127.0.0.1:${server.address().port}`;
    }
    /** http://127.0.0.1:PORT — both the instance URL and the login URL. */
    get url() {
        if (!this.baseUrl)
            throw new Error('the Salesforce stand-in is not started');
        return this.baseUrl;
    }
    get accessToken() {
        return this.sessions.staticToken;
    }
    async stop() {
        const server = this.server;
        if (!server)
            return;
        this.server = null;
        for (const socket of this.sockets)
            socket.destroy();
        await new Promise((resolve) => server.close(() => resolve()));
    }
    // ---- programmatic API: data ----
    insert(objectName, fields) {
        return this.store.create(objectName, fields, { api: false });
    }
    insertMany(objectName, records) {
        return records.map((r) => this.insert(objectName, r));
    }
    update(objectName, id, fields) {
        this.store.update(objectName, id, fields, { api: false });
    }
    delete(objectName, id) {
        this.store.delete(objectName, id);
    }
    /** A live record (or a deleted one with includeDeleted), null when absent. */
    get(objectName, id, includeDeleted = false) {
        return this.store.get(objectName, id, includeDeleted);
    }
    /** Every live record of an object (deleted ones too with includeDeleted), in creation order. */
    table(objectName, includeDeleted = false) {
        return [...this.store.rows(objectName, includeDeleted)];
    }
    /** Runs SOQL against the org without an HTTP call (not counted). */
    soql(soql, includeDeleted = false) {
        return (0, soql_evaluator_1.runSoql)(soql, this.schema, this.store, { includeDeleted, apiVersion: '62.0', now: this.clock.now() }).records;
    }
    /**
     * A save that commits late: Salesforce stamps SystemModstamp when the transaction begins (to the
     * second) but the edit is seen only once it commits — a long trigger or a bulk job can commit
     * minutes later, with a stamp from before queries that ran in between. The updates are invisible
     * until `commit()`, which applies them with the stamp of `beginTransaction()`.
     */
    beginTransaction() {
        const stamp = (0, clock_1.formatSalesforceDateTime)(this.clock.now());
        const pending = [];
        return {
            update: (objectName, id, fields) => void pending.push({ objectName, id, fields }),
            commit: () => this.store.transaction(() => {
                for (const { objectName, id, fields } of pending) {
                    this.store.update(objectName, id, fields, { api: false });
                    this.store.setSystemFields(objectName, id, { SystemModstamp: stamp, LastModifiedDate: stamp });
                }
            }),
        };
    }
    /** Overwrites system fields (SystemModstamp, CreatedDate, LastModifiedDate …) as they are. */
    setSystemFields(objectName, id, values) {
        this.store.setSystemFields(objectName, id, values);
    }
    /**
     * Converts a Lead (Database.convertLead): makes an Account (from Company) and a Contact (names,
     * phones, flags) unless given, then marks the Lead IsConverted with ConvertedContactId,
     * ConvertedAccountId and ConvertedDate.
     */
    convertLead(leadId, options = {}) {
        const lead = this.store.get('Lead', leadId);
        if (!lead)
            throw new api_error_1.RecordError('INVALID_CROSS_REFERENCE_KEY', `Lead ${leadId} does not exist`);
        if (lead.IsConverted)
            throw new api_error_1.RecordError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
        return this.store.transaction(() => {
            const accountId = options.accountId ?? this.insert('Account', { Name: lead.Company, Phone: lead.Phone, OwnerId: lead.OwnerId });
            const contactId = options.contactId ??
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
    addValidationRule(objectName, rule) {
        return this.store.addValidationRule(objectName, rule);
    }
    // ---- programmatic API: sessions, limits, faults, counters ----
    /** Every access token stops working (INVALID_SESSION_ID) until a new one is issued. */
    expireSessions() {
        this.sessions.expireAll();
    }
    /** The pre-shared access token is valid again (after expireSessions). */
    restoreAccessToken() {
        this.sessions.restoreStaticToken();
    }
    issueAccessToken() {
        return this.sessions.issue();
    }
    issueRefreshToken() {
        return this.sessions.issueRefreshToken();
    }
    /** Sets the daily API usage reported by Sforce-Limit-Info and /limits (tests push it near the limit). */
    setApiUsage(used, max = this.apiMax) {
        this.apiUsed = used;
        this.apiMax = max;
    }
    apiUsage() {
        return { used: this.apiUsed, max: this.apiMax };
    }
    injectFault(spec) {
        this.faults.inject(spec);
    }
    clearFaults() {
        this.faults.clear();
        this.afterCommitHooks.length = 0;
        this.lockedRecords = null;
    }
    /** Runs after a write was applied, before the answer is sent (crash between remote and local commit). */
    onAfterCommit(hook) {
        this.afterCommitHooks.push(hook);
        return () => this.afterCommitHooks.splice(this.afterCommitHooks.indexOf(hook), 1);
    }
    /** Records of Collections writes for which the predicate holds fail with UNABLE_TO_LOCK_ROW. */
    lockRecords(predicate) {
        this.lockedRecords = predicate;
    }
    calls() {
        return { total: this.total, byEndpoint: Object.fromEntries(this.counters) };
    }
    callCount(endpoint) {
        return this.counters.get(endpoint) ?? 0;
    }
    resetCalls() {
        this.counters.clear();
        this.total = 0;
    }
    // ---- HTTP ----
    async handle(req, res) {
        // Like Salesforce, every answer carries a Date header: the org's clock (this stand-in's, so
        // a frozen or advanced clock shows), to the second.
        res.setHeader('Date', this.clock.now().toUTCString());
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const method = (req.method ?? 'GET').toUpperCase();
        let raw = '';
        try {
            raw = await readBody(req);
        }
        catch {
            return;
        }
        if (url.pathname === '/services/oauth2/token' && method === 'POST') {
            this.count('token');
            const fault = await this.meetFault({ endpoint: 'token', method, path: url.pathname }, res);
            if (fault === 'handled')
                return;
            const answer = this.sessions.token(new URLSearchParams(raw), header(req, 'authorization'), this.url, this.store.apiUserId);
            return send(res, answer.status, answer.body, {});
        }
        const match = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname);
        if (!match) {
            this.count(url.pathname.replace(/\/$/, '') === '/services/data' ? 'versions' : 'unknown');
            if (url.pathname.replace(/\/$/, '') === '/services/data')
                return send(res, 200, [{ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' }], {});
            return send(res, 404, NOT_FOUND_BODY, {});
        }
        const [, version, path = '/'] = match;
        const route = (0, rest_api_1.routeOf)(method, path);
        this.count(route.endpoint);
        const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1] ?? null;
        if (!this.sessions.isValid(token))
            return this.fail(res, (0, api_error_1.SESSION_EXPIRED)(), false);
        const fault = await this.meetFault({ endpoint: route.endpoint, method, path }, res);
        if (fault === 'handled')
            return;
        if (this.enforceLimit && this.apiUsed >= this.apiMax) {
            return this.fail(res, new api_error_1.SalesforceApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), false);
        }
        this.apiUsed += 1;
        let body;
        try {
            body = raw ? JSON.parse(raw) : undefined;
        }
        catch {
            return this.fail(res, new api_error_1.SalesforceApiError(400, 'JSON_PARSER_ERROR', 'Unexpected character in the request body'), true);
        }
        const lock = fault?.kind === 'UNABLE_TO_LOCK_ROW' ? () => true : this.lockedRecords;
        const ctx = {
            store: this.store,
            clock: this.clock,
            cursors: this.cursors,
            limits: () => ({ max: this.apiMax, used: this.apiUsed }),
            recordOverride: lock ? (i) => (lock(i) ? new api_error_1.RecordError('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record or 1 records', []) : null) : undefined,
        };
        const apiReq = { method, path, version, query: url.searchParams, headers: req.headers, body };
        let response;
        try {
            res.setHeader('Date', this.clock.now().toUTCString()); // the moment the call is served (after any delay)
            response = route.run(apiReq, ctx);
        }
        catch (err) {
            if (err instanceof api_error_1.SalesforceApiError)
                return this.fail(res, err, true);
            if (err instanceof api_error_1.RecordError)
                return this.fail(res, new api_error_1.SalesforceApiError(400, err.statusCode, err.message, err.fields), true);
            return this.fail(res, new api_error_1.SalesforceApiError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred: ${err.message}`), true);
        }
        if (route.write) {
            let drop = fault?.kind === 'DROP_AFTER_COMMIT';
            for (const hook of [...this.afterCommitHooks]) {
                if ((await hook({ endpoint: route.endpoint, method, path, body, response: response.body })) === 'drop')
                    drop = true;
            }
            if (drop) {
                req.socket.destroy();
                return;
            }
        }
        send(res, response.status, response.body, this.limitHeader());
    }
    /** Applies a pending fault: answers it ('handled'), or lets the call go on (delay, lock faults). */
    async meetFault(call, res) {
        const fault = this.faults.take(call);
        if (!fault)
            return null;
        if (fault.delayMs)
            await new Promise((r) => setTimeout(r, fault.delayMs));
        if (fault.kind === 'DROP_CONNECTION') {
            res.socket?.destroy();
            return 'handled';
        }
        const answer = (0, faults_1.faultResponse)(fault.kind);
        const perRecordLock = fault.kind === 'UNABLE_TO_LOCK_ROW' && call.endpoint.startsWith('collections.');
        if (answer && !perRecordLock) {
            if (call.endpoint === 'token') {
                send(res, answer.status, { error: 'unknown_error', error_description: answer.message }, {});
            }
            else {
                this.fail(res, new api_error_1.SalesforceApiError(answer.status, answer.errorCode, answer.message), fault.kind !== 'REQUEST_LIMIT_EXCEEDED');
            }
            return 'handled';
        }
        return fault;
    }
    fail(res, err, withLimitInfo) {
        send(res, err.status, err.body(), withLimitInfo ? this.limitHeader() : {});
    }
    limitHeader() {
        return { 'Sforce-Limit-Info': `api-usage=${this.apiUsed}/${this.apiMax}` };
    }
    count(endpoint) {
        this.total += 1;
        this.counters.set(endpoint, (this.counters.get(endpoint) ?? 0) + 1);
    }
}
exports.SalesforceStandIn = SalesforceStandIn;
const NOT_FOUND_BODY = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
function header(req, name) {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}
function send(res, status, body, headers) {
    if (res.destroyed)
        return;
    const payload = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
        ...headers,
        ...(payload ? { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(payload) } : {}),
    });
    res.end(payload);
}
//# sourceMappingURL=salesforce-stand-in.js.map