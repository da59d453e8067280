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
exports.SyncAdminController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const principal_1 = require("../auth/principal");
const activity_status_service_1 = require("./activity-status.service");
const job_runner_service_1 = require("../jobs/job-runner.service");
const sync_admin_dto_1 = require("./sync-admin.dto");
const sync_status_service_1 = require("./sync-status.service");
let SyncAdminController = class SyncAdminController {
    runner;
    syncStatus;
    activity;
    constructor(runner, syncStatus, activity) {
        this.runner = runner;
        this.syncStatus = syncStatus;
        this.activity = activity;
    }
    requeue(body) {
        return this.activity.requeueParked(body.ids);
    }
    async start(job) {
        return { runId: await this.runner.start(job) };
    }
    run(runId) {
        return this.runner.findRun(runId);
    }
    status() {
        return this.syncStatus.status();
    }
};
exports.SyncAdminController = SyncAdminController;
__decorate([
    (0, common_1.Post)('outbox/requeue'),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOperation)({ summary: 'Put parked outbox entries (all, or those of ids) back in the queue for the next activity flush' }),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [sync_admin_dto_1.RequeueOutboxDto]),
    __metadata("design:returntype", void 0)
], SyncAdminController.prototype, "requeue", null);
__decorate([
    (0, common_1.Post)(':job'),
    (0, common_1.HttpCode)(202),
    (0, swagger_1.ApiOperation)({ summary: 'Start a sync job in the background; 409 JOB_RUNNING when it already runs' }),
    (0, swagger_1.ApiParam)({ name: 'job', description: 'a job of this service: mirror, full-resync, activity-flush, reconcile, keyword-replies, … (GET status lists them)' }),
    __param(0, (0, common_1.Param)('job')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], SyncAdminController.prototype, "start", null);
__decorate([
    (0, common_1.Get)('runs/:runId'),
    (0, swagger_1.ApiOperation)({ summary: 'One run: status, times and stats (salesforceApiCalls, records read / written)' }),
    __param(0, (0, common_1.Param)('runId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], SyncAdminController.prototype, "run", null);
__decorate([
    (0, common_1.Get)('status'),
    (0, swagger_1.ApiOperation)({ summary: 'Watermarks, outbox depth (by kind, with the latest parked entries), the API budget and the last run of each job' }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], SyncAdminController.prototype, "status", null);
exports.SyncAdminController = SyncAdminController = __decorate([
    (0, swagger_1.ApiTags)('admin'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, principal_1.Roles)('admin'),
    (0, common_1.Controller)('api/admin/sync'),
    __metadata("design:paramtypes", [job_runner_service_1.JobRunner,
        sync_status_service_1.SyncStatusService,
        activity_status_service_1.ActivityStatusService])
], SyncAdminController);
//# sourceMappingURL=sync-admin.controller.js.map