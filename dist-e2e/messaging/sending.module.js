"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SendingModule = void 0;
const common_1 = require("@nestjs/common");
const clock_1 = require("../common/clock");
const crm_mirror_module_1 = require("../crm/crm-mirror.module");
const numbers_module_1 = require("../numbers/numbers.module");
const messages_store_1 = require("./messages.store");
const send_facts_reader_1 = require("./gate/send-facts.reader");
const send_gate_service_1 = require("./gate/send-gate.service");
const record_recipients_service_1 = require("./records/record-recipients.service");
const record_screen_service_1 = require("./records/record-screen.service");
const record_sms_controller_1 = require("./records/record-sms.controller");
const messages_controller_1 = require("./send/messages.controller");
const segments_controller_1 = require("./send/segments.controller");
const send_message_service_1 = require("./send/send-message.service");
const delivery_status_service_1 = require("./status/delivery-status.service");
const status_webhook_controller_1 = require("./status/status-webhook.controller");
/**
 * Sending (issue 4): the send gate, POST /api/messages through the SmsProvider port, delivery
 * status callbacks, the Ad-hoc SMS screen and the segment counter. Exports the gate and the record
 * context for the other messaging pieces (replies, threads).
 */
let SendingModule = class SendingModule {
};
exports.SendingModule = SendingModule;
exports.SendingModule = SendingModule = __decorate([
    (0, common_1.Module)({
        imports: [crm_mirror_module_1.CrmMirrorModule, numbers_module_1.NumbersModule],
        controllers: [messages_controller_1.MessagesController, segments_controller_1.SegmentsController, record_sms_controller_1.RecordSmsController, status_webhook_controller_1.StatusWebhookController],
        providers: [clock_1.Clock, send_facts_reader_1.SendFactsReader, send_gate_service_1.SendGateService, messages_store_1.MessagesStore, record_recipients_service_1.RecordRecipientsService, record_screen_service_1.RecordScreenService, send_message_service_1.SendMessageService, delivery_status_service_1.DeliveryStatusService],
        exports: [clock_1.Clock, messages_store_1.MessagesStore, send_gate_service_1.SendGateService, record_recipients_service_1.RecordRecipientsService, delivery_status_service_1.DeliveryStatusService],
    })
], SendingModule);
//# sourceMappingURL=sending.module.js.map