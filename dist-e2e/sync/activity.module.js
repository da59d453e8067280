"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ActivityModule = void 0;
const common_1 = require("@nestjs/common");
const crm_mirror_module_1 = require("../crm/crm-mirror.module");
const activity_flush_service_1 = require("./activity-flush.service");
const activity_jobs_1 = require("./activity-jobs");
const activity_status_service_1 = require("./activity-status.service");
const api_budget_1 = require("./api-budget");
const reconcile_service_1 = require("./reconcile.service");
const task_source_loader_1 = require("./task-source.loader");
/**
 * Activity logging (issue 6): the outbox drained into Salesforce Tasks, Do-Not-SMS write-backs,
 * the API budget and the reconcile job. The job runner finds the two SyncJobHandlers itself; the
 * CrmGateway comes from the global CrmModule, the mapping in force from CrmMirrorModule's CrmMappingService.
 */
let ActivityModule = class ActivityModule {
};
exports.ActivityModule = ActivityModule;
exports.ActivityModule = ActivityModule = __decorate([
    (0, common_1.Module)({
        imports: [crm_mirror_module_1.CrmMirrorModule],
        providers: [
            api_budget_1.ApiBudget,
            task_source_loader_1.TaskSourceLoader,
            activity_flush_service_1.ActivityFlushService,
            reconcile_service_1.ReconcileService,
            activity_status_service_1.ActivityStatusService,
            activity_jobs_1.ActivityFlushJob,
            activity_jobs_1.ReconcileJob,
        ],
        exports: [api_budget_1.ApiBudget, activity_flush_service_1.ActivityFlushService, reconcile_service_1.ReconcileService, activity_status_service_1.ActivityStatusService],
    })
], ActivityModule);
//# sourceMappingURL=activity.module.js.map