"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.chooseRecipient = chooseRecipient;
exports.recipientNumber = recipientNumber;
/**
 * Picks the recipient: `to` must be one of the record's phones; without `to`, the record must have
 * exactly one distinct phone. For an Account the enrolled Contacts are preferred (they are the
 * screen's recipients); when none is enrolled every Contact counts, so the answer is NOT_ENROLLED
 * rather than a vague NO_RECIPIENT. Among people sharing a number, an enrolled one is preferred.
 */
function chooseRecipient(record, toE164, toGiven) {
    if (!record)
        return { kind: 'none', reason: 'record_not_found', candidates: [] };
    const enrolledFirst = (list) => [...list.filter((c) => c.enrolled), ...list.filter((c) => !c.enrolled)];
    const all = record.candidates;
    const phones = (list) => [...new Set(list.map((c) => c.phoneNumber))];
    if (toGiven) {
        if (!toE164)
            return { kind: 'none', reason: 'invalid_to', candidates: phones(all) };
        const match = enrolledFirst(all.filter((c) => c.phoneNumber === toE164))[0];
        return match ? { kind: 'chosen', recipient: match } : { kind: 'none', reason: all.length ? 'not_on_record' : 'no_phone', candidates: phones(all) };
    }
    if (all.length === 0)
        return { kind: 'none', reason: 'no_phone', candidates: [] };
    const enrolled = all.filter((c) => c.enrolled);
    const pool = record.type === 'Account' && enrolled.length > 0 ? enrolled : all;
    const distinct = phones(pool);
    if (distinct.length > 1)
        return { kind: 'none', reason: 'ambiguous', candidates: distinct };
    return { kind: 'chosen', recipient: enrolledFirst(pool)[0] };
}
/** The recipient's number: the chosen one, or `to` as parsed when no recipient could be chosen. */
function recipientNumber(ctx) {
    if (ctx.choice.kind === 'chosen')
        return ctx.choice.recipient.phoneNumber;
    return ctx.toVerdict && ctx.toVerdict.kind !== 'invalid' ? ctx.toVerdict.e164 : null;
}
//# sourceMappingURL=send-context.js.map