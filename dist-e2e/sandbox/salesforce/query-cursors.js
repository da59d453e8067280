"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QueryCursors = exports.DEFAULT_BATCH_SIZE = void 0;
const node_crypto_1 = require("node:crypto");
const api_error_1 = require("./api-error");
/**
 * Query locators for `nextRecordsUrl` paging. A query answers its first batch and, when more rows
 * remain, `"done": false` and `"nextRecordsUrl": "/services/data/v62.0/query/01gD0000002HU6KIAW-2000"`
 * (the locator, a dash, the offset of the next batch). Batches are 2,000 rows unless the request
 * header `Sforce-Query-Options: batchSize=N` asks for 200–2,000.
 * Source: REST API Developer Guide, "Execute a SOQL Query" (dome_query.htm), "Query More Results"
 * and "Query Options Header" (headers_queryoptions.htm).
 */
exports.DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;
/** Salesforce keeps a handful of open cursors per user and drops the oldest; so do we. */
const MAX_OPEN_CURSORS = 50;
class QueryCursors {
    cursors = new Map();
    /** The batch size asked for by a Sforce-Query-Options header (clamped to 200–2000). */
    static batchSize(header) {
        const match = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
        if (!match)
            return exports.DEFAULT_BATCH_SIZE;
        return Math.min(exports.DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
    }
    first(plan, batchSize, version) {
        if (plan.countOnly)
            return { totalSize: plan.rows.length, done: true, records: [] };
        return this.page({ plan, batchSize }, this.open({ plan, batchSize }), 0, version);
    }
    more(locator, version) {
        const match = /^(01g[A-Za-z0-9]{15})-(\d+)$/.exec(locator);
        const cursor = match ? this.cursors.get(match[1]) : undefined;
        if (!match || !cursor)
            throw new api_error_1.SalesforceApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
        return this.page(cursor, match[1], Number(match[2]), version);
    }
    clear() {
        this.cursors.clear();
    }
    open(cursor) {
        const id = `01g${(0, node_crypto_1.randomBytes)(12).toString('base64').replace(/[^A-Za-z0-9]/g, '0').slice(0, 15)}`;
        this.cursors.set(id, cursor);
        if (this.cursors.size > MAX_OPEN_CURSORS)
            this.cursors.delete(this.cursors.keys().next().value);
        return id;
    }
    page(cursor, id, offset, version) {
        const { plan, batchSize } = cursor;
        const end = Math.min(plan.rows.length, offset + batchSize);
        const records = plan.rows.slice(offset, end).map(plan.project);
        // the locator stays valid after the last page (a client may retry a page); old ones are evicted
        const done = end >= plan.rows.length;
        return {
            totalSize: plan.rows.length,
            done,
            ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${id}-${end}` }),
            records,
        };
    }
}
exports.QueryCursors = QueryCursors;
//# sourceMappingURL=query-cursors.js.map