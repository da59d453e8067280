import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Sync runs name the instance that holds them (`holder`, its INSTANCE_NAME): an instance restarted
 * under the same name knows the runs it left `running` when it died and closes them at once,
 * instead of waiting for their heartbeat to go stale.
 */
export class SyncRunHolder1764975000000 implements MigrationInterface {
  name = 'SyncRunHolder1764975000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('sync_runs', new TableColumn({ name: 'holder', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('sync_runs', 'holder');
  }
}
