import type { MessageStatus } from './api';

/** What the console says for the service's codes and values. */
export const STATUS_WORDS: Record<MessageStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  undelivered: 'Not delivered',
  failed: 'Failed',
  received: 'Received',
};

/** Why a prospect cannot be texted, in a rep's words; null for a code without words of its own. */
export function refusalWords(code: string, details: Record<string, unknown> | null | undefined): string | null {
  switch (code) {
    case 'OPTED_OUT':
      return 'This number opted out of SMS (it texted STOP): nobody in the organisation can text it until it texts START.';
    case 'DO_NOT_CALL':
      return 'This prospect is marked Do-Not-Call in Salesforce: no texts.';
    case 'DO_NOT_SMS':
      return 'This prospect is marked Do-Not-SMS in Salesforce.';
    case 'NOT_ENROLLED':
      return 'This prospect is not enrolled in SMS.';
    case 'QUIET_HOURS': {
      const local = details?.recipientLocalTime;
      const window = details?.window;
      return `Quiet hours: it is ${typeof local === 'string' ? local : 'outside the sending window'} where the recipient is` +
        (typeof window === 'string' ? `; texts go out ${window} their time.` : '.');
    }
    case 'NO_RECIPIENT':
      return 'This record has no phone number that can be texted.';
    case 'NO_SMS_NUMBER':
      return 'You hold no SMS-enabled number yet.';
    case 'UNSUPPORTED_COUNTRY':
      return 'Only numbers in the US and Canada can be texted.';
    case 'INVALID_PHONE':
      return 'That phone number is not valid.';
    case 'EMPTY_BODY':
      return 'Write a message first.';
    case 'TOO_LONG':
      return 'The message is too long: shorten it until the counter fits.';
    default:
      return null;
  }
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' });

/** A time in the rep's own zone (the browser's), e.g. "Dec 5, 2026, 2:04 PM EST". */
export function inRepZone(iso: string): string {
  const date = new Date(iso);
  const name = zone.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value;
  return name ? `${when.format(date)} ${name}` : when.format(date);
}
