"use strict";
/**
 * Pure checks on a JSON request body before the parser sees it: the media type, the bytes being
 * UTF-8, and how deep the text nests (counted in one pass over the raw text, so no parser or
 * validator recursion ever meets a body nested thousands of levels deep).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.JSON_MAX_DEPTH = void 0;
exports.nestsDeeperThan = nestsDeeperThan;
exports.decodeUtf8 = decodeUtf8;
exports.isAcceptedJsonType = isAcceptedJsonType;
/** Objects and arrays nested deeper than this are refused (400 JSON_TOO_DEEP). */
exports.JSON_MAX_DEPTH = 64;
const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
/** True when `text` opens more than `limit` objects/arrays inside each other (brackets in strings do not count). */
function nestsDeeperThan(text, limit) {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === BACKSLASH)
                i++;
            else if (c === QUOTE)
                inString = false;
        }
        else if (c === QUOTE) {
            inString = true;
        }
        else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
            if (++depth > limit)
                return true;
        }
        else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
            depth--;
        }
    }
    return false;
}
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** The body as text, or null when its bytes are not valid UTF-8 (a leading BOM is dropped). */
function decodeUtf8(bytes) {
    try {
        return strictUtf8.decode(bytes);
    }
    catch {
        return null;
    }
}
/**
 * Whether a Content-Type header names JSON the API accepts: `application/json`, with no charset or
 * `charset=utf-8` (RFC 8259: JSON exchanged between systems is UTF-8). Other parameters are ignored.
 */
function isAcceptedJsonType(header) {
    if (!header)
        return false;
    const [type, ...params] = header.split(';');
    if (type.trim().toLowerCase() !== 'application/json')
        return false;
    for (const param of params) {
        const eq = param.indexOf('=');
        if (eq < 0)
            continue;
        if (param.slice(0, eq).trim().toLowerCase() !== 'charset')
            continue;
        const charset = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
        if (charset !== 'utf-8' && charset !== 'utf8')
            return false;
    }
    return true;
}
//# sourceMappingURL=json-body.js.map