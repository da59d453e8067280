import { isUsOrCanada, normalizePhone } from './phone-number';

describe('normalizePhone', () => {
  it.each([
    ['(212) 555-0100'],
    ['212.555.0100'],
    ['212-555-0100'],
    ['2125550100'],
    ['+1 212 555 0100'],
    ['+12125550100'],
    ['1-212-555-0100'],
    ['1 (212) 555-0100'],
    ['  212 555 0100  '],
    ['212-555-0100 ext. 12'],
    ['(212) 555-0100 x12'],
  ])('reads the US formatting variant %j', (raw) => {
    expect(normalizePhone(raw)).toEqual({ e164: '+12125550100', region: 'US' });
  });

  it.each([
    ['(416) 967-1111', '+14169671111'],
    ['604 555 0100', '+16045550100'],
    ['+1 514 555 0100', '+15145550100'],
    ['306-555-1234', '+13065551234'],
  ])('reads the Canadian number %j', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ e164, region: 'CA' });
  });

  it('tells the other +1 countries and the US territories apart by region', () => {
    expect(normalizePhone('+1 876 927 1234')?.region).toBe('JM');
    expect(normalizePhone('+1 658 555 1234')?.region).toBe('JM');
    expect(normalizePhone('+1 242 322 1234')?.region).toBe('BS');
    expect(normalizePhone('+1 809 555 1234')?.region).toBe('DO');
    expect(normalizePhone('+1 787 555 0100')?.region).toBe('PR');
    expect(normalizePhone('+1 671 555 1234')?.region).toBe('GU');
  });

  it('reads international numbers and honours another default region', () => {
    expect(normalizePhone('+44 20 7946 0958')).toEqual({ e164: '+442079460958', region: 'GB' });
    expect(normalizePhone('020 7946 0958', 'GB')).toEqual({ e164: '+442079460958', region: 'GB' });
  });

  it.each([
    ['231-4729'], // seven digits: parses to +12314729 but is not a valid number
    ['555-0100'],
    ['(212) 055-0100'], // exchanges cannot start with 0 or 1
    ['+1 112 555 0100'], // nor can area codes
    ['+1 212 555 010'],
    ['+1 212 555 01000'],
    ['1-800-FLOWERS'],
    ['hello'],
    ['12'],
    [''],
    ['   '],
    ['+'],
    ['++1 212 555 0100 ++'],
  ])('refuses %j', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it('refuses non-string input defensively', () => {
    expect(normalizePhone(undefined as unknown as string)).toBeNull();
    expect(normalizePhone(null as unknown as string)).toBeNull();
  });
});

describe('isUsOrCanada', () => {
  it.each(['+12125550100', '+16502530000', '+18005550100', '+14169671111', '+16045550100', '+15145550100', '+18676671234'])(
    'accepts %s',
    (e164) => {
      expect(isUsOrCanada(e164)).toBe(true);
    },
  );

  it.each([
    ['+18769271234', 'Jamaica 876'],
    ['+16585551234', 'Jamaica 658'],
    ['+12423221234', 'Bahamas 242'],
    ['+18095551234', 'Dominican Republic 809'],
    ['+18295551234', 'Dominican Republic 829'],
    ['+18495551234', 'Dominican Republic 849'],
    ['+14412921234', 'Bermuda 441'],
    ['+17875550100', 'Puerto Rico 787 (US territory, refused by decision)'],
    ['+19395551234', 'Puerto Rico 939'],
    ['+13405551234', 'US Virgin Islands 340'],
    ['+16715551234', 'Guam 671'],
    ['+16846331234', 'American Samoa 684'],
    ['+16702341234', 'Northern Mariana Islands 670'],
    ['+442079460958', 'United Kingdom'],
    ['+12314729', 'an invalid short number'],
    ['2125550100', 'a number not in E.164'],
    ['', 'nothing'],
  ])('refuses %s (%s)', (e164) => {
    expect(isUsOrCanada(e164)).toBe(false);
  });
});
