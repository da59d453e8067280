"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FaultInjector = void 0;
exports.faultResponse = faultResponse;
class FaultInjector {
    queue = [];
    inject(spec) {
        this.queue.push({ spec, remaining: spec.times ?? 1 });
    }
    clear() {
        this.queue.length = 0;
    }
    /** Pending faults (for assertions that every injected fault was consumed). */
    pending() {
        return this.queue.reduce((n, f) => n + f.remaining, 0);
    }
    /** The fault this call meets, consuming one use of it; null when none applies. */
    take(call) {
        const entry = this.queue.find((f) => f.remaining > 0 && matches(f.spec, call));
        if (!entry)
            return null;
        entry.remaining -= 1;
        if (entry.remaining === 0)
            this.queue.splice(this.queue.indexOf(entry), 1);
        return { kind: entry.spec.kind, delayMs: entry.spec.delayMs ?? 0 };
    }
}
exports.FaultInjector = FaultInjector;
function matches(spec, call) {
    if (spec.method && spec.method.toUpperCase() !== call.method)
        return false;
    if (spec.endpoint && !test(spec.endpoint, call.endpoint, true))
        return false;
    if (spec.path && !test(spec.path, call.path, false))
        return false;
    return true;
}
function test(pattern, value, exact) {
    if (pattern instanceof RegExp)
        return pattern.test(value);
    return exact ? pattern === value : value.includes(pattern);
}
/** The request-level error answer of a fault kind (null for the kinds that are not errors). */
function faultResponse(kind) {
    switch (kind) {
        case 'SERVER_UNAVAILABLE':
            return { status: 503, errorCode: 'SERVER_UNAVAILABLE', message: 'Server is temporarily unavailable. Please try again later.' };
        case 'REQUEST_LIMIT_EXCEEDED':
            return { status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' };
        case 'UNABLE_TO_LOCK_ROW':
            return { status: 400, errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records' };
        case 'INVALID_SESSION_ID':
            return { status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' };
        case 'UNKNOWN_EXCEPTION':
            return { status: 500, errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-123456789)' };
        case 'DELAY':
        case 'DROP_CONNECTION':
        case 'DROP_AFTER_COMMIT':
            return null;
    }
}
//# sourceMappingURL=faults.js.map