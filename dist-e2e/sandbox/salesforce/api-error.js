"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NOT_FOUND = exports.SESSION_EXPIRED = exports.RecordError = exports.SalesforceApiError = void 0;
/**
 * Errors in the REST API's shape. A failed request answers with an HTTP status and a JSON array
 * `[{"message", "errorCode", "fields"?}]`; a failed record inside an sObject Collections call is
 * `{"statusCode", "message", "fields"}` in that record's result.
 * Source: REST API Developer Guide, "Status Codes and Error Responses"
 * (developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm) and
 * "Create Records Using sObject Collections" (per-record errors array).
 */
class SalesforceApiError extends Error {
    status;
    errorCode;
    fields;
    constructor(status, errorCode, message, fields = []) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.fields = fields;
        this.name = 'SalesforceApiError';
    }
    body() {
        return [{ message: this.message, errorCode: this.errorCode, ...(this.fields.length ? { fields: this.fields } : {}) }];
    }
}
exports.SalesforceApiError = SalesforceApiError;
/** One record's failure inside a DML call (also thrown by the store for single-record writes). */
class RecordError extends Error {
    statusCode;
    fields;
    constructor(statusCode, message, fields = []) {
        super(message);
        this.statusCode = statusCode;
        this.fields = fields;
        this.name = 'RecordError';
    }
    toJSON() {
        return { statusCode: this.statusCode, message: this.message, fields: this.fields };
    }
}
exports.RecordError = RecordError;
const SESSION_EXPIRED = () => new SalesforceApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
exports.SESSION_EXPIRED = SESSION_EXPIRED;
const NOT_FOUND = () => new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
exports.NOT_FOUND = NOT_FOUND;
//# sourceMappingURL=api-error.js.map