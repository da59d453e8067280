import { SmsProviderError } from '../sms-provider.port';
import { classifyReplySendFailure, replyDueAt, REPLY_SWEEP_GRACE_MS } from './reply-send-policy';

describe('classifyReplySendFailure', () => {
  it.each([
    ['RATE_LIMITED', '20429'],
    ['TEMPORARY', '20503'],
    ['TEMPORARY', 'HTTP_503'],
    ['TEMPORARY', 'ECONNREFUSED'],
    ['TEMPORARY', 'ENOTFOUND'],
    ['TEMPORARY', 'EAI_AGAIN'],
  ] as const)('retries %s %s: the provider certainly did not take the message', (kind, code) => {
    expect(classifyReplySendFailure(new SmsProviderError(kind, 'down', code))).toEqual({ retry: true, errorCode: code, reason: 'down' });
  });

  it.each([
    ['TEMPORARY', '20500'],
    ['TEMPORARY', 'HTTP_502'],
    ['TEMPORARY', 'ECONNABORTED'],
    ['TEMPORARY', 'ECONNRESET'],
    ['TEMPORARY', null],
  ] as const)('gives up %s %s: the send may have happened, and a reply goes out at most once', (kind, code) => {
    expect(classifyReplySendFailure(new SmsProviderError(kind, 'unsure', code))).toMatchObject({ retry: false, errorCode: code ?? 'TEMPORARY' });
  });

  it.each([
    ['OPTED_OUT', '21610'],
    ['INVALID_RECIPIENT', '21211'],
    ['REJECTED', '21606'],
    ['NOT_FOUND', '20404'],
    ['REJECTED', null],
  ] as const)('gives up a permanent refusal (%s %s)', (kind, code) => {
    expect(classifyReplySendFailure(new SmsProviderError(kind, 'no', code))).toEqual({ retry: false, errorCode: code ?? kind, reason: 'no' });
  });

  it('gives up anything that is not a provider error, keeping the code within the column', () => {
    expect(classifyReplySendFailure(new TypeError('boom'))).toEqual({ retry: false, errorCode: 'UNKNOWN', reason: 'boom' });
    expect(classifyReplySendFailure(new SmsProviderError('REJECTED', 'x', 'A_VERY_LONG_PROVIDER_CODE')).errorCode).toHaveLength(12);
  });
});

describe('replyDueAt', () => {
  const at = '2026-03-01T12:00:00.000Z';
  const base = Date.parse(at);

  it('waits the grace period after a reply nobody tried yet (a crash right after the commit) or tried once', () => {
    expect(replyDueAt(at, 0)).toBe(base + REPLY_SWEEP_GRACE_MS);
    expect(replyDueAt(at, 1)).toBe(base + REPLY_SWEEP_GRACE_MS);
  });

  it('doubles the wait after every further attempt, up to a minute', () => {
    expect([2, 3, 4].map((n) => replyDueAt(at, n) - base)).toEqual([60_000, 60_000, 60_000]);
  });
});
