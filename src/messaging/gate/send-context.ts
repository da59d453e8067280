/**
 * Everything the send gate decides on, loaded before any rule runs, so that every rule is a small
 * pure function of this object (send-rules.ts) and the order of the rules is the only logic left.
 */
import type { NumberKind } from '../../numbers/sender-number.entity';
import type { PhoneVerdict } from '../../common/phone-policy';
import type { QuietHoursWindow } from '../../config/quiet-hours-window';

export type RecordType = 'Contact' | 'Lead' | 'Account' | 'Task';

export interface SenderFacts {
  id: string;
  /** E.164 */
  phoneNumber: string;
  userId: string;
  kind: NumberKind;
  smsEnabled: boolean;
}

/** One phone of one person the record leads to (a Contact/Lead itself, an Account's Contacts, a Task's WhoId). */
export interface RecipientFacts {
  prospectId: string;
  name: string;
  objectType: 'Contact' | 'Lead';
  /** E.164, from the phone index of the mirror */
  phoneNumber: string;
  /** the CRM field it came from, e.g. MobilePhone */
  field: string;
  enrolled: boolean;
  doNotCall: boolean;
  doNotSms: boolean;
}

export interface RecordFacts {
  /** 18-character Salesforce id */
  id: string;
  type: RecordType;
  name: string;
  /** every phone of every person on the record, in priority order (the mapping's field order) */
  candidates: RecipientFacts[];
  /** the Task's WhatId, when the record is a Task */
  whatId?: string | null;
  /** the holders of each candidate phone, when they were read with the record (a Contact or Lead) */
  holders?: ReadonlyMap<string, NumberHolderFacts[]>;
}

/** Flags of every mirrored person holding the recipient's number (a shared line reaches all of them). */
export interface NumberHolderFacts {
  prospectId: string;
  doNotCall: boolean;
  doNotSms: boolean;
}

export interface SendContext {
  userId: string;
  /** every number the rep holds */
  repNumbers: SenderFacts[];
  /** `from` as given (a number in any format, or a sender-number id) */
  fromRaw: string;
  /** the rep's number `from` names; null when it is not one of theirs */
  sender: SenderFacts | null;
  /** `to` as given; null when omitted */
  toRaw: string | null;
  toVerdict: PhoneVerdict | null;
  /** null when the record does not exist (or is not a Contact, Lead, Account or Task) */
  record: RecordFacts | null;
  recordIdRaw: string;
  /** the recipient chosen from the record (see chooseRecipient) */
  choice: RecipientChoice;
  /** the recipient's number is opted out org-wide (consent ledger) */
  optedOut: boolean;
  holders: NumberHolderFacts[];
  body: string;
  maxSegments: number;
  quietHours: QuietHoursWindow & { label: string } | null;
  now: Date;
}

export type RecipientChoice =
  | { kind: 'chosen'; recipient: RecipientFacts }
  | { kind: 'none'; reason: 'record_not_found' | 'no_phone' | 'not_on_record' | 'ambiguous' | 'invalid_to'; candidates: string[] };

/**
 * Picks the recipient: `to` must be one of the record's phones; without `to`, the record must have
 * exactly one distinct phone. For an Account the enrolled Contacts are preferred (they are the
 * screen's recipients); when none is enrolled every Contact counts, so the answer is NOT_ENROLLED
 * rather than a vague NO_RECIPIENT. Among people sharing a number, an enrolled one is preferred.
 */
export function chooseRecipient(record: RecordFacts | null, toE164: string | null, toGiven: boolean): RecipientChoice {
  if (!record) return { kind: 'none', reason: 'record_not_found', candidates: [] };
  const enrolledFirst = (list: RecipientFacts[]) => [...list.filter((c) => c.enrolled), ...list.filter((c) => !c.enrolled)];
  const all = record.candidates;
  const phones = (list: RecipientFacts[]) => [...new Set(list.map((c) => c.phoneNumber))];
  if (toGiven) {
    if (!toE164) return { kind: 'none', reason: 'invalid_to', candidates: phones(all) };
    const match = enrolledFirst(all.filter((c) => c.phoneNumber === toE164))[0];
    return match ? { kind: 'chosen', recipient: match } : { kind: 'none', reason: all.length ? 'not_on_record' : 'no_phone', candidates: phones(all) };
  }
  if (all.length === 0) return { kind: 'none', reason: 'no_phone', candidates: [] };
  const enrolled = all.filter((c) => c.enrolled);
  const pool = record.type === 'Account' && enrolled.length > 0 ? enrolled : all;
  const distinct = phones(pool);
  if (distinct.length > 1) return { kind: 'none', reason: 'ambiguous', candidates: distinct };
  return { kind: 'chosen', recipient: enrolledFirst(pool)[0] };
}

/** The recipient's number: the chosen one, or `to` as parsed when no recipient could be chosen. */
export function recipientNumber(ctx: Pick<SendContext, 'choice' | 'toVerdict'>): string | null {
  if (ctx.choice.kind === 'chosen') return ctx.choice.recipient.phoneNumber;
  return ctx.toVerdict && ctx.toVerdict.kind !== 'invalid' ? ctx.toVerdict.e164 : null;
}
