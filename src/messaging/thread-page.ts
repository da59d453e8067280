import type { SqlValue } from '../database/sql';
import type { MessageDirection } from './message.entity';

/** Messages per thread page: the default and the most a client may ask for. */
export const THREAD_PAGE_DEFAULT = 50;
export const THREAD_PAGE_MAX = 200;

/** Where a page ends: the oldest message it holds; the next page holds what came before it. */
export interface ThreadCursor {
  createdAt: string;
  id: string;
}

/**
 * One way into a thread: messages with `column = value` (and, when given, of one direction). Each
 * leg is a range of an index on `(column, created_at, id)` (migration 1764850000000).
 */
export interface ThreadLeg {
  column: 'from_number' | 'to_number' | 'prospect_id';
  value: string;
  direction?: MessageDirection;
}

export interface ThreadRow {
  id: string;
  created_at: string;
}

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
    if (leg.direction) where.push(`direction = ${param(leg.direction)}`);
    // a row value: both engines read it as a range of the (…, created_at, id) index
    if (before) where.push(`(created_at, id) < (${param(before.createdAt)}, ${param(before.id)})`);
    return `SELECT * FROM (SELECT id, created_at FROM messages WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${param(take)}) leg_${i}`;
  });
  return { text: `${parts.join(' UNION ')} ORDER BY created_at DESC, id DESC LIMIT ${param(take)}`, params };
}

/** The cursor as clients see it: opaque, URL-safe. */
export function encodeCursor(cursor: ThreadCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor a client sent back, or null when it is not one this service wrote. */
export function decodeCursor(text: string): ThreadCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)\|([0-9a-f-]{1,36})$/.exec(decoded);
  if (!match || Number.isNaN(Date.parse(match[1]))) return null;
  return { createdAt: match[1], id: match[2] };
}
