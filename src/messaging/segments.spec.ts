import { countSegments, gsmSeptets } from './segments';

const EMOJI = '😀'; // U+1F600: one code point, two UTF-16 units
const CURLY = '’'; // U+2019, the quote phones type for an apostrophe

describe('countSegments', () => {
  describe('GSM 03.38 alphabet', () => {
    it('accepts the whole basic set as one septet each', () => {
      const basic =
        '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
        '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
      expect(Array.from(basic)).toHaveLength(127);
      const result = countSegments(basic, 1);
      expect(result).toMatchObject({ encoding: 'GSM-7', characters: 127, units: 127, segments: 1, ucs2Characters: [] });
    });

    it.each(['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\f'])('costs two septets for the extension character %j', (char) => {
      expect(gsmSeptets(char)).toBe(2);
      expect(countSegments(`a${char}b`, 1)).toMatchObject({ encoding: 'GSM-7', characters: 3, units: 4 });
    });

    it.each(['’', '“', '”', '…', 'ç', 'Á', 'í', 'ó', 'ú', 'â', 'ê', '`', '\t', 'Ж', '中', EMOJI])(
      'switches to UCS-2 for %j',
      (char) => {
        expect(gsmSeptets(char)).toBeNull();
        expect(countSegments(`Hi ${char}`, 1).encoding).toBe('UCS-2');
      },
    );

    it('treats Greek capitals from the GSM table as GSM but lower-case Greek as UCS-2', () => {
      expect(countSegments('ΔΦΓΛΩΠΨΣΘΞ', 1).encoding).toBe('GSM-7');
      expect(countSegments('α', 1).encoding).toBe('UCS-2');
    });
  });

  describe('empty and small bodies', () => {
    it('counts an empty body as zero segments that fit', () => {
      expect(countSegments('', 1)).toEqual({
        encoding: 'GSM-7',
        characters: 0,
        units: 0,
        segments: 0,
        perSegmentLimit: 160,
        maxSegments: 1,
        fits: true,
        ucs2Characters: [],
      });
    });

    it('counts whitespace-only bodies as real characters (the EMPTY_BODY rule trims, not the counter)', () => {
      expect(countSegments('  \n', 1)).toMatchObject({ units: 3, segments: 1 });
    });
  });

  describe('GSM-7 boundaries', () => {
    it('fits 160 septets in one segment', () => {
      expect(countSegments('a'.repeat(160), 1)).toMatchObject({ units: 160, segments: 1, perSegmentLimit: 160, fits: true });
    });

    it('needs two parts of 153 at 161', () => {
      expect(countSegments('a'.repeat(161), 1)).toMatchObject({ units: 161, segments: 2, perSegmentLimit: 153, fits: false });
      expect(countSegments('a'.repeat(161), 2)).toMatchObject({ segments: 2, fits: true, maxSegments: 2 });
    });

    it('fits 306 = 153 × 2 in two parts and needs a third at 307', () => {
      expect(countSegments('a'.repeat(306), 3).segments).toBe(2);
      expect(countSegments('a'.repeat(307), 3)).toMatchObject({ segments: 3, fits: true });
      expect(countSegments('a'.repeat(307), 2)).toMatchObject({ segments: 3, fits: false });
    });

    it('fits 1530 septets in ten parts', () => {
      expect(countSegments('a'.repeat(1530), 10)).toMatchObject({ segments: 10, fits: true });
      expect(countSegments('a'.repeat(1531), 10)).toMatchObject({ segments: 11, fits: false });
    });

    it('counts extension characters double at the 160 boundary', () => {
      expect(countSegments('a'.repeat(158) + '€', 1)).toMatchObject({ characters: 159, units: 160, segments: 1 });
      expect(countSegments('a'.repeat(159) + '€', 1)).toMatchObject({ characters: 160, units: 161, segments: 2, fits: false });
      expect(countSegments('{'.repeat(80), 1)).toMatchObject({ characters: 80, units: 160, segments: 1 });
      expect(countSegments('{'.repeat(81), 1)).toMatchObject({ units: 162, segments: 2 });
    });

    it('never splits an extension character across parts', () => {
      // 152 + 2 would straddle the 153 boundary of part one: the € moves to part two.
      const straddling = 'a'.repeat(152) + '€' + 'a'.repeat(152);
      expect(countSegments(straddling, 3)).toMatchObject({ units: 306, segments: 3 });
      // The same septet count without the straddle fits in two parts.
      const aligned = 'a'.repeat(151) + '€' + 'a'.repeat(153);
      expect(countSegments(aligned, 3)).toMatchObject({ units: 306, segments: 2 });
    });
  });

  describe('UCS-2 boundaries', () => {
    const ucs2 = (n: number) => CURLY + 'a'.repeat(n - 1);

    it('fits 70 units in one segment and needs two parts of 67 at 71', () => {
      expect(countSegments(ucs2(70), 1)).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1, perSegmentLimit: 70 });
      expect(countSegments(ucs2(71), 1)).toMatchObject({ units: 71, segments: 2, perSegmentLimit: 67, fits: false });
    });

    it('fits 134 = 67 × 2 in two parts and needs a third at 135', () => {
      expect(countSegments(ucs2(134), 3).segments).toBe(2);
      expect(countSegments(ucs2(135), 3).segments).toBe(3);
    });

    it('counts an emoji as one character and two units', () => {
      expect(countSegments(`Hi ${EMOJI}`, 1)).toMatchObject({ characters: 4, units: 5, ucs2Characters: [EMOJI] });
      expect(countSegments(EMOJI.repeat(35), 1)).toMatchObject({ characters: 35, units: 70, segments: 1 });
      expect(countSegments(EMOJI.repeat(35) + 'a', 1)).toMatchObject({ units: 71, segments: 2 });
    });

    it('never splits an emoji across parts', () => {
      // 66 units then an emoji: the pair would straddle unit 67, so it opens part two.
      const straddling = 'a'.repeat(66) + EMOJI + 'a'.repeat(66);
      expect(countSegments(straddling, 3)).toMatchObject({ units: 134, segments: 3 });
      const aligned = 'a'.repeat(65) + EMOJI + 'a'.repeat(67);
      expect(countSegments(aligned, 3)).toMatchObject({ units: 134, segments: 2 });
    });

    it('counts GSM extension characters as one unit once the message is UCS-2', () => {
      expect(countSegments(`€${CURLY}`, 1)).toMatchObject({ encoding: 'UCS-2', units: 2, ucs2Characters: [CURLY] });
    });
  });

  describe('ucs2Characters', () => {
    it('names each offending character once, in order of first use', () => {
      const body = `Don${CURLY}t miss “the” offer ${EMOJI} — it${CURLY}s ${EMOJI} good`;
      expect(countSegments(body, 1).ucs2Characters).toEqual([CURLY, '“', '”', EMOJI, '—']);
    });

    it('gives back the GSM-7 limit when a curly quote is swapped for a straight one', () => {
      const curly = `Hi Sam, it${CURLY}s Alex from Acme. ` + 'a'.repeat(100);
      const straight = curly.replace(CURLY, "'");
      expect(countSegments(curly, 1)).toMatchObject({ encoding: 'UCS-2', segments: 2, fits: false });
      expect(countSegments(straight, 1)).toMatchObject({ encoding: 'GSM-7', segments: 1, fits: true, ucs2Characters: [] });
    });
  });

  it.each([0, 11, 1.5, Number.NaN])('rejects maxSegments %p', (max) => {
    expect(() => countSegments('hi', max)).toThrow(RangeError);
  });
});
