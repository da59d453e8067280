import { classifyFailure, classifyRecordError, failureOf, toCrmError } from './salesforce-error.classifier';

/** Error bodies as Salesforce sends them (REST API Developer Guide, errorcodes.htm and the pages cited beside each). */
const RECORDED = {
  limit: { status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] },
  session: { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] },
  lock: { status: 400, body: [{ message: 'unable to obtain exclusive access to this record or 1 records: 00T5e00000AbCdEEAV', errorCode: 'UNABLE_TO_LOCK_ROW', fields: [] }] },
  unavailable: { status: 503, body: [{ message: 'Server is temporarily unavailable.', errorCode: 'SERVER_UNAVAILABLE' }] },
  unknown: { status: 500, body: [{ message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-123456789)', errorCode: 'UNKNOWN_EXCEPTION' }] },
  invalidField: {
    status: 400,
    body: [{ message: "\nSELECT Id, Shoe__c FROM Contact\n           ^\nERROR at Row:1:Column:12\nNo such column 'Shoe__c' on entity 'Contact'.", errorCode: 'INVALID_FIELD' }],
  },
  malformed: { status: 400, body: [{ message: "unexpected token: 'FROM'", errorCode: 'MALFORMED_QUERY' }] },
  validation: { status: 400, body: [{ message: 'Subject must mention SMS', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: ['Subject'] }] },
  notFound: { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] },
  deleted: { status: 404, body: [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] },
  noAccess: { status: 403, body: [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'insufficient access rights on object id' }] },
};

/** jsforce 3.10's HttpApiError (lib/http-api.js; not exported): name and errorCode are the code. */
class HttpApiError extends Error {
  readonly errorCode: string;
  constructor(
    message: string,
    errorCode?: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = errorCode || this.name;
    this.errorCode = this.name;
  }
}

/** What jsforce raises for a recorded error answer (HttpApi#getError: one error → HttpApiError(message, errorCode)). */
function jsforceError({ body }: { status: number; body: { message: string; errorCode: string }[] }): HttpApiError {
  return new HttpApiError(body[0].message, body[0].errorCode, body[0]);
}

describe('Salesforce error classification', () => {
  it.each([
    ['limit', 'RATE_LIMITED'],
    ['session', 'AUTH_EXPIRED'],
    ['lock', 'TEMPORARY'],
    ['unavailable', 'TEMPORARY'],
    ['unknown', 'TEMPORARY'],
    ['invalidField', 'INVALID_DATA'],
    ['malformed', 'INVALID_DATA'],
    ['validation', 'INVALID_DATA'],
    ['notFound', 'NOT_FOUND'],
    ['deleted', 'NOT_FOUND'],
    ['noAccess', 'PERMANENT'],
  ] as const)('%s → %s', (name, kind) => {
    const recorded = RECORDED[name];
    const error = toCrmError(failureOf(jsforceError(recorded), recorded.status));
    expect(error.kind).toBe(kind);
    expect(error.vendorCode).toBe(recorded.body[0].errorCode);
  });

  it('classifies answers without an errorCode by their HTTP status (jsforce: ERROR_HTTP_<status>)', () => {
    expect(toCrmError(failureOf(new HttpApiError('<html>Bad gateway</html>', 'ERROR_HTTP_502'), null))).toMatchObject({ kind: 'TEMPORARY', vendorCode: '502' });
    expect(classifyFailure(failureOf(new HttpApiError('Too many', 'ERROR_HTTP_429'), null))).toBe('RATE_LIMITED');
  });

  it('classifies network failures and timeouts as TEMPORARY', () => {
    const reset = Object.assign(new Error('request to http://127.0.0.1/ failed, reason: socket hang up'), { name: 'FetchError', code: 'ECONNRESET', type: 'system' });
    expect(toCrmError(failureOf(reset, null))).toMatchObject({ kind: 'TEMPORARY', vendorCode: 'ECONNRESET' });
    const timeout = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError', type: 'aborted' });
    expect(toCrmError(failureOf(timeout, null))).toMatchObject({ kind: 'TEMPORARY', vendorCode: 'TIMEOUT' });
  });

  it('treats bad OAuth client credentials as PERMANENT, a token endpoint outage as TEMPORARY', () => {
    const badClient = Object.assign(new Error('invalid client credentials'), { name: 'invalid_client' });
    expect(classifyFailure(failureOf(badClient, 400))).toBe('PERMANENT');
    const down = Object.assign(new Error('Service Unavailable'), { name: 'ERROR_HTTP_503' });
    expect(classifyFailure(failureOf(down, null))).toBe('TEMPORARY');
  });

  it('classifies per-record Collections errors', () => {
    expect(classifyRecordError('UNABLE_TO_LOCK_ROW')).toBe('TEMPORARY');
    expect(classifyRecordError('ALL_OR_NONE_OPERATION_ROLLED_BACK')).toBe('TEMPORARY');
    expect(classifyRecordError('DUPLICATE_VALUE')).toBe('INVALID_DATA');
    expect(classifyRecordError('REQUIRED_FIELD_MISSING')).toBe('INVALID_DATA');
    expect(classifyRecordError('ENTITY_IS_DELETED')).toBe('NOT_FOUND');
  });

  it('marks only TEMPORARY, RATE_LIMITED and AUTH_EXPIRED as retryable', () => {
    expect(toCrmError(failureOf(jsforceError(RECORDED.lock), 400)).retryable).toBe(true);
    expect(toCrmError(failureOf(jsforceError(RECORDED.validation), 400)).retryable).toBe(false);
  });
});
