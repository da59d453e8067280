"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JsforceCrmGateway = exports.COLLECTION_CHUNK = void 0;
const jsforce_1 = require("jsforce");
const garbage_bound_1 = require("../../common/garbage-bound");
const crm_gateway_port_1 = require("../crm-gateway.port");
const counting_transport_1 = require("./counting-transport");
const query_page_parser_1 = require("./query-page.parser");
const salesforce_error_classifier_1 = require("./salesforce-error.classifier");
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
exports.COLLECTION_CHUNK = 200;
class JsforceCrmGateway extends crm_gateway_port_1.CrmGateway {
    config;
    conn;
    oauth;
    callsMade = 0;
    dailyUsed = null;
    dailyMax = null;
    renewal = null;
    /** a full collection between query pages once enough garbage piled up (garbage-bound.ts) */
    garbage = new garbage_bound_1.GarbageBound();
    constructor(config, options = {}) {
        super();
        this.config = config;
        this.conn = new jsforce_1.Connection({ instanceUrl: config.instanceUrl, accessToken: config.accessToken ?? undefined, version: config.apiVersion });
        this.oauth =
            config.loginUrl && config.clientId && config.clientSecret
                ? new jsforce_1.OAuth2({ loginUrl: config.loginUrl, clientId: config.clientId, clientSecret: config.clientSecret })
                : null;
        // the token calls go through the connection's oauth2 client so that they are observed too
        if (this.oauth)
            this.conn.oauth2 = this.oauth;
        (0, counting_transport_1.observeTransports)(this.conn, {
            onRequest: () => void (this.callsMade += 1),
            onLimitInfo: (used, max) => {
                this.dailyUsed = used;
                this.dailyMax = max;
            },
        }, options.requestTimeoutMs ?? 60_000);
    }
    async query(soql, options = {}) {
        const resource = options.includeDeleted ? 'queryAll' : 'query';
        const headers = options.batchSize ? { 'Sforce-Query-Options': `batchSize=${options.batchSize}` } : undefined;
        return this.queryCall({ method: 'GET', url: `/${resource}?q=${encodeURIComponent(soql)}`, headers });
    }
    async queryMore(nextRecordsUrl) {
        return this.queryCall({ method: 'GET', url: nextRecordsUrl });
    }
    async describe(objectName) {
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
                referenceTo: (f.referenceTo ?? []).filter((r) => typeof r === 'string'),
            })),
        };
    }
    async upsert(objectName, externalIdField, records) {
        return this.writeInChunks(records, (r) => (r[externalIdField] == null || r[externalIdField] === '' ? `${externalIdField} not specified` : null), (chunk) => this.conn.upsert(objectName, chunk, externalIdField, { allOrNone: false }));
    }
    async update(objectName, records) {
        return this.writeInChunks(records, (r) => (r.Id ? null : 'Id not specified in an update call'), (chunk) => this.conn.update(objectName, chunk, { allOrNone: false }));
    }
    async getDeleted(objectName, start, end) {
        const result = await this.call(() => this.conn.sobject(objectName).deleted(start, end));
        return (result.deletedRecords ?? []).map((r) => ({ id: r.id, deletedDate: r.deletedDate }));
    }
    async ping() {
        await this.call(() => this.conn.limits());
    }
    usage() {
        return { callsMade: this.callsMade, dailyUsed: this.dailyUsed, dailyMax: this.dailyMax };
    }
    // ---- internals ----
    /**
     * A query call, its page stamped with the server's clock from the answer's `Date` header. The
     * answer is taken as text and read one record at a time (query-page.parser.ts): jsforce would
     * parse the whole page at once. An error answer, text too, is read back into Salesforce's
     * errorCode so that it is classified as usual.
     */
    async queryCall(request) {
        const seen = { date: null };
        const body = await counting_transport_1.responseDateScope.run(seen, () => this.call(() => this.conn.request(request, { responseType: 'text/plain' }).then(undefined, (error) => Promise.reject(withSalesforceErrorCode(error)))));
        const page = (0, query_page_parser_1.parseQueryPage)(body);
        this.garbage.check();
        return { records: page.records, totalSize: page.totalSize, done: page.done, nextRecordsUrl: page.nextRecordsUrl, serverTime: isoFromHttpDate(seen.date) };
    }
    /**
     * Sends chunks of ≤ 200 one after the other; results in input order. Records the API would
     * refuse before any call (no key) fail locally as MISSING_ARGUMENT. A chunk failing as a whole
     * throws CrmError (earlier chunks stay applied: upserts are safe to repeat).
     */
    async writeInChunks(records, invalid, send) {
        const results = new Array(records.length);
        const sendable = [];
        records.forEach((r, i) => {
            const problem = invalid(r);
            if (problem)
                results[i] = { success: false, id: null, errors: [{ statusCode: 'MISSING_ARGUMENT', message: problem, fields: [], kind: 'INVALID_DATA' }] };
            else
                sendable.push(i);
        });
        for (let from = 0; from < sendable.length; from += exports.COLLECTION_CHUNK) {
            const indexes = sendable.slice(from, from + exports.COLLECTION_CHUNK);
            const raw = (await this.call(() => send(indexes.map((i) => withoutAttributes(records[i])))));
            indexes.forEach((recordIndex, k) => (results[recordIndex] = toWriteResult(raw[k])));
        }
        return results;
    }
    /** One Salesforce call: a token first when needed; on an expired session one renewal and one retry. */
    async call(fn) {
        if (!this.conn.accessToken)
            await this.renew(undefined);
        const tokenUsed = this.conn.accessToken;
        try {
            return await this.attempt(fn);
        }
        catch (err) {
            if (!(err instanceof crm_gateway_port_1.CrmError) || err.kind !== 'AUTH_EXPIRED' || !this.oauth)
                throw err;
            await this.renew(tokenUsed);
            return this.attempt(fn);
        }
    }
    async attempt(fn) {
        const scope = { status: null };
        try {
            return await counting_transport_1.callScope.run(scope, fn);
        }
        catch (err) {
            if (err instanceof crm_gateway_port_1.CrmError)
                throw err;
            throw (0, salesforce_error_classifier_1.toCrmError)((0, salesforce_error_classifier_1.failureOf)(err, scope.status));
        }
    }
    /** Gets a new token, unless another call already replaced the one that failed. */
    async renew(failedToken) {
        if (this.conn.accessToken && this.conn.accessToken !== failedToken)
            return;
        if (!this.oauth)
            throw new crm_gateway_port_1.CrmError('AUTH_EXPIRED', 'Salesforce: no access token and no OAuth client credentials configured', 'INVALID_SESSION_ID');
        this.renewal ??= this.requestToken().finally(() => (this.renewal = null));
        return this.renewal;
    }
    async requestToken() {
        const token = await this.attempt(() => this.oauth.requestToken({ grant_type: 'client_credentials' }));
        // SALESFORCE_INSTANCE_URL, when set, wins over the token answer's instance_url
        if (!this.config.instanceUrl) {
            if (!token.instance_url)
                throw new crm_gateway_port_1.CrmError('PERMANENT', 'Salesforce: the token answer names no instance_url and SALESFORCE_INSTANCE_URL is not set', 'INVALID_AUTH');
            this.conn.instanceUrl = String(token.instance_url).replace(/\/+$/, '');
        }
        this.conn.accessToken = token.access_token;
    }
}
exports.JsforceCrmGateway = JsforceCrmGateway;
/**
 * jsforce builds the error of a text answer as `ERROR_HTTP_<status>` with the raw body as its
 * message; the body is Salesforce's `[{"message", "errorCode"}]`: give the error its code back.
 */
