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
var ActivityFlushService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ActivityFlushService = exports.BATCH_SIZE = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const crm_gateway_port_1 = require("../crm/crm-gateway.port");
const crm_mapping_service_1 = require("../crm/crm-mapping.service");
const crm_record_error_1 = require("../crm/crm-record-error");
const prospect_entity_1 = require("../crm/prospect.entity");
const columns_1 = require("../database/columns");
const unit_of_work_1 = require("../database/unit-of-work");
const message_entity_1 = require("../messaging/message.entity");
const api_budget_1 = require("./api-budget");
const outbox_entry_entity_1 = require("../outbox/outbox-entry.entity");
const outbox_service_1 = require("../outbox/outbox.service");
const retry_policy_1 = require("./retry-policy");
const task_builder_1 = require("./task-builder");
const task_source_loader_1 = require("./task-source.loader");
/** sObject Collections take at most 200 records a call. */
exports.BATCH_SIZE = 200;
/** Drain order: opt-out write-backs, then new Tasks, then status changes to logged Tasks. */
const KINDS = Object.keys(outbox_service_1.OUTBOX_PRIORITY).sort((a, b) => outbox_service_1.OUTBOX_PRIORITY[a] - outbox_service_1.OUTBOX_PRIORITY[b]);
/**
 * Drains the outbox into Salesforce: opt-out write-backs first, then Tasks upserted on the
 * external id through Collections (≤ 200 a call), then delivery-status updates. Each batch is read,
 * sent outside any transaction, and its outcome committed in one unit of work — so a crash in
 * between leaves the entries pending and the retry upserts the same external ids (no second Task).
 */
