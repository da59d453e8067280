"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.E164 = exports.DELIVERY_ERRORS = exports.TWILIO_ERRORS = exports.sid = exports.API_VERSION = void 0;
exports.rfc2822 = rfc2822;
exports.errorBody = errorBody;
exports.segmentCount = segmentCount;
const node_crypto_1 = require("node:crypto");
/**
 * Twilio's wire formats, as the stand-in speaks them. Sources:
 * - Message resource JSON: https://www.twilio.com/docs/messaging/api/message-resource (fields,
 *   `date_*` as RFC 2822 in GMT, `num_segments`/`num_media` as strings, `uri` ending in `.json`);
 *   the twilio-node 6.3 MessageInstance constructor reads exactly these keys.
 * - Error JSON `{code, message, more_info, status}`: https://www.twilio.com/docs/usage/troubleshooting/debugging-your-application
 *   and the SDK's RestException (reads `code`, `message`, `more_info`, `details`).
 * - Error codes and messages: https://www.twilio.com/docs/api/errors/{code}.
 */
exports.API_VERSION = '2010-04-01';
const sid = (prefix) => prefix + (0, node_crypto_1.randomBytes)(16).toString('hex');
exports.sid = sid;
/** RFC 2822 in GMT as Twilio writes it: `Thu, 24 Aug 2023 05:01:45 +0000`. */
function rfc2822(date) {
    return date.toUTCString().replace('GMT', '+0000');
}
exports.TWILIO_ERRORS = {
    authenticate: { code: 20003, status: 401, message: 'Authenticate' },
    notFound: { code: 20404, status: 404, message: 'The requested resource was not found' },
    serverError: { code: 20500, status: 500, message: 'An internal server error has occurred' },
    unavailable: { code: 20503, status: 503, message: 'Service is unavailable. Please try again' },
    tooManyRequests: { code: 20429, status: 429, message: 'Too Many Requests' },
    invalidTo: { code: 21211, status: 400, message: "Invalid 'To' Phone Number" },
    toRequired: { code: 21604, status: 400, message: "A 'To' phone number is required." },
    fromRequired: { code: 21603, status: 400, message: "A 'From' phone number is required." },
    bodyRequired: { code: 21602, status: 400, message: 'Message body is required.' },
    invalidFrom: { code: 21212, status: 400, message: "Invalid 'From' Phone Number" },
    fromNotOwned: {
        code: 21606,
        status: 400,
        message: "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination/account",
    },
    unsubscribed: { code: 21610, status: 400, message: 'Attempt to send to unsubscribed recipient' },
    notMobile: { code: 21614, status: 400, message: "'To' number is not a valid mobile number" },
    bodyTooLong: { code: 21617, status: 400, message: 'The concatenated message body exceeds the 1600 character limit' },
    invalidMessagingService: { code: 21701, status: 400, message: 'The Messaging Service Sid is invalid' },
};
function errorBody(name, detail) {
    const { code, status, message } = exports.TWILIO_ERRORS[name];
    return { code, message: detail ? `${message}: ${detail}` : message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}
/** Carrier error codes for a failed or undelivered message (https://www.twilio.com/docs/api/errors/30003 …). */
exports.DELIVERY_ERRORS = {
    30003: 'Unreachable destination handset',
    30004: 'Message blocked',
    30005: 'Unknown destination handset',
    30006: 'Landline or unreachable carrier',
    30007: 'Message filtered',
    30008: 'Unknown error',
};
exports.E164 = /^\+[1-9]\d{7,14}$/;
/** A GSM 03.38 / UCS-2 segment count, close enough for `num_segments` (the service has the exact counter). */
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
function segmentCount(body) {
    const chars = [...body];
    const gsm = chars.every((c) => GSM_BASIC.includes(c) || GSM_EXTENDED.includes(c));
    if (gsm) {
        const septets = chars.reduce((n, c) => n + (GSM_EXTENDED.includes(c) ? 2 : 1), 0);
        return septets <= 160 ? 1 : Math.ceil(septets / 153);
    }
    const units = body.length; // UTF-16 code units
    return units <= 70 ? 1 : Math.ceil(units / 67);
}
//# sourceMappingURL=twilio-wire.js.map