"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SmsProviderModule = void 0;
const common_1 = require("@nestjs/common");
const config_module_1 = require("../../config/config.module");
const sms_provider_port_1 = require("../sms-provider.port");
const twilio_sms_provider_1 = require("./twilio-sms.provider");
/**
 * Provides the SmsProvider port, backed by the twilio SDK with the validated settings. In sandbox
 * mode the config's `twilio` section points at the in-process stand-in (apiBaseUrl and its
 * credentials), so nothing here changes; tests may `overrideProvider(SmsProvider)`.
 */
let SmsProviderModule = class SmsProviderModule {
};
exports.SmsProviderModule = SmsProviderModule;
exports.SmsProviderModule = SmsProviderModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({
        providers: [
            {
                provide: sms_provider_port_1.SmsProvider,
                useFactory: (config) => new twilio_sms_provider_1.TwilioSmsProvider(config.twilio),
                inject: [config_module_1.APP_CONFIG],
            },
        ],
        exports: [sms_provider_port_1.SmsProvider],
    })
], SmsProviderModule);
//# sourceMappingURL=sms-provider.module.js.map