import twilio from 'twilio';
import type { TwilioConfig } from '../../config/app-config';
import { OutgoingSms, SentSms, SmsErrorKind, SmsProvider, SmsProviderError } from '../sms-provider.port';
import { classifyTwilioError, classifyTwilioErrorCode } from './twilio-error.util';
import { TwilioHttpClient } from './twilio-http-client';
import { toDeliveryStatus } from './twilio-status.util';

export interface TwilioSmsProviderOptions {
  /** Default 10 s: a hung Twilio call becomes TEMPORARY instead of holding the request. */
  requestTimeoutMs?: number;
  /** 429 retries inside the SDK before RATE_LIMITED surfaces; default 2. */
  rateLimitRetries?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RATE_LIMIT_RETRIES = 2;

/** The SmsProvider port over the real twilio SDK: the only place (with its helpers) that imports `twilio`. */
export class TwilioSmsProvider extends SmsProvider {
  private readonly client: twilio.Twilio;

  constructor(
    private readonly config: TwilioConfig,
    options: TwilioSmsProviderOptions = {},
  ) {
    super();
    const httpClient = new TwilioHttpClient({
      apiBaseUrl: config.apiBaseUrl,
      timeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      rateLimitRetries: options.rateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES,
    });
    this.client = twilio(config.accountSid, config.authToken, { httpClient });
  }

  async send(sms: OutgoingSms): Promise<SentSms> {
    try {
      const message = await this.client.messages.create({
        to: sms.to,
        from: sms.from,
        body: sms.body,
        statusCallback: sms.statusCallbackUrl,
        ...(this.config.messagingServiceSid ? { messagingServiceSid: this.config.messagingServiceSid } : {}),
      });
      return { providerMessageId: message.sid, status: toDeliveryStatus(message.status) ?? 'queued' };
    } catch (error) {
      throw toProviderError(error);
    }
  }

  isValidWebhookSignature(url: string, params: Record<string, string | string[]>, signature: string | undefined): boolean {
    if (!signature || !this.config.authToken) return false;
    return twilio.validateRequest(this.config.authToken, signature, url, params);
  }

  async ping(): Promise<void> {
    try {
      await this.client.api.v2010.accounts(this.config.accountSid).fetch();
    } catch (error) {
      throw toProviderError(error);
    }
  }

  errorKindOf(providerCode: string): SmsErrorKind {
    return classifyTwilioErrorCode(providerCode);
  }
}

function toProviderError(error: unknown): SmsProviderError {
  const { kind, message, providerCode } = classifyTwilioError(error);
  return new SmsProviderError(kind, message, providerCode);
}
