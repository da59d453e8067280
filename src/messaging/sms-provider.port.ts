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

/**
 * - OPTED_OUT: the recipient unsubscribed (Twilio 21610)
 * - INVALID_RECIPIENT: the To number cannot receive (Twilio 21211, 21614)
 * - TEMPORARY: 5xx, timeout, network; the send may or may not have happened, never retried blindly
 * - RATE_LIMITED: 429
 * - REJECTED: any other 4xx
 */
export type SmsErrorKind = 'OPTED_OUT' | 'INVALID_RECIPIENT' | 'TEMPORARY' | 'RATE_LIMITED' | 'REJECTED';

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
