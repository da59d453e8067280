"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIRROR_BATCH_SIZE = void 0;
exports.mirrorSpecs = mirrorSpecs;
exports.mirrorSoql = mirrorSoql;
exports.soqlDateTime = soqlDateTime;
exports.isoFromSalesforce = isoFromSalesforce;
exports.isAfter = isAfter;
exports.notBefore = notBefore;
exports.queryRanAt = queryRanAt;
exports.MIRROR_BATCH_SIZE = 2000;
/** Accounts first, then the People in mapping order. */
function mirrorSpecs(mapping) {
    const account = mapping.account;
    const specs = [
        { kind: 'account', object: account.object, fields: selectList([account.nameField]), nameField: account.nameField },
    ];
    for (const people of mapping.people) {
        const fields = [
            people.nameField,
            ...people.phoneFields,
            people.doNotCallField,
            people.doNotSmsField,
            people.enrolledField,
            people.ownerField,
            ...(people.accountField ? [people.accountField] : []),
            ...(people.convertedField ? [people.convertedField] : []),
        ];
        specs.push({ kind: 'people', object: people.object, fields: selectList(fields), people });
    }
    return specs;
}
/** Id, SystemModstamp and IsDeleted first, then the mapped fields, each once (SOQL names are case-insensitive). */
function selectList(mapped) {
    const seen = new Set();
    const out = [];
    for (const field of ['Id', 'SystemModstamp', 'IsDeleted', ...mapped]) {
        const key = field.toLowerCase();
        if (seen.has(key))
            continue;
        seen.add(key);
        out.push(field);
    }
    return out;
}
/**
 * The incremental query: every record stamped at or after the watermark less `overlapSeconds`, in
 * (SystemModstamp, Id) order, deleted and converted ones included (they must leave the mirror).
 * Salesforce stamps to the second and stamps a save when its transaction begins, so a record can
 * appear behind the watermark after a poll read past it: in the last record's second on a lower
 * Id, or committed late. Re-reading the overlap catches both on the next poll; re-applying a
 * record read twice changes nothing. Without a watermark (first load, full resync): every record
 * that belongs in the mirror.
 */
function mirrorSoql(spec, after, overlapSeconds) {
    const select = `SELECT ${spec.fields.join(', ')} FROM ${spec.object}`;
    const order = ' ORDER BY SystemModstamp, Id';
    if (!after) {
        const converted = spec.kind === 'people' ? spec.people.convertedField : undefined;
        return select + (converted ? ` WHERE ${converted} = false` : '') + order;
    }
    const from = new Date(Date.parse(after.modstamp) - overlapSeconds * 1000).toISOString();
    return `${select} WHERE SystemModstamp >= ${soqlDateTime(from)}${order}`;
}
/** A SOQL datetime literal (unquoted), to the second when the milliseconds are zero as Salesforce stamps are. */
function soqlDateTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime()))
        throw new Error(`not an instant: ${iso}`);
    const text = date.toISOString();
    return text.endsWith('.000Z') ? text.slice(0, -5) + 'Z' : text;
}
/** Salesforce's `2024-01-31T12:00:00.000+0000` as ISO-8601 UTC (`…Z`). */
function isoFromSalesforce(value) {
    if (typeof value !== 'string')
        throw new Error(`SystemModstamp missing or not a string: ${String(value)}`);
    if (value.length === 28 && value.endsWith('+0000'))
        return value.slice(0, 23) + 'Z';
    const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isNaN(date.getTime()))
        throw new Error(`SystemModstamp is not a datetime: ${value}`);
    return date.toISOString();
}
/** True when (a) is strictly after (b) in (SystemModstamp, Id) order (or there is no b): the watermark may move to a. */
function isAfter(a, b) {
    if (!b)
        return true;
    const [x, y] = [Date.parse(a.modstamp), Date.parse(b.modstamp)];
    return x !== y ? x > y : a.id > b.id;
}
/** True when (a) is stamped at or after (b) (or there is no b): a complete run's watermark may replace b. */
function notBefore(a, b) {
    return !b || Date.parse(a.modstamp) >= Date.parse(b.modstamp);
}
/**
 * The second a query ran on Salesforce's clock: the `Date` of its answer (whole seconds) less the
 * round trip (the query ran at least that long before the answer left), truncated to the second;
 * without a `Date`, the local clock when the query was sent. Every record committed before then
 * is in the query's answer; later ones are stamped at or after it, or committed late and so
 * within the overlap the next poll re-reads.
 */
function queryRanAt(serverTime, sentAtMs, receivedAtMs) {
    const server = serverTime ? Date.parse(serverTime) : NaN;
    const ranAt = Number.isNaN(server) ? sentAtMs : server - Math.max(0, receivedAtMs - sentAtMs);
    return new Date(Math.floor(ranAt / 1000) * 1000).toISOString();
}
//# sourceMappingURL=mirror-spec.js.map