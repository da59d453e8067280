/** Test-data factories for the gate (STYLE.md: defaults plus overrides). Used by specs only. */
import { classifyPhone } from '../../src/common/phone-policy';
import { chooseRecipient, RecipientFacts, RecordFacts, SenderFacts, SendContext } from '../../src/messaging/gate/send-context';

export const aSender = (over: Partial<SenderFacts> = {}): SenderFacts => ({
  id: 'num-1',
  phoneNumber: '+14155550142',
  userId: 'rep-1',
  kind: 'direct',
  smsEnabled: true,
  ...over,
});

export const aRecipient = (over: Partial<RecipientFacts> = {}): RecipientFacts => ({
  prospectId: '003000000000001AAA',
  name: 'Casey Contact',
  objectType: 'Contact',
  phoneNumber: '+12125550123',
  field: 'MobilePhone',
  enrolled: true,
  doNotCall: false,
  doNotSms: false,
  ...over,
});

export const aRecord = (over: Partial<RecordFacts> = {}): RecordFacts => ({
  id: '003000000000001AAA',
  type: 'Contact',
  name: 'Casey Contact',
  candidates: [aRecipient()],
  ...over,
});

/** A context that passes every rule (16:00 UTC in July: noon in New York, 09:00 in California), unless overridden. */
export function aSendContext(over: Partial<SendContext> & { to?: string | null } = {}): SendContext {
  const sender = over.sender === undefined ? aSender() : over.sender;
  const record = over.record === undefined ? aRecord() : over.record;
  const toRaw = over.to === undefined ? null : over.to;
  const toVerdict = toRaw === null ? null : classifyPhone(toRaw);
  const toE164 = toVerdict && toVerdict.kind !== 'invalid' ? toVerdict.e164 : null;
  const choice = over.choice ?? chooseRecipient(record, toE164, toRaw !== null);
  const { to: _to, ...rest } = over;
  return {
    userId: 'rep-1',
    repNumbers: sender ? [sender] : [aSender()],
    fromRaw: sender?.phoneNumber ?? '+14155550100',
    toRaw,
    toVerdict,
    recordIdRaw: record?.id ?? '003000000000009',
    optedOut: false,
    holders: choice.kind === 'chosen' ? [{ prospectId: choice.recipient.prospectId, doNotCall: choice.recipient.doNotCall, doNotSms: choice.recipient.doNotSms }] : [],
    body: 'Hi Casey, following up on our call.',
    maxSegments: 1,
    quietHours: { start: 8 * 60, end: 21 * 60, label: '08:00-21:00' },
    now: new Date('2026-07-15T16:00:00Z'),
    ...rest,
    sender,
    record,
    choice,
  };
}
