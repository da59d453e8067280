"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MirrorRetryPolicy = void 0;
exports.withRetry = withRetry;
const common_1 = require("@nestjs/common");
const crm_gateway_port_1 = require("../crm-gateway.port");
/**
 * Back-off for a mirror page that fails with a transient CrmError (503, REQUEST_LIMIT_EXCEEDED,
 * network): one try plus one per delay. A provider, so tests shorten the delays.
 */
let MirrorRetryPolicy = class MirrorRetryPolicy {
    delaysMs = [1_000, 4_000, 15_000];
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
};
exports.MirrorRetryPolicy = MirrorRetryPolicy;
exports.MirrorRetryPolicy = MirrorRetryPolicy = __decorate([
    (0, common_1.Injectable)()
], MirrorRetryPolicy);
/**
 * Runs `call`, retrying retryable CrmErrors after each delay in turn; `onAttempt` is told of
 * every try (each is one Salesforce API call) and `onRetry` of every retry.
 */
async function withRetry(call, policy, hooks) {
    for (let attempt = 0;; attempt++) {
        hooks.onAttempt();
        try {
            return await call();
        }
        catch (error) {
            const retryable = error instanceof crm_gateway_port_1.CrmError && error.retryable;
            if (!retryable || attempt >= policy.delaysMs.length)
                throw error;
            hooks.onRetry(error, attempt + 1);
            await policy.sleep(policy.delaysMs[attempt]);
        }
    }
}
//# sourceMappingURL=retry.js.map