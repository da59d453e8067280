"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.THREAD_PAGE_MAX = exports.THREAD_PAGE_DEFAULT = void 0;
exports.threadPageQuery = threadPageQuery;
exports.encodeCursor = encodeCursor;
exports.decodeCursor = decodeCursor;
/** Messages per thread page: the default and the most a client may ask for. */
exports.THREAD_PAGE_DEFAULT = 50;
exports.THREAD_PAGE_MAX = 200;
/**
 * The ids of one page of a thread, newest first: each leg walks its index backwards from the
 * cursor and stops after `take` rows, then the legs are merged (a message on several legs counts
 * once) and cut to `take`. The cost is legs × take rows, whatever the thread's or the table's size.
 */
function threadPageQuery(legs, before, take) {
    if (legs.length === 0)
        throw new Error('threadPageQuery needs at least one leg');
    const params = [];
    const parts = legs.map((leg, i) => {
        const where = [`${leg.column} = ?`];
        params.push(leg.value);
        if (leg.direction) {
            where.push('direction = ?');
            params.push(leg.direction);
        }
        if (before) {
            // a row value: both engines read it as a range of the (…, created_at, id) index
            where.push('(created_at, id) < (?, ?)');
            params.push(before.createdAt, before.id);
        }
        params.push(take);
        return `SELECT * FROM (SELECT id, created_at FROM messages WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?) leg_${i}`;
    });
    params.push(take);
    return { sql: `${parts.join(' UNION ')} ORDER BY created_at DESC, id DESC LIMIT ?`, params };
}
/** The cursor as clients see it: opaque, URL-safe. */
function encodeCursor(cursor) {
    return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}
/** The cursor a client sent back, or null when it is not one this service wrote. */
function decodeCursor(text) {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(text))
        return null;
    const decoded = Buffer.from(text, 'base64url').toString('utf8');
    const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)\|([0-9a-f-]{1,36})$/.exec(decoded);
    if (!match || Number.isNaN(Date.parse(match[1])))
        return null;
    return { createdAt: match[1], id: match[2] };
}
//# sourceMappingURL=thread-page.js.map