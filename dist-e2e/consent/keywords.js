"use strict";
/**
 * Inbound keyword classification: what an inbound SMS asks of us.
 *
 * EXACT KEYWORDS (CONTRACT §2, Webhooks) — `match: 'keyword'`, no review needed.
 *   The whole message, NFKC-normalised, trimmed, case-insensitive, trailing punctuation ignored:
 *     opt_out: STOP STOPALL UNSUBSCRIBE CANCEL END QUIT REVOKE OPTOUT
 *     opt_in:  START YES UNSTOP
 *     help:    HELP INFO
 *   Opt-out is read more liberally than the others, because missing one is the costly mistake:
 *   emoji, symbols and quotes around the word are ignored too ("🛑 STOP", "\"stop\"", "STOP 🙏").
 *   Opt-in and help ignore only trailing punctuation ("YES!", "help?"): "YES 👍" answering a
 *   rep's question must not lift a block.
 *
 * REASONABLE MEANS — `kind: 'opt_out', match: 'reasonable_means', needsReview: true`.
 *   A consumer may revoke consent "by any reasonable means" (47 CFR 64.1200(a)(10)), so
 *   plain-language requests opt the number out too, and a person reviews the event. The detector
 *   is deliberately narrow: each rule needs either the opt-out word standing on its own or an
 *   explicit object that is about texting/contacting/lists, so ordinary sales replies pass.
 *     1. standalone:  an opt-out word (stop, unsubscribe, opt out, optout, stopall, revoke) with
 *                     only filler around it — "STOP ALL", "please stop", "stop it now", "opt out".
 *     2. lead word:   the message opens with stop/unsubscribe/opt out as its own sentence —
 *                     "Stop. Who is this?", "STOP!! wrong person".
 *     3. stop + act:  stop/quit/cease + texting/messaging/contacting/sending/calling —
 *                     "please stop texting me", "quit messaging me"; not after can't/won't/didn't.
 *     4. stop + texts: stop … texts/messages/sms (plural or gerund) within three words —
 *                     "stop with the texts", "stop all these messages".
 *     5. don't:       don't/do not/never + text/message/contact + me/this number — "don't text me again".
 *     6. no more:     no more (text) texts/messages/texting — "no more texts".
 *     7. opt-out word: unsubscribe, opt out/opt-out/optout, stopall or revoke anywhere —
 *                     "how do I opt out of these?", "I revoke my consent". These words are rare in
 *                     replies to a rep and the cost of missing them is high.
 *     8. me out:      unsubscribe me, opt me out, sign me out of, count me out of texts.
 *     9. lists:       remove/take me off/from (your/the/this) (text/mailing/contact) list;
 *                     remove/delete my number.
 *    10. alone:       "leave me alone".
 *   Not revocation on their own (left for a person to read in the thread): "not interested",
 *   "wrong number", "who is this", profanity. The exact opt-in/help words are never inferred from
 *   longer messages: "yes I'll call" and "help me understand pricing" are ordinary replies.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.HELP_KEYWORDS = exports.OPT_IN_KEYWORDS = exports.OPT_OUT_KEYWORDS = void 0;
exports.classifyInbound = classifyInbound;
exports.OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'];
exports.OPT_IN_KEYWORDS = ['START', 'YES', 'UNSTOP'];
exports.HELP_KEYWORDS = ['HELP', 'INFO'];
const OPT_OUT = new Set(exports.OPT_OUT_KEYWORDS);
const OPT_IN = new Set(exports.OPT_IN_KEYWORDS);
const HELP = new Set(exports.HELP_KEYWORDS);
const NONE = { kind: 'none', match: null, keyword: null, needsReview: false, rule: null };
/** Trailing punctuation: Unicode punctuation, plus whitespace between marks ("stop . !"). */
const TRAILING_PUNCTUATION = /[\s\p{P}]+$/u;
/** Anything that is not a letter or digit: punctuation, symbols, emoji and their joiners/modifiers. */
const NON_WORD_EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const STOP_WORD = String.raw `(?:stop|stopall|unsubscribe|opt[\s-]?out|revoke)`;
const FILLER = String.raw `(?:all|now|please|pls|plz|thanks|thank\s+you|thx|it|this|that|them|these|me|stop|immediately|asap|already)`;
/** Plural nouns and gerunds only: "text" and "message" are also verbs ("stop by and text me"). */
const MEDIUM = String.raw `(?:texts|texting|txts|msgs|messages|messaging|sms|marketing)`;
const REASONABLE_MEANS = [
    { rule: 'standalone', pattern: new RegExp(String.raw `^(?:${FILLER}\s+)*${STOP_WORD}(?:\s+${FILLER})*$`) },
    { rule: 'lead word', pattern: new RegExp(String.raw `^${STOP_WORD}\s*[.!;,:]+(?:\s|$)`) },
    {
        rule: 'stop + act',
        pattern: /(?<!\b(?:can'?t|cannot|won'?t|didn'?t|couldn'?t|not)\s+)\b(?:stop|quit|cease)\s+(?:texting|txting|messaging|msging|contacting|sending|calling|spamming|bothering)\b/,
    },
    {
        rule: 'stop + texts',
        pattern: new RegExp(String.raw `(?<!\b(?:can'?t|cannot|won'?t|didn'?t|couldn'?t|not)\s+)\bstop\b(?:\s+\S+){0,3}?\s+(?:the\s+|these\s+|your\s+|all\s+)?${MEDIUM}\b`),
    },
    {
        rule: "don't",
        pattern: /\b(?:don'?t|do\s+not|dont|never)\s+(?:ever\s+)?(?:text|txt|message|msg|contact|sms)\s+(?:me|this\s+number|us)\b/,
    },
    { rule: 'no more', pattern: new RegExp(String.raw `\bno\s+more\s+(?:text\s+|sms\s+)?${MEDIUM}\b`) },
    { rule: 'opt-out word', pattern: /\b(?:unsubscribe|opt[\s-]?out|stopall|revoke)\b/ },
    {
        rule: 'me out',
        pattern: /\b(?:unsubscribe\s+me|opt\s+me\s+out|sign\s+me\s+out|count\s+me\s+out\s+of\s+(?:these|your|the)?\s*(?:texts|messages))\b/,
    },
    {
        rule: 'lists',
        pattern: /\b(?:(?:remove|take)\s+me\s+(?:off|from)\s+(?:of\s+)?(?:your|the|this|ur|all)?\s*(?:texting\s+|text\s+|sms\s+|mailing\s+|contact\s+|call\s+|marketing\s+)?list|(?:remove|delete|lose)\s+my\s+(?:phone\s+)?(?:number|info))\b/,
    },
    { rule: 'alone', pattern: /^(?:please\s+|pls\s+|just\s+)?leave\s+me\s+alone\b/ },
];
function classifyInbound(body) {
    const text = (body ?? '').normalize('NFKC').trim();
    if (!text)
        return NONE;
    const bare = text.replace(TRAILING_PUNCTUATION, '').toUpperCase();
    const word = text.replace(NON_WORD_EDGES, '').toUpperCase();
    if (OPT_OUT.has(word))
        return { kind: 'opt_out', match: 'keyword', keyword: word, needsReview: false, rule: null };
    if (OPT_IN.has(bare))
        return { kind: 'opt_in', match: 'keyword', keyword: bare, needsReview: false, rule: null };
    if (HELP.has(bare))
        return { kind: 'help', match: 'keyword', keyword: bare, needsReview: false, rule: null };
    const plain = text
        .toLowerCase()
        .replace(/[\u2018\u2019\u02bc`´]/g, "'")
        .replace(/[^\p{L}\p{N}'\s.!?;,:-]+/gu, ' ') // emoji and symbols become spaces
        .replace(/\s+/g, ' ')
        .trim();
    const words = plain.replace(/[.!?;,:]+/g, ' ').replace(/\s+/g, ' ').trim();
    for (const { rule, pattern } of REASONABLE_MEANS) {
        // "lead word" looks at the sentence punctuation; the others at the words alone.
        if (pattern.test(rule === 'lead word' ? plain : words)) {
            return { kind: 'opt_out', match: 'reasonable_means', keyword: null, needsReview: true, rule };
        }
    }
    return NONE;
}
//# sourceMappingURL=keywords.js.map