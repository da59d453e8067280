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
exports.StatusWebhookController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const principal_1 = require("../../auth/principal");
const text_input_interceptor_1 = require("../../http/text-input.interceptor");
const twilio_signature_guard_1 = require("../twilio-signature.guard");
const twilio_status_util_1 = require("../twilio/twilio-status.util");
const delivery_status_service_1 = require("./delivery-status.service");
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
/** Twilio's delivery status callbacks (`MessageSid, MessageStatus, ErrorCode`), signature-checked. */
let StatusWebhookController = class StatusWebhookController {
    statuses;
    constructor(statuses) {
        this.statuses = statuses;
    }
    async status(body) {
        const status = (0, twilio_status_util_1.toDeliveryStatus)(body.MessageStatus ?? body.SmsStatus);
        const sid = body.MessageSid ?? body.SmsSid;
        if (status && sid) {
            const errorCode = body.ErrorCode && body.ErrorCode.trim() !== '' ? body.ErrorCode.trim().slice(0, 12) : null;
            await this.statuses.apply(sid, status, errorCode);
        }
        return EMPTY_TWIML;
    }
};
exports.StatusWebhookController = StatusWebhookController;
__decorate([
    (0, common_1.Post)(),
    (0, common_1.HttpCode)(200),
    (0, common_1.Header)('Content-Type', 'text/xml'),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], StatusWebhookController.prototype, "status", null);
exports.StatusWebhookController = StatusWebhookController = __decorate([
    (0, swagger_1.ApiTags)('webhooks'),
    (0, principal_1.Public)(),
    (0, common_1.UseGuards)(twilio_signature_guard_1.TwilioSignatureGuard)
    // a NUL (PostgreSQL cannot store it) becomes U+FFFD after the signature check: never refused, never lost
    ,
    (0, text_input_interceptor_1.ReplaceInvalidText)(),
    (0, common_1.Controller)('webhooks/twilio/status'),
    __metadata("design:paramtypes", [delivery_status_service_1.DeliveryStatusService])
], StatusWebhookController);
//# sourceMappingURL=status-webhook.controller.js.map