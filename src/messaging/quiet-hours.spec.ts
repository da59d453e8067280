import {
  CANADA_ZONES,
  US_CONTINENTAL_ZONES,
  checkQuietHours,
  formatMinutes,
  zonesForNumber,
} from './quiet-hours';
import { NANP_PREFIX_ZONES, NANP_ZONE_NAMES } from './area-code-zones.data';

const DAYTIME = { start: 8 * 60, end: 21 * 60 }; // the default 08:00-21:00
const at = (iso: string) => new Date(iso);

describe('area-code zone data', () => {
  it('names only zones this runtime knows, and every prefix points into the list', () => {
    for (const zone of [...NANP_ZONE_NAMES, ...US_CONTINENTAL_ZONES, ...CANADA_ZONES]) {
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone })).not.toThrow();
    }
    for (const [prefix, zones] of Object.entries(NANP_PREFIX_ZONES)) {
      expect(prefix).toMatch(/^[2-9]\d{2,6}$/);
      expect(zones.length).toBeGreaterThan(0);
      for (const index of zones) expect(NANP_ZONE_NAMES[index]).toBeDefined();
    }
  });
});

describe('zonesForNumber', () => {
  it.each([
    ['+12125550100', ['America/New_York']],
    ['+13125550100', ['America/Chicago']],
    ['+13035550100', ['America/Denver']],
    ['+16025550100', ['America/Phoenix']],
    ['+14155550100', ['America/Los_Angeles']],
    ['+19075550100', ['America/Adak', 'America/Anchorage']], // Alaska, Aleutians included
    ['+18085550100', ['Pacific/Honolulu']],
    ['+14165550199', ['America/Toronto']],
    ['+16045550100', ['America/Vancouver']],
    ['+15145550100', ['America/Toronto']],
    ['+13065551234', ['America/Regina']],
    ['+19025550100', ['America/Halifax']],
    ['+18769271234', ['America/Jamaica']],
  ])('maps %s by its area code', (e164, zones) => {
    expect(zonesForNumber(e164)).toEqual(zones);
  });

  it('uses the exchange where the data refines an area code (longest prefix wins)', () => {
    // Kentucky's 270 is Eastern by default, its 270-202 exchange Central.
    expect(zonesForNumber('+12705550100')).toEqual(['America/New_York']);
    expect(zonesForNumber('+12702021234')).toEqual(['America/Chicago']);
    // Idaho's 208: 208-201 is Mountain, 208-255 Pacific.
    expect(zonesForNumber('+12082011234')).toEqual(['America/Denver']);
    expect(zonesForNumber('+12082551234')).toEqual(['America/Los_Angeles']);
  });

  it('returns both zones of a prefix that spans two', () => {
    expect(zonesForNumber('+12085001234')).toEqual(['America/Boise', 'America/Los_Angeles']);
  });

  it('falls back to every continental zone of the country for an area code the data does not know', () => {
    expect(zonesForNumber('+18005550100')).toEqual([...US_CONTINENTAL_ZONES]); // toll-free: no place
    expect(zonesForNumber('+12732345678')).toEqual([...CANADA_ZONES]); // an area code newer than the data
  });

  it('knows nothing of numbers outside +1 or not in E.164', () => {
    expect(zonesForNumber('+442079460958')).toEqual([]);
    expect(zonesForNumber('2125550100')).toEqual([]);
    expect(zonesForNumber('+1212555010')).toEqual([]);
    expect(zonesForNumber('')).toEqual([]);
  });
});

