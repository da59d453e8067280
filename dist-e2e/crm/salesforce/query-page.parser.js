"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseQueryPage = parseQueryPage;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
function parseQueryPage(body) {
    const span = recordsArraySpan(body);
    const records = [];
    const close = span ? readRecords(body, span.open, records) : -1;
    const rest = span ? body.slice(0, span.open) + '[]' + body.slice(close + 1) : body;
    const head = JSON.parse(rest);
    if (typeof head !== 'object' || head === null)
        throw new SyntaxError('a query answer must be a JSON object');
    return {
        totalSize: typeof head.totalSize === 'number' ? head.totalSize : records.length,
        done: head.done !== false,
        nextRecordsUrl: typeof head.nextRecordsUrl === 'string' ? head.nextRecordsUrl : null,
        records,
    };
}
/** Where the top-level `"records": [ … ]` array opens (the index of its `[`), if present. */
function recordsArraySpan(text) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
            const end = stringEnd(text, i);
            if (depth === 1 && end - i === 8 && text.startsWith('records', i + 1)) {
                let j = skipSpace(text, end + 1);
                if (text.charCodeAt(j) === COLON) {
                    j = skipSpace(text, j + 1);
                    if (text.charCodeAt(j) === OPEN_BRACKET)
                        return { open: j };
                }
            }
            i = end;
        }
        else if (c === OPEN_BRACE || c === OPEN_BRACKET)
            depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET)
            depth--;
    }
    return null;
}
/**
 * Parses the elements of the array opened at `open` one by one into `records`; returns the index
 * of the array's closing `]`. An `"attributes": {…}` pair (the record's, or a parent record's) is
 * cut out of the text before parsing, so records come out as plain objects without a second copy.
 */
function readRecords(text, open, records) {
    let depth = 0;
    let start = -1;
    let cuts = [];
    for (let i = open + 1; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
            const end = stringEnd(text, i);
            if (depth >= 1 && end - i === 11 && text.startsWith('attributes', i + 1)) {
                const cut = attributesPair(text, i, end);
                if (cut) {
                    cuts.push(cut[0], cut[1]);
                    i = cut[1] - 1;
                    continue;
                }
            }
            i = end;
        }
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
            if (depth++ === 0)
                start = i;
        }
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
            if (depth === 0)
                return i; // the records array itself closes
            if (--depth === 0) {
                records.push(JSON.parse(withoutCuts(text, start, i + 1, cuts)));
                cuts = [];
            }
        }
        else if (depth === 0 && c !== 0x2c && !isSpace(c)) {
            // a scalar element: not a record, but kept as the array holds it
            const end = scalarEnd(text, i);
            records.push(JSON.parse(text.slice(i, end)));
            i = end - 1;
        }
    }
    throw new SyntaxError('unterminated records array in a query answer');
}
/**
 * The [from, to) span to cut for the key `"attributes"` (quotes at `keyStart`/`keyEnd`) with its
 * object value and one neighbouring comma; null when its value is not an object (then it stays).
 */
function attributesPair(text, keyStart, keyEnd) {
    let j = skipSpace(text, keyEnd + 1);
    if (text.charCodeAt(j) !== COLON)
        return null;
    j = skipSpace(text, j + 1);
    if (text.charCodeAt(j) !== OPEN_BRACE)
        return null;
    const after = skipSpace(text, matchingClose(text, j) + 1);
    if (text.charCodeAt(after) === 0x2c)
        return [keyStart, after + 1];
    // the last pair of its object: take the comma before it instead
    let before = keyStart - 1;
    while (before > 0 && isSpace(text.charCodeAt(before)))
        before--;
    return text.charCodeAt(before) === 0x2c ? [before, after] : [keyStart, after];
}
function withoutCuts(text, from, to, cuts) {
    if (cuts.length === 0)
        return text.slice(from, to);
    let out = '';
    let at = from;
    for (let k = 0; k < cuts.length; k += 2) {
        out += text.slice(at, cuts[k]);
        at = cuts[k + 1];
    }
    return out + text.slice(at, to);
}
/** The index of the `}` or `]` closing the object or array opened at `open`. */
function matchingClose(text, open) {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === QUOTE)
            i = stringEnd(text, i);
        else if (c === OPEN_BRACE || c === OPEN_BRACKET)
            depth++;
        else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0)
            return i;
    }
    throw new SyntaxError('unterminated array or object in a query answer');
}
/** The index of the quote closing the string opened at `open` (found with indexOf: strings are most of the text). */
function stringEnd(text, open) {
    let i = open;
    for (;;) {
        i = text.indexOf('"', i + 1);
        if (i < 0)
            throw new SyntaxError('unterminated string in a query answer');
        let slashes = 0;
        while (text.charCodeAt(i - 1 - slashes) === BACKSLASH)
            slashes++;
        if (slashes % 2 === 0)
            return i;
    }
}
function scalarEnd(text, i) {
    let j = i;
    while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === 0x2c || c === CLOSE_BRACKET || c === CLOSE_BRACE || isSpace(c))
            break;
        j++;
    }
    return j;
}
function isSpace(c) {
    return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
function skipSpace(text, i) {
    while (i < text.length && isSpace(text.charCodeAt(i)))
        i++;
    return i;
}
//# sourceMappingURL=query-page.parser.js.map