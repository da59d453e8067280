import type { CrmErrorKind } from '../crm/crm-gateway.port';

/**
 * The one place that decides what happens to an outbox entry whose CRM write did not succeed:
 * wait and try again (exponential back-off with jitter), or park it with its reason.
 *
 * - Transient kinds (TEMPORARY, RATE_LIMITED, AUTH_EXPIRED) are never parked: the write waits
 *   in the outbox until Salesforce takes it, the delay capped at MAX_DELAY_MS.
 * - A per-record refusal (INVALID_DATA, NOT_FOUND, PERMANENT) is about that record only: parked
 *   at once, the rest of the batch carries on.
 * - A whole call refused for a non-transient reason cannot name the bad record (and is usually
 *   a configuration problem being fixed): it is retried a few times before parking.
 */
export type RetryDecision = { action: 'retry'; delayMs: number } | { action: 'park' };

export const BASE_DELAY_MS: Record<'TEMPORARY' | 'RATE_LIMITED' | 'AUTH_EXPIRED', number> = {
  TEMPORARY: 5_000,
  AUTH_EXPIRED: 5_000,
  // REQUEST_LIMIT_EXCEEDED: the org's allocation or concurrency; no point knocking again soon
  RATE_LIMITED: 60_000,
};
export const MAX_DELAY_MS = 15 * 60_000;
export const CALL_FAILURE_PARK_AFTER = 5;

export function isTransient(kind: CrmErrorKind): kind is keyof typeof BASE_DELAY_MS {
  return kind === 'TEMPORARY' || kind === 'RATE_LIMITED' || kind === 'AUTH_EXPIRED';
}

/**
 * @param attempts the attempts made so far, this one included (≥ 1)
 * @param scope 'record' when Salesforce refused this record, 'call' when the whole call failed
 * @param random a [0, 1) source; injected by tests
 */
export function decideRetry(kind: CrmErrorKind, attempts: number, scope: 'record' | 'call', random: () => number = Math.random): RetryDecision {
  if (isTransient(kind)) return { action: 'retry', delayMs: backoffDelayMs(BASE_DELAY_MS[kind], attempts, random) };
  if (scope === 'call' && attempts < CALL_FAILURE_PARK_AFTER) {
    return { action: 'retry', delayMs: backoffDelayMs(BASE_DELAY_MS.TEMPORARY, attempts, random) };
  }
  return { action: 'park' };
}

/**
 * base · 2^(attempts−1), capped, with "equal jitter": half of it fixed, half random, so a burst of
 * entries that failed together does not come back together.
 */
export function backoffDelayMs(baseMs: number, attempts: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const ceiling = Math.min(MAX_DELAY_MS, baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
