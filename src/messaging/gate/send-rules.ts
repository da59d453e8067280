/**
 * The send gate's rules, in the contract's order (CONTRACT §2, POST /api/messages). Each rule is a
 * small pure function of the pre-loaded SendContext: it answers a Refusal or null. The first
 * refusal wins. Consent (OPTED_OUT, DO_NOT_CALL, DO_NOT_SMS) is decided here and nowhere else.
 */
import type { GateCode } from './refusal';
import { Refusal } from './refusal';
import { recipientNumber, SendContext } from './send-context';
import { countSegments } from '../segments';
import { checkQuietHours, zonesForNumber } from '../quiet-hours';
import { classifyPhone } from '../../common/phone-policy';

export type SendRule = (ctx: SendContext) => Refusal | null;

const refuse = (code: GateCode, message: string, details: Record<string, unknown> = {}): Refusal => ({ code, message, details });

export const noSmsNumber: SendRule = (ctx) =>
  ctx.repNumbers.some((n) => n.kind === 'direct' && n.smsEnabled)
    ? null
    : refuse('NO_SMS_NUMBER', 'You hold no SMS-enabled direct number; ask an admin to enable SMS on one of yours.');

export const senderNotOwned: SendRule = (ctx) =>
  ctx.sender ? null : refuse('SENDER_NOT_OWNED', 'The from number is not one of yours.', { from: ctx.fromRaw });

/** A direct number that could send but has not been enabled (a LocalPresence number has its own rule). */
export const senderNotSmsEnabled: SendRule = (ctx) =>
  ctx.sender && ctx.sender.kind === 'direct' && !ctx.sender.smsEnabled
    ? refuse('SENDER_NOT_SMS_ENABLED', 'SMS is not enabled on this number; request it from the number settings.', { from: ctx.sender.phoneNumber })
    : null;

export const localPresenceNumber: SendRule = (ctx) =>
  ctx.sender?.kind === 'local_presence'
    ? refuse('LOCAL_PRESENCE_NUMBER', 'LocalPresence numbers cannot be used to send SMS.', { from: ctx.sender.phoneNumber })
    : null;

export const invalidPhone: SendRule = (ctx) =>
  ctx.toRaw !== null && ctx.toVerdict?.kind === 'invalid'
    ? refuse('INVALID_PHONE', `"${ctx.toRaw}" is not a valid phone number.`, { to: ctx.toRaw })
    : null;

/** Sender or recipient outside the US and Canada (the other +1 countries included). */
export const unsupportedCountry: SendRule = (ctx) => {
  const checks: [string, string | null][] = [
    ['from', ctx.sender?.phoneNumber ?? null],
    ['to', recipientNumber(ctx)],
  ];
  for (const [side, e164] of checks) {
    if (!e164) continue;
    const verdict = classifyPhone(e164);
    if (verdict.kind === 'unsupported_country') {
      return refuse('UNSUPPORTED_COUNTRY', 'SMS is only available between numbers in the United States and Canada.', {
        side,
        phoneNumber: verdict.e164,
        region: verdict.region,
      });
    }
  }
  return null;
};

export const recordNotFound: SendRule = (ctx) =>
  ctx.record ? null : refuse('RECORD_NOT_FOUND', `No Contact, Lead, Account or Task with id ${ctx.recordIdRaw}.`, { recordId: ctx.recordIdRaw });

const NO_RECIPIENT_MESSAGES: Record<string, string> = {
  no_phone: 'The record has nobody with a phone number to text.',
  not_on_record: 'The to number is not a phone of this record.',
  ambiguous: 'The record has more than one phone number; say which one in to.',
  invalid_to: 'The to number is not a phone of this record.',
};

export const noRecipient: SendRule = (ctx) =>
  ctx.choice.kind === 'none'
    ? refuse('NO_RECIPIENT', NO_RECIPIENT_MESSAGES[ctx.choice.reason] ?? 'No recipient.', { reason: ctx.choice.reason, candidates: ctx.choice.candidates })
    : null;

export const notEnrolled: SendRule = (ctx) =>
  ctx.choice.kind === 'chosen' && !ctx.choice.recipient.enrolled
    ? refuse('NOT_ENROLLED', `${ctx.choice.recipient.name} is not enrolled for SMS.`, { prospectId: ctx.choice.recipient.prospectId })
    : null;

