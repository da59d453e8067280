import { Injectable } from '@nestjs/common';
import { bool, chunksOf, int, paddedToPowerOfTwo, placeholders, Sql, SqlValue, valuesList } from '../database/sql';
// loaded for its @Entity: it registers messages with the DataSource (entity-registry.ts)
import './message.entity';
import type { Message, MessageDirection, MessageStatus } from './message.entity';
import type { ThreadCursor, ThreadLeg } from './thread-page';

/** A page of a thread: oldest first, and where the next (older) page starts (null on the last). */
export interface ThreadPage<T> {
  messages: T[];
  next: ThreadCursor | null;
}

/** Every column of `messages` and the Message property it holds. */
const COLUMNS = {
  id: 'id',
  direction: 'direction',
  from_number: 'fromNumber',
  to_number: 'toNumber',
  body: 'body',
  encoding: 'encoding',
  segments: 'segments',
  status: 'status',
  error_code: 'errorCode',
  provider_sid: 'providerSid',
  prospect_id: 'prospectId',
  record_id: 'recordId',
  user_id: 'userId',
  sender_number_id: 'senderNumberId',
  idempotency_key: 'idempotencyKey',
  needs_review: 'needsReview',
  created_at: 'createdAt',
  updated_at: 'updatedAt',
  crm_activity_id: 'crmActivityId',
  reply_to_id: 'replyToId',
  send_attempts: 'sendAttempts',
  send_claimed_at: 'sendClaimedAt',
  delivery_check_at: 'deliveryCheckAt',
} as const satisfies Record<string, keyof Message>;

const COLUMN_NAMES = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];
const SELECT_ALL = `SELECT ${COLUMN_NAMES.join(', ')} FROM messages`;
const PAGE_COLUMNS = COLUMN_NAMES.map((c) => `m.${c}`).join(', ');

/** A queued message the provider took: its sid, status and next delivery check. */
export interface AcceptedSend {
  id: string;
  providerSid: string;
  status: MessageStatus;
  updatedAt: string;
  deliveryCheckAt: string | null;
}

/** A keyword reply the sweep may hand to the sender. */
export type ReplyCandidate = Pick<Message, 'id' | 'fromNumber' | 'toNumber' | 'body' | 'prospectId' | 'sendAttempts' | 'updatedAt'>;

/** One conversation, seen from a reply: their number (`from`) and ours (`to`). */
export interface ConversationPair {
  from: string;
  to: string;
}

/** What a delivery-status callback needs of the message it names. */
export interface StatusTarget {
  id: string;
  status: MessageStatus;
  errorCode: string | null;
  crmActivityId: string | null;
}

/**
 * The hot reads and writes of the `messages` table, in plain SQL through the executor (one text for
 * both engines). Writes take the caller's unit of work (`tx`); reads outside one use the `Sql`
 * injected here.
 */
@Injectable()
export class MessagesStore {
  constructor(private readonly sql: Sql) {}

  /** New messages, each exactly as given: one multi-row statement per chunk. */
  async insert(tx: Sql, messages: readonly Message[]): Promise<void> {
    for (const chunk of chunksOf(messages, COLUMN_NAMES.length)) {
      const params: SqlValue[] = [];
      for (const m of chunk) for (const column of COLUMN_NAMES) params.push(m[COLUMNS[column]]);
      await tx.run(`INSERT INTO messages (${COLUMN_NAMES.join(', ')}) VALUES ${valuesList(chunk.length, COLUMN_NAMES.length)}`, params);
    }
  }

  /** The message a rep sent with this idempotency key, if any. */
  async findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<Message | null> {
    const row = await this.sql.one(`${SELECT_ALL} WHERE user_id = $1 AND idempotency_key = $2`, [userId, idempotencyKey]);
    return row ? toMessage(row) : null;
  }

  /**
   * The last message each of our numbers sent to each of theirs (what a reply answers), by pair;
   * pass a unit's `tx` to read inside it.
   */
  async lastOutbound(pairs: ConversationPair[], on: Sql = this.sql): Promise<LastOutboundRow[]> {
    if (pairs.length === 0) return [];
    const q = lastOutboundQuery(pairs);
    return on.query<LastOutboundRow>(q.text, q.params);
  }

