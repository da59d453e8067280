import { MigrationInterface, QueryRunner, TableIndex, TableUnique } from 'typeorm';

/**
 * The two unique keys of `messages` hold only the rows that have one. Most messages have no
 * idempotency key (every inbound reply, most sends), and a send has no provider sid until the
 * provider took it. Their NULL entries served no lookup, yet each was an index write. The NULL
 * entries of the (user, key) index sat at the end of each rep's range, so a batch of replies wrote
 * one page per rep it touched (11 of ~60 pages a batch of eleven replies wrote). A NULL sid entry was
 * written at insert, then removed when the sid arrived.
 * Uniqueness is unchanged: both engines let any number of rows lack a key, as before.
 *
 * On SQLite the table's unique constraints can only go with a rebuild of the table (TypeORM
 * copies it), once.
 */
const KEYS = [
  { constraint: 'uq_messages_provider_sid', index: 'uq_messages_provider_sid', columnNames: ['provider_sid'], where: '"provider_sid" IS NOT NULL' },
  {
    constraint: 'uq_messages_user_id_idempotency_key',
    index: 'uq_messages_user_idempotency',
    columnNames: ['user_id', 'idempotency_key'],
    where: '"idempotency_key" IS NOT NULL',
  },
];

export class PartialMessageKeys1765200000000 implements MigrationInterface {
  name = 'PartialMessageKeys1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropUniqueConstraints(
      'messages',
      KEYS.map((k) => new TableUnique({ name: k.constraint, columnNames: k.columnNames })),
    );
    for (const k of KEYS) await queryRunner.createIndex('messages', new TableIndex({ name: k.index, columnNames: k.columnNames, isUnique: true, where: k.where }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const k of KEYS) await queryRunner.dropIndex('messages', k.index);
    await queryRunner.createUniqueConstraints(
      'messages',
      KEYS.map((k) => new TableUnique({ name: k.constraint, columnNames: k.columnNames })),
    );
  }
}
