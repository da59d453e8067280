import type { ProviderMessage } from '../sms-provider.port';
import { matchSentMessage, UnknownSend } from './provider-match';

const REP = '+14155550100';
const PROSPECT = '+14155550123';
const at = (iso: string) => new Date(iso);

const aProviderMessage = (o: Partial<ProviderMessage> = {}): ProviderMessage => ({
  providerMessageId: 'SM' + 'a'.repeat(32),
  direction: 'outbound',
  from: REP,
  to: PROSPECT,
  body: 'See you Tuesday',
  status: 'delivered',
  errorCode: null,
  createdAt: at('2026-03-01T12:00:05Z'),
  ...o,
});
const send: UnknownSend = { fromNumber: REP, toNumber: PROSPECT, body: 'See you Tuesday', attemptAt: '2026-03-01T12:00:04.500Z' };

describe('matchSentMessage', () => {
  it('finds the provider’s message with the same numbers and body, created after the attempt', () => {
    const sent = aProviderMessage();
    expect(matchSentMessage(send, [sent], new Set())).toBe(sent);
  });

  it('allows the clock slack before the attempt (the provider’s clock may be behind ours)', () => {
    expect(matchSentMessage(send, [aProviderMessage({ createdAt: at('2026-03-01T11:59:10Z') })], new Set())).not.toBeNull();
    expect(matchSentMessage(send, [aProviderMessage({ createdAt: at('2026-03-01T11:58:00Z') })], new Set())).toBeNull();
  });

  it('never matches another body, another recipient or sender, an inbound message, or a sid already ours', () => {
    const listed = [
      aProviderMessage({ providerMessageId: 'SM1', body: 'See you Tuesday!' }),
      aProviderMessage({ providerMessageId: 'SM2', to: '+14155550124' }),
      aProviderMessage({ providerMessageId: 'SM3', from: '+14155550101' }),
      aProviderMessage({ providerMessageId: 'SM4', direction: 'inbound', status: null }),
      aProviderMessage({ providerMessageId: 'SM5' }),
    ];
    expect(matchSentMessage(send, listed, new Set(['SM5']))).toBeNull();
  });

  it('takes the earliest of identical texts, so two sends in flight are matched in order', () => {
    const first = aProviderMessage({ providerMessageId: 'SMfirst', createdAt: at('2026-03-01T12:00:05Z') });
    const second = aProviderMessage({ providerMessageId: 'SMsecond', createdAt: at('2026-03-01T12:00:09Z') });
    expect(matchSentMessage(send, [second, first], new Set())).toBe(first);
    expect(matchSentMessage(send, [second, first], new Set(['SMfirst']))).toBe(second);
  });

  it('accepts a message whose sender a Messaging Service has not picked yet', () => {
    expect(matchSentMessage(send, [aProviderMessage({ from: null, status: 'queued' })], new Set())).not.toBeNull();
  });
});
