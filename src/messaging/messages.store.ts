import { Injectable } from '@nestjs/common';
import { bool, chunksOf, int, placeholders, Sql, SqlValue, valuesList } from '../database/sql';
import type { Message, MessageStatus } from './message.entity';

/** Every column of `messages` and the Message property it holds. */
const COLUMNS = {
  id: 'id',
  direction: 'direction',
  from_number: 'fromNumber',
  to_number: 'toNumber',
  body: 'body',
  encoding: 'encoding',
  segments: 'segments',
  status: 'status',
  error_code: 'errorCode',
  provider_sid: 'providerSid',
  prospect_id: 'prospectId',
  record_id: 'recordId',
  user_id: 'userId',
  sender_number_id: 'senderNumberId',
  idempotency_key: 'idempotencyKey',
  needs_review: 'needsReview',
  created_at: 'createdAt',
  updated_at: 'updatedAt',
  crm_activity_id: 'crmActivityId',
  reply_to_id: 'replyToId',
  send_attempts: 'sendAttempts',
  send_claimed_at: 'sendClaimedAt',
} as const satisfies Record<string, keyof Message>;

const COLUMN_NAMES = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];
const SELECT_ALL = `SELECT ${COLUMN_NAMES.join(', ')} FROM messages`;

/** What a delivery-status callback needs of the message it names. */
export interface StatusTarget {
  id: string;
  status: MessageStatus;
  errorCode: string | null;
  crmActivityId: string | null;
}

/**
 * The hot reads and writes of the `messages` table, in plain SQL through the executor (one text for
 * both engines). Writes take the caller's unit of work (`tx`); reads outside one use the `Sql`
 * injected here.
 */
@Injectable()
export class MessagesStore {
  constructor(private readonly sql: Sql) {}

  /** New messages, each exactly as given: one multi-row statement per chunk. */
  async insert(tx: Sql, messages: readonly Message[]): Promise<void> {
    for (const chunk of chunksOf(messages, COLUMN_NAMES.length)) {
      const params: SqlValue[] = [];
      for (const m of chunk) for (const column of COLUMN_NAMES) params.push(m[COLUMNS[column]]);
      await tx.run(`INSERT INTO messages (${COLUMN_NAMES.join(', ')}) VALUES ${valuesList(chunk.length, COLUMN_NAMES.length)}`, params);
    }
  }

  /** The message a rep sent with this idempotency key, if any. */
  async findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<Message | null> {
    const row = await this.sql.one(`${SELECT_ALL} WHERE user_id = $1 AND idempotency_key = $2`, [userId, idempotencyKey]);
    return row ? toMessage(row) : null;
  }

  /** Which of these provider sids are stored already. */
  async storedSids(tx: Sql, sids: readonly string[]): Promise<Set<string>> {
    if (sids.length === 0) return new Set();
    const rows = await tx.query<{ provider_sid: string }>(`SELECT provider_sid FROM messages WHERE provider_sid IN (${placeholders(sids.length)})`, sids);
    return new Set(rows.map((r) => r.provider_sid));
  }

  /** The provider took a queued message: its sid and status, unless a callback moved it on already. */
  recordAccepted(tx: Sql, id: string, providerSid: string, status: MessageStatus, updatedAt: string): Promise<number> {
    return tx.run("UPDATE messages SET provider_sid = $1, status = $2, updated_at = $3 WHERE id = $4 AND status = 'queued'", [providerSid, status, updatedAt, id]);
  }

  /** A send the provider refused or never answered. */
  markFailed(tx: Sql, id: string, errorCode: string, updatedAt: string): Promise<number> {
    return tx.run("UPDATE messages SET status = 'failed', error_code = $1, updated_at = $2 WHERE id = $3", [errorCode, updatedAt, id]);
  }

  /** The message a delivery-status callback is about, by its provider sid. */
  async statusTarget(tx: Sql, providerSid: string): Promise<StatusTarget | null> {
    const row = await tx.one<{ id: string; status: MessageStatus; error_code: string | null; crm_activity_id: string | null }>(
      'SELECT id, status, error_code, crm_activity_id FROM messages WHERE provider_sid = $1',
      [providerSid],
    );
    return row ? { id: row.id, status: row.status, errorCode: row.error_code, crmActivityId: row.crm_activity_id } : null;
  }

  /** Moves a message to `status`, only from one of `from` (forward only, whoever wrote last). */
  advanceStatus(tx: Sql, id: string, from: readonly MessageStatus[], status: MessageStatus, errorCode: string | null, updatedAt: string): Promise<number> {
    return tx.run(`UPDATE messages SET status = $1, error_code = $2, updated_at = $3 WHERE id = $4 AND status IN (${placeholders(from.length, 5)})`, [
      status,
      errorCode,
      updatedAt,
      id,
      ...from,
    ]);
  }
}

/** A `messages` row (either engine's types) as a Message. */
export function toMessage(row: Record<string, unknown>): Message {
  const m = {} as Record<keyof Message, unknown>;
  for (const column of COLUMN_NAMES) m[COLUMNS[column]] = row[column];
  m.needsReview = bool(row.needs_review);
  m.segments = int(row.segments);
  m.sendAttempts = int(row.send_attempts);
  return m as Message;
}
