"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SmsProvider = exports.SmsProviderError = void 0;
class SmsProviderError extends Error {
    kind;
    providerCode;
    constructor(kind, message, providerCode = null) {
        super(message);
        this.kind = kind;
        this.providerCode = providerCode;
        this.name = 'SmsProviderError';
    }
}
exports.SmsProviderError = SmsProviderError;
class SmsProvider {
}
exports.SmsProvider = SmsProvider;
//# sourceMappingURL=sms-provider.port.js.map