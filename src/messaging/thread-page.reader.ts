import { EntityManager, In } from 'typeorm';
import { runQuery } from '../database/portable-sql';
import { Message } from './message.entity';
import { ThreadCursor, ThreadLeg, threadPageQuery, ThreadRow } from './thread-page';

export interface ThreadPage<T> {
  /** oldest first */
  messages: T[];
  /** where the next (older) page starts; null on the last page */
  next: ThreadCursor | null;
}

/**
 * One page of the messages on any of these legs: the `limit` newest before the cursor, oldest
 * first. Two bounded reads: the page's ids through the legs' indexes, then those rows by id.
 */
export async function readThreadPage(manager: EntityManager, legs: ThreadLeg[], before: ThreadCursor | null, limit: number): Promise<ThreadPage<Message>> {
  if (legs.length === 0) return { messages: [], next: null };
  const rows = await runQuery<ThreadRow>(manager, threadPageQuery(legs, before, limit + 1));
  const shown = rows.slice(0, limit);
  const found = shown.length > 0 ? await manager.getRepository(Message).findBy({ id: In(shown.map((r) => r.id)) }) : [];
  const byId = new Map(found.map((m) => [m.id, m]));
  const messages = shown
    .map((r) => byId.get(r.id))
    .filter((m): m is Message => m !== undefined)
    .reverse();
  const oldest = messages[0];
  return { messages, next: rows.length > limit && oldest ? { createdAt: oldest.createdAt, id: oldest.id } : null };
}
