"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SyncRunLease1764500000000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * Sync runs take a lease: `lock_key` names what a run holds (mirror and full-resync share one key,
 * since both write the mirror), `heartbeat_at` is renewed while it runs. A unique index over the
 * running rows makes "one run per key" hold across processes (the service and the CLI); a running
 * row whose heartbeat is older than the lease is taken to be abandoned by a dead process.
 */
class SyncRunLease1764500000000 {
    name = 'SyncRunLease1764500000000';
    async up(queryRunner) {
        await queryRunner.addColumns('sync_runs', [
            new typeorm_1.TableColumn({ name: 'lock_key', type: 'varchar', length: '20', isNullable: true }),
            new typeorm_1.TableColumn({ name: 'heartbeat_at', type: 'varchar', length: '30', isNullable: true }),
        ]);
        await queryRunner.createIndex('sync_runs', new typeorm_1.TableIndex({ name: 'uq_sync_runs_running_lock', columnNames: ['lock_key'], isUnique: true, where: `"status" = 'running'` }));
    }
    async down(queryRunner) {
        await queryRunner.dropIndex('sync_runs', 'uq_sync_runs_running_lock');
        await queryRunner.dropColumns('sync_runs', ['heartbeat_at', 'lock_key']);
    }
}
exports.SyncRunLease1764500000000 = SyncRunLease1764500000000;
//# sourceMappingURL=1764500000000-sync-run-lease.js.map