"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CrmModule = void 0;
const common_1 = require("@nestjs/common");
const config_module_1 = require("../config/config.module");
const api_call_meter_1 = require("../jobs/api-call-meter");
const crm_gateway_port_1 = require("./crm-gateway.port");
const jsforce_crm_gateway_1 = require("./salesforce/jsforce-crm.gateway");
/**
 * Provides the CrmGateway (jsforce) from AppConfig.salesforce, and its call count as the jobs' ApiCallMeter. In sandbox mode the bootstrap starts
 * the Salesforce stand-in first and puts its settings into the config
 * (`standInSalesforceConfig(standIn)` from src/sandbox/salesforce).
 */
let CrmModule = class CrmModule {
};
exports.CrmModule = CrmModule;
exports.CrmModule = CrmModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({
        providers: [
            {
                provide: crm_gateway_port_1.CrmGateway,
                useFactory: (config) => new jsforce_crm_gateway_1.JsforceCrmGateway(config.salesforce),
                inject: [config_module_1.APP_CONFIG],
            },
            // the job runner records the API calls a run made (stats.salesforceApiCalls) from this count
            {
                provide: api_call_meter_1.ApiCallMeter,
                useFactory: (crm) => ({ callsMade: () => crm.usage().callsMade }),
                inject: [crm_gateway_port_1.CrmGateway],
            },
        ],
        exports: [crm_gateway_port_1.CrmGateway, api_call_meter_1.ApiCallMeter],
    })
], CrmModule);
//# sourceMappingURL=crm.module.js.map