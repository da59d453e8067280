"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BODY_RULES = exports.SEND_RULES = exports.quietHours = exports.tooLong = exports.emptyBody = exports.doNotSms = exports.doNotCall = exports.optedOut = exports.notEnrolled = exports.noRecipient = exports.recordNotFound = exports.unsupportedCountry = exports.invalidPhone = exports.localPresenceNumber = exports.senderNotSmsEnabled = exports.senderNotOwned = exports.noSmsNumber = void 0;
exports.firstRefusal = firstRefusal;
const send_context_1 = require("./send-context");
const segments_1 = require("../segments");
const quiet_hours_1 = require("../quiet-hours");
const phone_policy_1 = require("../../common/phone-policy");
const refuse = (code, message, details = {}) => ({ code, message, details });
const noSmsNumber = (ctx) => ctx.repNumbers.some((n) => n.kind === 'direct' && n.smsEnabled)
    ? null
    : refuse('NO_SMS_NUMBER', 'You hold no SMS-enabled direct number; ask an admin to enable SMS on one of yours.');
exports.noSmsNumber = noSmsNumber;
const senderNotOwned = (ctx) => ctx.sender ? null : refuse('SENDER_NOT_OWNED', 'The from number is not one of yours.', { from: ctx.fromRaw });
exports.senderNotOwned = senderNotOwned;
/** A direct number that could send but has not been enabled (a LocalPresence number has its own rule). */
const senderNotSmsEnabled = (ctx) => ctx.sender && ctx.sender.kind === 'direct' && !ctx.sender.smsEnabled
    ? refuse('SENDER_NOT_SMS_ENABLED', 'SMS is not enabled on this number; request it from the number settings.', { from: ctx.sender.phoneNumber })
    : null;
exports.senderNotSmsEnabled = senderNotSmsEnabled;
const localPresenceNumber = (ctx) => ctx.sender?.kind === 'local_presence'
    ? refuse('LOCAL_PRESENCE_NUMBER', 'LocalPresence numbers cannot be used to send SMS.', { from: ctx.sender.phoneNumber })
    : null;
exports.localPresenceNumber = localPresenceNumber;
const invalidPhone = (ctx) => ctx.toRaw !== null && ctx.toVerdict?.kind === 'invalid'
    ? refuse('INVALID_PHONE', `"${ctx.toRaw}" is not a valid phone number.`, { to: ctx.toRaw })
    : null;
