"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIGRATION_LOCK_KEY = void 0;
exports.runMigrationsOnce = runMigrationsOnce;
/**
 * The PostgreSQL advisory lock every instance takes around its migration run: instances that boot
 * together on one database migrate one after another, so the first applies the migrations and the
 * others find nothing left to do (without it, two `CREATE TABLE`s of the first migration collide
 * on `pg_type_typname_nsp_index` and one instance exits). A constant of this service's own.
 */
exports.MIGRATION_LOCK_KEY = 7_364_001_764;
/**
 * Runs the pending migrations, once across every instance booting on the same database.
 * On PostgreSQL the session-level advisory lock is held on one dedicated connection for the whole
 * run and released (or dropped with the connection, should the process die) afterwards.
 * SQLite needs none: one process file, and its writer lock serialises the rest.
 */
async function runMigrationsOnce(dataSource) {
    if (dataSource.options.type !== 'postgres') {
        await dataSource.runMigrations({ transaction: 'each' });
        return;
    }
    const lockHolder = dataSource.createQueryRunner();
    try {
        await lockHolder.connect();
        await lockHolder.query('SELECT pg_advisory_lock($1)', [exports.MIGRATION_LOCK_KEY]);
        try {
            await dataSource.runMigrations({ transaction: 'each' });
        }
        finally {
            await lockHolder.query('SELECT pg_advisory_unlock($1)', [exports.MIGRATION_LOCK_KEY]);
        }
    }
    finally {
        await lockHolder.release();
    }
}
//# sourceMappingURL=migration-lock.js.map