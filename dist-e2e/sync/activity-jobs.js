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
exports.ReconcileJob = exports.ActivityFlushJob = void 0;
const common_1 = require("@nestjs/common");
const config_module_1 = require("../config/config.module");
const activity_flush_service_1 = require("./activity-flush.service");
const reconcile_service_1 = require("./reconcile.service");
/**
 * The two activity jobs as the job runner sees them (ACTIVITY_FLUSH_CRON / RECONCILE_CRON,
 * POST /api/admin/sync/{job}, `sync <job>`): each only delegates to its service.
 */
let ActivityFlushJob = class ActivityFlushJob {
    flush;
    name = 'activity-flush';
    lockKey = 'activity-flush';
    schedule;
    constructor(flush, config) {
        this.flush = flush;
        this.schedule = config.schedules.activityFlush;
    }
    run(progress) {
        return this.flush.drain(progress);
    }
};
exports.ActivityFlushJob = ActivityFlushJob;
exports.ActivityFlushJob = ActivityFlushJob = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [activity_flush_service_1.ActivityFlushService, Object])
], ActivityFlushJob);
let ReconcileJob = class ReconcileJob {
    reconcile;
    name = 'reconcile';
    lockKey = 'reconcile';
    schedule;
    constructor(reconcile, config) {
        this.reconcile = reconcile;
        this.schedule = config.schedules.reconcile;
    }
    run(progress) {
        return this.reconcile.run(progress);
    }
};
exports.ReconcileJob = ReconcileJob;
exports.ReconcileJob = ReconcileJob = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [reconcile_service_1.ReconcileService, Object])
], ReconcileJob);
//# sourceMappingURL=activity-jobs.js.map