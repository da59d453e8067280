"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StandInClock = void 0;
exports.formatSalesforceDateTime = formatSalesforceDateTime;
exports.parseDateTime = parseDateTime;
/**
 * The stand-in's clock. Salesforce stamps CreatedDate, LastModifiedDate and SystemModstamp to the
 * whole second (the milliseconds are always .000), so many records edited together share one
 * SystemModstamp; tests can also freeze the clock to make that happen deliberately.
 */
class StandInClock {
    frozen = null;
    offsetMs = 0;
    now() {
        const ms = this.frozen ?? Date.now() + this.offsetMs;
        return new Date(Math.floor(ms / 1000) * 1000);
    }
    /** Stops the clock at this instant (every write until the next call shares one stamp). */
    freeze(at) {
        this.frozen = new Date(at).getTime();
    }
    /** Moves the clock; a frozen clock stays frozen at the new instant. */
    advance(ms) {
        if (this.frozen !== null)
            this.frozen += ms;
        else
            this.offsetMs += ms;
    }
    /** Back to real time (keeping any offset given by advance()). */
    unfreeze() {
        this.frozen = null;
    }
}
exports.StandInClock = StandInClock;
/** Salesforce's JSON datetime format: 2024-01-31T12:00:00.000+0000. */
function formatSalesforceDateTime(date) {
    return date.toISOString().replace('Z', '+0000');
}
/** Milliseconds of an ISO-8601 / Salesforce datetime, or NaN. Accepts +0000 and +00:00 offsets. */
function parseDateTime(value) {
    return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}
//# sourceMappingURL=clock.js.map