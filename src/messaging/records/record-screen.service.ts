import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { DomainError } from '../../common/domain-error';
import type { GateCode, Refusal } from '../gate/refusal';
import { SendGateService } from '../gate/send-gate.service';
import type { RecipientFacts, RecordFacts, SenderFacts } from '../gate/send-context';
import { BODY_RULES } from '../gate/send-rules';
import { MessageView, toMessageView } from '../message.view';
import { THREAD_PAGE_DEFAULT, ThreadLeg } from '../thread-page';
import { MessagesStore } from '../messages.store';
import { RecordRecipientsService } from './record-recipients.service';

export interface RecordSmsScreen {
  record: { id: string; type: RecordFacts['type']; name: string };
  recipients: { prospectId: string; name: string; phoneNumber: string }[];
  senderNumbers: { id: string; phoneNumber: string; kind: SenderFacts['kind']; smsEnabled: boolean }[];
  canSend: boolean;
  blockedReason: GateCode | null;
  /** the refusal's details (e.g. QUIET_HOURS: recipientLocalTime, window), null when sendable */
  blockedDetails: Record<string, unknown> | null;
  messages: MessageView[];
}

/**
 * The Ad-hoc SMS screen of a record (CONTRACT §2): who can be texted, from which of the rep's
 * numbers, whether the gate would let a message through now (every rule but the body's), and the
 * thread with those people — the latest page (THREAD_PAGE_DEFAULT messages) with their numbers,
 * all reps, oldest first; older pages through the prospect's thread (GET /api/prospects/:id/messages).
 */
@Injectable()
export class RecordScreenService {
  constructor(
    private readonly messages: MessagesStore,
    private readonly records: RecordRecipientsService,
    private readonly gate: SendGateService,
  ) {}

  async screen(principal: Principal, recordId: string): Promise<RecordSmsScreen> {
    const [record, repNumbers] = await Promise.all([this.records.load(recordId), this.gate.numbersOf(principal.id)]);
    if (!record) throw new DomainError('RECORD_NOT_FOUND', `No Contact, Lead, Account or Task with id ${recordId}.`, { recordId });
    const senders = repNumbers.filter((n) => n.kind === 'direct' && n.smsEnabled);
    const recipients = screenRecipients(record);
    const { canSend, blockedReason, blockedDetails } = await this.sendability(principal, record, repNumbers, senders, recipients);
    return {
      record: { id: record.id, type: record.type, name: record.name },
      recipients: recipients.map((r) => ({ prospectId: r.prospectId, name: r.name, phoneNumber: r.phoneNumber })),
      senderNumbers: senders.map((n) => ({ id: n.id, phoneNumber: n.phoneNumber, kind: n.kind, smsEnabled: n.smsEnabled })),
      canSend,
      blockedReason,
      blockedDetails,
      messages: await this.thread(record),
    };
  }

  /** Sendable when at least one recipient passes every rule but the body's from the rep's first SMS number. */
  private async sendability(principal: Principal, record: RecordFacts, repNumbers: SenderFacts[], senders: SenderFacts[], recipients: RecipientFacts[]) {
    const from = senders[0]?.phoneNumber ?? repNumbers[0]?.phoneNumber ?? '';
    const targets: (string | null)[] = recipients.length ? [...new Set(recipients.map((r) => r.phoneNumber))] : [null];
    let first: Refusal | null = null;
    for (const to of targets) {
      const { ctx } = await this.gate.loadContext(principal.id, { recordId: record.id, from, to, body: '' }, { repNumbers, record });
      const refusal = this.gate.evaluate(ctx, null, BODY_RULES);
      if (!refusal) return { canSend: true, blockedReason: null, blockedDetails: null };
      first ??= refusal;
    }
    return { canSend: false, blockedReason: first?.code ?? null, blockedDetails: first?.details ?? null };
  }

  private async thread(record: RecordFacts): Promise<MessageView[]> {
    const phones = [...new Set(record.candidates.map((c) => c.phoneNumber))];
    if (phones.length === 0) return [];
    const legs = phones.flatMap((value): ThreadLeg[] => [
      { column: 'to_number', value, direction: 'outbound' },
      { column: 'from_number', value, direction: 'inbound' },
    ]);
    const page = await this.messages.threadPage(legs, null, THREAD_PAGE_DEFAULT);
    return page.messages.map(toMessageView);
  }
}

/** An Account's recipients are its enrolled Contacts; any other record lists each of its people's phones. */
function screenRecipients(record: RecordFacts): RecipientFacts[] {
  return record.type === 'Account' ? record.candidates.filter((c) => c.enrolled) : record.candidates;
}
