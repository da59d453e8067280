import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Sync runs take a lease: `lock_key` names what a run holds (mirror and full-resync share one key,
 * since both write the mirror), `heartbeat_at` is renewed while it runs. A unique index over the
 * running rows makes "one run per key" hold across processes (the service and the CLI); a running
 * row whose heartbeat is older than the lease is taken to be abandoned by a dead process.
 */
export class SyncRunLease1764500000000 implements MigrationInterface {
  name = 'SyncRunLease1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('sync_runs', [
      new TableColumn({ name: 'lock_key', type: 'varchar', length: '20', isNullable: true }),
      new TableColumn({ name: 'heartbeat_at', type: 'varchar', length: '30', isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'sync_runs',
      new TableIndex({ name: 'uq_sync_runs_running_lock', columnNames: ['lock_key'], isUnique: true, where: `"status" = 'running'` }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('sync_runs', 'uq_sync_runs_running_lock');
    await queryRunner.dropColumns('sync_runs', ['heartbeat_at', 'lock_key']);
  }
}
