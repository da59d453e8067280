"use strict";
/**
 * What the API stores must be valid text on both engines: PostgreSQL refuses U+0000 in `text`, and
 * a lone UTF-16 surrogate cannot be encoded as UTF-8 at all (the drivers, and Twilio, silently turn
 * it into U+FFFD, so what is stored or sent is not what the caller asked for). The API refuses
 * both, naming the field; a provider's webhook, which must never be lost, has them replaced.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.REPLACEMENT_CHARACTER = void 0;
exports.findInvalidText = findInvalidText;
exports.replaceInvalidText = replaceInvalidText;
/** A NUL, or a surrogate half without its partner (the regex works on UTF-16 code units). */
const INVALID = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INVALID_ALL = new RegExp(INVALID.source, 'g');
exports.REPLACEMENT_CHARACTER = '\uFFFD';
/** The first string (value or property name) in `value` holding a NUL or a lone surrogate. */
function findInvalidText(value, path = '') {
    if (typeof value === 'string')
        return describe(value, path);
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const found = findInvalidText(value[i], `${path}[${i}]`);
            if (found)
                return found;
        }
        return null;
    }
    if (typeof value === 'object' && value !== null) {
        for (const [key, inner] of Object.entries(value)) {
            const keyProblem = describe(key, path);
            if (keyProblem)
                return { field: keyProblem.field || '(root)', problem: `a property name ${keyProblem.problem}` };
            const found = findInvalidText(inner, path ? `${path}.${key}` : key);
            if (found)
                return found;
        }
    }
    return null;
}
/** The same value with every NUL and lone surrogate (in values and property names) replaced by U+FFFD. */
function replaceInvalidText(value) {
    if (typeof value === 'string')
        return value.replace(INVALID_ALL, exports.REPLACEMENT_CHARACTER);
    if (Array.isArray(value))
        return value.map((v) => replaceInvalidText(v));
    if (typeof value === 'object' && value !== null) {
        const copy = Object.create(Object.getPrototypeOf(value));
        for (const [key, inner] of Object.entries(value))
            copy[replaceInvalidText(key)] = replaceInvalidText(inner);
        return copy;
    }
    return value;
}
function describe(text, field) {
    const match = INVALID.exec(text);
    if (!match)
        return null;
    if (match[0] === '\u0000')
        return { field, problem: 'must not contain the NUL character (U+0000)' };
    const unit = match[0].charCodeAt(0).toString(16).toUpperCase();
    return { field, problem: `holds a lone UTF-16 surrogate (U+${unit}), which is not a character` };
}
//# sourceMappingURL=text-input.js.map