"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TwilioSmsProvider = void 0;
const twilio_1 = __importDefault(require("twilio"));
const sms_provider_port_1 = require("../sms-provider.port");
const twilio_error_util_1 = require("./twilio-error.util");
const twilio_http_client_1 = require("./twilio-http-client");
const twilio_status_util_1 = require("./twilio-status.util");
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RATE_LIMIT_RETRIES = 2;
/** The SmsProvider port over the real twilio SDK: the only place (with its helpers) that imports `twilio`. */
class TwilioSmsProvider extends sms_provider_port_1.SmsProvider {
    config;
    client;
    constructor(config, options = {}) {
        super();
        this.config = config;
        const httpClient = new twilio_http_client_1.TwilioHttpClient({
            apiBaseUrl: config.apiBaseUrl,
            timeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
            rateLimitRetries: options.rateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES,
        });
        this.client = (0, twilio_1.default)(config.accountSid, config.authToken, { httpClient });
    }
    async send(sms) {
        try {
            const message = await this.client.messages.create({
                to: sms.to,
                from: sms.from,
                body: sms.body,
                statusCallback: sms.statusCallbackUrl,
                ...(this.config.messagingServiceSid ? { messagingServiceSid: this.config.messagingServiceSid } : {}),
            });
            return { providerMessageId: message.sid, status: (0, twilio_status_util_1.toDeliveryStatus)(message.status) ?? 'queued' };
        }
        catch (error) {
            throw toProviderError(error);
        }
    }
    isValidWebhookSignature(url, params, signature) {
        if (!signature || !this.config.authToken)
            return false;
        return twilio_1.default.validateRequest(this.config.authToken, signature, url, params);
    }
    async ping() {
        try {
            await this.client.api.v2010.accounts(this.config.accountSid).fetch();
        }
        catch (error) {
            throw toProviderError(error);
        }
    }
    errorKindOf(providerCode) {
        return (0, twilio_error_util_1.classifyTwilioErrorCode)(providerCode);
    }
}
exports.TwilioSmsProvider = TwilioSmsProvider;
function toProviderError(error) {
    const { kind, message, providerCode } = (0, twilio_error_util_1.classifyTwilioError)(error);
    return new sms_provider_port_1.SmsProviderError(kind, message, providerCode);
}
//# sourceMappingURL=twilio-sms.provider.js.map