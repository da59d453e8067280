"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PROSPECT_MADE_SOURCES = void 0;
exports.isProspectMade = isProspectMade;
exports.optOutEffect = optOutEffect;
exports.optInEffect = optInEffect;
exports.sourceAfterBlock = sourceAfterBlock;
/**
 * Who may undo a block. A block the prospect made (an opt-out keyword, a plain-language request,
 * or Twilio refusing a send with 21610 because they opted out there) is theirs to lift with
 * START/YES/UNSTOP. A block people made (a CRM flag, an admin) is not: a prospect's START must
 * never override a decision taken on the company's side.
 */
exports.PROSPECT_MADE_SOURCES = new Set(['keyword', 'reasonable_means', 'provider_21610']);
function isProspectMade(source) {
    return exports.PROSPECT_MADE_SOURCES.has(source);
}
function optOutEffect(current) {
    if (!current?.blocked)
        return 'new';
    return isProspectMade(current.source) ? 'repeat' : 'over_people_block';
}
function optInEffect(current) {
    if (!current?.blocked)
        return 'not_blocked';
    return isProspectMade(current.source) ? 'lift' : 'kept';
}
/** The source a block carries after a new block: a block people made keeps its source. */
function sourceAfterBlock(current, incoming) {
    if (current?.blocked && !isProspectMade(current.source))
        return current.source;
    return incoming;
}
//# sourceMappingURL=consent-policy.js.map