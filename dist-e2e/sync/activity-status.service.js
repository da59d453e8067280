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
exports.ActivityStatusService = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const unit_of_work_1 = require("../database/unit-of-work");
const metrics_1 = require("../health/metrics");
const api_budget_1 = require("./api-budget");
const outbox_entry_entity_1 = require("../outbox/outbox-entry.entity");
const outbox_service_1 = require("../outbox/outbox.service");
/**
 * What the activity side adds to GET /api/admin/sync/status and /metrics, and the operator's way
 * back for parked CRM writes (POST /api/admin/sync/outbox/requeue).
 */
let ActivityStatusService = class ActivityStatusService {
    dataSource;
    budget;
    uow;
    outbox;
    constructor(dataSource, budget, uow, outbox) {
        this.dataSource = dataSource;
        this.budget = budget;
        this.uow = uow;
        this.outbox = outbox;
    }
    onModuleInit() {
        const outbox = this.dataSource.getRepository(outbox_entry_entity_1.OutboxEntry);
        (0, metrics_1.registerLiveGauge)('sms_crm_outbox_pending', 'CRM writes waiting in the outbox', () => outbox.countBy({ status: 'pending' }));
        (0, metrics_1.registerLiveGauge)('sms_crm_outbox_parked', 'CRM writes Salesforce refused, parked with their reason', () => outbox.countBy({ status: 'parked' }));
    }
    async status() {
        const rows = await this.dataSource
            .getRepository(outbox_entry_entity_1.OutboxEntry)
            .createQueryBuilder('o')
            .select('o.kind', 'kind')
            .addSelect('o.status', 'status')
            .addSelect('COUNT(*)', 'count')
            .where("o.status IN ('pending', 'parked')")
            .groupBy('o.kind')
            .addGroupBy('o.status')
            .getRawMany();
        const zero = () => ({ do_not_sms: 0, task_upsert: 0, task_status: 0 });
        const pending = zero();
        const parked = zero();
        for (const row of rows)
            (row.status === 'pending' ? pending : parked)[row.kind] = Number(row.count);
        const recentlyParked = await this.dataSource.getRepository(outbox_entry_entity_1.OutboxEntry).find({
            select: { id: true, kind: true, aggregateId: true, attempts: true, lastError: true, updatedAt: true },
            where: { status: 'parked' },
            order: { updatedAt: 'DESC', id: 'DESC' },
            take: 20,
        });
        return { apiBudget: this.budget.snapshot(), outbox: { pending, parked, recentlyParked } };
    }
    /** Parked entries (all, or those of `ids`) go back in the queue; the next activity flush retries them. */
    async requeueParked(ids) {
        return { requeued: await this.uow.run((manager) => this.outbox.requeueParked(manager, ids)) };
    }
};
exports.ActivityStatusService = ActivityStatusService;
exports.ActivityStatusService = ActivityStatusService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        api_budget_1.ApiBudget,
        unit_of_work_1.UnitOfWork,
        outbox_service_1.OutboxService])
], ActivityStatusService);
//# sourceMappingURL=activity-status.service.js.map