import { Injectable } from '@nestjs/common';
import { chunksOf, Sql, SqlValue, valuesList } from '../database/sql';
import type { Notification } from './notification.entity';

const COLUMNS = {
  id: 'id',
  user_id: 'userId',
  type: 'type',
  message_id: 'messageId',
  record_id: 'recordId',
  prospect_name: 'prospectName',
  preview: 'preview',
  created_at: 'createdAt',
  read_at: 'readAt',
} as const satisfies Record<string, keyof Notification>;

const COLUMN_NAMES = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];
const SELECT_ALL = `SELECT ${COLUMN_NAMES.join(', ')} FROM notifications`;

/**
 * The `notifications` table, in plain SQL through the executor (one text for both engines): the
 * only code that names it. Writes take the caller's unit of work (`tx`); the lists read outside
 * one, newest or oldest first on `(user_id, created_at, id)`, so each reads a page through the index
 * whatever a rep's history holds.
 */
@Injectable()
export class NotificationsStore {
  constructor(private readonly sql: Sql) {}

  /** New notifications, each exactly as given: one multi-row statement per chunk. */
  async insert(tx: Sql, notifications: readonly Notification[]): Promise<void> {
    for (const chunk of chunksOf(notifications, COLUMN_NAMES.length)) {
      const params: SqlValue[] = [];
      for (const n of chunk) for (const column of COLUMN_NAMES) params.push(n[COLUMNS[column]]);
      await tx.run(`INSERT INTO notifications (${COLUMN_NAMES.join(', ')}) VALUES ${valuesList(chunk.length, COLUMN_NAMES.length)}`, params);
    }
  }

  /** The user's newest notifications (only the unread ones, if asked), newest first. */
  async newest(userId: string, unreadOnly: boolean, limit: number): Promise<Notification[]> {
    const unread = unreadOnly ? ' AND read_at IS NULL' : '';
    const rows = await this.sql.query(`${SELECT_ALL} WHERE user_id = $1${unread} ORDER BY created_at DESC, id DESC LIMIT $2`, [userId, limit]);
    return rows.map(toNotification);
  }

  /**
   * The user's notifications after `(createdAt, id)`, oldest first: `(created_at, id)` orders them
   * totally, so two in the same millisecond are not skipped.
   */
  async after(userId: string, last: Pick<Notification, 'createdAt' | 'id'>, limit: number): Promise<Notification[]> {
    const rows = await this.sql.query(
      `${SELECT_ALL} WHERE user_id = $1 AND (created_at > $2 OR (created_at = $2 AND id > $3)) ORDER BY created_at ASC, id ASC LIMIT $4`,
      [userId, last.createdAt, last.id, limit],
    );
    return rows.map(toNotification);
  }

  /** One of the user's notifications (someone else's is not found); pass a unit's `tx` to read inside it. */
  async find(userId: string, id: string, on: Sql = this.sql): Promise<Notification | null> {
    const row = await on.one(`${SELECT_ALL} WHERE id = $1 AND user_id = $2`, [id, userId]);
    return row ? toNotification(row) : null;
  }

  /** Marks it read at `readAt` unless it was already; the number of rows changed. */
  markRead(tx: Sql, id: string, readAt: string): Promise<number> {
    return tx.run('UPDATE notifications SET read_at = $1 WHERE id = $2 AND read_at IS NULL', [readAt, id]);
  }
}

function toNotification(row: Record<string, unknown>): Notification {
  const n = {} as Record<keyof Notification, unknown>;
  for (const column of COLUMN_NAMES) n[COLUMNS[column]] = row[column];
  return n as Notification;
}
