"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboxService = exports.OUTBOX_PRIORITY = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
const outbox_entry_entity_1 = require("./outbox-entry.entity");
/** Opt-out write-backs drain before activity logging (a compliance fact beats a timeline entry). */
exports.OUTBOX_PRIORITY = { do_not_sms: 0, task_upsert: 10, task_status: 20 };
/**
 * Queues a CRM write inside the caller's transaction (pass the UnitOfWork's manager), so the
 * write exists exactly when the change that needs it was committed.
 */
let OutboxService = class OutboxService {
    /** Queues the same kind of write for many aggregates in one statement (a batch of inbound replies). */
    async enqueueMany(manager, kind, aggregateIds) {
        if (aggregateIds.length === 0)
            return;
        const now = (0, columns_1.nowIso)();
        // updateEntity(false): the generated ids are not needed, so skip TypeORM's read-back of them.
        const rows = aggregateIds.map((aggregateId) => ({
            kind,
            aggregateId,
            payload: null,
            priority: exports.OUTBOX_PRIORITY[kind],
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            lastError: null,
            createdAt: now,
            updatedAt: now,
        }));
        await manager.createQueryBuilder().insert().into(outbox_entry_entity_1.OutboxEntry).values(rows).updateEntity(false).execute();
    }
    /**
     * Puts parked entries (all of them, or those of `ids`) back in the queue with a fresh set of
     * attempts, due now; their last error stays until the next attempt. Entries that are not
     * parked are left alone. Returns how many were requeued.
     */
    async requeueParked(manager, ids) {
        if (ids?.length === 0)
            return 0;
        const now = (0, columns_1.nowIso)();
        const result = await manager
            .getRepository(outbox_entry_entity_1.OutboxEntry)
            .update({ status: 'parked', ...(ids ? { id: (0, typeorm_1.In)(ids) } : {}) }, { status: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: now });
        return result.affected ?? 0;
    }
    async enqueue(manager, kind, aggregateId, payload) {
        const now = (0, columns_1.nowIso)();
        await manager.getRepository(outbox_entry_entity_1.OutboxEntry).insert({
            kind,
            aggregateId,
            payload: payload ? JSON.stringify(payload) : null,
            priority: exports.OUTBOX_PRIORITY[kind],
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            lastError: null,
            createdAt: now,
            updatedAt: now,
        });
    }
};
exports.OutboxService = OutboxService;
exports.OutboxService = OutboxService = __decorate([
    (0, common_1.Injectable)()
], OutboxService);
//# sourceMappingURL=outbox.service.js.map