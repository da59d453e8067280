"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.classifyRecordError = classifyRecordError;
exports.describeRecordErrors = describeRecordErrors;
/**
 * Classifies one per-record error of a Collections write (`WriteResult.errors[i].statusCode`)
 * into the neutral kinds, beside the adapter's call-level classification. The codes are
 * Salesforce's own (see the recorded bodies in the spec).
 */
function classifyRecordError(error) {
    switch (error.statusCode) {
        case 'UNABLE_TO_LOCK_ROW':
        case 'SERVER_UNAVAILABLE':
        case 'UNKNOWN_EXCEPTION':
        case 'QUERY_TIMEOUT':
        // with allOrNone a good record is rolled back because another failed: send it again
        case 'ALL_OR_NONE_OPERATION_ROLLED_BACK':
            return 'TEMPORARY';
        case 'REQUEST_LIMIT_EXCEEDED':
        case 'TOO_MANY_ENQUEUED_JOBS':
            return 'RATE_LIMITED';
        case 'INVALID_SESSION_ID':
            return 'AUTH_EXPIRED';
        case 'ENTITY_IS_DELETED':
        case 'NOT_FOUND':
        case 'INVALID_ID_FIELD':
            return 'NOT_FOUND';
        case 'INVALID_CROSS_REFERENCE_KEY':
            // no field named: the record's own Id does not exist; a named field: a bad lookup value
            return error.fields.length === 0 || error.fields.includes('Id') ? 'NOT_FOUND' : 'INVALID_DATA';
        case 'INSUFFICIENT_ACCESS_OR_READONLY':
        case 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY':
        case 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY':
            return 'PERMANENT';
        default:
            return 'INVALID_DATA';
    }
}
/** The first error of a failed record, as one line for `outbox.last_error` and sync status. */
function describeRecordErrors(result) {
    if (result.errors.length === 0)
        return 'UNKNOWN: Salesforce reported a failure without a reason';
    return result.errors
        .map((e) => `${e.statusCode}: ${e.message}${e.fields.length ? ` (${e.fields.join(', ')})` : ''}`)
        .join('; ');
}
//# sourceMappingURL=crm-record-error.js.map