export const optedOut: SendRule = (ctx) =>
  ctx.optedOut ? refuse('OPTED_OUT', 'This number has opted out of SMS; nobody in the organisation can text it.', { to: recipientNumber(ctx) }) : null;

export const doNotCall: SendRule = (ctx) => {
  const flagged = ctx.holders.filter((h) => h.doNotCall).map((h) => h.prospectId);
  return flagged.length ? refuse('DO_NOT_CALL', 'This person is marked Do Not Call in the CRM.', { to: recipientNumber(ctx), prospectIds: flagged }) : null;
};

export const doNotSms: SendRule = (ctx) => {
  const flagged = ctx.holders.filter((h) => h.doNotSms).map((h) => h.prospectId);
  return flagged.length ? refuse('DO_NOT_SMS', 'This person is marked Do Not SMS in the CRM.', { to: recipientNumber(ctx), prospectIds: flagged }) : null;
};

export const emptyBody: SendRule = (ctx) => (ctx.body.trim() === '' ? refuse('EMPTY_BODY', 'The message is empty.') : null);

export const tooLong: SendRule = (ctx) => {
  const count = countSegments(ctx.body, ctx.maxSegments);
  if (count.fits) return null;
  const gsm = count.encoding === 'GSM-7';
  // the most units that fit: one whole segment, or maxSegments concatenated parts
  const limit = ctx.maxSegments === 1 ? (gsm ? 160 : 70) : (gsm ? 153 : 67) * ctx.maxSegments;
  return refuse('TOO_LONG', `The message needs ${count.segments} segments; at most ${ctx.maxSegments} allowed (${limit} ${count.encoding} units).`, {
    encoding: count.encoding,
    length: count.units,
    characters: count.characters,
    limit,
    segments: count.segments,
    maxSegments: ctx.maxSegments,
    ucs2Characters: count.ucs2Characters,
  });
};

export const quietHours: SendRule = (ctx) => {
  const to = recipientNumber(ctx);
  if (!ctx.quietHours || !to) return null;
  const check = checkQuietHours(ctx.now, zonesForNumber(to), ctx.quietHours);
  return check.allowed
    ? null
    : refuse('QUIET_HOURS', `It is outside the sending window (${ctx.quietHours.label}) where the recipient is.`, {
        recipientLocalTime: check.localTimes.map((l) => l.time).join(' / ') || null,
        recipientLocalTimes: check.localTimes,
        window: ctx.quietHours.label,
      });
};

/** The contract's order; the first rule that refuses is the answer. */
export const SEND_RULES: readonly { code: GateCode; rule: SendRule }[] = [
  { code: 'NO_SMS_NUMBER', rule: noSmsNumber },
  { code: 'SENDER_NOT_OWNED', rule: senderNotOwned },
  { code: 'SENDER_NOT_SMS_ENABLED', rule: senderNotSmsEnabled },
  { code: 'LOCAL_PRESENCE_NUMBER', rule: localPresenceNumber },
  { code: 'INVALID_PHONE', rule: invalidPhone },
  { code: 'UNSUPPORTED_COUNTRY', rule: unsupportedCountry },
  { code: 'RECORD_NOT_FOUND', rule: recordNotFound },
  { code: 'NO_RECIPIENT', rule: noRecipient },
  { code: 'NOT_ENROLLED', rule: notEnrolled },
  { code: 'OPTED_OUT', rule: optedOut },
  { code: 'DO_NOT_CALL', rule: doNotCall },
  { code: 'DO_NOT_SMS', rule: doNotSms },
  { code: 'EMPTY_BODY', rule: emptyBody },
  { code: 'TOO_LONG', rule: tooLong },
  { code: 'QUIET_HOURS', rule: quietHours },
];

/** Rules that depend on the message text; the record screen skips them to tell whether sending is possible at all. */
export const BODY_RULES: ReadonlySet<GateCode> = new Set(['EMPTY_BODY', 'TOO_LONG']);

export function firstRefusal(ctx: SendContext, skip: ReadonlySet<GateCode> = new Set()): Refusal | null {
  for (const { code, rule } of SEND_RULES) {
    if (skip.has(code)) continue;
    const refusal = rule(ctx);
    if (refusal) return refusal;
  }
  return null;
}
