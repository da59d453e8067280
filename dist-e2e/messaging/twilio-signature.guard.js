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
exports.TwilioSignatureGuard = void 0;
const common_1 = require("@nestjs/common");
const config_module_1 = require("../config/config.module");
const domain_error_1 = require("../common/domain-error");
const sms_provider_port_1 = require("./sms-provider.port");
/**
 * Guards `/webhooks/twilio/*` (CONTRACT §2 Webhooks): the X-Twilio-Signature header must match
 * PUBLIC_BASE_URL + the path and query Twilio called (`request.url`) and the urlencoded form
 * parameters, or the request is refused with 403 INVALID_SIGNATURE before any handler runs.
 * Routes using it are also `@Public()` (Twilio carries no Bearer key).
 *
 * Needs the app to parse `application/x-www-form-urlencoded` bodies into flat string fields (Nest's
 * Fastify parser; a repeated key becomes an array) so `request.body` holds exactly the signed parameters.
 */
let TwilioSignatureGuard = class TwilioSignatureGuard {
    config;
    sms;
    constructor(config, sms) {
        this.config = config;
        this.sms = sms;
    }
    canActivate(context) {
        const request = context.switchToHttp().getRequest();
        const header = request.headers['x-twilio-signature'];
        const signature = Array.isArray(header) ? header[0] : header;
        if (!signature) {
            throw new domain_error_1.DomainError('INVALID_SIGNATURE', 'The request carries no X-Twilio-Signature header.');
        }
        const url = this.config.publicBaseUrl + request.url;
        if (!this.sms.isValidWebhookSignature(url, formParams(request.body), signature)) {
            throw new domain_error_1.DomainError('INVALID_SIGNATURE', 'The X-Twilio-Signature header does not match this request.');
        }
        return true;
    }
};
exports.TwilioSignatureGuard = TwilioSignatureGuard;
exports.TwilioSignatureGuard = TwilioSignatureGuard = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, sms_provider_port_1.SmsProvider])
], TwilioSignatureGuard);
/** The parsed urlencoded body as flat fields; anything else (no body, JSON objects) signs as no fields. */
function formParams(body) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
        return {};
    const params = {};
    for (const [key, value] of Object.entries(body)) {
        if (typeof value === 'string')
            params[key] = value;
        else if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
            params[key] = value;
    }
    return params;
}
//# sourceMappingURL=twilio-signature.guard.js.map