exports.invalidPhone = invalidPhone;
/** Sender or recipient outside the US and Canada (the other +1 countries included). */
const unsupportedCountry = (ctx) => {
    const checks = [
        ['from', ctx.sender?.phoneNumber ?? null],
        ['to', (0, send_context_1.recipientNumber)(ctx)],
    ];
    for (const [side, e164] of checks) {
        if (!e164)
            continue;
        const verdict = (0, phone_policy_1.classifyPhone)(e164);
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
exports.unsupportedCountry = unsupportedCountry;
const recordNotFound = (ctx) => ctx.record ? null : refuse('RECORD_NOT_FOUND', `No Contact, Lead, Account or Task with id ${ctx.recordIdRaw}.`, { recordId: ctx.recordIdRaw });
exports.recordNotFound = recordNotFound;
const NO_RECIPIENT_MESSAGES = {
    no_phone: 'The record has nobody with a phone number to text.',
    not_on_record: 'The to number is not a phone of this record.',
    ambiguous: 'The record has more than one phone number; say which one in to.',
    invalid_to: 'The to number is not a phone of this record.',
};
const noRecipient = (ctx) => ctx.choice.kind === 'none'
    ? refuse('NO_RECIPIENT', NO_RECIPIENT_MESSAGES[ctx.choice.reason] ?? 'No recipient.', { reason: ctx.choice.reason, candidates: ctx.choice.candidates })
    : null;
exports.noRecipient = noRecipient;
const notEnrolled = (ctx) => ctx.choice.kind === 'chosen' && !ctx.choice.recipient.enrolled
    ? refuse('NOT_ENROLLED', `${ctx.choice.recipient.name} is not enrolled for SMS.`, { prospectId: ctx.choice.recipient.prospectId })
    : null;
exports.notEnrolled = notEnrolled;
const optedOut = (ctx) => ctx.optedOut ? refuse('OPTED_OUT', 'This number has opted out of SMS; nobody in the organisation can text it.', { to: (0, send_context_1.recipientNumber)(ctx) }) : null;
exports.optedOut = optedOut;
const doNotCall = (ctx) => {
    const flagged = ctx.holders.filter((h) => h.doNotCall).map((h) => h.prospectId);
    return flagged.length ? refuse('DO_NOT_CALL', 'This person is marked Do Not Call in the CRM.', { to: (0, send_context_1.recipientNumber)(ctx), prospectIds: flagged }) : null;
};
exports.doNotCall = doNotCall;
const doNotSms = (ctx) => {
    const flagged = ctx.holders.filter((h) => h.doNotSms).map((h) => h.prospectId);
    return flagged.length ? refuse('DO_NOT_SMS', 'This person is marked Do Not SMS in the CRM.', { to: (0, send_context_1.recipientNumber)(ctx), prospectIds: flagged }) : null;
};
exports.doNotSms = doNotSms;
const emptyBody = (ctx) => (ctx.body.trim() === '' ? refuse('EMPTY_BODY', 'The message is empty.') : null);
exports.emptyBody = emptyBody;
const tooLong = (ctx) => {
    const count = (0, segments_1.countSegments)(ctx.body, ctx.maxSegments);
    if (count.fits)
        return null;
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
exports.tooLong = tooLong;
const quietHours = (ctx) => {
    const to = (0, send_context_1.recipientNumber)(ctx);
    if (!ctx.quietHours || !to)
        return null;
    const check = (0, quiet_hours_1.checkQuietHours)(ctx.now, (0, quiet_hours_1.zonesForNumber)(to), ctx.quietHours);
    return check.allowed
        ? null
        : refuse('QUIET_HOURS', `It is outside the sending window (${ctx.quietHours.label}) where the recipient is.`, {
            recipientLocalTime: check.localTimes.map((l) => l.time).join(' / ') || null,
            recipientLocalTimes: check.localTimes,
            window: ctx.quietHours.label,
        });
};
exports.quietHours = quietHours;
/** The contract's order; the first rule that refuses is the answer. */
exports.SEND_RULES = [
    { code: 'NO_SMS_NUMBER', rule: exports.noSmsNumber },
    { code: 'SENDER_NOT_OWNED', rule: exports.senderNotOwned },
    { code: 'SENDER_NOT_SMS_ENABLED', rule: exports.senderNotSmsEnabled },
    { code: 'LOCAL_PRESENCE_NUMBER', rule: exports.localPresenceNumber },
    { code: 'INVALID_PHONE', rule: exports.invalidPhone },
    { code: 'UNSUPPORTED_COUNTRY', rule: exports.unsupportedCountry },
    { code: 'RECORD_NOT_FOUND', rule: exports.recordNotFound },
    { code: 'NO_RECIPIENT', rule: exports.noRecipient },
    { code: 'NOT_ENROLLED', rule: exports.notEnrolled },
    { code: 'OPTED_OUT', rule: exports.optedOut },
    { code: 'DO_NOT_CALL', rule: exports.doNotCall },
    { code: 'DO_NOT_SMS', rule: exports.doNotSms },
    { code: 'EMPTY_BODY', rule: exports.emptyBody },
    { code: 'TOO_LONG', rule: exports.tooLong },
    { code: 'QUIET_HOURS', rule: exports.quietHours },
];
/** Rules that depend on the message text; the record screen skips them to tell whether sending is possible at all. */
exports.BODY_RULES = new Set(['EMPTY_BODY', 'TOO_LONG']);
function firstRefusal(ctx, skip = new Set()) {
    for (const { code, rule } of exports.SEND_RULES) {
        if (skip.has(code))
            continue;
        const refusal = rule(ctx);
        if (refusal)
            return refusal;
    }
    return null;
}
//# sourceMappingURL=send-rules.js.map