"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.routeOf = routeOf;
exports.asApiError = asApiError;
const api_error_1 = require("./api-error");
const clock_1 = require("./clock");
const collections_1 = require("./collections");
const describe_1 = require("./describe");
const query_cursors_1 = require("./query-cursors");
const schema_1 = require("./schema");
const soql_evaluator_1 = require("./soql-evaluator");
const ok = (body, status = 200) => ({ status, body });
const ROUTES = [
    { method: 'GET', pattern: /^\/?$/, endpoint: 'resources', handler: (req) => ok(resources(req.version)) },
    { method: 'GET', pattern: /^\/limits\/?$/, endpoint: 'limits', handler: (_req, ctx) => ok(limitsBody(ctx)) },
    { method: 'GET', pattern: /^\/query\/?$/, endpoint: 'query', handler: (req, ctx) => query(req, ctx, false) },
    { method: 'GET', pattern: /^\/queryAll\/?$/, endpoint: 'queryAll', handler: (req, ctx) => query(req, ctx, true) },
    { method: 'GET', pattern: /^\/query(?:All)?\/([^/]+)$/, endpoint: 'queryMore', handler: (req, ctx, [locator]) => ok(ctx.cursors.more(locator, req.version)) },
    { method: 'GET', pattern: /^\/sobjects\/?$/, endpoint: 'describeGlobal', handler: (req, ctx) => ok((0, describe_1.describeGlobal)(ctx.store.schema, req.version)) },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/describe\/?$/, endpoint: 'describe', handler: (req, ctx, [o]) => ok((0, describe_1.describeObject)(object(ctx, o), req.version)) },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/deleted\/?$/, endpoint: 'getDeleted', handler: getDeleted },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/updated\/?$/, endpoint: 'getUpdated', handler: getUpdated },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/?$/, endpoint: 'sobject.info', handler: (req, ctx, [o]) => ok({ objectDescribe: (0, describe_1.describeObject)(object(ctx, o), req.version), recentItems: [] }) },
    { method: 'POST', pattern: /^\/sobjects\/([^/]+)\/?$/, endpoint: 'sobject.create', handler: createOne, write: true },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/([^/]+)\/?$/, endpoint: 'sobject.retrieve', handler: (req, ctx, [o, id]) => ok(retrieve(req, ctx, o, id)) },
    { method: 'PATCH', pattern: /^\/sobjects\/([^/]+)\/([^/]+)\/?$/, endpoint: 'sobject.update', handler: updateOne, write: true },
    { method: 'DELETE', pattern: /^\/sobjects\/([^/]+)\/([^/]+)\/?$/, endpoint: 'sobject.delete', handler: deleteOne, write: true },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/([^/]+)\/([^/]+)$/, endpoint: 'sobject.retrieveByExternalId', handler: retrieveByExternalId },
    { method: 'PATCH', pattern: /^\/sobjects\/([^/]+)\/([^/]+)\/([^/]+)$/, endpoint: 'sobject.upsert', handler: upsertOne, write: true },
    { method: 'POST', pattern: /^\/composite\/sobjects\/?$/, endpoint: 'collections.create', handler: (req, ctx) => ok((0, collections_1.createRecords)(ctx.store, collectionBody(req), ctx.recordOverride)), write: true },
    { method: 'PATCH', pattern: /^\/composite\/sobjects\/?$/, endpoint: 'collections.update', handler: (req, ctx) => ok((0, collections_1.updateRecords)(ctx.store, collectionBody(req), ctx.recordOverride)), write: true },
    { method: 'PATCH', pattern: /^\/composite\/sobjects\/([^/]+)\/([^/]+)\/?$/, endpoint: 'collections.upsert', handler: (req, ctx, [o, f]) => ok((0, collections_1.upsertRecords)(ctx.store, object(ctx, o).name, f, collectionBody(req), ctx.recordOverride)), write: true },
    { method: 'DELETE', pattern: /^\/composite\/sobjects\/?$/, endpoint: 'collections.delete', handler: collectionsDelete, write: true },
    { method: 'POST', pattern: /^\/composite\/sobjects\/([^/]+)\/?$/, endpoint: 'collections.retrieve', handler: collectionsRetrieve },
];
/** The route of a request: its endpoint name, whether it writes, and how to answer it. */
function routeOf(method, path) {
    for (const route of ROUTES) {
        const match = route.pattern.exec(path);
        if (!match)
            continue;
        if (route.method !== method)
            continue;
        const params = match.slice(1).map(decodeURIComponent);
        return { endpoint: route.endpoint, write: !!route.write, run: (req, ctx) => route.handler(req, ctx, params) };
    }
    const known = ROUTES.some((r) => r.pattern.test(path));
    return {
        endpoint: 'unknown',
        write: false,
        run: () => {
            if (known)
                throw new api_error_1.SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are GET,PATCH,POST,DELETE`);
            throw (0, api_error_1.NOT_FOUND)();
        },
    };
}
/** Store errors raised outside a Collections call become request-level 400s (404 for a missing record). */
function asApiError(err) {
    const status = err.statusCode === 'ENTITY_IS_DELETED' || err.statusCode === 'NOT_FOUND' ? 404 : 400;
    return new api_error_1.SalesforceApiError(status, err.statusCode, err.message, err.fields);
}
function object(ctx, name) {
    const o = ctx.store.schema.object(name);
    if (!o)
        throw new api_error_1.SalesforceApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
    return o;
}
function resources(version) {
    const base = `/services/data/v${version}`;
    return { sobjects: `${base}/sobjects`, query: `${base}/query`, queryAll: `${base}/queryAll`, limits: `${base}/limits`, composite: `${base}/composite` };
}
/** GET /limits (resources_limits.htm): every limit as {Max, Remaining}. */
function limitsBody(ctx) {
    const { max, used } = ctx.limits();
    return {
        DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) },
        DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
        DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
        DataStorageMB: { Max: 1024, Remaining: 1000 },
        SingleEmail: { Max: 5000, Remaining: 5000 },
    };
}
function query(req, ctx, includeDeleted) {
    const soql = req.query.get('q');
    if (!soql)
        throw new api_error_1.SalesforceApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const plan = (0, soql_evaluator_1.planSoql)(soql, ctx.store.schema, ctx.store, { includeDeleted, apiVersion: req.version, now: ctx.clock.now() });
    const header = req.headers['sforce-query-options'];
    const batchSize = query_cursors_1.QueryCursors.batchSize(Array.isArray(header) ? header[0] : header);
    return ok(ctx.cursors.first(plan, batchSize, req.version));
}
function withAttributes(row, objectName, version, fields) {
    const out = { attributes: { type: objectName, url: `/services/data/v${version}/sobjects/${objectName}/${String(row.Id)}` } };
    for (const [k, v] of Object.entries(row))
        if (!fields || fields.some((f) => f.toLowerCase() === k.toLowerCase()))
            out[k] = v;
    return out;
}
function retrieve(req, ctx, objectName, id) {
    const o = object(ctx, objectName);
    const row = ctx.store.get(o.name, id, true);
    if (!row)
        throw (0, api_error_1.NOT_FOUND)();
    if (row.IsDeleted)
        throw new api_error_1.SalesforceApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
    return withAttributes(row, o.name, req.version, fieldsParam(ctx, o.name, req.query.get('fields')));
}
function fieldsParam(ctx, objectName, param) {
    if (!param)
        return undefined;
    const fields = param.split(',').map((f) => f.trim()).filter(Boolean);
    const o = object(ctx, objectName);
    for (const f of fields)
        if (!(0, schema_1.fieldOf)(o, f))
            throw new api_error_1.SalesforceApiError(400, 'INVALID_FIELD', `No such column '${f}' on entity '${o.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    return fields;
}
function retrieveByExternalId(req, ctx, [objectName, field, value]) {
    const o = object(ctx, objectName);
    const rows = [...ctx.store.rows(o.name, false)].filter((r) => {
        const f = (0, schema_1.fieldOf)(o, field);
        return f && r[f.name] !== null && String(r[f.name]).toLowerCase() === value.toLowerCase();
    });
    if (rows.length === 0)
        throw (0, api_error_1.NOT_FOUND)();
    if (rows.length > 1)
        return ok(rows.map((r) => `/services/data/v${req.version}/sobjects/${o.name}/${String(r.Id)}`), 300);
    return ok(withAttributes(rows[0], o.name, req.version));
}
function jsonBody(req) {
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
        throw new api_error_1.SalesforceApiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
    }
    return req.body;
}
function collectionBody(req) {
    return jsonBody(req);
}
function storeCall(fn) {
    try {
        return fn();
    }
    catch (err) {
        if (err instanceof api_error_1.RecordError)
            throw asApiError(err);
        throw err;
    }
}
/** POST /sobjects/{Object} → 201 {id, success, errors}. */
function createOne(req, ctx, [objectName]) {
    const o = object(ctx, objectName);
    const id = storeCall(() => ctx.store.transaction(() => ctx.store.create(o.name, jsonBody(req), { api: true })));
    return ok({ id, success: true, errors: [] }, 201);
}
/** PATCH /sobjects/{Object}/{id} → 204. */
function updateOne(req, ctx, [objectName, id]) {
    const o = object(ctx, objectName);
    storeCall(() => {
        if (!ctx.store.get(o.name, id, true))
            throw (0, api_error_1.NOT_FOUND)();
        ctx.store.transaction(() => ctx.store.update(o.name, id, jsonBody(req), { api: true }));
    });
    return { status: 204 };
}
/** DELETE /sobjects/{Object}/{id} → 204. */
function deleteOne(_req, ctx, [objectName, id]) {
    const o = object(ctx, objectName);
    storeCall(() => {
        if (!ctx.store.get(o.name, id, true))
            throw (0, api_error_1.NOT_FOUND)();
        ctx.store.delete(o.name, id);
    });
    return { status: 204 };
}
/** PATCH /sobjects/{Object}/{ExternalIdField}/{value} → 201 created / 200 updated (API 46+ bodies). */
function upsertOne(req, ctx, [objectName, field, value]) {
    const o = object(ctx, objectName);
    const result = storeCall(() => ctx.store.transaction(() => ctx.store.upsert(o.name, field, value, jsonBody(req), { api: true })));
    return ok({ id: result.id, success: true, errors: [], created: result.created }, result.created ? 201 : 200);
}
function collectionsDelete(req, ctx) {
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    return ok((0, collections_1.deleteRecords)(ctx.store, ids, req.query.get('allOrNone') === 'true', ctx.recordOverride));
}
/** POST /composite/sobjects/{Object} {ids, fields} → records in order, null for missing ones. */
function collectionsRetrieve(req, ctx, [objectName]) {
    const o = object(ctx, objectName);
    const body = jsonBody(req);
    const fields = fieldsParam(ctx, o.name, (body.fields ?? []).join(',')) ?? [];
    return ok((body.ids ?? []).map((id) => {
        const row = ctx.store.get(o.name, id);
        return row ? withAttributes(row, o.name, req.version, ['Id', ...fields]) : null;
    }));
}
/**
 * GET /sobjects/{Object}/deleted/?start=&end= (resources_getdeleted.htm). As in getDeleted(), the
 * seconds of start and end are ignored (rounded down to the minute).
 */
function getDeleted(req, ctx, [objectName]) {
    const o = object(ctx, objectName);
    const { start, end } = replicationWindow(req);
    const deletedRecords = ctx.store.deletedBetween(o.name, start, end).map(({ id, deletedDate }) => ({ id, deletedDate }));
    const earliest = ctx.store.deletedBetween(o.name, 0, Number.MAX_SAFE_INTEGER)[0];
    return ok({
        deletedRecords,
        earliestDateAvailable: earliest?.deletedDate ?? (0, clock_1.formatSalesforceDateTime)(new Date(start)),
        latestDateCovered: (0, clock_1.formatSalesforceDateTime)(new Date(end + 1)),
    });
}
/** GET /sobjects/{Object}/updated/?start=&end= (resources_getupdated.htm) → {ids, latestDateCovered}. */
function getUpdated(req, ctx, [objectName]) {
    const o = object(ctx, objectName);
    const { start, end } = replicationWindow(req);
    return ok({ ids: ctx.store.updatedBetween(o.name, start, end), latestDateCovered: (0, clock_1.formatSalesforceDateTime)(new Date(end + 1)) });
}
function replicationWindow(req) {
    const minute = (name) => {
        const raw = req.query.get(name);
        const ms = raw ? (0, clock_1.parseDateTime)(raw) : NaN;
        if (Number.isNaN(ms))
            throw new api_error_1.SalesforceApiError(400, 'INVALID_REPLICATION_DATE', `${name} must be a valid dateTime`);
        return Math.floor(ms / 60_000) * 60_000;
    };
    const start = minute('start');
    const end = minute('end');
    if (end < start)
        throw new api_error_1.SalesforceApiError(400, 'INVALID_REPLICATION_DATE', 'end date must be after start date');
    // [start, end): what was deleted in the current minute shows once the minute is over
    return { start, end: end - 1 };
}
//# sourceMappingURL=rest-api.js.map