"use strict";
/**
 * The QUIET_HOURS setting as a window of local minutes. The setting is read here (config); the rule
 * that applies it to a recipient's zones lives in messaging/quiet-hours.ts.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.MINUTES_PER_DAY = void 0;
exports.parseQuietHoursWindow = parseQuietHoursWindow;
exports.assertWindow = assertWindow;
exports.MINUTES_PER_DAY = 24 * 60;
/** `08:00-21:00` → {start: 480, end: 1260}; `off` → null; anything else throws. `24:00` is allowed as an end. */
function parseQuietHoursWindow(text) {
    const value = text.trim();
    if (value.toLowerCase() === 'off')
        return null;
    const match = /^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$/.exec(value);
    if (!match)
        throw new Error(`expected HH:MM-HH:MM or off, got "${text}"`);
    const [start, end] = [toMinutes(match[1], match[2]), toMinutes(match[3], match[4])];
    const window = { start, end };
    assertWindow(window);
    return window;
}
/** Throws a RangeError unless both ends are minutes of the day (`end` may be 24:00). */
function assertWindow({ start, end }) {
    const ok = (v, max) => Number.isInteger(v) && v >= 0 && v <= max;
    if (!ok(start, exports.MINUTES_PER_DAY - 1) || !ok(end, exports.MINUTES_PER_DAY)) {
        throw new RangeError(`quiet-hours window must be minutes of the day, got ${start}-${end}`);
    }
}
function toMinutes(hours, minutes) {
    const h = Number(hours);
    const m = Number(minutes);
    if (m > 59 || h > 24 || (h === 24 && m !== 0))
        throw new Error(`not a time of day: ${hours}:${minutes}`);
    return h * 60 + m;
}
//# sourceMappingURL=quiet-hours-window.js.map