describe('checkQuietHours', () => {
  const newYork = ['America/New_York'];

  it('allows from the start of the window up to, not including, its end', () => {
    // 2026-07-15 is EDT (UTC-4).
    expect(checkQuietHours(at('2026-07-15T11:59:00Z'), newYork, DAYTIME)).toEqual({
      allowed: false,
      localTimes: [{ zone: 'America/New_York', time: '07:59' }],
    });
    expect(checkQuietHours(at('2026-07-15T12:00:00Z'), newYork, DAYTIME).allowed).toBe(true);
    expect(checkQuietHours(at('2026-07-16T00:59:59Z'), newYork, DAYTIME)).toEqual({
      allowed: true,
      localTimes: [{ zone: 'America/New_York', time: '20:59' }],
    });
    expect(checkQuietHours(at('2026-07-16T01:00:00Z'), newYork, DAYTIME).allowed).toBe(false);
  });

  describe('daylight saving time (Intl, not a fixed offset)', () => {
    it('moves to UTC-4 on the spring-forward day (2026-03-08)', () => {
      expect(checkQuietHours(at('2026-03-07T12:30:00Z'), newYork, DAYTIME)).toMatchObject({
        allowed: false,
        localTimes: [{ time: '07:30' }],
      });
      expect(checkQuietHours(at('2026-03-08T12:30:00Z'), newYork, DAYTIME)).toMatchObject({
        allowed: true,
        localTimes: [{ time: '08:30' }],
      });
      // The skipped hour: 06:59Z is 01:59 EST, 07:00Z is already 03:00 EDT.
      expect(checkQuietHours(at('2026-03-08T06:59:00Z'), newYork, DAYTIME).localTimes[0].time).toBe('01:59');
      expect(checkQuietHours(at('2026-03-08T07:00:00Z'), newYork, DAYTIME).localTimes[0].time).toBe('03:00');
    });

    it('moves back to UTC-5 on the fall-back day (2026-11-01)', () => {
      expect(checkQuietHours(at('2026-10-31T12:30:00Z'), newYork, DAYTIME)).toMatchObject({
        allowed: true,
        localTimes: [{ time: '08:30' }],
      });
      expect(checkQuietHours(at('2026-11-01T12:30:00Z'), newYork, DAYTIME)).toMatchObject({
        allowed: false,
        localTimes: [{ time: '07:30' }],
      });
      // The repeated hour: 01:30 happens twice.
      expect(checkQuietHours(at('2026-11-01T05:30:00Z'), newYork, DAYTIME).localTimes[0].time).toBe('01:30');
      expect(checkQuietHours(at('2026-11-01T06:30:00Z'), newYork, DAYTIME).localTimes[0].time).toBe('01:30');
      // Evening of the fall-back day: 01:30Z on Nov 2 is 20:30 EST, inside.
      expect(checkQuietHours(at('2026-11-02T01:30:00Z'), newYork, DAYTIME).allowed).toBe(true);
    });

    it('keeps Arizona and Saskatchewan on standard time all year', () => {
      for (const iso of ['2026-01-15T15:30:00Z', '2026-07-15T15:30:00Z']) {
        expect(checkQuietHours(at(iso), ['America/Phoenix'], DAYTIME).localTimes[0].time).toBe('08:30');
        expect(checkQuietHours(at(iso), ['America/Regina'], DAYTIME).localTimes[0].time).toBe('09:30');
      }
    });
  });

  describe('a number whose prefix spans two zones', () => {
    const idaho = zonesForNumber('+12085001234'); // Boise (Mountain) and Los Angeles (Pacific)

    it('waits until the western zone has reached the start of the window', () => {
      expect(checkQuietHours(at('2026-07-01T14:30:00Z'), idaho, DAYTIME)).toEqual({
        allowed: false,
        localTimes: [
          { zone: 'America/Boise', time: '08:30' },
          { zone: 'America/Los_Angeles', time: '07:30' },
        ],
      });
      expect(checkQuietHours(at('2026-07-01T15:00:00Z'), idaho, DAYTIME).allowed).toBe(true);
    });

    it('stops as soon as the eastern zone reaches the end of the window', () => {
      expect(checkQuietHours(at('2026-07-02T02:59:00Z'), idaho, DAYTIME).allowed).toBe(true); // 20:59 / 19:59
      expect(checkQuietHours(at('2026-07-02T03:30:00Z'), idaho, DAYTIME)).toEqual({
        allowed: false,
        localTimes: [
          { zone: 'America/Boise', time: '21:30' },
          { zone: 'America/Los_Angeles', time: '20:30' },
        ],
      });
    });

    it('applies the same rule to the unknown-area-code fallback (Eastern to Alaska)', () => {
      // 2026-07-01 18:00Z: New York 14:00 … Anchorage 10:00 — all inside.
      expect(checkQuietHours(at('2026-07-01T18:00:00Z'), zonesForNumber('+18005550100'), DAYTIME).allowed).toBe(true);
      // 13:00Z: New York 09:00 but Los Angeles 06:00.
      expect(checkQuietHours(at('2026-07-01T13:00:00Z'), zonesForNumber('+18005550100'), DAYTIME).allowed).toBe(false);
    });
  });

  describe('a window that wraps midnight', () => {
    const night = { start: 22 * 60, end: 6 * 60 }; // 22:00-06:00
    const utc = ['UTC'];

    it.each([
      ['2026-07-01T22:00:00Z', true],
      ['2026-07-01T23:30:00Z', true],
      ['2026-07-02T00:00:00Z', true],
      ['2026-07-02T05:59:00Z', true],
      ['2026-07-02T06:00:00Z', false],
      ['2026-07-02T12:00:00Z', false],
      ['2026-07-02T21:59:00Z', false],
    ])('at %s is allowed: %s', (iso, allowed) => {
      expect(checkQuietHours(at(iso), utc, night).allowed).toBe(allowed);
    });
  });

  it('refuses when it cannot tell the recipient’s time (no zones)', () => {
    expect(checkQuietHours(at('2026-07-01T18:00:00Z'), [], DAYTIME)).toEqual({ allowed: false, localTimes: [] });
  });

  it('treats an empty window (start = end) as never open', () => {
    expect(checkQuietHours(at('2026-07-01T18:00:00Z'), newYork, { start: 600, end: 600 }).allowed).toBe(false);
  });

  it('accepts a window ending at 24:00', () => {
    expect(checkQuietHours(at('2026-07-02T03:59:00Z'), newYork, { start: 0, end: 1440 }).allowed).toBe(true);
  });

  it('rejects malformed windows and instants', () => {
    expect(() => checkQuietHours(at('2026-07-01T18:00:00Z'), newYork, { start: -1, end: 600 })).toThrow(RangeError);
    expect(() => checkQuietHours(at('2026-07-01T18:00:00Z'), newYork, { start: 0, end: 1441 })).toThrow(RangeError);
    expect(() => checkQuietHours(at('2026-07-01T18:00:00Z'), newYork, { start: 1.5, end: 600 })).toThrow(RangeError);
    expect(() => checkQuietHours(new Date(Number.NaN), newYork, DAYTIME)).toThrow(RangeError);
  });

  it('does not depend on the machine’s time zone', () => {
    const original = process.env.TZ;
    const instant = at('2026-11-01T12:30:00Z');
    const zones = ['America/New_York', 'America/Los_Angeles', 'Asia/Kolkata'];
    try {
      const results = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Chatham'].map((tz) => {
        process.env.TZ = tz;
        return checkQuietHours(instant, zones, DAYTIME);
      });
      for (const result of results) expect(result).toEqual(results[0]);
      expect(results[0].localTimes.map((l) => l.time)).toEqual(['07:30', '04:30', '18:00']);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe('formatMinutes', () => {
  it('renders HH:MM and wraps at midnight', () => {
    expect(formatMinutes(0)).toBe('00:00');
    expect(formatMinutes(1259)).toBe('20:59');
    expect(formatMinutes(1440)).toBe('00:00');
  });
});
