/**
 * TEMPORARY local copy of the phone rule until src/common/phone-number.ts lands on main; same
 * signature, so switching is an import change.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export interface NormalizedPhone {
  e164: string;
  region: string;
}

export function normalizePhone(raw: string, defaultRegion: CountryCode = 'US'): NormalizedPhone | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(raw.trim(), defaultRegion);
  } catch {
    return null;
  }
  if (!parsed || !parsed.isValid() || !parsed.country) return null;
  return { e164: parsed.number, region: parsed.country };
}