  /**
   * One page of the messages on any of these legs: the `limit` newest before the cursor, oldest
   * first. One bounded read: the page's ids through the legs' indexes, joined to their rows by id.
   */
  async threadPage(legs: ThreadLeg[], before: ThreadCursor | null, limit: number): Promise<ThreadPage<Message>> {
    if (legs.length === 0) return { messages: [], next: null };
    const q = threadPageQuery(legs, before, limit + 1);
    const rows = await this.sql.query(`SELECT ${PAGE_COLUMNS} FROM (${q.text}) page JOIN messages m ON m.id = page.id ORDER BY page.created_at DESC, page.id DESC`, q.params);
    const messages = rows.slice(0, limit).map(toMessage).reverse();
    const oldest = messages[0];
    return { messages, next: rows.length > limit && oldest ? { createdAt: oldest.createdAt, id: oldest.id } : null };
  }

  /** These messages (the ones that exist), in no particular order; pass a unit's `tx` to read inside it. */
  async byIds(ids: readonly string[], on: Sql = this.sql): Promise<Message[]> {
    const messages: Message[] = [];
    for (const chunk of chunksOf([...new Set(ids)], 1)) messages.push(...(await on.query(`${SELECT_ALL} WHERE id IN (${placeholders(chunk.length)})`, chunk)).map(toMessage));
    return messages;
  }

  /** Which of these provider sids are stored already. */
  async storedSids(tx: Sql, sids: readonly string[]): Promise<Set<string>> {
    if (sids.length === 0) return new Set();
    const rows = await tx.query<{ provider_sid: string }>(`SELECT provider_sid FROM messages WHERE provider_sid IN (${placeholders(sids.length)})`, sids);
    return new Set(rows.map((r) => r.provider_sid));
  }

  /**
   * The provider took these queued messages: each one's sid and status (and its next delivery
   * check), unless a callback moved it on already. One statement per chunk.
   */
  async recordAccepted(tx: Sql, accepted: readonly AcceptedSend[]): Promise<void> {
    for (const chunk of chunksOf(accepted, 5)) {
      const params: SqlValue[] = [];
      for (const a of chunk) params.push(a.id, a.providerSid, a.status, a.updatedAt, a.deliveryCheckAt);
      await tx.run(
        'UPDATE messages SET provider_sid = v.column2, status = v.column3, updated_at = v.column4, delivery_check_at = v.column5 ' +
          `FROM (VALUES ${valuesList(chunk.length, 5)}) AS v WHERE messages.id = v.column1 AND messages.status = 'queued'`,
        params,
      );
    }
  }

  /** A send the provider refused or never answered; its delivery check kept only when the outcome is unknown. */
  markFailed(tx: Sql, id: string, errorCode: string, updatedAt: string, keepDeliveryCheck: boolean): Promise<number> {
    return tx.run(`UPDATE messages SET status = 'failed', error_code = $1, updated_at = $2${keepDeliveryCheck ? '' : ', delivery_check_at = NULL'} WHERE id = $3`, [
      errorCode,
      updatedAt,
      id,
    ]);
  }

  /** The message a delivery-status callback is about, by its provider sid. */
  async statusTarget(tx: Sql, providerSid: string): Promise<StatusTarget | null> {
    const row = await tx.one<{ id: string; status: MessageStatus; error_code: string | null; crm_activity_id: string | null }>(
      'SELECT id, status, error_code, crm_activity_id FROM messages WHERE provider_sid = $1',
      [providerSid],
    );
    return row ? { id: row.id, status: row.status, errorCode: row.error_code, crmActivityId: row.crm_activity_id } : null;
  }

