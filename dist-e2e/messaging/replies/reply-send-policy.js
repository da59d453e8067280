"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REPLY_RETRY_MAX_DELAY_MS = exports.UNCONFIRMED = exports.REPLY_CLAIM_ABANDONED_MS = exports.REPLY_SWEEP_GRACE_MS = exports.MAX_REPLY_SEND_ATTEMPTS = void 0;
exports.classifyReplySendFailure = classifyReplySendFailure;
exports.replyDueAt = replyDueAt;
const sms_provider_port_1 = require("../sms-provider.port");
/** Provider calls begun for one reply, the first (right after the inbound commit) included. */
exports.MAX_REPLY_SEND_ATTEMPTS = 5;
/** A reply is left to the path that stored it for this long before the sweep looks at it. */
exports.REPLY_SWEEP_GRACE_MS = 30_000;
/**
 * A claim held this long with no outcome recorded: the process died during the provider call (the
 * request timeout is 10 s). The reply may have gone out, so it is marked failed, never re-sent.
 */
exports.REPLY_CLAIM_ABANDONED_MS = 10 * 60_000;
/** error_code of a reply whose claim was abandoned mid-send */
exports.UNCONFIRMED = 'UNCONFIRMED';
const NOT_PROCESSED_CODES = new Set(['20503', 'HTTP_503', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
function classifyReplySendFailure(error) {
    if (!(error instanceof sms_provider_port_1.SmsProviderError)) {
        return { retry: false, errorCode: 'UNKNOWN', reason: error instanceof Error ? error.message : String(error) };
    }
    const errorCode = (error.providerCode ?? error.kind).slice(0, 12);
    switch (error.kind) {
        case 'RATE_LIMITED':
            return { retry: true, errorCode, reason: error.message };
        case 'TEMPORARY':
            return { retry: error.providerCode !== null && NOT_PROCESSED_CODES.has(error.providerCode), errorCode, reason: error.message };
        case 'OPTED_OUT':
        case 'INVALID_RECIPIENT':
        case 'REJECTED':
            return { retry: false, errorCode, reason: error.message };
    }
}
/**
 * Longest wait between two tries. An opt-out confirmation is expected within five minutes of the
 * STOP, so the back-off stays short: 30 s, 60 s, 60 s, 60 s — the last try about 3.5 min after it.
 */
exports.REPLY_RETRY_MAX_DELAY_MS = 60_000;
/**
 * The earliest instant (ms) the sweep may try a reply again: the grace period after its last
 * change, doubled for every attempt after the first, capped at REPLY_RETRY_MAX_DELAY_MS.
 */
function replyDueAt(updatedAt, attempts) {
    return Date.parse(updatedAt) + Math.min(exports.REPLY_SWEEP_GRACE_MS * 2 ** Math.max(attempts - 1, 0), exports.REPLY_RETRY_MAX_DELAY_MS);
}
//# sourceMappingURL=reply-send-policy.js.map