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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CrmMirrorService = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const config_module_1 = require("../../config/config.module");
const columns_1 = require("../../database/columns");
const unit_of_work_1 = require("../../database/unit-of-work");
const job_handler_1 = require("../../jobs/job-handler");
const sync_watermark_entity_1 = require("./sync-watermark.entity");
const crm_gateway_port_1 = require("../crm-gateway.port");
const crm_mapping_service_1 = require("../crm-mapping.service");
const mirror_rows_1 = require("./mirror-rows");
const mirror_store_1 = require("./mirror-store");
const mirror_spec_1 = require("./mirror-spec");
const retry_1 = require("./retry");
const emptyStats = () => ({
    recordsRead: 0,
    recordsUpserted: 0,
    recordsRemoved: 0,
    recordsWritten: 0,
    phoneWarnings: 0,
    pages: 0,
    retries: 0,
    objects: 0,
    salesforceApiCalls: 0,
});
/**
 * The CRM mirror: Accounts and the People of the mapping, read with SystemModstamp-watermarked
 * SOQL and streamed page by page into the database.
 *
 * - incremental: `queryAll` of everything stamped at or after the watermark less
 *   MIRROR_OVERLAP_SECONDS, so deletions arrive in the same query as edits (a deleted record's
 *   stamp moves), saves stamped in an already-read second or committed late are read by the next
 *   poll, and an idle poll is one call per object. Every record read is applied at once. Each
 *   page is committed with its watermark advance in one unit of work: a failure half-way leaves
 *   the watermark at the last committed page and nothing half-written. A complete run moves the
 *   watermark to the second its query ran on Salesforce's clock (queryRanAt).
 * - full: re-reads every live record, then sweeps what was not written since the run began
 *   (records Salesforce no longer has, even purged ones the incremental path cannot see), and
 *   moves the watermark to the second its query ran.
 *
 * At most two pages are in memory: the one being committed and the next one being fetched.
 * `salesforceApiCalls` counts the mirror's own query calls (retries included); an OAuth token
 * request the connection makes on the way is connection overhead, counted on /metrics.
 */
