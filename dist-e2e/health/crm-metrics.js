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
exports.CrmMetrics = void 0;
const common_1 = require("@nestjs/common");
const crm_gateway_port_1 = require("../crm/crm-gateway.port");
const metrics_1 = require("./metrics");
/** Salesforce API spend on /metrics: calls this process made, and the org's daily usage. */
let CrmMetrics = class CrmMetrics {
    crm;
    constructor(crm) {
        this.crm = crm;
    }
    onModuleInit() {
        (0, metrics_1.registerLiveGauge)('salesforce_api_calls_made', 'Salesforce API calls this process has made since it started', () => this.crm.usage().callsMade);
        (0, metrics_1.registerLiveGauge)('salesforce_daily_api_used', 'Daily API requests used by the org (last Sforce-Limit-Info seen; -1 unknown)', () => this.crm.usage().dailyUsed ?? -1);
        (0, metrics_1.registerLiveGauge)('salesforce_daily_api_max', 'Daily API request allocation of the org (-1 unknown)', () => this.crm.usage().dailyMax ?? -1);
    }
};
exports.CrmMetrics = CrmMetrics;
exports.CrmMetrics = CrmMetrics = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [crm_gateway_port_1.CrmGateway])
], CrmMetrics);
//# sourceMappingURL=crm-metrics.js.map