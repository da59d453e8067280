import type { Notification } from './notification.entity';

/** The contract's notification shape (CONTRACT §2 Reps). */
export interface NotificationView {
  id: string;
  type: 'sms_reply';
  messageId: string;
  /** the record to open: the one the rep texted from, else the prospect */
  recordId: string | null;
  prospectName: string | null;
  preview: string;
  createdAt: string;
  read: boolean;
}

export function toNotificationView(n: Notification): NotificationView {
  return {
    id: n.id,
    type: n.type,
    messageId: n.messageId,
    recordId: n.recordId,
    prospectName: n.prospectName,
    preview: n.preview,
    createdAt: n.createdAt,
    read: n.readAt !== null,
  };
}

export const PREVIEW_LENGTH = 140;

/** The first line-ish of a reply, whitespace collapsed, cut on a code point with an ellipsis. */
export function previewOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= PREVIEW_LENGTH ? flat : chars.slice(0, PREVIEW_LENGTH - 1).join('') + '…';
}
