import { Injectable } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { UnitOfWork } from '../../database/unit-of-work';
import { OutboxService } from '../../outbox/outbox.service';
import { Message } from '../message.entity';
import { messageParams, messageStatements, outboxParams } from '../message-statements';
import type { DeliveryStatus } from '../sms-provider.port';

/**
 * The send's two writes: the queued message with its CRM outbox entry (one unit of work), and the
 * provider's answer. Each goes through UnitOfWork, so on SQLite it is serialised with every other
 * transaction.
 *
 * On SQLite they are prepared statements in a better-sqlite3 transaction, group-committed with the
 * other sends of the same moment (`runNativeGrouped`): no query building, no TypeORM transaction,
 * no read-back of defaults, one COMMIT per burst. On PostgreSQL the same rows go through TypeORM
 * and OutboxService. send-store.e2e-spec.ts holds both paths to the same rows.
 */
@Injectable()
export class SendStore {
  private readonly recordAcceptedStatements = new WeakMap<Database, Statement<unknown[]>>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
  ) {}

  /** Stores the message (status queued) and its `task_upsert` outbox entry, both or neither. */
  async insertQueued(message: Message): Promise<void> {
    if (this.uow.sqlite) {
      await this.uow.runNativeGrouped((db) => {
        const s = messageStatements(db);
        s.insertMessage.run(messageParams(message));
        s.insertOutbox.run(outboxParams('task_upsert', message.id, message.createdAt));
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
      await this.uow.runNativeGrouped((db) => this.recordAcceptedStatement(db).run(providerSid, status, updatedAt, id));
      return;
    }
    await this.uow.run((manager) => manager.getRepository(Message).update({ id, status: 'queued' }, { providerSid, status, updatedAt }));
  }

  private recordAcceptedStatement(db: Database): Statement<unknown[]> {
    let statement = this.recordAcceptedStatements.get(db);
    if (!statement) {
      statement = db.prepare("UPDATE messages SET provider_sid = ?, status = ?, updated_at = ? WHERE id = ? AND status = 'queued'");
      this.recordAcceptedStatements.set(db, statement);
    }
    return statement;
  }
}