let CrmMirrorService = class CrmMirrorService {
    crm;
    mappings;
    uow;
    retry;
    config;
    logger = new common_1.Logger('CrmMirror');
    store;
    constructor(crm, mappings, uow, retry, dataSource, config) {
        this.crm = crm;
        this.mappings = mappings;
        this.uow = uow;
        this.retry = retry;
        this.config = config;
        this.store = (0, mirror_store_1.createMirrorStore)(dataSource.manager);
    }
    /** Mirrors every object of the active mapping; one object failing does not stop the others, but fails the run. */
    async run(mode, progress) {
        const mapping = await this.mappings.mapping();
        const stats = emptyStats();
        const failures = [];
        for (const spec of (0, mirror_spec_1.mirrorSpecs)(mapping)) {
            if (progress.signal?.aborted)
                throw new job_handler_1.JobFailedError('stopped: the process is shutting down', stats);
            try {
                await this.mirrorObject(spec, mode, stats, progress);
                stats.objects++;
            }
            catch (error) {
                const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
                this.logger.warn({ msg: 'mirror of an object failed; its watermark stays at the last committed page', object: spec.object, mode, reason });
                failures.push(`${spec.object}: ${reason}`);
            }
        }
        if (failures.length)
            throw new job_handler_1.JobFailedError(`mirror ${mode === 'full' ? '(full resync) ' : ''}failed for ${failures.join('; ')}`, stats);
        return stats;
    }
    async mirrorObject(spec, mode, stats, progress) {
        const startedAt = (0, columns_1.nowIso)();
        const after = mode === 'incremental' ? await this.watermarkOf(spec.object) : null;
        const fetch = (call) => (0, retry_1.withRetry)(call, this.retry, {
            onAttempt: () => stats.salesforceApiCalls++,
            onRetry: (error, attempt) => {
                stats.retries++;
                this.logger.warn({ msg: 'transient Salesforce error on a mirror page; retrying', object: spec.object, attempt, kind: error.kind, reason: error.message });
            },
        });
        const sentAt = Date.now();
        const soql = (0, mirror_spec_1.mirrorSoql)(spec, after, this.config.mirrorOverlapSeconds);
        let page = await fetch(() => this.crm.query(soql, { batchSize: mirror_spec_1.MIRROR_BATCH_SIZE, includeDeleted: mode === 'incremental' }));
        const ranAt = { modstamp: (0, mirror_spec_1.queryRanAt)(page.serverTime, sentAt, Date.now()), id: '' };
        const total = page.totalSize;
        let done = 0;
        let mark = after; // the watermark as committed
        progress.update(0, total, spec.object);
        for (;;) {
            // fetch the next page while this one is written (a failure surfaces when it is awaited)
            const nextUrl = page.done ? null : page.nextRecordsUrl;
            const next = nextUrl ? fetch(() => this.crm.queryMore(nextUrl)) : null;
            next?.catch(() => undefined);
            const rows = (0, mirror_rows_1.pageRows)(spec, page.records);
            const read = page.records.length;
            page.records = []; // the rows hold what is needed: let the page go before the next one arrives
            // incremental: the last record committed mid-run, the query's second once the run is
            // complete; never backwards (an overlap re-read, a clock behind the watermark)
            let watermark = null;
            if (mode === 'incremental') {
                if (next && rows.last && (0, mirror_spec_1.isAfter)(rows.last, mark))
                    watermark = rows.last;
                if (!next && (0, mirror_spec_1.notBefore)(ranAt, mark))
                    watermark = ranAt;
            }
            const syncedAt = (0, columns_1.nowIso)();
            const result = await this.uow.run((manager) => this.store.applyPage(manager, {
                object: spec.object,
                kind: spec.kind,
                prospects: rows.prospects,
                accounts: rows.accounts,
                removedIds: rows.removedIds,
                watermark,
                syncedAt,
            }));
            mark = watermark ?? mark;
            stats.pages++;
            stats.recordsRead += read;
            stats.recordsUpserted += result.upserted;
            stats.recordsRemoved += result.removed;
            stats.recordsWritten += result.upserted + result.removed;
            stats.phoneWarnings += rows.phoneWarnings;
            done += read;
            progress.update(done, total, spec.object);
            if (!next)
                break;
            if (progress.signal?.aborted)
                throw new Error('stopped: the process is shutting down');
            page = await next;
        }
        if (mode === 'full')
            await this.sweep(spec, startedAt, ranAt, stats);
    }
    /** After a complete full read: drop what was not seen, and move the watermark up to the second the read ran. */
    async sweep(spec, startedAt, reached, stats) {
        const swept = await this.uow.run(async (manager) => {
            const removed = await this.store.sweep(manager, spec.object, spec.kind, startedAt);
            const repo = manager.getRepository(sync_watermark_entity_1.SyncWatermark);
            const current = await repo.findOneBy({ objectName: spec.object });
            if ((0, mirror_spec_1.notBefore)(reached, current ? { modstamp: current.lastModstamp, id: current.lastId } : null)) {
                await repo.save({ objectName: spec.object, lastModstamp: reached.modstamp, lastId: reached.id, updatedAt: (0, columns_1.nowIso)() });
            }
            return removed;
        });
        stats.recordsRemoved += swept;
        stats.recordsWritten += swept;
    }
    async watermarkOf(objectName) {
        const row = await this.uow.run((manager) => manager.getRepository(sync_watermark_entity_1.SyncWatermark).findOneBy({ objectName }));
        return row ? { modstamp: row.lastModstamp, id: row.lastId } : null;
    }
};
exports.CrmMirrorService = CrmMirrorService;
exports.CrmMirrorService = CrmMirrorService = __decorate([
    (0, common_1.Injectable)(),
    __param(5, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [crm_gateway_port_1.CrmGateway,
        crm_mapping_service_1.CrmMappingService,
        unit_of_work_1.UnitOfWork,
        retry_1.MirrorRetryPolicy,
        typeorm_1.DataSource, Object])
], CrmMirrorService);
//# sourceMappingURL=crm-mirror.service.js.map