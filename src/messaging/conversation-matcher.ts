import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { User } from '../auth/user.entity';
import { Prospect } from '../crm/prospect.entity';
import { ProspectPhone } from '../crm/prospect-phone.entity';
import { SenderNumber } from '../numbers/sender-number.entity';
import { fileUnder, FiledUnder, LastOutbound } from './conversation-match';
import { Message } from './message.entity';

/** Who a reply came from (their number) and where it came to (our number). */
export interface Conversation extends FiledUnder {
  from: string;
  to: string;
  senderNumber: SenderNumber | null;
  /** the owner of the number texted: the rep to notify */
  owner: User | null;
}

export const conversationKey = (from: string, to: string) => `${from}|${to}`;

/**
 * Matches replies to our numbers and their owners, and their senders to prospects through the
 * phone index (every prospect holding the number). Works on many conversations at once with one
 * query per table, so a batch of webhooks costs a handful of statements, not a handful each.
 */
@Injectable()
export class ConversationMatcher {
  async matchMany(manager: EntityManager, pairs: { from: string; to: string }[]): Promise<Map<string, Conversation>> {
    const froms = unique(pairs.map((p) => p.from));
    const tos = unique(pairs.map((p) => p.to));
    const numbers = await manager.getRepository(SenderNumber).findBy({ phoneNumber: In(tos) });
    const users = numbers.length > 0 ? await manager.getRepository(User).findBy({ id: In(unique(numbers.map((n) => n.userId))) }) : [];
    const phones = await manager.getRepository(ProspectPhone).findBy({ e164: In(froms) });
    const prospectIds = unique(phones.map((p) => p.prospectId));
    const prospects = prospectIds.length > 0 ? await manager.getRepository(Prospect).findBy({ id: In(prospectIds) }) : [];
    const matchedFroms = unique(phones.map((p) => p.e164));
    // The last message each rep line sent to each matched number (what a reply answers).
    const outbound =
      matchedFroms.length > 0
        ? await manager.getRepository(Message).find({
            select: { fromNumber: true, toNumber: true, prospectId: true, recordId: true, createdAt: true },
            where: { direction: 'outbound', toNumber: In(matchedFroms), fromNumber: In(tos) },
            order: { createdAt: 'DESC' },
          })
        : [];

    const numberByPhone = new Map(numbers.map((n) => [n.phoneNumber, n]));
    const userById = new Map(users.map((u) => [u.id, u]));
    const prospectById = new Map(prospects.map((p) => [p.id, p]));
    const prospectsByPhone = new Map<string, Prospect[]>();
    for (const phone of phones) {
      const prospect = prospectById.get(phone.prospectId);
      if (!prospect) continue;
      const list = prospectsByPhone.get(phone.e164) ?? [];
      if (!list.includes(prospect)) list.push(prospect);
      prospectsByPhone.set(phone.e164, list);
    }
    const lastByPair = new Map<string, LastOutbound>();
    for (const m of outbound) {
      const key = conversationKey(m.toNumber, m.fromNumber);
      if (!lastByPair.has(key)) lastByPair.set(key, { prospectId: m.prospectId, recordId: m.recordId });
    }

    const result = new Map<string, Conversation>();
    for (const { from, to } of pairs) {
      const key = conversationKey(from, to);
      if (result.has(key)) continue;
      const senderNumber = numberByPhone.get(to) ?? null;
      const owner = senderNumber ? (userById.get(senderNumber.userId) ?? null) : null;
      const filed = fileUnder(prospectsByPhone.get(from) ?? [], lastByPair.get(key) ?? null, owner?.salesforceUserId ?? null);
      result.set(key, { from, to, senderNumber, owner, ...filed });
    }
    return result;
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
