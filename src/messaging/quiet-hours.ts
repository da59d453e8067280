/**
 * Quiet hours: a text may only reach a prospect inside the sending window of *their* local time.
 *
 * - The recipient's zones come from the number itself: the area code, refined to the exchange where
 *   Google libphonenumber's time-zone map does so (area-code-zones.data.ts; longest prefix wins).
 *   Some prefixes carry two zones (e.g. Idaho's 208 exchanges map to Boise and Los Angeles).
 * - An area code the map does not know (a brand-new overlay, say) falls back to every continental
 *   zone of the number's country, so the send waits until it is inside the window everywhere.
 * - `checkQuietHours` allows a send only when EVERY zone is inside the window; no zones at all is
 *   refused (we cannot tell the recipient's time, so we do not guess).
 * - Local times are computed with Intl from an injected instant; the machine's own zone never matters.
 */
import { NANP_PREFIX_ZONES, NANP_ZONE_NAMES } from './area-code-zones.data';
import { normalizePhone } from '../common/phone-number';
import { assertWindow, MINUTES_PER_DAY, type QuietHoursWindow } from '../config/quiet-hours-window';

export interface LocalTime {
  zone: string;
  /** `HH:MM`, 24-hour. */
  time: string;
}

export interface QuietHoursCheck {
  allowed: boolean;
  localTimes: LocalTime[];
}

/** The 48 contiguous states and Alaska. Hawaii (808) and the territories are never "unknown". */
export const US_CONTINENTAL_ZONES: readonly string[] = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
];

export const CANADA_ZONES: readonly string[] = [
  'America/St_Johns',
  'America/Halifax',
  'America/Toronto',
  'America/Winnipeg',
  'America/Regina',
  'America/Edmonton',
  'America/Vancouver',
  'America/Whitehorse',
];

/** The IANA zones a +1 number may be in; [] for anything else. */
export function zonesForNumber(e164: string): string[] {
  if (!/^\+1\d{10}$/.test(e164)) return [];
  const national = e164.slice(2);
  for (let length = national.length; length >= 3; length--) {
    const zones = NANP_PREFIX_ZONES[national.slice(0, length)];
    if (zones) return zones.map((index) => NANP_ZONE_NAMES[index]);
  }
  switch (normalizePhone(e164)?.region) {
    case 'US':
      return [...US_CONTINENTAL_ZONES];
    case 'CA':
      return [...CANADA_ZONES];
    default:
      return [];
  }
}

export function checkQuietHours(now: Date, zones: readonly string[], window: QuietHoursWindow): QuietHoursCheck {
  assertWindow(window);
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid instant');
  const localTimes = zones.map((zone) => ({ zone, minutes: localMinutes(now, zone) }));
  return {
    allowed: localTimes.length > 0 && localTimes.every(({ minutes }) => isInside(minutes, window)),
    localTimes: localTimes.map(({ zone, minutes }) => ({ zone, time: formatMinutes(minutes) })),
  };
}

export function formatMinutes(minutes: number): string {
  const m = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * Inside [start, end). A window that wraps midnight (22:00-06:00) is inside when at or after start
 * or before end. start === end is an empty window: nothing is ever inside (a deliberate, conservative
 * reading; use QUIET_HOURS=off to disable the rule).
 */
function isInside(minutes: number, { start, end }: QuietHoursWindow): boolean {
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localMinutes(now: Date, zone: string): number {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, formatter);
  }
  let hour = 0;
  let minute = 0;
  for (const part of formatter.formatToParts(now)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}
