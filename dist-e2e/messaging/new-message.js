"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.newMessage = newMessage;
/** A message as it is first stored: not yet logged to the CRM, no error, no send attempt. */
function newMessage(fields, at) {
    return {
        errorCode: null,
        providerSid: null,
        idempotencyKey: null,
        needsReview: false,
        replyToId: null,
        crmActivityId: null,
        sendAttempts: 0,
        sendClaimedAt: null,
        createdAt: at,
        updatedAt: at,
        ...fields,
    };
}
//# sourceMappingURL=new-message.js.map