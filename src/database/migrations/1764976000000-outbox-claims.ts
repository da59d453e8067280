import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Outbox entries are claimed by the flush that pushes them: `claimed_by` (the INSTANCE_NAME) and
 * `claim_id` (the batch) while a batch is in flight, with `next_attempt_at` moved to the claim's
 * expiry so no other flush takes them; cleared when the batch's outcome is committed or the claim
 * released. Flushes on several instances share the queue this way and never push an entry twice.
 */
export class OutboxClaims1764976000000 implements MigrationInterface {
  name = 'OutboxClaims1764976000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('outbox', [
      new TableColumn({ name: 'claimed_by', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'claim_id', type: 'varchar', length: '36', isNullable: true }),
    ]);
    await queryRunner.createIndex('outbox', new TableIndex({ name: 'ix_outbox_claim_id', columnNames: ['claim_id'] }));
    await queryRunner.createIndex('outbox', new TableIndex({ name: 'ix_outbox_claimed_by', columnNames: ['claimed_by'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('outbox', 'ix_outbox_claimed_by');
    await queryRunner.dropIndex('outbox', 'ix_outbox_claim_id');
    await queryRunner.dropColumns('outbox', ['claim_id', 'claimed_by']);
  }
}