function withSalesforceErrorCode(error) {
    const e = error;
    if (typeof e?.errorCode !== 'string' || !/^ERROR_HTTP_\d{3}$/.test(e.errorCode) || typeof e.message !== 'string')
        return error;
    let parsed;
    try {
        parsed = JSON.parse(e.message);
    }
    catch {
        return error;
    }
    const first = (Array.isArray(parsed) ? parsed[0] : parsed);
    if (typeof first?.errorCode !== 'string')
        return error;
    return Object.assign(new Error(typeof first.message === 'string' ? first.message : first.errorCode), { name: first.errorCode, errorCode: first.errorCode });
}
/** An HTTP-date (`Sun, 29 Nov 2026 12:00:00 GMT`) as ISO-8601 UTC; null when absent or unreadable. */
function isoFromHttpDate(value) {
    if (!value)
        return null;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
function withoutAttributes(record) {
    const { attributes: _a, ...rest } = record;
    return rest;
}
function toWriteResult(raw) {
    if (!raw)
        return { success: false, id: null, errors: [{ statusCode: 'UNKNOWN_EXCEPTION', message: 'no result for this record', fields: [], kind: 'TEMPORARY' }] };
    return {
        success: raw.success,
        id: raw.id ?? null,
        ...(raw.created === undefined ? {} : { created: raw.created }),
        errors: (raw.errors ?? []).map((e) => ({ statusCode: e.statusCode, message: e.message, fields: e.fields ?? [], kind: (0, salesforce_error_classifier_1.classifyRecordError)(e.statusCode) })),
    };
}
//# sourceMappingURL=jsforce-crm.gateway.js.map