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
exports.SyncRun = void 0;
const typeorm_1 = require("typeorm");
let SyncRun = class SyncRun {
    id;
    /** the handler's name (JobHandler.name) */
    job;
    status;
    startedAt;
    finishedAt;
    /** JSON: salesforceApiCalls, records read/written, warnings… */
    stats;
    error;
    /** what the run holds while it runs (mirror and full-resync share one key); see the lease migration */
    lockKey;
    /** renewed while the run is alive; a running row with an old heartbeat was abandoned */
    heartbeatAt;
};
exports.SyncRun = SyncRun;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], SyncRun.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 20 }),
    __metadata("design:type", String)
], SyncRun.prototype, "job", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 10 }),
    __metadata("design:type", String)
], SyncRun.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'started_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], SyncRun.prototype, "startedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'finished_at', type: 'varchar', length: 30, nullable: true }),
    __metadata("design:type", Object)
], SyncRun.prototype, "finishedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], SyncRun.prototype, "stats", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], SyncRun.prototype, "error", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'lock_key', type: 'varchar', length: 20, nullable: true }),
    __metadata("design:type", Object)
], SyncRun.prototype, "lockKey", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'heartbeat_at', type: 'varchar', length: 30, nullable: true }),
    __metadata("design:type", Object)
], SyncRun.prototype, "heartbeatAt", void 0);
exports.SyncRun = SyncRun = __decorate([
    (0, typeorm_1.Entity)('sync_runs'),
    (0, typeorm_1.Index)('ix_sync_runs_job_started', ['job', 'startedAt'])
], SyncRun);
//# sourceMappingURL=sync-run.entity.js.map