import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts every log line carries (the request id). */
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
