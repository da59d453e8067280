import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The outbox's claim indexes hold only the entries a flush holds. Every query through them names a
 * claim or an instance (`claim_id = $1`, `claimed_by = $1`, `claim_id IS NOT NULL`), and an entry is
 * claimed only while its batch is in flight, so nearly every row had a NULL entry in both: two index
 * writes per message logged (and two pages per commit) that no read used, and two indexes as long
 * as the outbox.
 */
const INDEXES = [
  { name: 'ix_outbox_claim_id', columnNames: ['claim_id'], where: '"claim_id" IS NOT NULL' },
  { name: 'ix_outbox_claimed_by', columnNames: ['claimed_by'], where: '"claimed_by" IS NOT NULL' },
];

export class PartialOutboxClaimIndexes1765100000000 implements MigrationInterface {
  name = 'PartialOutboxClaimIndexes1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { name, columnNames, where } of INDEXES) {
      await queryRunner.dropIndex('outbox', name);
      await queryRunner.createIndex('outbox', new TableIndex({ name, columnNames, where }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { name, columnNames } of INDEXES) {
      await queryRunner.dropIndex('outbox', name);
      await queryRunner.createIndex('outbox', new TableIndex({ name, columnNames }));
    }
  }
}
