import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The transactional outbox: a CRM write queued in the same database transaction as the change
 * that needs it, and drained by the activity-flush job.
 * - task_upsert: log message `aggregateId` as a Task (upsert on the external id)
 * - task_status: push a later delivery status of message `aggregateId` to its Task
 * - do_not_sms: write the Do-Not-SMS flag of prospect `aggregateId` (payload {value})
 */
export type OutboxKind = 'task_upsert' | 'task_status' | 'do_not_sms';
export type OutboxStatus = 'pending' | 'done' | 'parked';

@Entity('outbox')
@Index('ix_outbox_claim', ['status', 'priority', 'id'])
export class OutboxEntry {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  kind!: OutboxKind;

  @Index()
  @Column({ name: 'aggregate_id', type: 'varchar', length: 36 })
  aggregateId!: string;

  @Column({ type: 'text', nullable: true })
  payload!: string | null;

  /** lower drains first: opt-out write-backs are 0, activity 10 */
  @Column({ type: 'integer', default: 10 })
  priority!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'varchar', length: 30 })
  nextAttemptAt!: string;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;

  /** the instance whose flush holds the entry while its batch is in flight (outbox.store.ts) */
  // over claimed entries only (migration 1765100000000-partial-outbox-claim-indexes)
  @Index('ix_outbox_claimed_by', { where: '"claimed_by" IS NOT NULL' })
  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy!: string | null;

  /** the batch holding it; the batch's outcome is committed only while it still holds it */
  @Index('ix_outbox_claim_id', { where: '"claim_id" IS NOT NULL' })
  @Column({ name: 'claim_id', type: 'varchar', length: 36, nullable: true })
  claimId!: string | null;
}
