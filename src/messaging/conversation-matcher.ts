import { Injectable } from '@nestjs/common';
import type { User } from '../auth/user.entity';
import { UsersStore } from '../auth/users.store';
import type { Prospect } from '../crm/prospect.entity';
import { ProspectsStore } from '../crm/mirror/prospects.store';
import type { Sql } from '../database/sql';
import type { SenderNumber } from '../numbers/sender-number.entity';
import { SenderNumbersStore } from '../numbers/sender-numbers.store';
import { fileUnder, FiledUnder, LastOutbound } from './conversation-match';
import { ConversationPair, MessagesStore } from './messages.store';

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
 * query per table, so a batch of webhooks costs a handful of statements, not a handful each, and
 * each reads a bounded number of rows through an index (the last outbound message of a pair is a
 * LIMIT 1, see MessagesStore.lastOutbound), however long the history.
 */
@Injectable()
export class ConversationMatcher {
  constructor(
    private readonly numbers: SenderNumbersStore,
    private readonly users: UsersStore,
    private readonly prospects: ProspectsStore,
    private readonly messages: MessagesStore,
  ) {}

  /** Reads on `on`: a unit's `tx` (inside its transaction) or the database. */
  async matchMany(on: Sql, pairs: { from: string; to: string }[]): Promise<Map<string, Conversation>> {
    const froms = unique(pairs.map((p) => p.from));
    const tos = unique(pairs.map((p) => p.to));
    // two independent chains, asked for together: on PostgreSQL their statements share round trips
    const [{ numbers, users }, { held, outbound }] = await Promise.all([
      this.numbers.byPhoneNumbers(tos, on).then(async (numbers) => ({
        numbers,
        users: numbers.length > 0 ? await this.users.findMany(unique(numbers.map((n) => n.userId)), on) : [],
      })),
      this.prospects.holdingAny(froms, on).then(async (held) => {
        // The last message each rep line sent to each matched number (what a reply answers): one
        // indexed LIMIT 1 per conversation, never the pair's whole history.
        const matched = new Set(held.map((h) => h.e164));
        return { held, outbound: await this.messages.lastOutbound(uniquePairs(pairs.filter((p) => matched.has(p.from))), on) };
      }),
    ]);

    const numberByPhone = new Map(numbers.map((n) => [n.phoneNumber, n]));
    const userById = new Map(users.map((u) => [u.id, u]));
    const prospectsByPhone = new Map<string, Prospect[]>();
    for (const { e164, prospect } of held) {
      const list = prospectsByPhone.get(e164) ?? [];
      if (!list.some((p) => p.id === prospect.id)) list.push(prospect);
      prospectsByPhone.set(e164, list);
    }
    const lastByPair = new Map<string, LastOutbound>();
    for (const m of outbound) lastByPair.set(conversationKey(m.to_number, m.from_number), { prospectId: m.prospect_id, recordId: m.record_id });

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

function uniquePairs(pairs: ConversationPair[]): ConversationPair[] {
  const byKey = new Map(pairs.map((p) => [conversationKey(p.from, p.to), { from: p.from, to: p.to }]));
  return [...byKey.values()];
}
