import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Sync runs name the instance that holds them (`holder`, its INSTANCE_NAME): an instance restarted
 * under the same name knows the runs it left `running` when it died and closes them at once,
 * instead of waiting for their heartbeat to go stale. Runs whose heartbeat went stale are found
 * through (status, heartbeat_at); every row gets a heartbeat (the start, when it had none).
 */
export class SyncRunHolder1764975000000 implements MigrationInterface {
  name = 'SyncRunHolder1764975000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('sync_runs', new TableColumn({ name: 'holder', type: 'varchar', length: '64', isNullable: true }));
    await queryRunner.query('UPDATE sync_runs SET heartbeat_at = started_at WHERE heartbeat_at IS NULL');
    await queryRunner.createIndex('sync_runs', new TableIndex({ name: 'ix_sync_runs_status_heartbeat', columnNames: ['status', 'heartbeat_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('sync_runs', 'ix_sync_runs_status_heartbeat');
    await queryRunner.dropColumn('sync_runs', 'holder');
  }
}
