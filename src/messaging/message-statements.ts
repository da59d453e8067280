import type { Database, Statement } from 'better-sqlite3';
import { OUTBOX_PRIORITY } from '../outbox/outbox.service';
import type { OutboxKind } from '../outbox/outbox-entry.entity';
import type { Message } from './message.entity';

/**
 * Prepared better-sqlite3 statements for the hot writes of messages (a send, a batch of replies)
 * and their CRM outbox entries, on SQLite only. They run on TypeORM's single connection: inside a
 * UnitOfWork (`runNative`, or `run`, whose transaction they join), never on their own. They write
 * exactly the rows TypeORM writes (send-store.e2e-spec.ts compares the paths).
 */
export interface MessageStatements {
  /** one message row, from `messageParams` */
  insertMessage: Statement<[Record<string, unknown>]>;
  /** one pending outbox entry: `{kind, aggregateId, payload, priority, now}` (see `outboxParams`) */
  insertOutbox: Statement<[Record<string, unknown>]>;
}

const MESSAGE_COLUMNS = {
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
  delivery_check_at: 'deliveryCheckAt',
} as const satisfies Record<string, keyof Message>;

const cache = new WeakMap<Database, MessageStatements>();

/** The statements of this connection, prepared once. */
export function messageStatements(db: Database): MessageStatements {
  let statements = cache.get(db);
  if (!statements) {
    const columns = Object.keys(MESSAGE_COLUMNS);
    statements = {
      insertMessage: db.prepare(`INSERT INTO messages (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`),
      insertOutbox: db.prepare(
        'INSERT INTO outbox (kind, aggregate_id, payload, priority, status, attempts, next_attempt_at, last_error, created_at, updated_at) ' +
          "VALUES (@kind, @aggregateId, @payload, @priority, 'pending', 0, @now, NULL, @now, @now)",
      ),
    };
    cache.set(db, statements);
  }
  return statements;
}

/** Named parameters of a message row; booleans as SQLite stores them (0/1, as TypeORM writes them). */
export function messageParams(m: Message): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [column, property] of Object.entries(MESSAGE_COLUMNS)) {
    const value = m[property];
    params[column] = typeof value === 'boolean' ? Number(value) : value;
  }
  return params;
}

/** Parameters of an outbox entry due now (OutboxService.enqueue's row). */
export function outboxParams(kind: OutboxKind, aggregateId: string, now: string, payload?: Record<string, unknown>): Record<string, unknown> {
  return { kind, aggregateId, payload: payload ? JSON.stringify(payload) : null, priority: OUTBOX_PRIORITY[kind], now };
}
