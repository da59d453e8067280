import type { SmsErrorKind } from '../sms-provider.port';

/**
 * Classifies whatever the twilio SDK threw into our neutral error kinds. Pure; the one place that
 * knows Twilio's error codes (https://www.twilio.com/docs/api/errors):
 * - 21610 "Attempt to send to unsubscribed recipient" → OPTED_OUT
 * - 21211 "Invalid 'To' Phone Number", 21614 "'To' number is not a valid mobile number" → INVALID_RECIPIENT
 * - HTTP 429 / 20429 "Too Many Requests" (never processed, safe to retry) → RATE_LIMITED
 * - HTTP 5xx, a timeout, a refused or reset connection → TEMPORARY (the send may or may not have happened)
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
  return { kind: 'REJECTED', providerCode, message };
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
