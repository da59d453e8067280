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
exports.KeywordRepliesJob = void 0;
const common_1 = require("@nestjs/common");
const config_module_1 = require("../../config/config.module");
const keyword_reply_sweep_service_1 = require("./keyword-reply-sweep.service");
/**
 * `keyword-replies`: the sweep that sends keyword replies left queued (REPLY_SWEEP_CRON, and once
 * at boot; POST /api/admin/sync/keyword-replies). It makes no Salesforce calls.
 */
let KeywordRepliesJob = class KeywordRepliesJob {
    sweep;
    name = 'keyword-replies';
    lockKey = 'keyword-replies';
    schedule;
    runsAtStart = true;
    constructor(sweep, config) {
        this.sweep = sweep;
        this.schedule = config.schedules.replySweep;
    }
    async run() {
        return { ...(await this.sweep.sweep()), salesforceApiCalls: 0 };
    }
};
exports.KeywordRepliesJob = KeywordRepliesJob;
exports.KeywordRepliesJob = KeywordRepliesJob = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [keyword_reply_sweep_service_1.KeywordReplySweep, Object])
], KeywordRepliesJob);
//# sourceMappingURL=keyword-replies.job.js.map