/**
 * The port to the SMS provider (Twilio), owned by the domain. Only the twilio adapter imports the
 * SDK; the domain sees our own status enum and a small set of error kinds.
 */
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface OutgoingSms {
  /** E.164 */
  to: string;
  /** E.164: the rep's own number */
  from: string;
  body: string;
  statusCallbackUrl: string;
}

export interface SentSms {
  providerMessageId: string;
  status: DeliveryStatus;
}

/** A message as the provider holds it (fetched by its id, or found in a list). */
export interface ProviderMessage {
  providerMessageId: string;
  direction: 'outbound' | 'inbound';
  /** E.164; null while a Messaging Service has not picked the sender yet */
  from: string | null;
  to: string;
  body: string;
  /** null for a status our enum has no place for (an inbound message's): not a delivery status */
  status: DeliveryStatus | null;
  /** the provider's error code on a failed or undelivered message */
  errorCode: string | null;
  /** when the provider created it (to the second) */
  createdAt: Date;
}

/** The outbound messages from `from` to `to` the provider created at or after `sentAfter`. */
export interface SentMessagesQuery {
  to: string;
  from: string;
  sentAfter: Date;
}

/**
 * - OPTED_OUT: the recipient unsubscribed (Twilio 21610)
 * - INVALID_RECIPIENT: the To number cannot receive (Twilio 21211, 21614)
 * - TEMPORARY: 5xx, timeout, network; the send may or may not have happened, never retried blindly
 * - RATE_LIMITED: 429
 * - NOT_FOUND: the resource asked for does not exist (Twilio 20404)
 * - REJECTED: any other 4xx
 */
export type SmsErrorKind = 'OPTED_OUT' | 'INVALID_RECIPIENT' | 'TEMPORARY' | 'RATE_LIMITED' | 'NOT_FOUND' | 'REJECTED';

export class SmsProviderError extends Error {
  constructor(
    readonly kind: SmsErrorKind,
    message: string,
    readonly providerCode: string | null = null,
  ) {
    super(message);
    this.name = 'SmsProviderError';
  }
}

export abstract class SmsProvider {
  abstract send(sms: OutgoingSms): Promise<SentSms>;

  /** The message the provider holds under this id; null when it holds none. */
  abstract fetchMessage(providerMessageId: string): Promise<ProviderMessage | null>;

  /**
   * Every outbound message of the pair created at or after `sentAfter`, newest first, whatever its
   * status (queued ones included): the way to learn the id of a send whose answer was lost. Throws
   * (TEMPORARY) rather than answer a partial list.
   */
  abstract listSentMessages(query: SentMessagesQuery): Promise<ProviderMessage[]>;

  /**
   * Checks a webhook's signature (Twilio: X-Twilio-Signature) over the full URL the provider called
   * and the form parameters (a repeated field arrives as an array).
   */
  abstract isValidWebhookSignature(url: string, params: Record<string, string | string[]>, signature: string | undefined): boolean;

  /** A cheap authenticated call (fetch the account) for readiness; throws when unreachable. */
  abstract ping(): Promise<void>;

  /**
   * The kind of a `providerCode` an SmsProviderError carried earlier (stored as the message's
   * error code), so that a retry is answered as the first failure was. Only the adapter knows
   * what its provider's codes mean.
   */
  abstract errorKindOf(providerCode: string): SmsErrorKind;
}
