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
 * leg is a range of an index on `(column, created_at, id)`; the number columns are indexed for one
 * direction each (`from_number` inbound, `to_number` outbound: migration 1765000000000), so their
 * legs name it.
 */
export type ThreadLeg =
  | { column: 'from_number'; value: string; direction: 'inbound' }
  | { column: 'to_number'; value: string; direction: 'outbound' }
  | { column: 'prospect_id'; value: string; direction?: MessageDirection };

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
