"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SUPPORTED_REGIONS = void 0;
exports.normalizePhone = normalizePhone;
exports.isUsOrCanada = isUsOrCanada;
/**
 * Phone numbers: parse what people type into E.164, and tell US/Canada apart from the other
 * countries that share calling code +1.
 *
 * - Parsing and validation use libphonenumber-js with its full ("max") metadata, so a number
 *   must match a real numbering plan pattern, not only have a plausible length:
 *   `231-4729` parses to `+12314729` but is not valid, and is refused here.
 * - An extension (`x12`, `ext. 12`) is dropped: SMS goes to the line, not the extension.
 * - Only the United States (`US`) and Canada (`CA`) are supported. libphonenumber gives each
 *   of the other NANP members its own region code — Jamaica `JM` (876, 658), Bahamas `BS` (242),
 *   Dominican Republic `DO` (809, 829, 849), Bermuda, the Eastern Caribbean… — and so also the
 *   US territories: Puerto Rico `PR` (787, 939), US Virgin Islands `VI` (340), Guam `GU` (671),
 *   American Samoa `AS` (684) and the Northern Mariana Islands `MP` (670).
 *   DECISION: the territories are refused as "outside the US and Canada" too. Carriers price and
 *   route them apart from the 50 states, their time zones sit outside the quiet-hours fallback,
 *   and a compliance product should widen its scope deliberately (a setting and a review of
 *   local law), not because a carrier happens to treat them as domestic.
 */
const max_1 = require("libphonenumber-js/max");
exports.SUPPORTED_REGIONS = new Set(['US', 'CA']);
/** Parse a number as typed (national or international form) into E.164, or null if it is not a valid number. */
function normalizePhone(raw, defaultRegion = 'US') {
    if (typeof raw !== 'string' || raw.trim() === '')
        return null;
    let parsed;
    try {
        parsed = (0, max_1.parsePhoneNumberFromString)(raw.trim(), defaultRegion);
    }
    catch {
        return null;
    }
    if (!parsed || !parsed.isValid() || !parsed.country)
        return null;
    return { e164: parsed.number, region: parsed.country };
}
/** True only for a valid number of the United States or Canada (not the other +1 countries or the US territories). */
function isUsOrCanada(e164) {
    if (!/^\+1\d{10}$/.test(e164))
        return false;
    const normalized = normalizePhone(e164);
    return normalized !== null && exports.SUPPORTED_REGIONS.has(normalized.region);
}
//# sourceMappingURL=phone-number.js.map