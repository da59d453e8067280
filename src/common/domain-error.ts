/**
 * Every error the API answers with has one of these codes. The HTTP status of each lives here,
 * in one exhaustive table, so a new code cannot ship without a status (CONTRACT §2).
 */
export const ERROR_STATUS = {
  // 400
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  /** objects/arrays nested deeper than the limit (details.limit) */
  JSON_TOO_DEEP: 400,
  // 401 / 403
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INVALID_SIGNATURE: 403,
  // 404
  NOT_FOUND: 404,
  RECORD_NOT_FOUND: 404,
  // 409
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  NUMBER_TAKEN: 409,
  JOB_RUNNING: 409,
  REQUEST_ALREADY_DECIDED: 409,
  // 408, 413, 414, 415, 431: answers of the HTTP layer, in the same shape
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  // 422: the send gate, in the contract's order, then the other rules
  NO_SMS_NUMBER: 422,
  SENDER_NOT_OWNED: 422,
  SENDER_NOT_SMS_ENABLED: 422,
  LOCAL_PRESENCE_NUMBER: 422,
  INVALID_PHONE: 422,
  UNSUPPORTED_COUNTRY: 422,
  NO_RECIPIENT: 422,
  NOT_ENROLLED: 422,
  OPTED_OUT: 422,
  DO_NOT_CALL: 422,
  DO_NOT_SMS: 422,
  EMPTY_BODY: 422,
  TOO_LONG: 422,
  QUIET_HOURS: 422,
  INVALID_MAPPING: 422,
  /** the SMS provider refused a message for a reason of its own (not opt-out, not the number) */
  PROVIDER_REJECTED: 422,
  // 500 / 503
  INTERNAL_ERROR: 500,
  DEPENDENCY_UNAVAILABLE: 503,
  /** this instance is draining or closing (SIGTERM): the request belongs on another instance */
  SHUTTING_DOWN: 503,
  PROVIDER_UNAVAILABLE: 503,
  CRM_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A refusal or failure the API reports with a code; mapped to the contract's shape by one filter. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `No ${what} with id ${id}.`);
