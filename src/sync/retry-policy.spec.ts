import { backoffDelayMs, CALL_FAILURE_PARK_AFTER, decideRetry, MAX_DELAY_MS } from './retry-policy';

describe('backoffDelayMs', () => {
  it('doubles from the base with equal jitter', () => {
    expect(backoffDelayMs(5000, 1, () => 0)).toBe(2500);
    expect(backoffDelayMs(5000, 1, () => 0.999999)).toBe(5000);
    expect(backoffDelayMs(5000, 2, () => 0)).toBe(5000);
    expect(backoffDelayMs(5000, 4, () => 0.5)).toBe(30000);
  });

  it('is capped, even after very many attempts', () => {
    expect(backoffDelayMs(5000, 60, () => 0.999999)).toBe(MAX_DELAY_MS);
    expect(backoffDelayMs(5000, 60, () => 0)).toBe(MAX_DELAY_MS / 2);
  });

  it('spreads entries that failed together', () => {
    const values = new Set(Array.from({ length: 50 }, () => backoffDelayMs(5000, 3)));
    expect(values.size).toBeGreaterThan(10);
  });
});

describe('decideRetry', () => {
  it('never parks a transient error, however many attempts', () => {
    for (const kind of ['TEMPORARY', 'RATE_LIMITED', 'AUTH_EXPIRED'] as const) {
      expect(decideRetry(kind, 1000, 'record').action).toBe('retry');
      expect(decideRetry(kind, 1000, 'call').action).toBe('retry');
    }
  });

  it('waits longer after a rate limit than after a 503', () => {
    const rate = decideRetry('RATE_LIMITED', 1, 'call', () => 0);
    const temp = decideRetry('TEMPORARY', 1, 'call', () => 0);
    expect(rate).toEqual({ action: 'retry', delayMs: 30000 });
    expect(temp).toEqual({ action: 'retry', delayMs: 2500 });
  });

  it('parks a record Salesforce refused at once', () => {
    expect(decideRetry('INVALID_DATA', 1, 'record')).toEqual({ action: 'park' });
    expect(decideRetry('NOT_FOUND', 1, 'record')).toEqual({ action: 'park' });
  });

  it('retries a whole refused call a few times before parking', () => {
    expect(decideRetry('INVALID_DATA', CALL_FAILURE_PARK_AFTER - 1, 'call').action).toBe('retry');
    expect(decideRetry('INVALID_DATA', CALL_FAILURE_PARK_AFTER, 'call')).toEqual({ action: 'park' });
  });
});