  /**
   * Moves a message to `status`, only from one of `from` (forward only, whoever wrote last); a final
   * status ends its delivery checks. Null when it did not move, else the Task id the row holds after
   * the update. That Task id is read by the update itself, after any flush that was writing it
   * committed (PostgreSQL makes the update wait for the row), so a status never misses both the
   * flush's re-check and its own task_status.
   */
  async advanceStatus(tx: Sql, id: string, from: readonly MessageStatus[], status: MessageStatus, errorCode: string | null, updatedAt: string): Promise<{ crmActivityId: string | null } | null> {
    const endChecks = status === 'delivered' || status === 'undelivered' || status === 'failed' ? ', delivery_check_at = NULL' : '';
    const row = await tx.one<{ crm_activity_id: string | null }>(
      `UPDATE messages SET status = $1, error_code = $2, updated_at = $3${endChecks} WHERE id = $4 AND status IN (${placeholders(from.length, 5)}) RETURNING crm_activity_id`,
      [status, errorCode, updatedAt, id, ...from],
    );
    return row ? { crmActivityId: row.crm_activity_id } : null;
  }

  // ---- delivery-reconcile (messaging/delivery/): every write conditional on what the job read,
  // so a status callback, the send path or another instance changing the row meanwhile wins

  /** Up to `limit` outbound messages whose delivery check is due, the oldest check first (ix_messages_delivery_check). */
  async dueDeliveryChecks(now: string, limit: number): Promise<Message[]> {
    const rows = await this.sql.query(
      `${SELECT_ALL} WHERE delivery_check_at IS NOT NULL AND delivery_check_at <= $1 ORDER BY delivery_check_at, id LIMIT ${Math.trunc(limit)}`,
      [now],
    );
    return rows.map(toMessage);
  }

  /** The next check of a message (null: none), unless something else moved it since it was read. */
  rescheduleDeliveryCheck(tx: Sql, id: string, readCheckAt: string, next: string | null): Promise<number> {
    return tx.run('UPDATE messages SET delivery_check_at = $1 WHERE id = $2 AND delivery_check_at = $3', [next, id, readCheckAt]);
  }

  /**
   * What the provider holds of a send whose outcome was unknown: its sid, status and error code,
   * and the next check. Only while the message still has no sid (queued, or failed for want of an
   * answer), so a send that recorded its own answer meanwhile keeps it.
   */
  recordProviderMessage(
    tx: Sql,
    id: string,
    found: { providerSid: string; status: MessageStatus; errorCode: string | null },
    updatedAt: string,
    next: string | null,
  ): Promise<number> {
    return tx.run(
      "UPDATE messages SET provider_sid = $1, status = $2, error_code = $3, updated_at = $4, delivery_check_at = $5 WHERE id = $6 AND provider_sid IS NULL AND status IN ('queued', 'failed')",
      [found.providerSid, found.status, found.errorCode, updatedAt, next, id],
    );
  }

  /** A send the provider never took: failed with `errorCode`, never re-sent, no more checks. */
  markNotSent(tx: Sql, id: string, errorCode: string, updatedAt: string): Promise<number> {
    return tx.run(
      "UPDATE messages SET status = 'failed', error_code = $1, updated_at = $2, delivery_check_at = NULL WHERE id = $3 AND provider_sid IS NULL AND status IN ('queued', 'failed')",
      [errorCode, updatedAt, id],
    );
  }

  // ---- keyword replies (messaging/replies/): the service's own replies (`reply_to_id` set), sent
  // once: each write conditional on the claim the sender holds

  /** Up to `limit` of the service's replies still queued, unsent and unclaimed, last touched before `before`, the oldest first. */
  async unsentReplies(before: string, limit: number): Promise<ReplyCandidate[]> {
    const rows = await this.sql.query<{ id: string; from_number: string; to_number: string; body: string; prospect_id: string | null; send_attempts: unknown; updated_at: string }>(
      "SELECT id, from_number, to_number, body, prospect_id, send_attempts, updated_at FROM messages WHERE direction = 'outbound' AND status = 'queued' " +
        `AND reply_to_id IS NOT NULL AND provider_sid IS NULL AND send_claimed_at IS NULL AND updated_at < $1 ORDER BY updated_at ASC LIMIT ${Math.trunc(limit)}`,
      [before],
    );
    return rows.map((r) => ({ id: r.id, fromNumber: r.from_number, toNumber: r.to_number, body: r.body, prospectId: r.prospect_id, sendAttempts: int(r.send_attempts), updatedAt: r.updated_at }));
  }

