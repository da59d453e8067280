"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.UnitOfWork = exports.Tx = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const sql_1 = require("./sql");
const sql_drivers_1 = require("./sql-drivers");
/** A unit of work's connection: plain SQL through the executor, or TypeORM's manager, in one transaction. */
class Tx extends sql_1.Sql {
    session;
    manager;
    constructor(session, manager) {
        super();
        this.session = session;
        this.manager = manager;
    }
    get engine() {
        return this.session.engine;
    }
    query(text, params) {
        return this.session.query(text, params);
    }
    run(text, params) {
        return this.session.run(text, params);
    }
}
exports.Tx = Tx;
/**
 * Units per transaction. PostgreSQL slows every snapshot once a transaction holds more than 64
 * subtransactions (one savepoint per unit), so its batches stay below that.
 */
const MAX_BATCH = { sqlite: 500, postgres: 60 };
/**
 * The one way to write: `unit(async tx => …)` runs `work` atomically, on both engines the same way.
 *
 * Group commit: the units asked for while a transaction is running (or in the same turn of the
 * event loop) run together in the next one, one after another, each in its own savepoint, so a
 * unit that throws is rolled back and rejected alone while the others commit. Every promise
 * settles only after its transaction committed (or rolled back). One transaction runs at a time:
 * on SQLite that is required (TypeORM shares one connection, STACK.md "A correctness trap"), on
 * PostgreSQL it turns a burst of concurrent requests into one BEGIN … COMMIT on one pooled
 * connection.
 *
 * Never await network I/O inside a unit (it holds every other writer), never write outside one,
 * never start a unit from inside another (it would wait for a transaction that waits for it).
 */
let UnitOfWork = class UnitOfWork {
    dataSource;
    driver;
    queue = [];
    scheduled = false;
    running = false;
    constructor(dataSource) {
        this.dataSource = dataSource;
        this.driver = (0, sql_drivers_1.sqlDriver)(dataSource);
    }
    /** Statements outside any transaction (reads that need not see a unit's writes before it commits). */
    get sql() {
        return this.driver.root;
    }
    unit(work) {
        return new Promise((resolve, reject) => {
            this.queue.push({ work, resolve: resolve, reject });
            if (this.running || this.scheduled)
                return;
            this.scheduled = true;
            // the requests whose bytes are already in (the same poll phase) join this transaction
            setImmediate(() => void this.drain());
        });
    }
    /** A unit written with TypeORM's manager. */
    run(work) {
        return this.unit((tx) => work(tx.manager));
    }
    /** The better-sqlite3 handle TypeORM runs on; null on PostgreSQL. @deprecated being replaced by stores on `Sql` */
    get sqlite() {
        if (this.driver.engine !== 'sqlite')
            return null;
        return this.dataSource.driver.databaseConnection;
    }
    /** @deprecated SQLite only: a synchronous body on the handle, as a unit. */
    runNativeGrouped(work) {
        const db = this.sqlite;
        if (!db)
            return Promise.reject(new Error('runNativeGrouped needs SQLite'));
        return this.unit(async () => work(db));
    }
    async drain() {
        this.scheduled = false;
        this.running = true;
        try {
            while (this.queue.length > 0) {
                const batch = this.queue.splice(0, MAX_BATCH[this.driver.engine]);
                await this.commit(batch);
            }
        }
        finally {
            this.running = false;
        }
    }
    async commit(batch) {
        const outcomes = [];
        let queryRunner = null;
        try {
            queryRunner = this.dataSource.createQueryRunner();
            const session = await this.driver.session(queryRunner);
            const tx = new Tx(session, queryRunner.manager);
            await queryRunner.startTransaction();
            // a unit alone needs no savepoint: when it throws, the transaction is rolled back
            const savepoints = batch.length > 1;
            for (let i = 0; i < batch.length; i++) {
                if (savepoints)
                    await session.exec(i === 0 ? 'SAVEPOINT unit' : 'RELEASE SAVEPOINT unit; SAVEPOINT unit');
                try {
                    outcomes.push({ ok: true, value: await batch[i].work(tx) });
                }
                catch (error) {
                    outcomes.push({ ok: false, error });
                    if (savepoints)
                        await session.exec('ROLLBACK TO SAVEPOINT unit');
                }
            }
            if (outcomes.every((o) => !o.ok))
                await queryRunner.rollbackTransaction();
            else
                await queryRunner.commitTransaction();
        }
        catch (error) {
            // the transaction itself failed (BEGIN, a savepoint, COMMIT): nothing of the batch was kept
            if (queryRunner?.isTransactionActive)
                await queryRunner.rollbackTransaction().catch(() => undefined);
            if (queryRunner)
                await queryRunner.release().catch(() => undefined);
            for (const unit of batch)
                unit.reject(error);
            return;
        }
        await queryRunner.release();
        outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.value) : batch[i].reject(outcome.error)));
    }
};
exports.UnitOfWork = UnitOfWork;
exports.UnitOfWork = UnitOfWork = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], UnitOfWork);
//# sourceMappingURL=unit-of-work.js.map