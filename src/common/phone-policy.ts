/**
 * The product's phone policy on top of the pure parsing rules of phone-number.ts: a typed number is
 * either a valid US/Canadian number (usable), a number of another country (UNSUPPORTED_COUNTRY), or
 * not a phone number at all (INVALID_PHONE).
 *
 * A number whose country is recognisable from its prefix is reported as foreign even when it fails
 * full validation (e.g. a Bahamas `+1 242 555 …` number), so the answer names the real problem:
 * the product does not text that country, whatever the exchange.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { normalizePhone, SUPPORTED_REGIONS } from './phone-number';

export type PhoneVerdict =
  | { kind: 'supported'; e164: string; region: string }
  | { kind: 'unsupported_country'; e164: string; region: string }
  | { kind: 'invalid' };

/** Verdicts of recent inputs: a send classifies the same few rep and prospect numbers over and over. */
const verdicts = new Map<string, PhoneVerdict>();
const VERDICT_CACHE_MAX = 10_000;

/** The verdict on a typed number; answers for a string seen recently come from a bounded memo. */
export function classifyPhone(raw: string): PhoneVerdict {
  if (typeof raw !== 'string') return classify(raw);
  let verdict = verdicts.get(raw);
  if (!verdict) {
    verdict = Object.freeze(classify(raw));
    if (verdicts.size >= VERDICT_CACHE_MAX) verdicts.clear();
    verdicts.set(raw, verdict);
  }
  return verdict;
}

function classify(raw: string): PhoneVerdict {
  const normalized = normalizePhone(raw);
  if (normalized) {
    return SUPPORTED_REGIONS.has(normalized.region)
      ? { kind: 'supported', ...normalized }
      : { kind: 'unsupported_country', ...normalized };
  }
  try {
    const parsed = typeof raw === 'string' ? parsePhoneNumberFromString(raw.trim(), 'US') : undefined;
    if (parsed?.country && !SUPPORTED_REGIONS.has(parsed.country) && parsed.isPossible()) {
      return { kind: 'unsupported_country', e164: parsed.number, region: parsed.country };
    }
  } catch {
    // not a phone number
  }
  return { kind: 'invalid' };
}
