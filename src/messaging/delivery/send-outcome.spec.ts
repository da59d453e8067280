import { SmsProviderError } from '../sms-provider.port';
import { acceptedCheckAt, certainlyNotTaken, outcomeUnknown, recheckAt, STATUS_CHECK_HORIZON_MS, unknownOutcomeCheckAt } from './send-outcome';

const times = { unknownAfterSeconds: 60, notSentAfterSeconds: 300, staleAfterSeconds: 600 };

describe('what a failed provider call says about the message', () => {
  it.each([
    ['TEMPORARY', '20503'],
    ['TEMPORARY', 'HTTP_503'],
    ['TEMPORARY', 'ECONNREFUSED'],
    ['RATE_LIMITED', '20429'],
    ['OPTED_OUT', '21610'],
    ['INVALID_RECIPIENT', '21211'],
    ['REJECTED', '21606'],
    ['NOT_FOUND', '20404'],
  ] as const)('%s %s: certainly not taken', (kind, code) => {
    expect(certainlyNotTaken(new SmsProviderError(kind, 'x', code))).toBe(true);
    expect(outcomeUnknown(new SmsProviderError(kind, 'x', code))).toBe(false);
  });

  it.each([
    ['20500'],
    ['HTTP_502'],
    ['ECONNRESET'],
    ['ECONNABORTED'],
    [null],
  ])('TEMPORARY %s: the provider may hold it (its answer lost)', (code) => {
    expect(outcomeUnknown(new SmsProviderError('TEMPORARY', 'x', code))).toBe(true);
  });

  it('anything that is not a provider error leaves the outcome unknown', () => {
    expect(outcomeUnknown(new TypeError('boom'))).toBe(true);
  });
});

describe('when the provider is asked next', () => {
  const now = new Date('2026-03-01T12:00:00.000Z');

  it('asks about a send DELIVERY_UNKNOWN_AFTER_SECONDS after its attempt', () => {
    expect(unknownOutcomeCheckAt('2026-03-01T12:00:00.000Z', times)).toBe('2026-03-01T12:01:00.000Z');
  });

  it('asks about an accepted message once DELIVERY_STALE_AFTER_SECONDS passed, never about a final one', () => {
    expect(acceptedCheckAt('queued', now, times)).toBe('2026-03-01T12:10:00.000Z');
    expect(acceptedCheckAt('sent', now, times)).toBe('2026-03-01T12:10:00.000Z');
    for (const status of ['delivered', 'undelivered', 'failed']) expect(acceptedCheckAt(status, now, times)).toBeNull();
  });

  it('asks again after as long as the message has been in flight, and gives up after three days', () => {
    expect(recheckAt('2026-03-01T11:50:00.000Z', now, times)).toBe('2026-03-01T12:10:00.000Z');
    expect(recheckAt('2026-03-01T10:00:00.000Z', now, times)).toBe('2026-03-01T14:00:00.000Z');
    expect(recheckAt(new Date(now.getTime() - STATUS_CHECK_HORIZON_MS).toISOString(), now, times)).toBeNull();
  });
});
