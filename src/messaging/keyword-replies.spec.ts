import { keywordReplies, replyFor } from './keyword-replies';
import { countSegments } from './segments';

describe('keyword replies', () => {
  const replies = keywordReplies({ programName: 'Sales SMS', helpText: null });

  it('tells the unsubscribed how to resubscribe', () => {
    expect(replies.optOut).toMatch(/^Sales SMS: /);
    expect(replies.optOut).toMatch(/unsubscribed/);
    expect(replies.optOut).toMatch(/Reply START to resubscribe/);
  });

  it('answers HELP with the program name and how to opt out', () => {
    expect(replies.help).toMatch(/^Sales SMS: /);
    expect(replies.help).toMatch(/Reply STOP to opt out/);
  });

  it('confirms a resubscription with how to stop again', () => {
    expect(replies.optIn).toMatch(/resubscribed/);
    expect(replies.optIn).toMatch(/Reply STOP to opt out/);
  });

  it('fits each reply in one GSM-7 segment', () => {
    for (const text of Object.values(replies)) expect(countSegments(text, 1)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('uses a configured help text as it is', () => {
    expect(keywordReplies({ programName: 'Acme', helpText: 'Acme sales: call 555-0100. Reply STOP to opt out.' }).help).toBe(
      'Acme sales: call 555-0100. Reply STOP to opt out.',
    );
  });

  describe('replyFor', () => {
    it('confirms the first opt-out once, and none when Twilio confirms', () => {
      expect(replyFor({ kind: 'opt_out', effect: 'new' }, 'service', replies)).toBe(replies.optOut);
      expect(replyFor({ kind: 'opt_out', effect: 'over_people_block' }, 'service', replies)).toBe(replies.optOut);
      expect(replyFor({ kind: 'opt_out', effect: 'repeat' }, 'service', replies)).toBeNull();
      expect(replyFor({ kind: 'opt_out', effect: 'new' }, 'provider', replies)).toBeNull();
    });

    it('confirms an opt-in only when it lifted a block', () => {
      expect(replyFor({ kind: 'opt_in', effect: 'lift' }, 'service', replies)).toBe(replies.optIn);
      expect(replyFor({ kind: 'opt_in', effect: 'not_blocked' }, 'service', replies)).toBeNull();
      expect(replyFor({ kind: 'opt_in', effect: 'kept' }, 'service', replies)).toBeNull();
      expect(replyFor({ kind: 'opt_in', effect: 'lift' }, 'provider', replies)).toBeNull();
    });

    it('answers HELP in both modes and nothing else', () => {
      expect(replyFor({ kind: 'help' }, 'service', replies)).toBe(replies.help);
      expect(replyFor({ kind: 'help' }, 'provider', replies)).toBe(replies.help);
      expect(replyFor({ kind: 'none' }, 'service', replies)).toBeNull();
    });
  });
});
