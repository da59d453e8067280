import { Injectable } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { notFound } from '../common/domain-error';
import { uuid7 } from '../common/uuid7';
import { nowIso } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { NotificationBus } from './notification-bus';
import { Notification } from './notification.entity';
import { NotificationView, previewOf, toNotificationView } from './notification.view';

export interface ReplyNotification {
  userId: string;
  messageId: string;
  recordId: string | null;
  prospectName: string | null;
  body: string;
  createdAt?: string;
}

export const DEFAULT_LIST_LIMIT = 50;

const insertStatements = new WeakMap<Database, Statement<unknown[]>>();
function insertStatement(db: Database): Statement<unknown[]> {
  let statement = insertStatements.get(db);
  if (!statement) {
    statement = db.prepare(
      'INSERT INTO notifications (id, user_id, type, message_id, record_id, prospect_name, preview, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insertStatements.set(db, statement);
  }
  return statement;
}

/**
 * A rep's notifications: written in the same unit of work as the reply that caused them, then
 * published on the bus once committed (`publish`), so a stream never shows a rolled-back reply.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly bus: NotificationBus,
  ) {}

  async createForReply(manager: EntityManager, reply: ReplyNotification): Promise<NotificationView> {
    const [view] = await this.createForReplies(manager, [reply]);
    return view;
  }

  /**
   * One notification per reply, inside the caller's unit of work: on SQLite a prepared statement
   * per row, joining its transaction on the one connection; elsewhere one multi-row statement.
   */
  async createForReplies(manager: EntityManager, replies: ReplyNotification[]): Promise<NotificationView[]> {
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
    const db = this.uow.sqlite;
    if (db) {
      const insert = insertStatement(db);
      for (const n of rows) insert.run(n.id, n.userId, n.type, n.messageId, n.recordId, n.prospectName, n.preview, n.createdAt, n.readAt);
    } else {
      await manager.createQueryBuilder().insert().into(Notification).values(rows).updateEntity(false).execute();
    }
    return rows.map(toNotificationView);
  }

  /** After commit: tell the user's open streams. */
  publish(userId: string, notification: NotificationView): void {
    this.bus.publish(userId, notification);
  }

  async list(userId: string, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<NotificationView[]> {
    const rows = await this.dataSource.getRepository(Notification).find({
      where: { userId, ...(options.unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: options.limit ?? DEFAULT_LIST_LIMIT,
    });
    return rows.map(toNotificationView);
  }

  /** The user's notifications created after the one given (oldest first): what a reconnecting stream missed. */
  async after(userId: string, notificationId: string, limit = 500): Promise<NotificationView[]> {
    const repo = this.dataSource.getRepository(Notification);
    const last = await repo.findOneBy({ id: notificationId, userId });
    if (!last) return [];
    // (created_at, id) orders notifications totally, so two in the same millisecond are not skipped.
    const rows = await repo
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId })
      .andWhere('(n.created_at > :createdAt OR (n.created_at = :createdAt AND n.id > :id))', { createdAt: last.createdAt, id: last.id })
      .orderBy('n.created_at', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(toNotificationView);
  }

  /** Marks one of the user's notifications read; someone else's is 404, as if it did not exist. */
  async markRead(userId: string, id: string): Promise<NotificationView> {
    return this.uow.run(async (manager) => {
      const repo = manager.getRepository(Notification);
      const notification = await repo.findOneBy({ id, userId });
      if (!notification) throw notFound('notification', id);
      if (notification.readAt === null) {
        notification.readAt = nowIso();
        await repo.update({ id }, { readAt: notification.readAt });
      }
      return toNotificationView(notification);
    });
  }
}
