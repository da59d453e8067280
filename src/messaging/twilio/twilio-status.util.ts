import type { DeliveryStatus } from '../sms-provider.port';

/**
 * Twilio's Message `status` values onto our DeliveryStatus. Source: the Message resource's status
 * table, https://www.twilio.com/docs/messaging/api/message-resource#message-status-values, and
 * https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks
 * (`accepted`/`scheduled` are the initial statuses with a Messaging Service).
 *
 * Inbound statuses (`receiving`, `received`) and anything unknown give null: the caller ignores them
 * rather than guessing. Pure, so the status webhook may use it without touching the SDK.
 */
const TWILIO_TO_DELIVERY: Readonly<Record<string, DeliveryStatus>> = {
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

export function toDeliveryStatus(twilioStatus: string | null | undefined): DeliveryStatus | null {
  if (!twilioStatus) return null;
  return TWILIO_TO_DELIVERY[twilioStatus.trim().toLowerCase()] ?? null;
}
