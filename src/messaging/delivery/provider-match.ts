import type { ProviderMessage } from '../sms-provider.port';
import { CLOCK_SLACK_MS } from './send-outcome';

/** What identifies a send of ours at the provider when its sid was never learned. */
export interface UnknownSend {
  fromNumber: string;
  toNumber: string;
  body: string;
  /** when the provider was called (ISO) */
  attemptAt: string;
}

/**
 * The provider's message that is this send, among those it listed for the pair: outbound, same
 * numbers and the same body, created no earlier than the attempt (less the clock slack), and not
 * already some other message of ours (`taken`: sids stored here, or matched earlier in this run).
 * The earliest such message: two identical texts of one pair in flight are matched in order. Pure.
 */
export function matchSentMessage(send: UnknownSend, listed: readonly ProviderMessage[], taken: ReadonlySet<string>): ProviderMessage | null {
  const since = Date.parse(send.attemptAt) - CLOCK_SLACK_MS;
  const candidates = listed.filter(
    (m) =>
      m.direction === 'outbound' &&
      m.to === send.toNumber &&
      (m.from === null || m.from === send.fromNumber) &&
      m.body === send.body &&
      m.createdAt.getTime() >= since &&
      !taken.has(m.providerMessageId),
  );
  candidates.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.providerMessageId.localeCompare(b.providerMessageId));
  return candidates[0] ?? null;
}
