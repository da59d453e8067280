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
exports.ReconcileService = exports.QUERY_PAGE_SIZE = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const config_module_1 = require("../config/config.module");
const crm_gateway_port_1 = require("../crm/crm-gateway.port");
const crm_mapping_service_1 = require("../crm/crm-mapping.service");
const unit_of_work_1 = require("../database/unit-of-work");
const message_entity_1 = require("../messaging/message.entity");
const activity_flush_service_1 = require("./activity-flush.service");
const api_budget_1 = require("./api-budget");
const outbox_entry_entity_1 = require("../outbox/outbox-entry.entity");
const outbox_service_1 = require("../outbox/outbox.service");
const task_builder_1 = require("./task-builder");
/** Records a query page may hold (the REST query API's maximum). */
exports.QUERY_PAGE_SIZE = 2000;
const LOCAL_PAGE_SIZE = 1000;
/**
 * Compares what the service holds with what Salesforce holds over a window: reads the Tasks
 * carrying our external id in pages of 2,000 (⌈N/2000⌉ reads), queues what is missing or stale in
 * the outbox, then lets the flush write it (⌈missing/200⌉ upserts). Every write is an upsert on
 * the external id or an update by Id, so reconcile can never create a second Task.
 */
let ReconcileService = class ReconcileService {
    dataSource;
    uow;
    crm;
    budget;
    mappings;
    outbox;
    flush;
    config;
    constructor(dataSource, uow, crm, budget, mappings, outbox, flush, config) {
        this.dataSource = dataSource;
        this.uow = uow;
        this.crm = crm;
        this.budget = budget;
        this.mappings = mappings;
        this.outbox = outbox;
        this.flush = flush;
        this.config = config;
    }
    async run(progress, now = new Date()) {
        const callsBefore = this.crm.usage().callsMade;
        const stats = {
            windowDays: this.config.reconcileWindowDays, tasksRead: 0, messagesCompared: 0, missing: 0, stale: 0, relinked: 0,
            inFlight: 0, parked: 0, unknownInCrm: 0, queued: 0, readCalls: 0, recordsWritten: 0, pausedForBudget: 0, outboxPruned: 0, salesforceApiCalls: 0,
        };
        try {
            if (!(await this.budget.mayRunNonUrgent())) {
                stats.pausedForBudget = 1;
                return stats;
            }
            const since = new Date(now.getTime() - this.config.reconcileWindowDays * 86_400_000);
            const tasks = await this.readTasks(since, stats, progress);
            const queue = await this.compare(since, tasks, stats, progress);
            await this.unknownInCrm(tasks, stats);
            await this.enqueue(queue, stats);
            if (stats.queued > 0)
                stats.recordsWritten = (await this.flush.drain()).recordsWritten;
            stats.outboxPruned = await this.pruneDoneOutbox(since);
            return stats;
        }
        finally {
            stats.salesforceApiCalls = this.crm.usage().callsMade - callsBefore;
        }
    }
    /** Done entries older than the window are history nobody reads; pending and parked ones stay. */
    async pruneDoneOutbox(before) {
        return this.uow.run(async (manager) => {
            const result = await manager.getRepository(outbox_entry_entity_1.OutboxEntry).delete({ status: 'done', updatedAt: (0, typeorm_1.LessThan)(before.toISOString()) });
            return result.affected ?? 0;
        });
    }
    async readTasks(since, stats, progress) {
        const { object, externalIdField } = (await this.mappings.mapping()).activity;
        const soql = `SELECT Id, ${externalIdField}, Description FROM ${object} ` +
            `WHERE ${externalIdField} != null AND CreatedDate >= ${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
        const tasks = new Map();
        let page = await this.crm.query(soql, { batchSize: exports.QUERY_PAGE_SIZE });
        for (;;) {
            stats.readCalls++;
            for (const task of page.records)
                tasks.set(String(task[externalIdField]), task);
            stats.tasksRead += page.records.length;
            progress?.update(stats.tasksRead, page.totalSize, 'Salesforce Tasks');
            if (!page.nextRecordsUrl)
                break;
            page = await this.crm.queryMore(page.nextRecordsUrl);
        }
        return tasks;
    }
    /** Walks the window's messages page by page; returns what to queue. Relinks are committed as found. */
    async compare(since, tasks, stats, progress) {
        const queue = [];
        const messages = this.dataSource.getRepository(message_entity_1.Message);
        const total = await messages.countBy({ createdAt: (0, typeorm_1.MoreThanOrEqual)(since.toISOString()) });
        let afterId = '';
        for (;;) {
            const page = await messages.find({
                where: { createdAt: (0, typeorm_1.MoreThanOrEqual)(since.toISOString()), id: (0, typeorm_1.MoreThan)(afterId) },
                order: { id: 'ASC' },
                take: LOCAL_PAGE_SIZE,
            });
            if (page.length === 0)
                break;
            afterId = page[page.length - 1].id;
            const waiting = await this.waitingEntries(page.map((m) => m.id));
            const relinks = [];
            for (const message of page) {
                stats.messagesCompared++;
                const task = tasks.get(message.id);
                tasks.delete(message.id);
                const entry = waiting.get(message.id);
                if (entry === 'pending') {
                    stats.inFlight++;
                    continue;
                }
                if (!task) {
                    if (entry === 'parked')
                        stats.parked++;
                    else {
                        stats.missing++;
                        queue.push({ kind: 'task_upsert', messageId: message.id });
                    }
                    continue;
                }
                if (message.crmActivityId !== task.Id)
                    relinks.push({ id: message.id, taskId: task.Id });
                if (normalise(task.Description) !== (0, task_builder_1.describeMessage)(message)) {
                    stats.stale++;
                    queue.push({ kind: 'task_status', messageId: message.id });
                }
            }
            if (relinks.length) {
                await this.uow.run(async (manager) => {
                    for (const r of relinks)
                        await manager.update(message_entity_1.Message, { id: r.id }, { crmActivityId: r.taskId });
                });
                stats.relinked += relinks.length;
            }
            progress?.update(stats.messagesCompared, total, 'messages');
        }
        return queue;
    }
    /** For each message, whether a Task write of it is waiting ('pending') or was refused ('parked'). */
    async waitingEntries(messageIds) {
        const entries = await this.dataSource.getRepository(outbox_entry_entity_1.OutboxEntry).find({
            select: { id: true, aggregateId: true, status: true },
            where: { kind: (0, typeorm_1.In)(['task_upsert', 'task_status']), status: (0, typeorm_1.In)(['pending', 'parked']), aggregateId: (0, typeorm_1.In)(messageIds) },
        });
        const result = new Map();
        for (const e of entries)
            if (e.status === 'pending' || !result.has(e.aggregateId))
                result.set(e.aggregateId, e.status);
        return result;
    }
    /** What is left of the Tasks read: older messages logged late are fine, the rest are unknown. */
    async unknownInCrm(leftover, stats) {
        const ids = [...leftover.keys()];
        for (let i = 0; i < ids.length; i += LOCAL_PAGE_SIZE) {
            const chunk = ids.slice(i, i + LOCAL_PAGE_SIZE);
            const known = await this.dataSource.getRepository(message_entity_1.Message).countBy({ id: (0, typeorm_1.In)(chunk) });
            stats.unknownInCrm += chunk.length - known;
        }
    }
    /** A Task that vanished loses its stale id locally in the same transaction as its new outbox entry. */
    async enqueue(queue, stats) {
        for (let i = 0; i < queue.length; i += LOCAL_PAGE_SIZE) {
            const chunk = queue.slice(i, i + LOCAL_PAGE_SIZE);
            await this.uow.run(async (manager) => {
                for (const item of chunk) {
                    if (item.kind === 'task_upsert')
                        await manager.update(message_entity_1.Message, { id: item.messageId }, { crmActivityId: null });
                    await this.outbox.enqueue(manager, item.kind, item.messageId, { source: 'reconcile' });
                }
            });
            stats.queued += chunk.length;
        }
    }
};
exports.ReconcileService = ReconcileService;
exports.ReconcileService = ReconcileService = __decorate([
    (0, common_1.Injectable)(),
    __param(7, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        unit_of_work_1.UnitOfWork,
        crm_gateway_port_1.CrmGateway,
        api_budget_1.ApiBudget,
        crm_mapping_service_1.CrmMappingService,
        outbox_service_1.OutboxService,
        activity_flush_service_1.ActivityFlushService, Object])
], ReconcileService);
/** Salesforce may hand a long text back with CRLF line ends. */
function normalise(description) {
    return (description ?? '').replace(/\r\n/g, '\n');
}
//# sourceMappingURL=reconcile.service.js.map