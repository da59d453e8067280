"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobsModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const job_runner_service_1 = require("./job-runner.service");
const job_scheduler_service_1 = require("./job-scheduler.service");
/**
 * The jobs context: the runner every job goes through (API, schedules, CLI), its lease in
 * sync_runs, and the scheduler. A context adds a job by providing a JobHandler (job-handler.ts);
 * the runner discovers it. The CRM's API calls are counted through ApiCallMeter (provided by CrmModule).
 */
let JobsModule = class JobsModule {
};
exports.JobsModule = JobsModule;
exports.JobsModule = JobsModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({
        imports: [core_1.DiscoveryModule],
        providers: [job_runner_service_1.JobRunner, job_scheduler_service_1.JobScheduler],
        exports: [job_runner_service_1.JobRunner],
    })
], JobsModule);
//# sourceMappingURL=jobs.module.js.map