"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DELIVERED = void 0;
exports.deliverySteps = deliverySteps;
exports.DELIVERED = { status: 'delivered' };
function deliverySteps(outcome, viaMessagingService) {
    const steps = viaMessagingService ? [{ status: 'queued', errorCode: null }] : [];
    if (outcome.status === 'failed')
        return [...steps, { status: 'failed', errorCode: outcome.errorCode }];
    steps.push({ status: 'sent', errorCode: null });
    steps.push(outcome.status === 'delivered' ? { status: 'delivered', errorCode: null } : { status: 'undelivered', errorCode: outcome.errorCode });
    return steps;
}
//# sourceMappingURL=twilio-delivery.js.map