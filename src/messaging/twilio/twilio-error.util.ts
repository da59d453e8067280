import type { SmsErrorKind } from '../sms-provider.port';

/**
 * Classifies whatever the twilio SDK threw into our neutral error kinds. Pure; the one place that
 * knows Twilio's error codes (https://www.twilio.com/docs/api/errors):
 * - 21610 "Attempt to send to unsubscribed recipient" → OPTED_OUT
 * - 21211 "Invalid 'To' Phone Number", 21614 "'To' number is not a valid mobile number" → INVALID_RECIPIENT
 * - HTTP 429 / 20429 "Too Many Requests" (never processed, safe to retry) → RATE_LIMITED
 * - HTTP 5xx, a timeout, a refused or reset connection → TEMPORARY (the send may or may not have happened)
 * - 20404 "The requested resource was not found" (HTTP 404) → NOT_FOUND
 * - any other 4xx (20003 auth, 21604/21602 missing To/Body, 21606 bad From…) → REJECTED
 *
 * An API error arrives as the SDK's RestException: `status` (HTTP) and `code` (a number, Twilio's
 * code). A transport error arrives as an AxiosError: no `status`, `code` a string (ECONNABORTED,
 * ECONNREFUSED, ETIMEDOUT…).
 */
export interface ClassifiedSmsError {
  kind: SmsErrorKind;
  providerCode: string | null;
  message: string;
}

const OPTED_OUT_CODES = new Set([21610]);
const INVALID_RECIPIENT_CODES = new Set([21211, 21614]);
const RATE_LIMIT_CODE = 20429;
const NOT_FOUND_CODE = 20404;
const KINDS: readonly SmsErrorKind[] = ['OPTED_OUT', 'INVALID_RECIPIENT', 'TEMPORARY', 'RATE_LIMITED', 'NOT_FOUND', 'REJECTED'];

export function classifyTwilioError(error: unknown): ClassifiedSmsError {
  const { status, code, message } = readError(error);
  const twilioCode = typeof code === 'number' ? code : typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : null;
  const providerCode = twilioCode !== null ? String(twilioCode) : status !== null ? `HTTP_${status}` : code !== null ? String(code) : null;

  if (status === null) {
    return { kind: 'TEMPORARY', providerCode, message: `Twilio could not be reached: ${message}` };
  }
  if (twilioCode !== null && OPTED_OUT_CODES.has(twilioCode)) return { kind: 'OPTED_OUT', providerCode, message };
  if (twilioCode !== null && INVALID_RECIPIENT_CODES.has(twilioCode)) return { kind: 'INVALID_RECIPIENT', providerCode, message };
  if (status === 429 || twilioCode === RATE_LIMIT_CODE) return { kind: 'RATE_LIMITED', providerCode, message };
  if (status >= 500) return { kind: 'TEMPORARY', providerCode, message };
  if (status === 404 || twilioCode === NOT_FOUND_CODE) return { kind: 'NOT_FOUND', providerCode, message };
  return { kind: 'REJECTED', providerCode, message };
}

/**
 * The kind of a provider code classifyTwilioError reported earlier and the caller stored (a
 * message's `errorCode`), for answering a retry the way the first failure was answered:
 * Twilio's numeric codes as above, `HTTP_<status>` by its status, a transport code (`ECONN…`) as
 * TEMPORARY, one of our kinds as itself; anything else REJECTED.
 */
export function classifyTwilioErrorCode(providerCode: string): SmsErrorKind {
  if ((KINDS as readonly string[]).includes(providerCode)) return providerCode as SmsErrorKind;
  if (/^\d+$/.test(providerCode)) {
    const code = Number(providerCode);
    if (OPTED_OUT_CODES.has(code)) return 'OPTED_OUT';
    if (INVALID_RECIPIENT_CODES.has(code)) return 'INVALID_RECIPIENT';
    if (code === RATE_LIMIT_CODE) return 'RATE_LIMITED';
    if (code === NOT_FOUND_CODE) return 'NOT_FOUND';
    return /^205\d\d$/.test(providerCode) ? 'TEMPORARY' : 'REJECTED';
  }
  const http = /^HTTP_(\d{3})$/.exec(providerCode);
  if (http) return http[1] === '429' ? 'RATE_LIMITED' : http[1] === '404' ? 'NOT_FOUND' : Number(http[1]) >= 500 ? 'TEMPORARY' : 'REJECTED';
  return /^E[A-Z_]+$/.test(providerCode) ? 'TEMPORARY' : 'REJECTED';
}

function readError(error: unknown): { status: number | null; code: number | string | null; message: string } {
  if (typeof error !== 'object' || error === null) {
    return { status: null, code: null, message: String(error) };
  }
  const e = error as { status?: unknown; code?: unknown; message?: unknown; response?: { status?: unknown } };
  const rawStatus = typeof e.status === 'number' ? e.status : typeof e.response?.status === 'number' ? e.response.status : null;
  const code = typeof e.code === 'number' || typeof e.code === 'string' ? e.code : null;
  const message = typeof e.message === 'string' && e.message ? e.message : 'unknown error';
  return { status: rawStatus, code, message };
}