  /**
   * Claims a queued, unsent, unclaimed reply with fewer than `maxAttempts` attempts: its attempt
   * count with this one, or null when another caller holds it (or it is not such a reply).
   */
  async claimReply(tx: Sql, id: string, claimedAt: string, deliveryCheckAt: string, maxAttempts: number): Promise<number | null> {
    const row = await tx.one<{ send_attempts: unknown }>(
      'UPDATE messages SET send_claimed_at = $1, send_attempts = send_attempts + 1, delivery_check_at = $2 ' +
        "WHERE id = $3 AND status = 'queued' AND provider_sid IS NULL AND reply_to_id IS NOT NULL AND send_claimed_at IS NULL AND send_attempts < $4 RETURNING send_attempts",
      [claimedAt, deliveryCheckAt, id, maxAttempts],
    );
    return row ? int(row.send_attempts) : null;
  }

  /**
   * Claims again a reply still without a sid that the attempt claimed at `previousClaim` holds
   * (queued again, its error cleared): its attempt count with this one, or null.
   */
  async reclaimReply(tx: Sql, id: string, previousClaim: string, claimedAt: string, deliveryCheckAt: string): Promise<number | null> {
    const row = await tx.one<{ send_attempts: unknown }>(
      "UPDATE messages SET status = 'queued', error_code = NULL, send_claimed_at = $1, send_attempts = send_attempts + 1, delivery_check_at = $2, updated_at = $1 " +
        "WHERE id = $3 AND status IN ('queued', 'failed') AND provider_sid IS NULL AND reply_to_id IS NOT NULL AND send_claimed_at = $4 RETURNING send_attempts",
      [claimedAt, deliveryCheckAt, id, previousClaim],
    );
    return row ? int(row.send_attempts) : null;
  }

  /** The provider took a queued reply: its sid and status, the error of an earlier attempt cleared. */
  recordReplyAccepted(tx: Sql, id: string, providerSid: string, status: MessageStatus, updatedAt: string, deliveryCheckAt: string | null): Promise<number> {
    return tx.run("UPDATE messages SET provider_sid = $1, status = $2, error_code = NULL, updated_at = $3, delivery_check_at = $4 WHERE id = $5 AND status = 'queued'", [
      providerSid,
      status,
      updatedAt,
      deliveryCheckAt,
      id,
    ]);
  }

  /** Lets go of a claimed reply the provider certainly did not take, left queued for a later sweep. */
  releaseReply(tx: Sql, id: string, claimedAt: string, errorCode: string, updatedAt: string): Promise<number> {
    return tx.run("UPDATE messages SET send_claimed_at = NULL, error_code = $1, updated_at = $2, delivery_check_at = NULL WHERE id = $3 AND status = 'queued' AND send_claimed_at = $4", [
      errorCode,
      updatedAt,
      id,
      claimedAt,
    ]);
  }

  /** A queued reply failed for good; its delivery check kept only when the outcome is unknown. */
  failReply(tx: Sql, id: string, errorCode: string, updatedAt: string, keepDeliveryCheck: boolean): Promise<number> {
    return tx.run(`UPDATE messages SET status = 'failed', error_code = $1, updated_at = $2${keepDeliveryCheck ? '' : ', delivery_check_at = NULL'} WHERE id = $3 AND status = 'queued'`, [
      errorCode,
      updatedAt,
      id,
    ]);
  }

  /** How many of these ids are stored messages. */
  async countExisting(ids: readonly string[]): Promise<number> {
    let count = 0;
    for (const chunk of chunksOf([...new Set(ids)], 1)) {
      const row = await this.sql.one<{ n: unknown }>(`SELECT count(*) AS n FROM messages WHERE id IN (${placeholders(chunk.length)})`, chunk);
      count += int(row?.n ?? 0);
    }
    return count;
  }

  // ---- the CRM activity log (sync/) ------------------------------------------------------------

  /** The Task a message is logged as (null: not logged, or its Task was lost). */
  setCrmActivityId(tx: Sql, id: string, crmActivityId: string | null): Promise<number> {
    return tx.run('UPDATE messages SET crm_activity_id = $1 WHERE id = $2', [crmActivityId, id]);
  }

