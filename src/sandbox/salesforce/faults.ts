/**
 * Fault injection for the stand-in: the next N calls (optionally only those of one endpoint or
 * method) fail the way Salesforce fails, or are slowed down, or lose their connection.
 *
 * Shapes (REST API Developer Guide, "Status Codes and Error Responses"):
 * - 503 SERVER_UNAVAILABLE: the server is down for maintenance or overloaded.
 * - 403 REQUEST_LIMIT_EXCEEDED: "TotalRequests Limit exceeded." — the org's API allocation is spent.
 * - 400 UNABLE_TO_LOCK_ROW on a single-record call; inside an sObject Collections call the lock
 *   error is reported per record (HTTP 200, every record failed with statusCode UNABLE_TO_LOCK_ROW).
 * - 401 INVALID_SESSION_ID: "Session expired or invalid".
 * - 500 UNKNOWN_EXCEPTION: "An unexpected error occurred. Please include this ErrorId …".
 */
export type FaultKind =
  | 'SERVER_UNAVAILABLE'
  | 'REQUEST_LIMIT_EXCEEDED'
  | 'UNABLE_TO_LOCK_ROW'
  | 'INVALID_SESSION_ID'
  | 'UNKNOWN_EXCEPTION'
  /** answer normally after delayMs */
  | 'DELAY'
  /** close the connection without answering, before the call is applied */
  | 'DROP_CONNECTION'
  /** apply the call (commit it), then close the connection without answering */
  | 'DROP_AFTER_COMMIT';

export interface FaultSpec {
  kind: FaultKind;
  /** how many matching calls it affects (default 1) */
  times?: number;
  /** endpoint name as in the call counters (e.g. 'collections.upsert', 'query', 'queryMore', 'token') */
  endpoint?: string | RegExp;
  method?: string;
  /** matched against the request path (without the query string) */
  path?: string | RegExp;
  /** DELAY (and any other kind, before it acts): milliseconds to wait */
  delayMs?: number;
}

export interface CallInfo {
  endpoint: string;
  method: string;
  path: string;
}

export interface ActiveFault {
  kind: FaultKind;
  delayMs: number;
}

export class FaultInjector {
  private readonly queue: { spec: FaultSpec; remaining: number }[] = [];

  inject(spec: FaultSpec): void {
    this.queue.push({ spec, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** Pending faults (for assertions that every injected fault was consumed). */
  pending(): number {
    return this.queue.reduce((n, f) => n + f.remaining, 0);
  }

  /** The fault this call meets, consuming one use of it; null when none applies. */
  take(call: CallInfo): ActiveFault | null {
    const entry = this.queue.find((f) => f.remaining > 0 && matches(f.spec, call));
    if (!entry) return null;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queue.splice(this.queue.indexOf(entry), 1);
    return { kind: entry.spec.kind, delayMs: entry.spec.delayMs ?? 0 };
  }
}

function matches(spec: FaultSpec, call: CallInfo): boolean {
  if (spec.method && spec.method.toUpperCase() !== call.method) return false;
  if (spec.endpoint && !test(spec.endpoint, call.endpoint, true)) return false;
  if (spec.path && !test(spec.path, call.path, false)) return false;
  return true;
}

function test(pattern: string | RegExp, value: string, exact: boolean): boolean {
  if (pattern instanceof RegExp) return pattern.test(value);
  return exact ? pattern === value : value.includes(pattern);
}

/** The request-level error answer of a fault kind (null for the kinds that are not errors). */
export function faultResponse(kind: FaultKind): { status: number; errorCode: string; message: string } | null {
  switch (kind) {
    case 'SERVER_UNAVAILABLE':
      return { status: 503, errorCode: 'SERVER_UNAVAILABLE', message: 'Server is temporarily unavailable. Please try again later.' };
    case 'REQUEST_LIMIT_EXCEEDED':
      return { status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' };
    case 'UNABLE_TO_LOCK_ROW':
      return { status: 400, errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records' };
    case 'INVALID_SESSION_ID':
      return { status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' };
    case 'UNKNOWN_EXCEPTION':
      return { status: 500, errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-123456789)' };
    case 'DELAY':
    case 'DROP_CONNECTION':
    case 'DROP_AFTER_COMMIT':
      return null;
  }
}
