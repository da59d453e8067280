import { normalizePhone } from '../../common/phone-number';
import { MirrorPhoneNormalizer } from './mirror-phone-normalizer';

describe('MirrorPhoneNormalizer', () => {
  const fast = new MirrorPhoneNormalizer();
  const slow = (raw: string) => normalizePhone(raw, 'US')?.e164 ?? null;

  it('answers exactly as normalizePhone on written forms, other countries and invalid numbers', () => {
    const samples = [
      '(415) 555-2671',
      '415.555.2671',
      '+1 415 555 2671',
      '1-415-555-2671',
      '+14155552671',
      '4155552671',
      ' (212) 555-0100 ',
      '+1 876 555 0100', // Jamaica: valid, +1 but not US
      '+1 416 555 0104', // Canada
      '+1 787 555 0100', // Puerto Rico
      '231-4729', // too short
      '(555) 555-5555',
      '+1 800 555 0100',
      '415-555-2671 x12', // extension: full path
      '+44 20 7946 0958',
      'call reception',
      '(415) 155-2671', // exchange starting with 1: full path
      '+1 (415) 555-2671',
    ];
    for (const raw of samples) expect([raw, fast.normalize(raw)]).toEqual([raw, slow(raw)]);
  });

  it('agrees with normalizePhone on random North American numbers (the memo per NPA-NXX-X is exact)', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      const raw = `${200 + random(800)}${200 + random(800)}${String(random(10000)).padStart(4, '0')}`;
      expect([raw, fast.normalize(raw)]).toEqual([raw, slow(raw)]);
    }
  });
});
