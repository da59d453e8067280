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
exports.ApiBudget = void 0;
const common_1 = require("@nestjs/common");
const config_module_1 = require("../config/config.module");
const crm_gateway_port_1 = require("../crm/crm-gateway.port");
const metrics_1 = require("../health/metrics");
/**
 * The org's daily API allocation as Salesforce reports it on every response. Above the configured
 * share, non-urgent syncs (activity logging, reconcile) pause; opt-out write-backs still go. While
 * paused nothing else may call Salesforce, so the reading would never move: at most once every
 * `recheckEveryMs` a cheap call (GET /limits) refreshes it, and the syncs resume below the share.
 */
let ApiBudget = class ApiBudget {
    crm;
    config;
    recheckEveryMs = 60_000;
    lastRecheckAt = 0;
    constructor(crm, config) {
        this.crm = crm;
        this.config = config;
        // calls made and the daily usage itself are on /metrics already (health/crm-metrics.ts)
        (0, metrics_1.registerLiveGauge)('salesforce_api_budget_paused', '1 while non-urgent syncs pause for the API budget', () => (this.paused() ? 1 : 0));
        (0, metrics_1.registerLiveGauge)('salesforce_api_budget_share', 'Share of the daily API allocation above which non-urgent syncs pause', () => this.config.apiBudgetShare);
    }
    snapshot() {
        const { dailyUsed, dailyMax, callsMade } = this.crm.usage();
        const usedShare = dailyUsed !== null && dailyMax ? dailyUsed / dailyMax : null;
        return { dailyUsed, dailyMax, usedShare, pauseAtShare: this.config.apiBudgetShare, paused: this.isAbove(usedShare), callsMade };
    }
    paused() {
        return this.snapshot().paused;
    }
    /** Refreshes a paused reading when it is due; returns whether non-urgent work may go. */
    async mayRunNonUrgent(now = Date.now()) {
        if (!this.paused())
            return true;
        if (now - this.lastRecheckAt >= this.recheckEveryMs) {
            this.lastRecheckAt = now;
            try {
                await this.crm.ping();
            }
            catch {
                // unreachable: stay paused, the outbox keeps the work
            }
        }
        return !this.paused();
    }
    isAbove(usedShare) {
        return usedShare !== null && usedShare >= this.config.apiBudgetShare;
    }
};
exports.ApiBudget = ApiBudget;
exports.ApiBudget = ApiBudget = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [crm_gateway_port_1.CrmGateway, Object])
], ApiBudget);
//# sourceMappingURL=api-budget.js.map