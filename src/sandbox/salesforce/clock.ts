/**
 * The stand-in's clock. Salesforce stamps CreatedDate, LastModifiedDate and SystemModstamp to the
 * whole second (the milliseconds are always .000), so many records edited together share one
 * SystemModstamp; tests can also freeze the clock to make that happen deliberately.
 */
export class StandInClock {
  private frozen: number | null = null;
  private offsetMs = 0;

  now(): Date {
    const ms = this.frozen ?? Date.now() + this.offsetMs;
    return new Date(Math.floor(ms / 1000) * 1000);
  }

  /** Stops the clock at this instant (every write until the next call shares one stamp). */
  freeze(at: Date | string): void {
    this.frozen = new Date(at).getTime();
  }

  /** Moves the clock; a frozen clock stays frozen at the new instant. */
  advance(ms: number): void {
    if (this.frozen !== null) this.frozen += ms;
    else this.offsetMs += ms;
  }

  /** Back to real time (keeping any offset given by advance()). */
  unfreeze(): void {
    this.frozen = null;
  }
}

/** Salesforce's JSON datetime format: 2024-01-31T12:00:00.000+0000. */
export function formatSalesforceDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** Milliseconds of an ISO-8601 / Salesforce datetime, or NaN. Accepts +0000 and +00:00 offsets. */
export function parseDateTime(value: string): number {
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}
