"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.messageUri = void 0;
exports.messageJson = messageJson;
const twilio_wire_1 = require("./twilio-wire");
const messageUri = (accountSid, sid) => `/${twilio_wire_1.API_VERSION}/Accounts/${accountSid}/Messages/${sid}.json`;
exports.messageUri = messageUri;
/** The Message resource JSON (https://www.twilio.com/docs/messaging/api/message-resource). */
function messageJson(m) {
    const uri = (0, exports.messageUri)(m.accountSid, m.sid);
    const sent = m.status === 'sent' || m.status === 'delivered' || m.status === 'undelivered';
    return {
        account_sid: m.accountSid,
        api_version: twilio_wire_1.API_VERSION,
        body: m.body,
        date_created: (0, twilio_wire_1.rfc2822)(m.dateCreated),
        date_sent: m.dateSent ? (0, twilio_wire_1.rfc2822)(m.dateSent) : null,
        date_updated: (0, twilio_wire_1.rfc2822)(m.dateUpdated),
        direction: m.direction,
        error_code: m.errorCode,
        error_message: m.errorMessage,
        from: m.from,
        messaging_service_sid: m.messagingServiceSid,
        num_media: '0',
        num_segments: String(m.numSegments),
        price: sent || m.direction === 'inbound' ? (-0.0079 * Math.max(m.numSegments, 1)).toFixed(5) : null,
        price_unit: 'USD',
        sid: m.sid,
        status: m.status,
        subresource_uris: {
            media: uri.replace(/\.json$/, '/Media.json'),
            feedback: uri.replace(/\.json$/, '/Feedback.json'),
        },
        to: m.to,
        uri,
    };
}
//# sourceMappingURL=twilio-message.js.map