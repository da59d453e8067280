"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppModule = void 0;
const common_1 = require("@nestjs/common");
const schedule_1 = require("@nestjs/schedule");
const nestjs_pino_1 = require("nestjs-pino");
const config_module_1 = require("./config/config.module");
const database_module_1 = require("./database/database.module");
const auth_module_1 = require("./auth/auth.module");
const health_module_1 = require("./health/health.module");
const numbers_module_1 = require("./numbers/numbers.module");
const consent_module_1 = require("./consent/consent.module");
const outbox_module_1 = require("./outbox/outbox.module");
const sms_provider_module_1 = require("./messaging/twilio/sms-provider.module");
const crm_module_1 = require("./crm/crm.module");
const sending_module_1 = require("./messaging/sending.module");
const activity_module_1 = require("./sync/activity.module");
const notifications_module_1 = require("./notifications/notifications.module");
const inbound_module_1 = require("./messaging/inbound.module");
const consent_messages_reader_1 = require("./messaging/consent-messages.reader");
const sync_module_1 = require("./sync/sync.module");
const jobs_module_1 = require("./jobs/jobs.module");
const crm_mirror_module_1 = require("./crm/crm-mirror.module");
let AppModule = AppModule_1 = class AppModule {
    static forRoot(config, dataSource, logging) {
        return {
            module: AppModule_1,
            imports: [
                nestjs_pino_1.LoggerModule.forRoot(logging),
                config_module_1.ConfigModule.forConfig(config),
                database_module_1.DatabaseModule.forDataSource(dataSource),
                schedule_1.ScheduleModule.forRoot(),
                auth_module_1.AuthModule,
                health_module_1.HealthModule,
                crm_module_1.CrmModule,
                sms_provider_module_1.SmsProviderModule,
                outbox_module_1.OutboxModule,
                activity_module_1.ActivityModule,
                consent_module_1.ConsentModule,
                consent_messages_reader_1.ConsentMessagesModule,
                numbers_module_1.NumbersModule,
                sending_module_1.SendingModule,
                notifications_module_1.NotificationsModule,
                inbound_module_1.InboundModule,
                jobs_module_1.JobsModule,
                sync_module_1.SyncModule,
                crm_mirror_module_1.CrmMirrorModule,
            ],
        };
    }
};
exports.AppModule = AppModule;
exports.AppModule = AppModule = AppModule_1 = __decorate([
    (0, common_1.Module)({})
], AppModule);
//# sourceMappingURL=app.module.js.map