"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.dataSourceOptions = dataSourceOptions;
exports.openDatabase = openDatabase;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const typeorm_1 = require("typeorm");
const app_config_1 = require("../config/app-config");
const entity_registry_1 = require("./entity-registry");
const migration_lock_1 = require("./migration-lock");
const migrations_1 = require("./migrations");
function dataSourceOptions(db) {
    const common = { entities: (0, entity_registry_1.registeredEntities)(), migrations: migrations_1.MIGRATIONS, synchronize: false, migrationsRun: false, logging: false };
    if (db.type === 'postgres') {
        return { ...common, type: 'postgres', url: db.url, extra: { max: db.poolSize ?? app_config_1.DEFAULT_DATABASE_POOL_SIZE } };
    }
    if (db.path !== ':memory:')
        (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(db.path), { recursive: true });
    return {
        ...common,
        type: 'better-sqlite3',
        database: db.path,
        // WAL lets the CLI read while the service writes; a busy timeout rides out its brief locks.
        prepareDatabase: (sqlite) => {
            sqlite.pragma('journal_mode = WAL');
            sqlite.pragma('busy_timeout = 5000');
            sqlite.pragma('synchronous = NORMAL');
        },
    };
}
/**
 * Opens the database and brings its schema up to date through the migrations (once, however many
 * instances boot together on it: see migration-lock.ts).
 */
async function openDatabase(db) {
    const dataSource = new typeorm_1.DataSource(dataSourceOptions(db));
    await dataSource.initialize();
    await (0, migration_lock_1.runMigrationsOnce)(dataSource);
    return dataSource;
}
//# sourceMappingURL=data-source.js.map