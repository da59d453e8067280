import type { SqlValue } from '../database/sql';

/** One conversation, seen from a reply: their number (`from`) and ours (`to`). */
export interface ConversationPair {
  from: string;
  to: string;
}

export interface LastOutboundRow {
  to_number: string;
  from_number: string;
  prospect_id: string | null;
  record_id: string | null;
}

/**
 * The last message each of our numbers sent to each number (what a reply answers), one LIMIT 1
 * range of `ix_messages_pair_latest` per pair: the cost is the number of pairs, whatever the
 * history. The pair list is padded to a power of two (repeating its last pair) so a handful of
 * statement texts serve every batch size and stay in the statement cache.
 */
export function lastOutboundQuery(pairs: ConversationPair[]): { text: string; params: SqlValue[] } {
  if (pairs.length === 0) throw new Error('lastOutboundQuery needs at least one pair');
  const size = 2 ** Math.ceil(Math.log2(pairs.length));
  const padded = [...pairs, ...Array.from({ length: size - pairs.length }, () => pairs[pairs.length - 1])];
  const leg = (i: number) =>
    `SELECT * FROM (SELECT to_number, from_number, prospect_id, record_id FROM messages ` +
    `WHERE to_number = $${2 * i + 1} AND from_number = $${2 * i + 2} AND direction = 'outbound' ORDER BY created_at DESC, id DESC LIMIT 1) last_${i}`;
  return {
    text: padded.map((_, i) => leg(i)).join(' UNION ALL '),
    params: padded.flatMap((p) => [p.from, p.to]),
  };
}
