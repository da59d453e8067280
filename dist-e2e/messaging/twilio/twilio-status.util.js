"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toDeliveryStatus = toDeliveryStatus;
/**
 * Twilio's Message `status` values onto our DeliveryStatus. Source: the Message resource's status
 * table, https://www.twilio.com/docs/messaging/api/message-resource#message-status-values, and
 * https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks
 * (`accepted`/`scheduled` are the initial statuses with a Messaging Service).
 *
 * Inbound statuses (`receiving`, `received`) and anything unknown give null: the caller ignores them
 * rather than guessing. Pure, so the status webhook may use it without touching the SDK.
 */
const TWILIO_TO_DELIVERY = {
    accepted: 'queued',
    scheduled: 'queued',
    queued: 'queued',
    sending: 'queued',
    sent: 'sent',
    delivered: 'delivered',
    read: 'delivered',
    partially_delivered: 'sent',
    undelivered: 'undelivered',
    failed: 'failed',
    canceled: 'failed',
};
function toDeliveryStatus(twilioStatus) {
    if (!twilioStatus)
        return null;
    return TWILIO_TO_DELIVERY[twilioStatus.trim().toLowerCase()] ?? null;
}
//# sourceMappingURL=twilio-status.util.js.map