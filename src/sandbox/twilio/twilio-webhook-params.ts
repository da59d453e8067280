import type { StandInMessage } from './twilio-message';
import { API_VERSION, segmentCount } from './twilio-wire';

/**
 * The form parameters of Twilio's two messaging webhooks.
 *
 * Status callback (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status and
 * .../outbound-message-status-in-status-callbacks): ApiVersion, AccountSid, From, To, MessageSid,
 * MessageStatus, SmsSid and SmsStatus (deprecated twins), MessagingServiceSid when one was used,
 * ErrorCode on failed/undelivered, RawDlrDoneDate (YYMMDDhhmm) with a carrier receipt.
 *
 * Inbound message (https://www.twilio.com/docs/messaging/guides/webhook-request): MessageSid,
 * SmsSid, SmsMessageSid, AccountSid, MessagingServiceSid, From, To, Body, NumMedia, NumSegments,
 * SmsStatus=received, ApiVersion and the geographic fields From/To City, State, Zip, Country
 * ("if available": empty when unknown).
 */
export function statusCallbackParams(m: StandInMessage, now: Date): Record<string, string> {
  const params: Record<string, string> = {
    ApiVersion: API_VERSION,
    AccountSid: m.accountSid,
    From: m.from ?? '',
    To: m.to,
    MessageSid: m.sid,
    MessageStatus: m.status,
    SmsSid: m.sid,
    SmsStatus: m.status,
  };
  if (m.messagingServiceSid) params.MessagingServiceSid = m.messagingServiceSid;
  if (m.errorCode !== null) params.ErrorCode = String(m.errorCode);
  if (m.status === 'delivered' || m.status === 'undelivered') params.RawDlrDoneDate = rawDlrDate(now);
  return params;
}

export function inboundParams(m: StandInMessage): Record<string, string> {
  const params: Record<string, string> = {
    ToCountry: country(m.to),
    ToState: '',
    SmsMessageSid: m.sid,
    NumMedia: '0',
    ToCity: '',
    FromZip: '',
    SmsSid: m.sid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: m.body,
    FromCountry: country(m.from ?? ''),
    To: m.to,
    ToZip: '',
    NumSegments: String(segmentCount(m.body)),
    MessageSid: m.sid,
    AccountSid: m.accountSid,
    From: m.from ?? '',
    ApiVersion: API_VERSION,
  };
  if (m.messagingServiceSid) params.MessagingServiceSid = m.messagingServiceSid;
  return params;
}

function rawDlrDate(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(now.getUTCFullYear() % 100)}${two(now.getUTCMonth() + 1)}${two(now.getUTCDate())}${two(now.getUTCHours())}${two(now.getUTCMinutes())}`;
}

/** NANP area codes assigned to Canada (CNAC list); other +1 numbers report US. */
const CANADIAN_AREA_CODES = new Set(
  (
    '204 226 236 249 250 257 263 273 289 306 343 354 365 367 368 382 387 403 416 418 428 431 437 438 450 460 468 474 ' +
    '506 514 519 548 579 581 584 587 600 604 613 622 639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 873 879 902 905 942'
  ).split(' '),
);

function country(e164: string): string {
  if (!e164.startsWith('+1') || e164.length !== 12) return '';
  return CANADIAN_AREA_CODES.has(e164.slice(2, 5)) ? 'CA' : 'US';
}
