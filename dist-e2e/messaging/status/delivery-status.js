"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TERMINAL = void 0;
exports.canAdvance = canAdvance;
exports.statusesBefore = statusesBefore;
const RANK = { queued: 0, sent: 1, delivered: 2, undelivered: 2, failed: 2 };
exports.TERMINAL = new Set(['delivered', 'undelivered', 'failed', 'received']);
function canAdvance(current, next) {
    if (current === 'received' || exports.TERMINAL.has(current))
        return false;
    return RANK[next] > RANK[current];
}
/** The statuses a message may be in for `next` to replace it (for a conditional UPDATE). */
function statusesBefore(next) {
    return Object.keys(RANK).filter((s) => canAdvance(s, next));
}
//# sourceMappingURL=delivery-status.js.map