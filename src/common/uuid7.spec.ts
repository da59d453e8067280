import { uuid7 } from './uuid7';

describe('uuid7', () => {
  it('is a version 7, variant 10 UUID', () => {
    expect(uuid7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries the time in its first 48 bits, so later ids sort after earlier ones', () => {
    const at = Date.UTC(2026, 10, 29, 12, 0, 0, 123);
    expect(parseInt(uuid7(at).replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(uuid7(at) < uuid7(at + 1)).toBe(true);
  });

  it('differs between two ids of the same millisecond', () => {
    const at = Date.now();
    expect(new Set(Array.from({ length: 1000 }, () => uuid7(at))).size).toBe(1000);
  });
});
