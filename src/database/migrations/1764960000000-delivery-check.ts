import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * `messages.delivery_check_at`: when the `delivery-reconcile` job should next ask the provider
 * about an outbound message whose send outcome is unknown (no provider sid after the attempt) or
 * whose status is not final yet; NULL when there is nothing to ask. The partial index over the
 * non-NULL rows lets the job take the due ones, oldest first, LIMIT a batch, whatever the history.
 *
 * Rows written before this migration: outbound messages still `queued` or `sent` from the last
 * three days (DELIVERY_RECONCILE window), and keyword replies given up as UNCONFIRMED, are due at
 * once.
 */
export class DeliveryCheck1764960000000 implements MigrationInterface {
  name = 'DeliveryCheck1764960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('messages', new TableColumn({ name: 'delivery_check_at', type: 'varchar', length: '30', isNullable: true }));
    await queryRunner.createIndex(
      'messages',
      new TableIndex({ name: 'ix_messages_delivery_check', columnNames: ['delivery_check_at', 'id'], where: `"delivery_check_at" IS NOT NULL` }),
    );
    const now = new Date();
    const since = new Date(now.getTime() - 3 * 24 * 3600_000).toISOString();
    const [p1, p2] = queryRunner.connection.driver.options.type === 'postgres' ? ['$1', '$2'] : ['?', '?'];
    await queryRunner.query(
      `UPDATE messages SET delivery_check_at = ${p1} WHERE direction = 'outbound' AND created_at >= ${p2} AND (status IN ('queued', 'sent') OR (status = 'failed' AND provider_sid IS NULL AND error_code = 'UNCONFIRMED'))`,
      [now.toISOString(), since],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('messages', 'ix_messages_delivery_check');
    await queryRunner.dropColumn('messages', 'delivery_check_at');
  }
}
