"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SqlSession = void 0;
exports.sqlDriver = sqlDriver;
const sql_1 = require("./sql");
class SqlSession extends sql_1.Sql {
}
exports.SqlSession = SqlSession;
const drivers = new WeakMap();
/** The driver of this data source (one per data source, so statement caches are shared). */
function sqlDriver(dataSource) {
    let driver = drivers.get(dataSource);
    if (!driver) {
        driver = dataSource.options.type === 'postgres' ? postgresDriver(dataSource) : sqliteDriver(dataSource);
        drivers.set(dataSource, driver);
    }
    return driver;
}
// ---- SQLite ------------------------------------------------------------------------------------
/** Prepared statements kept per text (FIFO beyond this: texts built for varying list lengths). */
const SQLITE_CACHE_SIZE = 1000;
class SqliteSql extends SqlSession {
    handle;
    engine = 'sqlite';
    cache = new Map();
    constructor(handle) {
        super();
        this.handle = handle;
    }
    async query(text, params = []) {
        const p = this.prepared(text);
        const args = this.bind(p, params);
        if (p.reader)
            return p.statement.all(...args);
        p.statement.run(...args);
        return [];
    }
    async run(text, params = []) {
        const p = this.prepared(text);
        const args = this.bind(p, params);
        if (p.reader)
            return p.statement.all(...args).length;
        return p.statement.run(...args).changes;
    }
    async exec(text) {
        this.handle().exec(text);
    }
    bind(p, params) {
        return p.order.map((i) => {
            const value = params[i];
            return typeof value === 'boolean' ? Number(value) : value;
        });
    }
    prepared(text) {
        let p = this.cache.get(text);
        if (!p) {
            const positional = (0, sql_1.toPositional)(text);
            const statement = this.handle().prepare(positional.text);
            p = { statement, order: positional.order, reader: statement.reader };
            this.cache.set(text, p);
            if (this.cache.size > SQLITE_CACHE_SIZE)
                this.cache.delete(this.cache.keys().next().value);
        }
        return p;
    }
}
function sqliteDriver(dataSource) {
    // TypeORM's better-sqlite3 driver holds the one connection every query runner shares.
    const handle = () => dataSource.driver.databaseConnection;
    const sql = new SqliteSql(handle);
    return { engine: 'sqlite', root: sql, session: async () => sql };
}
// ---- PostgreSQL --------------------------------------------------------------------------------
/** Texts given a prepared-statement name (each connection prepares a name once, on first use). */
const PG_NAMED_STATEMENTS = 1000;
class StatementNames {
    names = new Map();
    config(text, params) {
        let name = this.names.get(text);
        if (name === undefined && this.names.size < PG_NAMED_STATEMENTS) {
            name = `scs_${this.names.size}`;
            this.names.set(text, name);
        }
        return { text, values: params, ...(name ? { name } : {}) };
    }
}
class PostgresSql extends SqlSession {
    target;
    names;
    engine = 'postgres';
    constructor(target, names) {
        super();
        this.target = target;
        this.names = names;
    }
    async query(text, params = []) {
        const result = await this.target.query(this.names.config(text, params));
        return result.rows;
    }
    async run(text, params = []) {
        const result = await this.target.query(this.names.config(text, params));
        return result.rowCount ?? 0;
    }
    async exec(text) {
        await this.target.query(text);
    }
}
function postgresDriver(dataSource) {
    const names = new StatementNames();
    // TypeORM's pool (sized by DATABASE_POOL_SIZE), created when the data source was initialised
    const pool = () => dataSource.driver.master;
    const root = new PostgresSql({ query: ((config) => pool().query(config)) }, names);
    return {
        engine: 'postgres',
        root,
        session: async (queryRunner) => new PostgresSql((await queryRunner.connect()), names),
    };
}
//# sourceMappingURL=sql-drivers.js.map