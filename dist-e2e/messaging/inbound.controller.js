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
exports.InboundController = exports.EMPTY_TWIML = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const principal_1 = require("../auth/principal");
const text_input_interceptor_1 = require("../http/text-input.interceptor");
const domain_error_1 = require("../common/domain-error");
const inbound_service_1 = require("./inbound.service");
const twilio_signature_guard_1 = require("./twilio-signature.guard");
/** The longest MessageSid stored (messages.provider_sid). */
const MAX_SID_LENGTH = 64;
/** An empty TwiML answer: replies go out through the API (see InboundService), not in TwiML. */
exports.EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
let InboundController = class InboundController {
    inbound;
    constructor(inbound) {
        this.inbound = inbound;
    }
    /**
     * Inbound SMS from Twilio (form-encoded, signed). 403 before anything is stored when the
     * signature is bad; a MessageSid seen before is acknowledged with the same 200 and stores nothing.
     */
    async sms(body) {
        const field = (name) => (typeof body?.[name] === 'string' ? body[name] : '');
        const messageSid = field('MessageSid') || field('SmsMessageSid');
        const from = field('From');
        const to = field('To');
        if (!messageSid || !from || !to) {
            throw new domain_error_1.DomainError('BAD_REQUEST', 'An inbound SMS webhook needs MessageSid, From and To.');
        }
        // Twilio's SIDs are 34 characters; a longer one is no Twilio message and could not be stored
        if (messageSid.length > MAX_SID_LENGTH) {
            throw new domain_error_1.DomainError('BAD_REQUEST', `MessageSid is longer than ${MAX_SID_LENGTH} characters: not a Twilio message SID.`);
        }
        // Twilio counts a handful of segments; anything else is ignored (the body is counted instead)
        const numSegments = /^\d{1,3}$/.test(field('NumSegments')) ? Number(field('NumSegments')) : null;
        await this.inbound.receive({ messageSid, from, to, body: field('Body'), numSegments });
        return exports.EMPTY_TWIML;
    }
};
exports.InboundController = InboundController;
__decorate([
    (0, common_1.Post)('sms'),
    (0, common_1.HttpCode)(200),
    (0, common_1.Header)('Content-Type', 'text/xml; charset=utf-8'),
    (0, swagger_1.ApiConsumes)('application/x-www-form-urlencoded'),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], InboundController.prototype, "sms", null);
exports.InboundController = InboundController = __decorate([
    (0, swagger_1.ApiTags)('webhooks'),
    (0, common_1.Controller)('webhooks/twilio'),
    (0, principal_1.Public)(),
    (0, common_1.UseGuards)(twilio_signature_guard_1.TwilioSignatureGuard)
    // a NUL (PostgreSQL cannot store it) becomes U+FFFD after the signature check: never refused, never lost
    ,
    (0, text_input_interceptor_1.ReplaceInvalidText)(),
    __metadata("design:paramtypes", [inbound_service_1.InboundService])
], InboundController);
//# sourceMappingURL=inbound.controller.js.map