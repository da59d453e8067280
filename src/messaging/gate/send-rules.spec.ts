import { aRecipient, aRecord, aSendContext, aSender } from '../../../test/factories/send-context.factory';
import { chooseRecipient } from './send-context';
import { firstRefusal, SEND_RULES } from './send-rules';

const codeOf = (over: Parameters<typeof aSendContext>[0]) => firstRefusal(aSendContext(over))?.code ?? null;

describe('send gate rules', () => {
  it('lets a well-formed send through', () => {
    expect(firstRefusal(aSendContext())).toBeNull();
  });

  it('lists the contract codes in the contract order', () => {
    expect(SEND_RULES.map((r) => r.code)).toEqual([
      'NO_SMS_NUMBER',
      'SENDER_NOT_OWNED',
      'SENDER_NOT_SMS_ENABLED',
      'LOCAL_PRESENCE_NUMBER',
      'INVALID_PHONE',
      'UNSUPPORTED_COUNTRY',
      'RECORD_NOT_FOUND',
      'NO_RECIPIENT',
      'NOT_ENROLLED',
      'OPTED_OUT',
      'DO_NOT_CALL',
      'DO_NOT_SMS',
      'EMPTY_BODY',
      'TOO_LONG',
      'QUIET_HOURS',
    ]);
  });

  describe('sender', () => {
    it('NO_SMS_NUMBER when the rep holds no SMS-enabled direct number, whatever else is wrong', () => {
      const lp = aSender({ kind: 'local_presence', smsEnabled: false });
      expect(codeOf({ repNumbers: [lp], sender: lp, body: '' })).toBe('NO_SMS_NUMBER');
      expect(codeOf({ repNumbers: [], sender: null })).toBe('NO_SMS_NUMBER');
      // a local-presence number flagged enabled by bad data still does not count
      expect(codeOf({ repNumbers: [aSender({ kind: 'local_presence', smsEnabled: true })] })).toBe('NO_SMS_NUMBER');
    });

    it('SENDER_NOT_OWNED when from is not one of the rep\'s numbers', () => {
      expect(codeOf({ repNumbers: [aSender()], sender: null, fromRaw: '+13125550100' })).toBe('SENDER_NOT_OWNED');
    });

    it('SENDER_NOT_SMS_ENABLED for the rep\'s direct number without SMS', () => {
      const off = aSender({ id: 'num-2', phoneNumber: '+14155550143', smsEnabled: false });
      expect(codeOf({ repNumbers: [aSender(), off], sender: off })).toBe('SENDER_NOT_SMS_ENABLED');
    });

    it('LOCAL_PRESENCE_NUMBER for the rep\'s local-presence number', () => {
      const lp = aSender({ id: 'num-3', phoneNumber: '+14155550144', kind: 'local_presence', smsEnabled: false });
      const firstRefusalOf = firstRefusal(aSendContext({ repNumbers: [aSender(), lp], sender: lp }));
      expect(firstRefusalOf).toMatchObject({ code: 'LOCAL_PRESENCE_NUMBER', details: { from: '+14155550144' } });
    });
  });

  describe('recipient number', () => {
    it('INVALID_PHONE for a to that is not a phone number, before the record is looked at', () => {
      expect(codeOf({ to: '231-4729', record: null })).toBe('INVALID_PHONE');
      expect(codeOf({ to: 'call me', record: null })).toBe('INVALID_PHONE');
    });

    it('UNSUPPORTED_COUNTRY for Jamaica, the Bahamas and the UK, before the record is looked at', () => {
      for (const to of ['+1 876 555 0100', '+1 242 555 0100', '+44 20 7946 0958']) {
        expect(codeOf({ to, record: null })).toBe('UNSUPPORTED_COUNTRY');
      }
    });

    it('UNSUPPORTED_COUNTRY for the record\'s only phone when it is foreign and to is omitted', () => {
      const record = aRecord({ candidates: [aRecipient({ phoneNumber: '+18765550100' })] });
      expect(firstRefusal(aSendContext({ record }))).toMatchObject({ code: 'UNSUPPORTED_COUNTRY', details: { side: 'to', region: 'JM' } });
    });

    it('accepts a Canadian recipient and formatting variants of the record\'s phone', () => {
      const record = aRecord({ candidates: [aRecipient({ phoneNumber: '+16045550199' })] });
      expect(codeOf({ record, to: '(604) 555-0199' })).toBeNull();
      expect(codeOf({ record, to: '1-604-555-0199' })).toBeNull();
    });
  });

  describe('record and recipient', () => {
    it('RECORD_NOT_FOUND when the record is unknown', () => {
      expect(firstRefusal(aSendContext({ record: null, recordIdRaw: '003000000000404' }))).toMatchObject({
        code: 'RECORD_NOT_FOUND',
        details: { recordId: '003000000000404' },
      });
    });

    it('NO_RECIPIENT when the record has no phone, to is not on the record, or to is needed', () => {
      expect(codeOf({ record: aRecord({ candidates: [] }) })).toBe('NO_RECIPIENT');
      expect(codeOf({ to: '+13125550100' })).toBe('NO_RECIPIENT');
      const two = aRecord({ candidates: [aRecipient(), aRecipient({ field: 'Phone', phoneNumber: '+12125550124' })] });
      expect(firstRefusal(aSendContext({ record: two }))).toMatchObject({
        code: 'NO_RECIPIENT',
        details: { reason: 'ambiguous', candidates: ['+12125550123', '+12125550124'] },
      });
      expect(codeOf({ record: two, to: '+12125550124' })).toBeNull();
    });

    it('NOT_ENROLLED when the chosen person is not enrolled', () => {
      expect(codeOf({ record: aRecord({ candidates: [aRecipient({ enrolled: false })] }) })).toBe('NOT_ENROLLED');
    });

    it('for an Account, prefers enrolled Contacts and says NOT_ENROLLED when none is', () => {
      const enrolled = aRecipient({ prospectId: '003000000000002AAA', phoneNumber: '+12125550125' });
      const notEnrolled = aRecipient({ prospectId: '003000000000003AAA', phoneNumber: '+12125550126', enrolled: false });
      const account = aRecord({ id: '001000000000001AAA', type: 'Account', candidates: [notEnrolled, enrolled] });
      expect(chooseRecipient(account, null, false)).toEqual({ kind: 'chosen', recipient: enrolled });
      expect(codeOf({ record: account, to: '+12125550126' })).toBe('NOT_ENROLLED');
      expect(codeOf({ record: aRecord({ type: 'Account', candidates: [notEnrolled] }) })).toBe('NOT_ENROLLED');
    });
  });

  describe('consent', () => {
    it('OPTED_OUT, then DO_NOT_CALL, then DO_NOT_SMS', () => {
      const holders = [{ prospectId: 'p1', doNotCall: true, doNotSms: true }];
      expect(codeOf({ optedOut: true, holders })).toBe('OPTED_OUT');
      expect(codeOf({ holders })).toBe('DO_NOT_CALL');
      expect(codeOf({ holders: [{ prospectId: 'p1', doNotCall: false, doNotSms: true }] })).toBe('DO_NOT_SMS');
    });

    it('a Do-Not-Call on anyone sharing the number blocks it', () => {
      const holders = [
        { prospectId: 'p1', doNotCall: false, doNotSms: false },
        { prospectId: 'p2', doNotCall: true, doNotSms: false },
      ];
      expect(firstRefusal(aSendContext({ holders }))).toMatchObject({ code: 'DO_NOT_CALL', details: { prospectIds: ['p2'] } });
    });
  });

  describe('body', () => {
    it('EMPTY_BODY for blank text', () => {
      expect(codeOf({ body: '' })).toBe('EMPTY_BODY');
      expect(codeOf({ body: ' \n\t ' })).toBe('EMPTY_BODY');
    });

    it('TOO_LONG past 160 GSM-7 or 70 UCS-2 with one segment allowed, with details', () => {
      expect(codeOf({ body: 'a'.repeat(160) })).toBeNull();
      expect(firstRefusal(aSendContext({ body: 'a'.repeat(161) }))).toMatchObject({
        code: 'TOO_LONG',
        details: { encoding: 'GSM-7', length: 161, limit: 160, segments: 2 },
      });
      expect(codeOf({ body: '’'.repeat(70) })).toBeNull();
      expect(firstRefusal(aSendContext({ body: '’'.repeat(71) }))).toMatchObject({
        code: 'TOO_LONG',
        details: { encoding: 'UCS-2', length: 71, limit: 70, ucs2Characters: ['’'] },
      });
    });

    it('allows concatenated messages up to SMS_MAX_SEGMENTS', () => {
      expect(codeOf({ body: 'a'.repeat(306), maxSegments: 2 })).toBeNull();
      expect(firstRefusal(aSendContext({ body: 'a'.repeat(307), maxSegments: 2 }))).toMatchObject({ code: 'TOO_LONG', details: { limit: 306, segments: 3 } });
    });
  });

  describe('quiet hours (injected clock)', () => {
    it('QUIET_HOURS outside the window in the recipient\'s zone, with local time and window', () => {
      // 01:30 UTC = 21:30 in New York (EDT)
      expect(firstRefusal(aSendContext({ now: new Date('2026-07-15T01:30:00Z') }))).toMatchObject({
        code: 'QUIET_HOURS',
        details: { recipientLocalTime: '21:30', window: '08:00-21:00' },
      });
      // 12:30 UTC = 08:30 in New York
      expect(codeOf({ now: new Date('2026-07-15T12:30:00Z') })).toBeNull();
    });

    it('the recipient\'s zone decides: 08:30 in New York is 05:30 in California', () => {
      const record = aRecord({ candidates: [aRecipient({ phoneNumber: '+14155550100' })] });
      expect(codeOf({ record, now: new Date('2026-07-15T12:30:00Z') })).toBe('QUIET_HOURS');
    });

    it('is off when the window is off', () => {
      expect(codeOf({ quietHours: null, now: new Date('2026-07-15T07:00:00Z') })).toBeNull();
    });
  });
});
