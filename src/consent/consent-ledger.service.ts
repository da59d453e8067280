import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { normalizePhone } from '../common/phone-number';
import { ProspectsStore } from '../crm/mirror/prospects.store';
import type { ConsentSource } from './consent-block.entity';
import { ConsentMessages } from './consent-messages.port';
import { ConsentService } from './consent.service';

export interface ConsentEventView {
  id: string;
  action: 'block' | 'unblock';
  source: ConsentSource;
  messageId: string | null;
  /** the message that caused it (the prospect's text, or the send Twilio refused) */
  message: { direction: string; body: string; from: string; to: string; createdAt: string } | null;
  actorUserId: string | null;
  needsReview: boolean;
  note: string | null;
  createdAt: string;
}

export interface ConsentReport {
  phoneNumber: string;
  optedOut: boolean;
  source: ConsentSource | null;
  updatedAt: string | null;
  prospects: { id: string; name: string; objectType: string; doNotSms: boolean; doNotCall: boolean }[];
  events: ConsentEventView[];
}

/** The answer to "who blocked this number, when, how" (GET /api/admin/consent?phone=). */
@Injectable()
export class ConsentLedgerService {
  constructor(
    private readonly consent: ConsentService,
    private readonly messages: ConsentMessages,
    private readonly prospects: ProspectsStore,
  ) {}

  async report(phone: string): Promise<ConsentReport> {
    const phoneNumber = normalizePhone(phone.trim())?.e164;
    if (!phoneNumber) throw new DomainError('INVALID_PHONE', `"${phone}" is not a valid phone number.`);
    const [state, events, prospects] = await Promise.all([
      this.consent.state(phoneNumber),
      this.consent.ledger(phoneNumber),
      this.prospects.holdersWithDetails(phoneNumber),
    ]);
    const messageIds = [...new Set(events.map((e) => e.messageId).filter((id): id is string => !!id))];
    const messages = await this.messages.findByIds(messageIds);
    const byId = new Map(messages.map((m) => [m.id, m]));
    return {
      ...state,
      prospects: prospects.map((p) => ({ id: p.prospectId, name: p.name, objectType: p.objectType, doNotSms: p.doNotSms, doNotCall: p.doNotCall })),
      events: events.map((e) => {
        const m = e.messageId ? byId.get(e.messageId) : undefined;
        return {
          id: e.id,
          action: e.action,
          source: e.source,
          messageId: e.messageId,
          message: m ? { direction: m.direction, body: m.body, from: m.from, to: m.to, createdAt: m.createdAt } : null,
          actorUserId: e.actorUserId,
          needsReview: e.needsReview,
          note: e.note,
          createdAt: e.createdAt,
        };
      }),
    };
  }
}
