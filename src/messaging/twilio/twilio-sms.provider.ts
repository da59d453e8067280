import { timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';
import type { TwilioConfig } from '../../config/app-config';
import { OutgoingSms, ProviderMessage, SentMessagesQuery, SentSms, SmsErrorKind, SmsProvider, SmsProviderError } from '../sms-provider.port';
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
/** A pair's list is read a page of 50 at a time, newest first, back to the date asked for… */
const LIST_PAGE_SIZE = 50;
/** …and never beyond this many pages: a pair with more sends than that since then is not a list we trust as complete. */
const LIST_MAX_PAGES = 20;

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

  async fetchMessage(providerMessageId: string): Promise<ProviderMessage | null> {
    try {
      return toProviderMessage(await this.client.messages(providerMessageId).fetch());
    } catch (error) {
      const providerError = toProviderError(error);
      if (providerError.kind === 'NOT_FOUND') return null;
      throw providerError;
    }
  }

  /**
   * Filters by To and From only, and reads back to `sentAfter` by `date_created`: Twilio's
   * `DateSent>` filter compares `date_sent`, which a message still queued (or failed before
   * leaving) does not have yet, and such a message must be found too.
   */
  async listSentMessages(query: SentMessagesQuery): Promise<ProviderMessage[]> {
    const since = Math.floor(query.sentAfter.getTime() / 1000) * 1000;
    const found: ProviderMessage[] = [];
    try {
      let page = await this.client.messages.page({ to: query.to, from: query.from, pageSize: LIST_PAGE_SIZE });
      for (let pages = 1; ; pages++) {
        for (const instance of page.instances) {
          if (instance.dateCreated.getTime() < since) return found;
          const message = toProviderMessage(instance);
          if (message.direction === 'outbound') found.push(message);
        }
        const next = page.nextPage();
        if (!next) return found;
        if (pages >= LIST_MAX_PAGES) break;
        page = (await next) as typeof page;
      }
    } catch (error) {
      throw toProviderError(error);
    }
    throw new SmsProviderError('TEMPORARY', `more than ${LIST_MAX_PAGES * LIST_PAGE_SIZE} messages of the pair since ${query.sentAfter.toISOString()}: the list was not read to its end`);
  }

  isValidWebhookSignature(url: string, params: Record<string, string | string[]>, signature: string | undefined): boolean {
    if (!signature || !this.config.authToken) return false;
    // The URL exactly as Twilio called it is what it signs: one HMAC. twilio.validateRequest tries
    // several spellings of the URL (with and without the port, escaped), ten times the cost on
    // every webhook, so it is asked only when this one does not match.
    if (!url.includes('bodySHA256') && sameText(twilio.getExpectedTwilioSignature(this.config.authToken, url, params), signature)) return true;
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

function toProviderMessage(m: MessageInstance): ProviderMessage {
  return {
    providerMessageId: m.sid,
    direction: m.direction === 'inbound' ? 'inbound' : 'outbound',
    from: m.from || null,
    to: m.to,
    body: m.body ?? '',
    status: m.direction === 'inbound' ? null : toDeliveryStatus(m.status),
    errorCode: m.errorCode !== null && m.errorCode !== undefined && String(m.errorCode) !== '0' ? String(m.errorCode) : null,
    createdAt: m.dateCreated,
  };
}

function toProviderError(error: unknown): SmsProviderError {
  const { kind, message, providerCode } = classifyTwilioError(error);
  return new SmsProviderError(kind, message, providerCode);
}

/** Compares two signatures in constant time. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
