import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
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

  /**
   * Puts parked entries (all of them, or those of `ids`) back in the queue with a fresh set of
   * attempts, due now; their last error stays until the next attempt. Entries that are not
   * parked are left alone. Returns how many were requeued.
   */
  async requeueParked(manager: EntityManager, ids?: number[]): Promise<number> {
    if (ids?.length === 0) return 0;
    const now = nowIso();
    const result = await manager
      .getRepository(OutboxEntry)
      .update({ status: 'parked', ...(ids ? { id: In(ids) } : {}) }, { status: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: now });
    return result.affected ?? 0;
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
