"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.keywordReplies = keywordReplies;
exports.replyFor = replyFor;
function keywordReplies(config) {
    const name = config.programName;
    return {
        optOut: `${name}: You are unsubscribed and will receive no more texts from us. Reply START to resubscribe.`,
        optIn: `${name}: You are resubscribed and may receive texts from us again. Reply STOP to opt out.`,
        help: config.helpText ?? `${name}: texts from your sales contact. Reply STOP to opt out, START to resubscribe. Msg & data rates may apply.`,
    };
}
/**
 * Which reply, if any, a keyword gets (CONTRACT §1 OPT_OUT_CONFIRMATION, §2 Webhooks):
 * - opt-out: one confirmation when the service confirms (`service`), and only for the first
 *   opt-out: a second STOP from a number already opted out gets nothing more.
 * - opt-in: a confirmation only when a block was actually lifted. "YES" answering a rep's
 *   question from a number that was never blocked is a conversation, not a resubscription; and a
 *   block people made stays, so "you are resubscribed" would be untrue. With `provider`, Twilio
 *   Advanced Opt-Out answers opt-in keywords as it answers opt-out ones, so the service does not.
 * - help: always answered (the contract's HELP/INFO rule has no exception).
 */
function replyFor(outcome, confirmation, replies) {
    switch (outcome.kind) {
        case 'opt_out':
            return confirmation === 'service' && outcome.effect !== 'repeat' ? replies.optOut : null;
        case 'opt_in':
            return confirmation === 'service' && outcome.effect === 'lift' ? replies.optIn : null;
        case 'help':
            return replies.help;
        case 'none':
            return null;
    }
}
//# sourceMappingURL=keyword-replies.js.map