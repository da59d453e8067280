"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MirrorPhoneNormalizer = void 0;
const phone_number_1 = require("../../common/phone-number");
/**
 * The mirror's phone normaliser: the same answers as `normalizePhone(raw, 'US')`, about ten times
 * faster on the common case, which matters when a million records are mirrored.
 *
 * Full validation (libphonenumber-js, max metadata) costs ~14 µs a number. For a plainly written
 * North American number (optional +1 / 1, then 3-3-4 digits with the usual separators) whether
 * it is valid depends only on its first seven national digits: NANP allocates numbers in
 * thousands-blocks (NPA-NXX-X), and the metadata patterns go no deeper. So the verdict is memoised
 * per NPA-NXX-X and the E.164 form is built directly. Anything else takes the full path.
 */
const PLAIN_NANP = /^\s*(?:\+\s*1|1)?[\s.-]*\(?([2-9]\d{2})\)?[\s.-]*([2-9]\d{2})[\s.-]*(\d{4})\s*$/;
const MEMO_LIMIT = 200_000;
class MirrorPhoneNormalizer {
    validByBlock = new Map();
    /** E.164, or null when the value is not a valid number. */
    normalize(raw) {
        const match = PLAIN_NANP.exec(raw);
        if (!match)
            return (0, phone_number_1.normalizePhone)(raw, 'US')?.e164 ?? null;
        const national = match[1] + match[2] + match[3];
        const block = national.slice(0, 7);
        let valid = this.validByBlock.get(block);
        if (valid === undefined) {
            valid = (0, phone_number_1.normalizePhone)(national, 'US') !== null;
            if (this.validByBlock.size >= MEMO_LIMIT)
                this.validByBlock.clear();
            this.validByBlock.set(block, valid);
        }
        return valid ? `+1${national}` : null;
    }
}
exports.MirrorPhoneNormalizer = MirrorPhoneNormalizer;
//# sourceMappingURL=mirror-phone-normalizer.js.map