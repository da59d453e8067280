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
exports.SyncStatusService = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const activity_status_service_1 = require("./activity-status.service");
const outbox_entry_entity_1 = require("../outbox/outbox-entry.entity");
const job_runner_service_1 = require("../jobs/job-runner.service");
const sync_watermark_entity_1 = require("../crm/mirror/sync-watermark.entity");
/**
 * GET /api/admin/sync/status: where the mirror stands, what waits in the outbox (in total, by kind,
 * and the latest parked entries with their reason), the Salesforce API budget, how each job last ended.
 */
let SyncStatusService = class SyncStatusService {
    dataSource;
    runner;
    activity;
    constructor(dataSource, runner, activity) {
        this.dataSource = dataSource;
        this.runner = runner;
        this.activity = activity;
    }
    async status() {
        const outbox = this.dataSource.getRepository(outbox_entry_entity_1.OutboxEntry);
        const [watermarks, outboxDepth, outboxParked, lastRuns, { apiBudget, outbox: byKind }] = await Promise.all([
            this.dataSource.getRepository(sync_watermark_entity_1.SyncWatermark).find({ order: { objectName: 'ASC' } }),
            outbox.countBy({ status: 'pending' }),
            outbox.countBy({ status: 'parked' }),
            this.runner.lastRuns(),
            this.activity.status(),
        ]);
        const jobs = Object.fromEntries(this.runner.registered().map((job) => [
            job,
            {
                registered: true,
                running: this.runner.isRunning(job) || lastRuns[job]?.status === 'running',
                schedule: this.runner.handler(job)?.schedule ?? null,
                lastRun: lastRuns[job] ?? null,
            },
        ]));
        return {
            watermarks: watermarks.map((w) => ({ object: w.objectName, lastModstamp: w.lastModstamp, lastId: w.lastId, updatedAt: w.updatedAt })),
            outboxDepth,
            outboxParked,
            outbox: byKind,
            apiBudget,
            jobs,
        };
    }
};
exports.SyncStatusService = SyncStatusService;
exports.SyncStatusService = SyncStatusService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        job_runner_service_1.JobRunner,
        activity_status_service_1.ActivityStatusService])
], SyncStatusService);
//# sourceMappingURL=sync-status.service.js.map