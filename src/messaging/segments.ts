/**
 * SMS segment counting (3GPP TS 23.038 / GSM 03.38), the live counter behind
 * `POST /api/sms/segments`, the `segments` command and the `TOO_LONG` rule.
 *
 * - A body made only of GSM 03.38 basic-set and extension-table characters goes out as
 *   GSM-7: basic characters cost one septet, extension characters (`^ { } \ [ ~ ] | €` and
 *   form feed) cost two (ESC + the character).
 * - Anything else (a curly quote, an emoji, most accented capitals…) switches the whole
 *   message to UCS-2, counted in UTF-16 code units: a character outside the BMP (an emoji)
 *   costs two.
 * - One segment carries 160 septets / 70 UCS-2 units. A concatenated message spends 7 bytes of
 *   each part on the user-data header, leaving 153 septets / 67 units per part. Parts are filled
 *   greedily and a character is never split across parts: an extension character's two septets
 *   stay together, and so do the two halves of a surrogate pair — so a part can end one unit short.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Unicode code points in the body. */
  characters: number;
  /** What the encoding spends: GSM-7 septets, or UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** 160 / 70 for a single segment, 153 / 67 per part once the message is concatenated. */
  perSegmentLimit: number;
  maxSegments: number;
  fits: boolean;
  /** The distinct characters (code points, in order of first use) that force UCS-2. */
  ucs2Characters: string[];
}

export const MAX_CONCATENATED_SEGMENTS = 10;

export const SEGMENT_LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

/** GSM 03.38 default alphabet, in table order (0x00–0x7F; 0x1B ESC left out: it is not a character). */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅå' +
  'Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ' +
  ' !"#¤%&\'()*+,-./' +
  '0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNO' +
  'PQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmno' +
  'pqrstuvwxyzäöñüà';

/** The default extension table: each costs two septets (ESC + code). */
const GSM_EXTENSION = '\f^{}\\[~]|€';

const GSM_BASIC_SET = new Set(Array.from(GSM_BASIC));
const GSM_EXTENSION_SET = new Set(Array.from(GSM_EXTENSION));

/** Septets a character costs in GSM-7, or null when it is not representable. */
export function gsmSeptets(char: string): 1 | 2 | null {
  if (GSM_BASIC_SET.has(char)) return 1;
  if (GSM_EXTENSION_SET.has(char)) return 2;
  return null;
}

export function countSegments(body: string, maxSegments: number): SegmentCount {
  if (!Number.isInteger(maxSegments) || maxSegments < 1 || maxSegments > MAX_CONCATENATED_SEGMENTS) {
    throw new RangeError(`maxSegments must be an integer from 1 to ${MAX_CONCATENATED_SEGMENTS}, got ${maxSegments}`);
  }

  const chars = Array.from(body); // code points
  const ucs2Characters: string[] = [];
  const gsmCosts: number[] = [];
  for (const char of chars) {
    const cost = gsmSeptets(char);
    if (cost === null) {
      if (!ucs2Characters.includes(char)) ucs2Characters.push(char);
    } else {
      gsmCosts.push(cost);
    }
  }

  const encoding: SmsEncoding = ucs2Characters.length === 0 ? 'GSM-7' : 'UCS-2';
  // Per-character cost in the chosen encoding: septets, or UTF-16 code units (1, or 2 for a surrogate pair).
  const costs = encoding === 'GSM-7' ? gsmCosts : chars.map((char) => char.length);
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const limits = SEGMENT_LIMITS[encoding];

  const segments = units === 0 ? 0 : units <= limits.single ? 1 : countParts(costs, limits.part);
  return {
    encoding,
    characters: chars.length,
    units,
    segments,
    perSegmentLimit: segments > 1 ? limits.part : limits.single,
    maxSegments,
    fits: segments <= maxSegments,
    ucs2Characters,
  };
}

/** Fill parts greedily; a character that does not fit whole starts the next part. */
function countParts(costs: number[], perPart: number): number {
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > perPart) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}
