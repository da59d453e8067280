import { certainlyNotTaken } from '../delivery/send-outcome';
import { SmsProviderError } from '../sms-provider.port';

/**
 * When a keyword reply (opt-out confirmation, START, HELP) whose send failed may be sent again.
 * Pure; the one place that decides retry or give-up for these replies.
 *
 * The rule is "at most once": a reply is sent again only when the provider certainly did not take
 * it. A second opt-out confirmation is worse than none (the contract promises one; the law allows
 * one), so an outcome we cannot know is given up, like a rep's send:
 * - RATE_LIMITED (HTTP 429 / 20429): never processed → retry
 * - TEMPORARY with 503 / 20503 (service unavailable) or a connection that was never made
 *   (refused, no route, name not resolved) → retry
 * - any other TEMPORARY (500, timeout, reset connection: the send may have happened) → fail, and
 *   the `delivery-reconcile` job asks the provider whether it holds the reply: it records the
 *   reply's sid if so, and sends it once if not (messaging/delivery/)
 * - OPTED_OUT, INVALID_RECIPIENT, NOT_FOUND, REJECTED: a permanent refusal → fail
 * - anything that is not an SmsProviderError: unknown outcome → fail, asked about as above
 */
export type ReplySendFailure = { retry: boolean; errorCode: string; reason: string };

/** Provider calls begun for one reply, the first (right after the inbound commit) included. */
export const MAX_REPLY_SEND_ATTEMPTS = 5;
/** A reply is left to the path that stored it for this long before the sweep looks at it. */
export const REPLY_SWEEP_GRACE_MS = 30_000;

export function classifyReplySendFailure(error: unknown): ReplySendFailure {
  if (!(error instanceof SmsProviderError)) {
    return { retry: false, errorCode: 'UNKNOWN', reason: error instanceof Error ? error.message : String(error) };
  }
  const errorCode = (error.providerCode ?? error.kind).slice(0, 12);
  switch (error.kind) {
    case 'RATE_LIMITED':
      return { retry: true, errorCode, reason: error.message };
    case 'TEMPORARY':
      return { retry: certainlyNotTaken(error), errorCode, reason: error.message };
    case 'OPTED_OUT':
    case 'INVALID_RECIPIENT':
    case 'NOT_FOUND':
    case 'REJECTED':
      return { retry: false, errorCode, reason: error.message };
  }
}

/**
 * Longest wait between two tries. An opt-out confirmation is expected within five minutes of the
 * STOP, so the back-off stays short: 30 s, 60 s, 60 s, 60 s — the last try about 3.5 min after it.
 */
export const REPLY_RETRY_MAX_DELAY_MS = 60_000;

/**
 * The earliest instant (ms) the sweep may try a reply again: the grace period after its last
 * change, doubled for every attempt after the first, capped at REPLY_RETRY_MAX_DELAY_MS.
 */
export function replyDueAt(updatedAt: string, attempts: number): number {
  return Date.parse(updatedAt) + Math.min(REPLY_SWEEP_GRACE_MS * 2 ** Math.max(attempts - 1, 0), REPLY_RETRY_MAX_DELAY_MS);
}