  /** How many messages were created at or after `since`. */
  async countCreatedSince(since: string): Promise<number> {
    const row = await this.sql.one<{ n: unknown }>('SELECT count(*) AS n FROM messages WHERE created_at >= $1', [since]);
    return int(row?.n ?? 0);
  }

  /** Up to `limit` messages created at or after `since` with ids after `afterId`, by id: one page of a walk over a window. */
  async createdSincePage(since: string, afterId: string, limit: number): Promise<Message[]> {
    const rows = await this.sql.query(`${SELECT_ALL} WHERE created_at >= $1 AND id > $2 ORDER BY id ASC LIMIT ${Math.trunc(limit)}`, [since, afterId]);
    return rows.map(toMessage);
  }

  /** Whether the service answered another keyword of this pair after `after` (the pair's range of ix_messages_outbound_pair). */
  async laterKeywordReply(toNumber: string, fromNumber: string, after: string): Promise<boolean> {
    const row = await this.sql.one(
      "SELECT id FROM messages WHERE to_number = $1 AND from_number = $2 AND direction = 'outbound' AND created_at > $3 AND reply_to_id IS NOT NULL LIMIT 1",
      [toNumber, fromNumber, after],
    );
    return row !== null;
  }
}

/** A `messages` row (either engine's types) as a Message. */
export function toMessage(row: Record<string, unknown>): Message {
  const m = {} as Record<keyof Message, unknown>;
  for (const column of COLUMN_NAMES) m[COLUMNS[column]] = row[column];
  m.needsReview = bool(row.needs_review);
  m.segments = int(row.segments);
  m.sendAttempts = int(row.send_attempts);
  return m as Message;
}

interface LastOutboundRow {
  to_number: string;
  from_number: string;
  prospect_id: string | null;
  record_id: string | null;
}

/**
 * The last message each of our numbers sent to each number (what a reply answers), one LIMIT 1
 * range of `ix_messages_outbound_pair` per pair: the cost is the number of pairs, whatever the
 * history. The pair list is padded to a power of two (repeating its last pair) so a handful of
 * statement texts serve every batch size and stay in the statement cache.
 */
function lastOutboundQuery(pairs: ConversationPair[]): { text: string; params: SqlValue[] } {
  const padded = paddedToPowerOfTwo(pairs);
  const leg = (i: number) =>
    `SELECT * FROM (SELECT to_number, from_number, prospect_id, record_id FROM messages ` +
    `WHERE to_number = $${2 * i + 1} AND from_number = $${2 * i + 2} AND direction = 'outbound' ORDER BY created_at DESC, id DESC LIMIT 1) last_${i}`;
  return {
    text: padded.map((_, i) => leg(i)).join(' UNION ALL '),
    params: padded.flatMap((p) => [p.from, p.to]),
  };
}

const DIRECTION_IS: Record<MessageDirection, string> = { inbound: "direction = 'inbound'", outbound: "direction = 'outbound'" };

/**
 * The ids of one page of a thread, newest first: each leg walks its index backwards from the
 * cursor and stops after `take` rows, then the legs are merged (a message on several legs counts
 * once) and cut to `take`. The cost is legs × take rows, whatever the thread's or the table's size.
 */
export function threadPageQuery(legs: ThreadLeg[], before: ThreadCursor | null, take: number): { text: string; params: SqlValue[] } {
  if (legs.length === 0) throw new Error('threadPageQuery needs at least one leg');
  const params: SqlValue[] = [];
  const param = (value: SqlValue) => `$${params.push(value)}`;
  const parts = legs.map((leg, i) => {
    const where = [`${leg.column} = ${param(leg.value)}`];
    // a literal, not a parameter: only then may either engine plan with the direction's partial index
    if (leg.direction) where.push(DIRECTION_IS[leg.direction]);
    // a row value: both engines read it as a range of the (…, created_at, id) index
    if (before) where.push(`(created_at, id) < (${param(before.createdAt)}, ${param(before.id)})`);
    return `SELECT * FROM (SELECT id, created_at FROM messages WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${param(take)}) leg_${i}`;
  });
  return { text: `${parts.join(' UNION ')} ORDER BY created_at DESC, id DESC LIMIT ${param(take)}`, params };
}

