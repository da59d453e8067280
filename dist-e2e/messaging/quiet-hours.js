"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CANADA_ZONES = exports.US_CONTINENTAL_ZONES = void 0;
exports.zonesForNumber = zonesForNumber;
exports.checkQuietHours = checkQuietHours;
exports.formatMinutes = formatMinutes;
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
const area_code_zones_data_1 = require("./area-code-zones.data");
const phone_number_1 = require("../common/phone-number");
const quiet_hours_window_1 = require("../config/quiet-hours-window");
/** The 48 contiguous states and Alaska. Hawaii (808) and the territories are never "unknown". */
exports.US_CONTINENTAL_ZONES = [
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'America/Anchorage',
];
exports.CANADA_ZONES = [
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
function zonesForNumber(e164) {
    if (!/^\+1\d{10}$/.test(e164))
        return [];
    const national = e164.slice(2);
    for (let length = national.length; length >= 3; length--) {
        const zones = area_code_zones_data_1.NANP_PREFIX_ZONES[national.slice(0, length)];
        if (zones)
            return zones.map((index) => area_code_zones_data_1.NANP_ZONE_NAMES[index]);
    }
    switch ((0, phone_number_1.normalizePhone)(e164)?.region) {
        case 'US':
            return [...exports.US_CONTINENTAL_ZONES];
        case 'CA':
            return [...exports.CANADA_ZONES];
        default:
            return [];
    }
}
function checkQuietHours(now, zones, window) {
    (0, quiet_hours_window_1.assertWindow)(window);
    if (Number.isNaN(now.getTime()))
        throw new RangeError('now is not a valid instant');
    const localTimes = zones.map((zone) => ({ zone, minutes: localMinutes(now, zone) }));
    return {
        allowed: localTimes.length > 0 && localTimes.every(({ minutes }) => isInside(minutes, window)),
        localTimes: localTimes.map(({ zone, minutes }) => ({ zone, time: formatMinutes(minutes) })),
    };
}
function formatMinutes(minutes) {
    const m = ((minutes % quiet_hours_window_1.MINUTES_PER_DAY) + quiet_hours_window_1.MINUTES_PER_DAY) % quiet_hours_window_1.MINUTES_PER_DAY;
    return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
/**
 * Inside [start, end). A window that wraps midnight (22:00-06:00) is inside when at or after start
 * or before end. start === end is an empty window: nothing is ever inside (a deliberate, conservative
 * reading; use QUIET_HOURS=off to disable the rule).
 */
function isInside(minutes, { start, end }) {
    if (start === end)
        return false;
    return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}
const formatters = new Map();
function localMinutes(now, zone) {
    let formatter = formatters.get(zone);
    if (!formatter) {
        formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        formatters.set(zone, formatter);
    }
    let hour = 0;
    let minute = 0;
    for (const part of formatter.formatToParts(now)) {
        if (part.type === 'hour')
            hour = Number(part.value) % 24;
        else if (part.type === 'minute')
            minute = Number(part.value);
    }
    return hour * 60 + minute;
}
//# sourceMappingURL=quiet-hours.js.map