let ActivityFlushService = ActivityFlushService_1 = class ActivityFlushService {
    dataSource;
    uow;
    crm;
    budget;
    mappings;
    loader;
    outbox;
    logger = new common_1.Logger(ActivityFlushService_1.name);
    queue = Promise.resolve();
    /** [0, 1) source for back-off jitter; tests may pin it */
    random = Math.random;
    constructor(dataSource, uow, crm, budget, mappings, loader, outbox) {
        this.dataSource = dataSource;
        this.uow = uow;
        this.crm = crm;
        this.budget = budget;
        this.mappings = mappings;
        this.loader = loader;
        this.outbox = outbox;
    }
    /** One pass over what is due now. Passes never overlap in this process (flush and reconcile share it). */
    drain(progress) {
        const run = this.queue.then(() => this.drainOnce(progress));
        this.queue = run.catch(() => undefined);
        return run;
    }
    async drainOnce(progress) {
        const stats = {
            batches: 0, recordsWritten: 0, tasksLogged: 0, tasksCreated: 0, statusUpdates: 0, doNotSmsWritten: 0,
            deferred: 0, parked: 0, pausedForBudget: 0, stoppedByTransientError: 0, salesforceApiCalls: 0,
        };
        const callsBefore = this.crm.usage().callsMade;
        const startedAt = (0, columns_1.nowIso)();
        const total = await this.dataSource.getRepository(outbox_entry_entity_1.OutboxEntry).countBy({ status: 'pending', nextAttemptAt: (0, typeorm_1.LessThanOrEqual)(startedAt) });
        let handled = 0;
        progress?.update(0, total, 'outbox');
        const mapping = await this.mappings.mapping();
        try {
            kinds: for (const kind of KINDS) {
                let afterId = 0;
                for (;;) {
                    if (progress?.signal?.aborted)
                        break kinds;
                    if (kind !== 'do_not_sms' && !(await this.budget.mayRunNonUrgent())) {
                        stats.pausedForBudget = 1;
                        break kinds;
                    }
                    const entries = await this.dueEntries(kind, afterId, startedAt);
                    if (entries.length === 0)
                        break;
                    afterId = entries[entries.length - 1].id;
                    const result = await this.runBatch(kind, entries, mapping, stats);
                    await this.commit(entries, result, stats);
                    stats.batches++;
                    handled += entries.length;
                    progress?.update(handled, total, kind);
                    if (result.transientCallError) {
                        stats.stoppedByTransientError = 1;
                        this.logger.warn(`flush paused until the back-off: ${result.transientCallError.message}`);
                        break kinds;
                    }
                }
            }
        }
        finally {
            stats.salesforceApiCalls = this.crm.usage().callsMade - callsBefore;
        }
        return stats;
    }
    dueEntries(kind, afterId, now) {
        return this.dataSource.getRepository(outbox_entry_entity_1.OutboxEntry).find({
            where: { status: 'pending', priority: outbox_service_1.OUTBOX_PRIORITY[kind], kind, nextAttemptAt: (0, typeorm_1.LessThanOrEqual)(now), id: (0, typeorm_1.MoreThan)(afterId) },
            order: { id: 'ASC' },
            take: exports.BATCH_SIZE,
        });
    }
    async runBatch(kind, entries, mapping, stats) {
        const result = { outcomes: new Map(), taskIds: new Map(), lostTasks: [], writtenDescriptions: new Map(), transientCallError: null };
        switch (kind) {
            case 'do_not_sms':
                await this.writeDoNotSms(entries, mapping, result, stats);
                break;
            case 'task_upsert':
                await this.upsertTasks(entries, mapping, result, stats);
                break;
            case 'task_status':
                await this.updateStatuses(entries, mapping, result, stats);
                break;
        }
        return result;
    }
    async upsertTasks(entries, mapping, result, stats) {
        const byMessage = groupBy(entries, (e) => e.aggregateId);
        const sources = await this.loader.load([...byMessage.keys()], mapping);
        const ops = [];
        for (const [messageId, group] of byMessage) {
            const source = sources.get(messageId);
            if (!source)
                for (const e of group)
                    result.outcomes.set(e.id, { type: 'park', error: `MESSAGE_NOT_FOUND: message ${messageId} does not exist` });
            else {
                const record = (0, task_builder_1.buildTask)(source, mapping.activity);
                result.writtenDescriptions.set(messageId, String(record.Description));
                ops.push({ entries: group, messageId, record });
            }
        }
        const { object, externalIdField } = mapping.activity;
        await this.write(ops, (records) => this.crm.upsert(object, externalIdField, records), result, (op, written) => {
            result.taskIds.set(op.messageId, written.id);
            stats.tasksLogged++;
            if (written.created)
                stats.tasksCreated++;
        });
    }
    /** A logged Task gets its Description rewritten by Id; a message not logged yet is upserted whole. */
    async updateStatuses(entries, mapping, result, stats) {
        const messages = await this.dataSource.getRepository(message_entity_1.Message).findBy({ id: (0, typeorm_1.In)([...new Set(entries.map((e) => e.aggregateId))]) });
        const byId = new Map(messages.map((m) => [m.id, m]));
        const notLogged = entries.filter((e) => !byId.get(e.aggregateId)?.crmActivityId);
        if (notLogged.length)
            await this.upsertTasks(notLogged, mapping, result, stats);
        const ops = [...groupBy(entries.filter((e) => byId.get(e.aggregateId)?.crmActivityId), (e) => e.aggregateId)].map(([messageId, group]) => {
            const message = byId.get(messageId);
            return { entries: group, messageId, record: { Id: message.crmActivityId, Description: (0, task_builder_1.describeMessage)(message) } };
        });
        await this.write(ops, (records) => this.crm.update(mapping.activity.object, records), result, () => stats.statusUpdates++, (op, kind) => {
            if (kind !== 'NOT_FOUND')
                return undefined;
            result.lostTasks.push(op.messageId);
            return { type: 'again', error: 'the Task was deleted in Salesforce; it is written again' };
        });
    }
    /** The latest value per prospect wins; grouped per People object, one update call each. */
    async writeDoNotSms(entries, mapping, result, stats) {
        const byProspect = groupBy(entries, (e) => e.aggregateId);
        const prospects = await this.dataSource.getRepository(prospect_entity_1.Prospect).findBy({ id: (0, typeorm_1.In)([...byProspect.keys()]) });
        const objectOf = new Map(prospects.map((p) => [p.id, p.objectType]));
        const opsByObject = new Map();
        for (const [prospectId, group] of byProspect) {
            const object = objectOf.get(prospectId) ?? (0, task_source_loader_1.objectTypeOf)(prospectId);
            const field = mapping.people.find((p) => p.object === object)?.doNotSmsField;
            const value = doNotSmsValue(group[group.length - 1]);
            if (!field || value === null) {
                const error = field ? 'INVALID_PAYLOAD: the entry carries no Do-Not-SMS value' : `UNMAPPED_OBJECT: no People mapping for ${object}`;
                for (const e of group)
                    result.outcomes.set(e.id, { type: 'park', error });
                continue;
            }
            const ops = opsByObject.get(object) ?? [];
            ops.push({ entries: group, record: { Id: prospectId, [field]: value } });
            opsByObject.set(object, ops);
        }
        for (const [object, ops] of opsByObject) {
            await this.write(ops, (records) => this.crm.update(object, records), result, () => stats.doNotSmsWritten++);
        }
    }
    /**
     * Sends one Collections call and maps its per-record results back onto the entries: a refused
     * record is decided alone (park or retry), the others go through.
     */
    async write(ops, call, result, onSuccess, onRecordFailure) {
        if (ops.length === 0)
            return;
        const earlier = result.transientCallError;
        if (earlier) {
            // the org already refused a call of this batch: do not knock again before the back-off
            const reason = `${earlier.vendorCode ?? earlier.kind}: ${earlier.message}`;
            for (const op of ops)
                for (const e of op.entries)
                    result.outcomes.set(e.id, this.failed(earlier.kind, e, 'call', reason));
            return;
        }
        let results;
        try {
            results = await call(ops.map((op) => op.record));
        }
        catch (error) {
            const failure = asCrmError(error);
            if (failure.retryable)
                result.transientCallError ??= failure;
            const reason = `${failure.vendorCode ?? failure.kind}: ${failure.message}`;
            for (const op of ops)
                for (const e of op.entries)
                    result.outcomes.set(e.id, this.failed(failure.kind, e, 'call', reason));
            return;
        }
        ops.forEach((op, i) => {
            const written = results[i];
            if (written?.success && written.id) {
                onSuccess(op, written);
                for (const e of op.entries)
                    result.outcomes.set(e.id, { type: 'done' });
                return;
            }
            const first = written?.errors[0];
            // the adapter classifies each record's error; a gateway that does not is classified here
            const kind = first ? (first.kind ?? (0, crm_record_error_1.classifyRecordError)(first)) : 'TEMPORARY';
            const reason = written ? (0, crm_record_error_1.describeRecordErrors)(written) : 'NO_RESULT: Salesforce returned no result for this record';
            const special = onRecordFailure?.(op, kind);
            for (const e of op.entries)
                result.outcomes.set(e.id, special ?? this.failed(kind, e, 'record', reason));
        });
    }
    failed(kind, entry, scope, reason) {
        const decision = (0, retry_policy_1.decideRetry)(kind, entry.attempts + 1, scope, this.random);
        return decision.action === 'park' ? { type: 'park', error: reason } : { type: 'retry', delayMs: decision.delayMs, error: reason };
    }
    /** The batch's outcome in one transaction: Task ids on the messages, each entry's new state. */
    async commit(entries, result, stats) {
        const now = Date.now();
        const at = new Date(now).toISOString();
        const done = [];
        await this.uow.run(async (manager) => {
            for (const [messageId, taskId] of result.taskIds)
                await manager.update(message_entity_1.Message, { id: messageId }, { crmActivityId: taskId });
            await this.followStatusChanges(manager, result);
            for (const messageId of result.lostTasks)
                await manager.update(message_entity_1.Message, { id: messageId }, { crmActivityId: null });
            for (const entry of entries) {
                const outcome = result.outcomes.get(entry.id) ?? { type: 'retry', delayMs: 0, error: 'NOT_SENT: left out of the batch' };
                if (outcome.type === 'done') {
                    done.push(entry.id);
                    continue;
                }
                await this.settle(manager, entry, outcome, now, at, stats);
            }
            if (done.length) {
                await manager
                    .createQueryBuilder()
                    .update(outbox_entry_entity_1.OutboxEntry)
                    .set({ status: 'done', attempts: () => 'attempts + 1', lastError: null, updatedAt: at })
                    .whereInIds(done)
                    .execute();
            }
        });
        stats.recordsWritten += done.length;
    }
    /**
     * A delivery status that arrived while its Task was being written (the message had no Task id
     * yet, so no task_status was queued) follows in a status update, queued in this transaction.
     */
    async followStatusChanges(manager, result) {
        const logged = [...result.taskIds.keys()];
        if (logged.length === 0)
            return;
        const now = await manager.getRepository(message_entity_1.Message).findBy({ id: (0, typeorm_1.In)(logged) });
        for (const message of now) {
            if ((0, task_builder_1.describeMessage)(message) !== result.writtenDescriptions.get(message.id)) {
                await this.outbox.enqueue(manager, 'task_status', message.id, { status: message.status, errorCode: message.errorCode });
            }
        }
    }
    async settle(manager, entry, outcome, now, at, stats) {
        if (outcome.type === 'park') {
            stats.parked++;
            this.logger.warn(`outbox entry ${entry.id} (${entry.kind} ${entry.aggregateId}) parked: ${outcome.error}`);
            await manager.update(outbox_entry_entity_1.OutboxEntry, { id: entry.id }, { status: 'parked', attempts: entry.attempts + 1, lastError: outcome.error, updatedAt: at });
            return;
        }
        stats.deferred++;
        const delay = outcome.type === 'retry' ? outcome.delayMs : 0;
        await manager.update(outbox_entry_entity_1.OutboxEntry, { id: entry.id }, {
            attempts: entry.attempts + (outcome.type === 'retry' ? 1 : 0),
            nextAttemptAt: new Date(now + delay).toISOString(),
            lastError: outcome.error,
            updatedAt: at,
        });
    }
};
exports.ActivityFlushService = ActivityFlushService;
exports.ActivityFlushService = ActivityFlushService = ActivityFlushService_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        unit_of_work_1.UnitOfWork,
        crm_gateway_port_1.CrmGateway,
        api_budget_1.ApiBudget,
        crm_mapping_service_1.CrmMappingService,
        task_source_loader_1.TaskSourceLoader,
        outbox_service_1.OutboxService])
], ActivityFlushService);
function asCrmError(error) {
    if (error instanceof crm_gateway_port_1.CrmError)
        return error;
    // anything the adapter did not classify (a dropped connection, a timeout) is worth a retry
    return new crm_gateway_port_1.CrmError('TEMPORARY', error instanceof Error ? error.message : String(error), null);
}
function doNotSmsValue(entry) {
    try {
        const payload = JSON.parse(entry.payload ?? '{}');
        const value = payload.value ?? payload.doNotSms;
        return typeof value === 'boolean' ? value : null;
    }
    catch {
        return null;
    }
}
function groupBy(items, key) {
    const groups = new Map();
    for (const item of items) {
        const k = key(item);
        const group = groups.get(k);
        if (group)
            group.push(item);
        else
            groups.set(k, [item]);
    }
    return groups;
}
//# sourceMappingURL=activity-flush.service.js.map