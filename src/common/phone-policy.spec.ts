import { classifyPhone } from './phone-policy';

describe('classifyPhone', () => {
  it.each([
    ['(415) 555-0142', '+14155550142', 'US'],
    ['415.555.0142', '+14155550142', 'US'],
    ['+1 604 555 0199', '+16045550199', 'CA'],
    ['1-416-555-0100', '+14165550100', 'CA'],
  ])('accepts %s as %s', (raw, e164, region) => {
    expect(classifyPhone(raw)).toEqual({ kind: 'supported', e164, region });
  });

  it.each([
    ['+1 876 555 0100', 'JM'],
    ['+1 242 555 0100', 'BS'],
    ['+12425021234', 'BS'],
    ['+1 787 555 0100', 'PR'],
    ['+44 20 7946 0958', 'GB'],
  ])('reports %s as a foreign (%s) number', (raw, region) => {
    expect(classifyPhone(raw)).toMatchObject({ kind: 'unsupported_country', region });
  });

  it.each(['231-4729', 'call me', '', '+1 (000) 000-0000'])('reports %p as invalid', (raw) => {
    expect(classifyPhone(raw)).toEqual({ kind: 'invalid' });
  });

  it('answers a repeated input with the same frozen verdict (memo), never one a caller could alter', () => {
    const first = classifyPhone('(212) 555-0123');
    expect(classifyPhone('(212) 555-0123')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual({ kind: 'supported', e164: '+12125550123', region: 'US' });
    expect(classifyPhone(' (212) 555-0123')).toEqual(first);
  });
});
