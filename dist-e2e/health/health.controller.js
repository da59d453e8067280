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
exports.HealthController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const typeorm_1 = require("typeorm");
const principal_1 = require("../auth/principal");
const sms_provider_port_1 = require("../messaging/sms-provider.port");
const crm_gateway_port_1 = require("../crm/crm-gateway.port");
const config_module_1 = require("../config/config.module");
const metrics_1 = require("./metrics");
let HealthController = class HealthController {
    dataSource;
    crm;
    sms;
    config;
    constructor(dataSource, crm, sms, config) {
        this.dataSource = dataSource;
        this.crm = crm;
        this.sms = sms;
        this.config = config;
    }
    /** Liveness: the process answers. */
    health() {
        return { status: 'ok', mode: this.config.mode };
    }
    /** Readiness: the database, Salesforce and Twilio all answer; 503 when one does not. */
    async ready(reply) {
        const [database, salesforce, twilio] = await Promise.all([
            probe(() => this.dataSource.query('SELECT 1')),
            probe(() => this.crm.ping()),
            probe(() => this.sms.ping()),
        ]);
        const checks = { database, salesforce, twilio };
        const up = Object.values(checks).every((c) => c.status === 'up');
        reply.status(up ? 200 : 503);
        return { status: up ? 'ready' : 'not_ready', checks };
    }
    metrics() {
        return metrics_1.metricsRegistry.metrics();
    }
};
exports.HealthController = HealthController;
__decorate([
    (0, common_1.Get)('health'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "health", null);
__decorate([
    (0, common_1.Get)('health/ready'),
    __param(0, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "ready", null);
__decorate([
    (0, common_1.Get)('metrics'),
    (0, common_1.HttpCode)(200),
    (0, common_1.Header)('Content-Type', 'text/plain; version=0.0.4'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "metrics", null);
exports.HealthController = HealthController = __decorate([
    (0, swagger_1.ApiTags)('operations'),
    (0, principal_1.Public)(),
    (0, common_1.Controller)(),
    __param(3, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        crm_gateway_port_1.CrmGateway,
        sms_provider_port_1.SmsProvider, Object])
], HealthController);
async function probe(check, timeoutMs = 3000) {
    let timer;
    try {
        await Promise.race([
            check(),
            new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
            }),
        ]);
        return { status: 'up' };
    }
    catch (error) {
        return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    }
    finally {
        clearTimeout(timer);
    }
}
//# sourceMappingURL=health.controller.js.map