"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CALL_FAILURE_PARK_AFTER = exports.MAX_DELAY_MS = exports.BASE_DELAY_MS = void 0;
exports.isTransient = isTransient;
exports.decideRetry = decideRetry;
exports.backoffDelayMs = backoffDelayMs;
exports.BASE_DELAY_MS = {
    TEMPORARY: 5_000,
    AUTH_EXPIRED: 5_000,
    // REQUEST_LIMIT_EXCEEDED: the org's allocation or concurrency; no point knocking again soon
    RATE_LIMITED: 60_000,
};
exports.MAX_DELAY_MS = 15 * 60_000;
exports.CALL_FAILURE_PARK_AFTER = 5;
function isTransient(kind) {
    return kind === 'TEMPORARY' || kind === 'RATE_LIMITED' || kind === 'AUTH_EXPIRED';
}
/**
 * @param attempts the attempts made so far, this one included (≥ 1)
 * @param scope 'record' when Salesforce refused this record, 'call' when the whole call failed
 * @param random a [0, 1) source; injected by tests
 */
function decideRetry(kind, attempts, scope, random = Math.random) {
    if (isTransient(kind))
        return { action: 'retry', delayMs: backoffDelayMs(exports.BASE_DELAY_MS[kind], attempts, random) };
    if (scope === 'call' && attempts < exports.CALL_FAILURE_PARK_AFTER) {
        return { action: 'retry', delayMs: backoffDelayMs(exports.BASE_DELAY_MS.TEMPORARY, attempts, random) };
    }
    return { action: 'park' };
}
/**
 * base · 2^(attempts−1), capped, with "equal jitter": half of it fixed, half random, so a burst of
 * entries that failed together does not come back together.
 */
function backoffDelayMs(baseMs, attempts, random = Math.random) {
    const exponent = Math.min(Math.max(attempts - 1, 0), 30);
    const ceiling = Math.min(exports.MAX_DELAY_MS, baseMs * 2 ** exponent);
    return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
//# sourceMappingURL=retry-policy.js.map