/**
 * Errors in the REST API's shape. A failed request answers with an HTTP status and a JSON array
 * `[{"message", "errorCode", "fields"?}]`; a failed record inside an sObject Collections call is
 * `{"statusCode", "message", "fields"}` in that record's result.
 * Source: REST API Developer Guide, "Status Codes and Error Responses"
 * (developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm) and
 * "Create Records Using sObject Collections" (per-record errors array).
 */
export class SalesforceApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
    this.name = 'SalesforceApiError';
  }

  body(): { message: string; errorCode: string; fields?: string[] }[] {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields.length ? { fields: this.fields } : {}) }];
  }
}

/** One record's failure inside a DML call (also thrown by the store for single-record writes). */
export class RecordError extends Error {
  constructor(
    readonly statusCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
    this.name = 'RecordError';
  }

  toJSON(): { statusCode: string; message: string; fields: string[] } {
    return { statusCode: this.statusCode, message: this.message, fields: this.fields };
  }
}

export const SESSION_EXPIRED = () => new SalesforceApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
export const NOT_FOUND = () => new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
