"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.statusCallbackParams = statusCallbackParams;
exports.inboundParams = inboundParams;
const twilio_wire_1 = require("./twilio-wire");
/**
 * The form parameters of Twilio's two messaging webhooks.
 *
 * Status callback (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status and
 * .../outbound-message-status-in-status-callbacks): ApiVersion, AccountSid, From, To, MessageSid,
 * MessageStatus, SmsSid and SmsStatus (deprecated twins), MessagingServiceSid when one was used,
 * ErrorCode on failed/undelivered, RawDlrDoneDate (YYMMDDhhmm) with a carrier receipt.
 *
 * Inbound message (https://www.twilio.com/docs/messaging/guides/webhook-request): MessageSid,
 * SmsSid, SmsMessageSid, AccountSid, MessagingServiceSid, From, To, Body, NumMedia, NumSegments,
 * SmsStatus=received, ApiVersion and the geographic fields From/To City, State, Zip, Country
 * ("if available": empty when unknown).
 */
function statusCallbackParams(m, now) {
    const params = {
        ApiVersion: twilio_wire_1.API_VERSION,
        AccountSid: m.accountSid,
        From: m.from ?? '',
        To: m.to,
        MessageSid: m.sid,
        MessageStatus: m.status,
        SmsSid: m.sid,
        SmsStatus: m.status,
    };
    if (m.messagingServiceSid)
        params.MessagingServiceSid = m.messagingServiceSid;
    if (m.errorCode !== null)
        params.ErrorCode = String(m.errorCode);
    if (m.status === 'delivered' || m.status === 'undelivered')
        params.RawDlrDoneDate = rawDlrDate(now);
    return params;
}
function inboundParams(m) {
    const params = {
        ToCountry: country(m.to),
        ToState: '',
        SmsMessageSid: m.sid,
        NumMedia: '0',
        ToCity: '',
        FromZip: '',
        SmsSid: m.sid,
        FromState: '',
        SmsStatus: 'received',
        FromCity: '',
        Body: m.body,
        FromCountry: country(m.from ?? ''),
        To: m.to,
        ToZip: '',
        NumSegments: String((0, twilio_wire_1.segmentCount)(m.body)),
        MessageSid: m.sid,
        AccountSid: m.accountSid,
        From: m.from ?? '',
        ApiVersion: twilio_wire_1.API_VERSION,
    };
    if (m.messagingServiceSid)
        params.MessagingServiceSid = m.messagingServiceSid;
    return params;
}
function rawDlrDate(now) {
    const two = (n) => String(n).padStart(2, '0');
    return `${two(now.getUTCFullYear() % 100)}${two(now.getUTCMonth() + 1)}${two(now.getUTCDate())}${two(now.getUTCHours())}${two(now.getUTCMinutes())}`;
}
/** NANP area codes assigned to Canada (CNAC list); other +1 numbers report US. */
const CANADIAN_AREA_CODES = new Set(('204 226 236 249 250 257 263 273 289 306 343 354 365 367 368 382 387 403 416 418 428 431 437 438 450 460 468 474 ' +
    '506 514 519 548 579 581 584 587 600 604 613 622 639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 873 879 902 905 942').split(' '));
function country(e164) {
    if (!e164.startsWith('+1') || e164.length !== 12)
        return '';
    return CANADIAN_AREA_CODES.has(e164.slice(2, 5)) ? 'CA' : 'US';
}
//# sourceMappingURL=twilio-webhook-params.js.map