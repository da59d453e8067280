"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CrmGateway = exports.CrmError = void 0;
class CrmError extends Error {
    kind;
    vendorCode;
    constructor(kind, message, 
    /** the Salesforce errorCode (e.g. UNABLE_TO_LOCK_ROW) or HTTP status, for logs and stats */
    vendorCode = null) {
        super(message);
        this.kind = kind;
        this.vendorCode = vendorCode;
        this.name = 'CrmError';
    }
    get retryable() {
        return this.kind === 'TEMPORARY' || this.kind === 'RATE_LIMITED' || this.kind === 'AUTH_EXPIRED';
    }
}
exports.CrmError = CrmError;
class CrmGateway {
}
exports.CrmGateway = CrmGateway;
//# sourceMappingURL=crm-gateway.port.js.map