"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.classifyTwilioError = classifyTwilioError;
exports.classifyTwilioErrorCode = classifyTwilioErrorCode;
const OPTED_OUT_CODES = new Set([21610]);
const INVALID_RECIPIENT_CODES = new Set([21211, 21614]);
const RATE_LIMIT_CODE = 20429;
const KINDS = ['OPTED_OUT', 'INVALID_RECIPIENT', 'TEMPORARY', 'RATE_LIMITED', 'REJECTED'];
function classifyTwilioError(error) {
    const { status, code, message } = readError(error);
    const twilioCode = typeof code === 'number' ? code : typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : null;
    const providerCode = twilioCode !== null ? String(twilioCode) : status !== null ? `HTTP_${status}` : code !== null ? String(code) : null;
    if (status === null) {
        return { kind: 'TEMPORARY', providerCode, message: `Twilio could not be reached: ${message}` };
    }
    if (twilioCode !== null && OPTED_OUT_CODES.has(twilioCode))
        return { kind: 'OPTED_OUT', providerCode, message };
    if (twilioCode !== null && INVALID_RECIPIENT_CODES.has(twilioCode))
        return { kind: 'INVALID_RECIPIENT', providerCode, message };
    if (status === 429 || twilioCode === RATE_LIMIT_CODE)
        return { kind: 'RATE_LIMITED', providerCode, message };
    if (status >= 500)
        return { kind: 'TEMPORARY', providerCode, message };
    return { kind: 'REJECTED', providerCode, message };
}
/**
 * The kind of a provider code classifyTwilioError reported earlier and the caller stored (a
 * message's `errorCode`), for answering a retry the way the first failure was answered:
 * Twilio's numeric codes as above, `HTTP_<status>` by its status, a transport code (`ECONN…`) as
 * TEMPORARY, one of our kinds as itself; anything else REJECTED.
 */
function classifyTwilioErrorCode(providerCode) {
    if (KINDS.includes(providerCode))
        return providerCode;
    if (/^\d+$/.test(providerCode)) {
        const code = Number(providerCode);
        if (OPTED_OUT_CODES.has(code))
            return 'OPTED_OUT';
        if (INVALID_RECIPIENT_CODES.has(code))
            return 'INVALID_RECIPIENT';
        if (code === RATE_LIMIT_CODE)
            return 'RATE_LIMITED';
        return /^205\d\d$/.test(providerCode) ? 'TEMPORARY' : 'REJECTED';
    }
    const http = /^HTTP_(\d{3})$/.exec(providerCode);
    if (http)
        return http[1] === '429' ? 'RATE_LIMITED' : Number(http[1]) >= 500 ? 'TEMPORARY' : 'REJECTED';
    return /^E[A-Z_]+$/.test(providerCode) ? 'TEMPORARY' : 'REJECTED';
}
function readError(error) {
    if (typeof error !== 'object' || error === null) {
        return { status: null, code: null, message: String(error) };
    }
    const e = error;
    const rawStatus = typeof e.status === 'number' ? e.status : typeof e.response?.status === 'number' ? e.response.status : null;
    const code = typeof e.code === 'number' || typeof e.code === 'string' ? e.code : null;
    const message = typeof e.message === 'string' && e.message ? e.message : 'unknown error';
    return { status: rawStatus, code, message };
}
//# sourceMappingURL=twilio-error.util.js.map