"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.classifyPhone = classifyPhone;
/**
 * The product's phone policy on top of the pure parsing rules of phone-number.ts: a typed number is
 * either a valid US/Canadian number (usable), a number of another country (UNSUPPORTED_COUNTRY), or
 * not a phone number at all (INVALID_PHONE).
 *
 * A number whose country is recognisable from its prefix is reported as foreign even when it fails
 * full validation (e.g. a Bahamas `+1 242 555 …` number), so the answer names the real problem:
 * the product does not text that country, whatever the exchange.
 */
const max_1 = require("libphonenumber-js/max");
const phone_number_1 = require("./phone-number");
/** Verdicts of recent inputs: a send classifies the same few rep and prospect numbers over and over. */
const verdicts = new Map();
const VERDICT_CACHE_MAX = 10_000;
/** The verdict on a typed number; answers for a string seen recently come from a bounded memo. */
function classifyPhone(raw) {
    if (typeof raw !== 'string')
        return classify(raw);
    let verdict = verdicts.get(raw);
    if (!verdict) {
        verdict = Object.freeze(classify(raw));
        if (verdicts.size >= VERDICT_CACHE_MAX)
            verdicts.clear();
        verdicts.set(raw, verdict);
    }
    return verdict;
}
function classify(raw) {
    const normalized = (0, phone_number_1.normalizePhone)(raw);
    if (normalized) {
        return phone_number_1.SUPPORTED_REGIONS.has(normalized.region)
            ? { kind: 'supported', ...normalized }
            : { kind: 'unsupported_country', ...normalized };
    }
    try {
        const parsed = typeof raw === 'string' ? (0, max_1.parsePhoneNumberFromString)(raw.trim(), 'US') : undefined;
        if (parsed?.country && !phone_number_1.SUPPORTED_REGIONS.has(parsed.country) && parsed.isPossible()) {
            return { kind: 'unsupported_country', e164: parsed.number, region: parsed.country };
        }
    }
    catch {
        // not a phone number
    }
    return { kind: 'invalid' };
}
//# sourceMappingURL=phone-policy.js.map