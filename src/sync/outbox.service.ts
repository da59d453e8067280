import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { nowIso } from '../database/columns';
import { OutboxEntry, OutboxKind } from './outbox-entry.entity';

/** Opt-out write-backs drain before activity logging (a compliance fact beats a timeline entry). */
export const OUTBOX_PRIORITY = { do_not_sms: 0, task_upsert: 10, task_status: 20 } as const satisfies Record<OutboxKind, number>;

/**
 * Queues a CRM write inside the caller's transaction (pass the UnitOfWork's manager), so the
 * write exists exactly when the change that needs it was committed.
 */
@Injectable()
export class OutboxService {
  /** Queues the same kind of write for many aggregates in one statement (a batch of inbound replies). */
  async enqueueMany(manager: EntityManager, kind: OutboxKind, aggregateIds: string[]): Promise<void> {
    if (aggregateIds.length === 0) return;
    const now = nowIso();
    // updateEntity(false): the generated ids are not needed, so skip TypeORM's read-back of them.
    const rows = aggregateIds.map((aggregateId) => ({
      kind,
      aggregateId,
      payload: null,
      priority: OUTBOX_PRIORITY[kind],
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    }));
    await manager.createQueryBuilder().insert().into(OutboxEntry).values(rows).updateEntity(false).execute();
  }

  async enqueue(manager: EntityManager, kind: OutboxKind, aggregateId: string, payload?: Record<string, unknown>): Promise<void> {
    const now = nowIso();
    await manager.getRepository(OutboxEntry).insert({
      kind,
      aggregateId,
      payload: payload ? JSON.stringify(payload) : null,
      priority: OUTBOX_PRIORITY[kind],
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    });
  }
}
