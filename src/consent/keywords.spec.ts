import { HELP_KEYWORDS, OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS, classifyInbound } from './keywords';

const keyword = (kind: string, word: string) => ({ kind, match: 'keyword', keyword: word, needsReview: false, rule: null });
const reviewed = { kind: 'opt_out', match: 'reasonable_means', keyword: null, needsReview: true };
const none = { kind: 'none', match: null, keyword: null, needsReview: false, rule: null };

describe('classifyInbound', () => {
  describe('exact contract keywords', () => {
    it('lists exactly the contract keywords', () => {
      expect([...OPT_OUT_KEYWORDS]).toEqual(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
      expect([...OPT_IN_KEYWORDS]).toEqual(['START', 'YES', 'UNSTOP']);
      expect([...HELP_KEYWORDS]).toEqual(['HELP', 'INFO']);
    });

    const cases: Array<[string, string]> = [
      ...OPT_OUT_KEYWORDS.map((word): [string, string] => ['opt_out', word]),
      ...OPT_IN_KEYWORDS.map((word): [string, string] => ['opt_in', word]),
      ...HELP_KEYWORDS.map((word): [string, string] => ['help', word]),
    ];

    describe.each(cases)('%s %s', (kind, word) => {
      const title = word[0] + word.slice(1).toLowerCase();
      it.each([
        word,
        word.toLowerCase(),
        title,
        `  ${word}  `,
        `\t${word.toLowerCase()}\n`,
        `${word}.`,
        `${word}!!`,
        `${title}?`,
        `${word} !`,
        `${word}...`,
      ])('reads %j as the keyword', (body) => {
        expect(classifyInbound(body)).toEqual(keyword(kind, word));
      });
    });

    it('reads full-width letters as their ASCII keyword (NFKC)', () => {
      expect(classifyInbound('ＳＴＯＰ')).toEqual(keyword('opt_out', 'STOP'));
    });

    it('ignores emoji, symbols and quotes around an opt-out keyword', () => {
      for (const body of ['STOP 🛑', '🛑 stop', 'stop 🙏🏽', '"STOP"', '“Stop”', '*STOP*', 'STOP!!! 😡']) {
        expect(classifyInbound(body)).toEqual(keyword('opt_out', 'STOP'));
      }
      expect(classifyInbound('unsubscribe ✋')).toEqual(keyword('opt_out', 'UNSUBSCRIBE'));
    });

    it('does not lift a block for an opt-in word with an emoji: that is a conversational reply', () => {
      expect(classifyInbound('Yes 👍')).toEqual(none);
      expect(classifyInbound('START 🚀')).toEqual(none);
      expect(classifyInbound('yes!')).toEqual(keyword('opt_in', 'YES'));
    });

    it('does not take a keyword out of a longer word', () => {
      expect(classifyInbound('STOPS')).toEqual(none);
      expect(classifyInbound('Yesterday')).toEqual(none);
      expect(classifyInbound('Information')).toEqual(none);
      expect(classifyInbound('Ending')).toEqual(none);
    });
  });

  describe('reasonable means (plain-language revocation, marked for review)', () => {
    it.each([
      ['STOP ALL', 'standalone'],
      ['stop all', 'standalone'],
      ['Please stop', 'standalone'],
      ['stop please!', 'standalone'],
      ['Stop it now.', 'standalone'],
      ['STOP STOP STOP', 'standalone'],
      ['Thanks, stop', 'standalone'],
      ['opt out', 'standalone'],
      ['OPT-OUT', 'standalone'],
      ['Stop. Who is this?', 'lead word'],
      ['STOP!! wrong person', 'lead word'],
      ['please stop texting me', 'stop + act'],
      ['Please STOP texting me!!', 'stop + act'],
      ['stop messaging me', 'stop + act'],
      ['Quit messaging me 😠', 'stop + act'],
      ['can you stop sending me these', 'stop + act'],
      ['stop with the texts', 'stop + texts'],
      ['Stop all these messages', 'stop + texts'],
      ["don't text me again", "don't"],
      ['Don’t text me again', "don't"],
      ['dont text me', "don't"],
      ['Do not contact me', "don't"],
      ['never message this number again', "don't"],
      ['no more texts', 'no more'],
      ['No more text messages please', 'no more'],
      ['unsubscribe me', 'standalone'],
      ['Please unsubscribe me from this', 'opt-out word'],
      ['how do I opt out of these?', 'opt-out word'],
      ['I revoke my consent', 'opt-out word'],
      ['opt me out', 'me out'],
      ['Opt me out please', 'me out'],
      ['remove me from your list', 'lists'],
      ['Take me off your list', 'lists'],
      ['please remove me from the texting list', 'lists'],
      ['Remove my number', 'lists'],
      ['delete my number please', 'lists'],
      ['Leave me alone', 'alone'],
    ])('opts out on %j (%s)', (body, rule) => {
      expect(classifyInbound(body)).toEqual({ ...reviewed, rule });
    });
  });

  describe('near misses that must not match', () => {
    it.each([
      'stopwatch',
      'Stopwatch sale?',
      'stop by tomorrow?',
      'Can you stop by the office at 3?',
      'stop by and text me when you are here',
      "can't stop thinking about the offer",
      "I can't stop texting my team about this",
      "Don't stop",
      "yes I'll call",
      'Yes, Tuesday works',
      'end of quarter works',
      'The quarter ends Friday',
      'help me understand pricing',
      'Can you help?',
      'more info on pricing please',
      "I'll quit my job lol",
      'Cancel my 3pm, can we do 4?',
      'please remove me from the meeting invite',
      'not interested',
      'wrong number',
      'Who is this?',
      'Starting Monday',
      '',
      '   ',
      '👍',
      '...',
    ])('%j is an ordinary reply', (body) => {
      expect(classifyInbound(body)).toEqual(none);
    });
  });

  it('tolerates a missing body', () => {
    expect(classifyInbound(undefined as unknown as string)).toEqual(none);
  });
});
