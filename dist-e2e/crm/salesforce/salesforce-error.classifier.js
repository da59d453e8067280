"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.classifyFailure = classifyFailure;
exports.toCrmError = toCrmError;
exports.classifyRecordError = classifyRecordError;
exports.failureOf = failureOf;
const crm_gateway_port_1 = require("../crm-gateway.port");
const RATE_LIMITED = new Set(['REQUEST_LIMIT_EXCEEDED', 'TXN_SECURITY_METERING_ERROR', 'API_CURRENTLY_DISABLED_LIMIT']);
const TEMPORARY = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'UNKNOWN_EXCEPTION', 'QUERY_TIMEOUT', 'ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUEST_RUNNING_TOO_LONG']);
const AUTH = new Set(['INVALID_SESSION_ID', 'INVALID_AUTH_HEADER']);
const NOT_FOUND = new Set(['NOT_FOUND', 'ENTITY_IS_DELETED']);
/** OAuth token endpoint errors that retrying cannot fix (a wrong client id or secret) */
const OAUTH_PERMANENT = new Set(['invalid_client', 'invalid_client_id', 'invalid_grant', 'unsupported_grant_type', 'inactive_user', 'inactive_org']);
const PERMANENT = new Set(['INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY', 'API_DISABLED_FOR_ORG', 'INVALID_QUERY_LOCATOR', 'METHOD_NOT_ALLOWED', 'FUNCTIONALITY_NOT_ENABLED']);
function classifyFailure(failure) {
    const code = failure.errorCode ?? '';
    if (RATE_LIMITED.has(code) || failure.status === 429 || failure.status === 420)
        return 'RATE_LIMITED';
    if (AUTH.has(code) || failure.status === 401)
        return 'AUTH_EXPIRED';
    if (OAUTH_PERMANENT.has(code))
        return 'PERMANENT';
    if (TEMPORARY.has(code))
        return 'TEMPORARY';
    if (failure.status === null || failure.status >= 500)
        return 'TEMPORARY';
    if (NOT_FOUND.has(code) || failure.status === 404)
        return 'NOT_FOUND';
    if (PERMANENT.has(code) || failure.status === 403)
        return 'PERMANENT';
    return 'INVALID_DATA';
}
function toCrmError(failure) {
    const kind = classifyFailure(failure);
    const vendorCode = failure.errorCode ?? failure.networkCode ?? (failure.status ? String(failure.status) : null);
    return new crm_gateway_port_1.CrmError(kind, `Salesforce: ${failure.message}`.slice(0, 2000), vendorCode);
}
/** Kind of one record's error inside a Collections result (statusCode as Salesforce gave it). */
function classifyRecordError(statusCode) {
    return classifyFailure({ status: 400, errorCode: statusCode, message: '' });
}
/**
 * What a thrown jsforce error tells us. jsforce raises HttpApiError (name = errorCode, .errorCode,
 * .message), the OAuth2 client an Error whose name is the OAuth `error`, node-fetch a FetchError
 * with a system .code, and AbortError on timeouts. Bodies without an errorCode become
 * `ERROR_HTTP_<status>`.
 */
function failureOf(err, status) {
    const e = (err ?? {});
    const message = e.message ?? String(err);
    if (e.name === 'AbortError' || e.type === 'aborted')
        return { status: null, errorCode: null, message, networkCode: 'TIMEOUT' };
    if (e.name === 'FetchError' || (typeof e.code === 'string' && /^E[A-Z]+$|^UND_ERR/.test(e.code))) {
        return { status: null, errorCode: null, message, networkCode: e.code ?? 'NETWORK' };
    }
    let errorCode = e.errorCode ?? (e.name && e.name !== 'Error' ? e.name : null);
    const httpCode = /^ERROR_HTTP_(\d{3})$/.exec(errorCode ?? '');
    if (httpCode) {
        status ??= Number(httpCode[1]);
        errorCode = null;
    }
    return { status, errorCode, message };
}
//# sourceMappingURL=salesforce-error.classifier.js.map