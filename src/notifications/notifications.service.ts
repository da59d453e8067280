import { Injectable } from '@nestjs/common';
import { notFound } from '../common/domain-error';
import { uuid7 } from '../common/uuid7';
import { nowIso } from '../database/columns';
import type { Sql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';
import { NotificationBus } from './notification-bus';
import { NotificationRelay } from './notification-relay.service';
import type { Notification } from './notification.entity';
import { NotificationView, previewOf, toNotificationView } from './notification.view';
import { NotificationsStore } from './notifications.store';

export interface ReplyNotification {
  userId: string;
  messageId: string;
  recordId: string | null;
  prospectName: string | null;
  body: string;
  createdAt?: string;
}

export const DEFAULT_LIST_LIMIT = 50;

/**
 * A rep's notifications: written in the same unit of work as the reply that caused them and
 * announced to the other instances in it (delivered on commit), then published on this instance's
 * bus once committed (`publish`), so a stream never shows a rolled-back reply.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly store: NotificationsStore,
    private readonly uow: UnitOfWork,
    private readonly bus: NotificationBus,
    private readonly relay: NotificationRelay,
  ) {}

  /** One notification per reply, inside the caller's unit of work (`tx`): one multi-row statement. */
  async createForReplies(tx: Sql, replies: ReplyNotification[]): Promise<NotificationView[]> {
    if (replies.length === 0) return [];
    const now = nowIso();
    const rows: Notification[] = replies.map((reply) => ({
      id: uuid7(),
      userId: reply.userId,
      type: 'sms_reply',
      messageId: reply.messageId,
      recordId: reply.recordId,
      prospectName: reply.prospectName,
      preview: previewOf(reply.body),
      createdAt: reply.createdAt ?? now,
      readAt: null,
    }));
    await Promise.all([this.store.insert(tx, rows), this.relay.announce(tx, rows)]);
    return rows.map(toNotificationView);
  }

  /** After commit: tell the user's open streams on this instance (the others heard the announcement). */
  publish(userId: string, notification: NotificationView): void {
    this.bus.publish(userId, notification);
  }

  async list(userId: string, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<NotificationView[]> {
    const rows = await this.store.newest(userId, options.unreadOnly ?? false, options.limit ?? DEFAULT_LIST_LIMIT);
    return rows.map(toNotificationView);
  }

  /** The user's notifications created after the one given (oldest first): what a reconnecting stream missed. */
  async after(userId: string, notificationId: string, limit = 500): Promise<NotificationView[]> {
    const last = await this.store.find(userId, notificationId);
    if (!last) return [];
    return (await this.store.after(userId, last, limit)).map(toNotificationView);
  }

  /** Marks one of the user's notifications read; someone else's is 404, as if it did not exist. */
  async markRead(userId: string, id: string): Promise<NotificationView> {
    return this.uow.unit(async (tx) => {
      const notification = await this.store.find(userId, id, tx);
      if (!notification) throw notFound('notification', id);
      if (notification.readAt === null) {
        notification.readAt = nowIso();
        await this.store.markRead(tx, id, notification.readAt);
      }
      return toNotificationView(notification);
    });
  }
}
