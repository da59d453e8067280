import { Injectable } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { UnitOfWork } from '../../database/unit-of-work';
import { OUTBOX_PRIORITY, OutboxService } from '../../sync/outbox.service';
import { Message } from '../message.entity';
import type { DeliveryStatus } from '../sms-provider.port';

/**
 * The send's two writes: the queued message with its CRM outbox entry (one unit of work), and the
 * provider's answer. Each goes through UnitOfWork, so on SQLite it is serialised with every other
 * transaction.
 *
 * On SQLite they are prepared statements in a better-sqlite3 transaction, group-committed with the
 * other sends of the same moment (`runNativeGrouped`): no query building, no TypeORM transaction,
 * no read-back of defaults, one COMMIT per burst. On
 * PostgreSQL the same rows go through TypeORM and OutboxService. send-store.e2e-spec.ts holds both
 * paths to the same rows.
 */
@Injectable()
export class SendStore {
  private prepared: { db: Database; statements: ReturnType<typeof prepare> } | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
  ) {}

  /** Stores the message (status queued) and its `task_upsert` outbox entry, both or neither. */
  async insertQueued(message: Message): Promise<void> {
    if (this.uow.sqlite) {
      await this.uow.runNativeGrouped((db) => {
        const s = this.statements(db);
        s.insertMessage.run(messageParams(message));
        s.insertOutbox.run({ kind: 'task_upsert', aggregateId: message.id, priority: OUTBOX_PRIORITY.task_upsert, now: message.createdAt });
      });
      return;
    }
    await this.uow.run(async (manager) => {
      await manager.createQueryBuilder().insert().into(Message).values(message).updateEntity(false).execute();
      await this.outbox.enqueue(manager, 'task_upsert', message.id);
    });
  }

  /** The provider took the message: its sid and status, unless a callback moved it on already. */
  async recordAccepted(id: string, providerSid: string, status: DeliveryStatus, updatedAt: string): Promise<void> {
    if (this.uow.sqlite) {
      await this.uow.runNativeGrouped((db) => this.statements(db).recordAccepted.run(providerSid, status, updatedAt, id));
      return;
    }
    await this.uow.run((manager) => manager.getRepository(Message).update({ id, status: 'queued' }, { providerSid, status, updatedAt }));
  }

  private statements(db: Database): ReturnType<typeof prepare> {
    if (this.prepared?.db !== db) this.prepared = { db, statements: prepare(db) };
    return this.prepared.statements;
  }
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
} as const satisfies Record<string, keyof Message>;

/** Named parameters for the insert; booleans as SQLite stores them (0/1, as TypeORM writes them). */
function messageParams(m: Message): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [column, property] of Object.entries(MESSAGE_COLUMNS)) {
    const value = m[property];
    params[column] = typeof value === 'boolean' ? Number(value) : value;
  }
  return params;
}

function prepare(db: Database): Record<'insertMessage' | 'insertOutbox' | 'recordAccepted', Statement<unknown[]>> {
  const columns = Object.keys(MESSAGE_COLUMNS);
  return {
    insertMessage: db.prepare(`INSERT INTO messages (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`),
    insertOutbox: db.prepare(
      'INSERT INTO outbox (kind, aggregate_id, payload, priority, status, attempts, next_attempt_at, last_error, created_at, updated_at) ' +
        "VALUES (@kind, @aggregateId, NULL, @priority, 'pending', 0, @now, NULL, @now, @now)",
    ),
    recordAccepted: db.prepare("UPDATE messages SET provider_sid = ?, status = ?, updated_at = ? WHERE id = ? AND status = 'queued'"),
  };
}
