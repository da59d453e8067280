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
exports.FullResyncJob = exports.MirrorJob = void 0;
const common_1 = require("@nestjs/common");
const config_module_1 = require("../../config/config.module");
const crm_mirror_service_1 = require("./crm-mirror.service");
/** Both mirror jobs write the mirror, so they hold the same lock and exclude each other. */
const MIRROR_LOCK = 'crm-mirror';
/** `mirror`: the incremental run (MIRROR_CRON, POST /api/admin/sync/mirror, `sync mirror`); also runs at start. */
let MirrorJob = class MirrorJob {
    mirror;
    name = 'mirror';
    lockKey = MIRROR_LOCK;
    schedule;
    runsAtStart = true;
    constructor(mirror, config) {
        this.mirror = mirror;
        this.schedule = config.schedules.mirror;
    }
    run(progress) {
        return this.mirror.run('incremental', progress);
    }
};
exports.MirrorJob = MirrorJob;
exports.MirrorJob = MirrorJob = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [crm_mirror_service_1.CrmMirrorService, Object])
], MirrorJob);
/** `full-resync` (FULL_RESYNC_CRON): re-reads everything and removes what Salesforce no longer has. */
let FullResyncJob = class FullResyncJob {
    mirror;
    name = 'full-resync';
    lockKey = MIRROR_LOCK;
    schedule;
    constructor(mirror, config) {
        this.mirror = mirror;
        this.schedule = config.schedules.fullResync;
    }
    run(progress) {
        return this.mirror.run('full', progress);
    }
};
exports.FullResyncJob = FullResyncJob;
exports.FullResyncJob = FullResyncJob = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [crm_mirror_service_1.CrmMirrorService, Object])
], FullResyncJob);
//# sourceMappingURL=mirror.jobs.js.map