import { AsyncLocalStorage } from 'node:async_hooks';
import type { Connection } from 'jsforce';

/**
 * Sees every HTTP request jsforce makes for us — API calls, queryMore pages, each Collections
 * chunk and the OAuth token calls — by wrapping the transports of the connection and of the
 * OAuth2 client. It counts them, reads `Sforce-Limit-Info: api-usage=N/MAX` from each answer,
 * records the HTTP status of the current call (for error classification) and the `Date` of its
 * answer (the server's clock, for the mirror's cutoff), applies a request
 * timeout, and turns off jsforce's own retries (it retries GETs up to 5 times over ~15 s, which
 * would hide calls from the count; the callers decide retries from the CrmError kind instead).
 */
export interface TransportObserver {
  onRequest(): void;
  onLimitInfo(used: number, max: number): void;
}

interface HttpResponseLike {
  statusCode: number;
  headers: Record<string, string | undefined>;
}

interface TransportLike {
  httpRequest(req: unknown, options?: Record<string, unknown>): PromiseLike<HttpResponseLike> & object;
}

/** The HTTP status of the last answer inside the current call (AsyncLocalStorage scope). */
export const callScope = new AsyncLocalStorage<{ status: number | null }>();

/** The `Date` header of the last answer inside this scope: the server's clock, to the second. */
export const responseDateScope = new AsyncLocalStorage<{ date: string | null }>();

export function observeTransports(conn: Connection, observer: TransportObserver, timeoutMs: number): void {
  const internal = conn as unknown as { _transport: TransportLike; oauth2: { _transport: TransportLike } };
  internal._transport = wrap(internal._transport, observer, timeoutMs);
  internal.oauth2._transport = wrap(internal.oauth2._transport, observer, timeoutMs);
}

function wrap(inner: TransportLike, observer: TransportObserver, timeoutMs: number): TransportLike {
  const wrapped = Object.create(inner) as TransportLike;
  wrapped.httpRequest = (req, options = {}) => {
    observer.onRequest();
    const pending = inner.httpRequest(req, { ...options, timeout: timeoutMs, retry: { ...(options.retry as object), methods: [] } });
    const scope = callScope.getStore();
    const dated = responseDateScope.getStore();
    pending.then(
      (res) => {
        if (scope) scope.status = res.statusCode;
        if (dated && res.headers?.date) dated.date = res.headers.date;
        const match = /api-usage=(\d+)\/(\d+)/.exec(res.headers?.['sforce-limit-info'] ?? '');
        if (match) observer.onLimitInfo(Number(match[1]), Number(match[2]));
      },
      () => undefined,
    );
    return pending;
  };
  return wrapped;
}
