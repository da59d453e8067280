import { SmsProviderError } from '../sms-provider.port';

/**
 * What a failed provider call says about the message, and when the `delivery-reconcile` job asks
 * the provider about a message next. Pure; the one place these times are decided.
 *
 * A send whose call failed was either certainly not taken — a permanent refusal, a 429, a 503, a
 * connection never made — or may have been: a 500, a timeout, a connection reset after the request
 * went out. Only the provider knows which for the latter (its answer may be what was lost), so
 * such a message is asked about (DELIVERY_UNKNOWN_AFTER_SECONDS after the attempt) and never sent
 * again blindly.
 */
const NOT_PROCESSED_CODES = new Set(['20503', 'HTTP_503', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True when the provider certainly did not take a message whose call failed with `error`. */
export function certainlyNotTaken(error: SmsProviderError): boolean {
  switch (error.kind) {
    case 'RATE_LIMITED':
    case 'OPTED_OUT':
    case 'INVALID_RECIPIENT':
    case 'NOT_FOUND':
    case 'REJECTED':
      return true;
    case 'TEMPORARY':
      return error.providerCode !== null && NOT_PROCESSED_CODES.has(error.providerCode);
  }
}

/** True when the message may have gone out although the call failed (anything unexplained included). */
export function outcomeUnknown(error: unknown): boolean {
  return !(error instanceof SmsProviderError) || !certainlyNotTaken(error);
}

/** error_code of a message the provider never took, found out by asking it: failed, never re-sent. */
export const NOT_SENT = 'NOT_SENT';

/** A status the provider reports no more change after. */
export const isFinal = (status: string): boolean => status === 'delivered' || status === 'undelivered' || status === 'failed';

export interface DeliveryTimes {
  unknownAfterSeconds: number;
  notSentAfterSeconds: number;
  staleAfterSeconds: number;
}

/** A status still not final this long after the send is no longer asked about (the provider keeps it 72 h at most in flight). */
export const STATUS_CHECK_HORIZON_MS = 3 * 24 * 3600_000;
/** A keyword reply the provider never took is sent late only within this long of the keyword. */
export const REPLY_RESEND_HORIZON_MS = 24 * 3600_000;
/** The provider's clock and ours may differ: a list reaches back this much before the attempt. */
export const CLOCK_SLACK_MS = 60_000;

const plus = (at: Date | string, ms: number) => new Date(new Date(at).getTime() + ms).toISOString();

/** The check of a send about to call the provider (its outcome unknown until recorded). */
export const unknownOutcomeCheckAt = (attemptAt: Date | string, times: DeliveryTimes) => plus(attemptAt, times.unknownAfterSeconds * 1000);

/** The check after the provider took a message in `status`: none once final. */
export function acceptedCheckAt(status: string, at: Date | string, times: DeliveryTimes): string | null {
  return isFinal(status) ? null : plus(at, times.staleAfterSeconds * 1000);
}

/**
 * The next check of a message the provider holds in a status not final yet: after as long again
 * as it has been in flight (at least DELIVERY_STALE_AFTER_SECONDS), so a message stuck at `sent`
 * is asked about about a dozen times, not every run; none past the horizon.
 */
export function recheckAt(createdAt: string, now: Date, times: DeliveryTimes): string | null {
  const age = now.getTime() - Date.parse(createdAt);
  if (age >= STATUS_CHECK_HORIZON_MS) return null;
  return plus(now, Math.max(age, times.staleAfterSeconds * 1000));
}
