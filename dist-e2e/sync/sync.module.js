"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SyncModule = void 0;
const common_1 = require("@nestjs/common");
const activity_module_1 = require("./activity.module");
const sync_admin_controller_1 = require("./sync-admin.controller");
const sync_status_service_1 = require("./sync-status.service");
/**
 * The sync admin API (`/api/admin/sync`): start a job and read its run (through the JobRunner of
 * the jobs context), requeue parked outbox entries, and the status of the mirror, the outbox, the
 * API budget and every job.
 */
let SyncModule = class SyncModule {
};
exports.SyncModule = SyncModule;
exports.SyncModule = SyncModule = __decorate([
    (0, common_1.Module)({
        imports: [activity_module_1.ActivityModule],
        controllers: [sync_admin_controller_1.SyncAdminController],
        providers: [sync_status_service_1.SyncStatusService],
    })
], SyncModule);
//# sourceMappingURL=sync.module.js.map