import { Injectable } from '@nestjs/common';
import { objectOfId, toId18 } from '../../common/salesforce-id';
import { ConsentBlocksStore } from '../../consent/consent-blocks.store';
import { ProspectsStore } from '../../crm/mirror/prospects.store';
import { SenderNumbersStore } from '../../numbers/sender-numbers.store';
import { RecordRecipientsService } from '../records/record-recipients.service';
import type { NumberHolderFacts, RecordFacts, SenderFacts } from './send-context';

/** The consent state of the recipient's number and the CRM flags of everyone holding it. */
export interface LineFacts {
  optedOut: boolean;
  holders: NumberHolderFacts[];
}

/**
 * The gate's reads, on every send: the rep's numbers, the record's people and phones, the
 * recipient line's consent and holders. A Contact or Lead is one statement (the person joined to
 * their phones and everyone holding them); Accounts and Tasks go through RecordRecipientsService (a Task is read live from
 * Salesforce).
 */
@Injectable()
export class SendFactsReader {
  constructor(
    private readonly numbers: SenderNumbersStore,
    private readonly prospects: ProspectsStore,
    private readonly consent: ConsentBlocksStore,
    private readonly records: RecordRecipientsService,
  ) {}

  /** Every number the rep holds, oldest first. */
  senderNumbers(userId: string): Promise<SenderFacts[]> {
    return this.numbers.ofUser(userId);
  }

  /** The record a rep texts from (null when unknown); Salesforce errors of a Task propagate. */
  async record(recordId: string): Promise<RecordFacts | null> {
    const id = toId18(recordId.trim());
    const object = id ? objectOfId(id) : null;
    if (!id || (object !== 'Contact' && object !== 'Lead')) return this.records.load(recordId);
    const p = await this.prospects.person(id);
    if (!p) return null;
    const candidates = p.phones.map((phone) => ({
      prospectId: p.id,
      name: p.name,
      objectType: p.objectType,
      phoneNumber: phone.e164,
      field: phone.field,
      enrolled: p.enrolled,
      doNotCall: p.doNotCall,
      doNotSms: p.doNotSms,
    }));
    return { id, type: p.objectType, name: p.name, candidates, holders: p.holders };
  }

  /**
   * Whether `e164` is opted out org-wide, and the CRM flags of every mirrored person holding it
   * (`knownHolders` when the record's read brought them already).
   */
  async line(e164: string, knownHolders?: NumberHolderFacts[]): Promise<LineFacts> {
    const [optedOut, holders] = await Promise.all([this.consent.isBlocked(e164), knownHolders ?? this.prospects.holdersOf(e164)]);
    return { optedOut, holders };
  }
}
