/**
 * Delivery statuses only move forward (CONTRACT §2): queued → sent → delivered, or to undelivered /
 * failed with an error code. A terminal status is never left; a late or replayed callback of an
 * earlier status is ignored. Pure, so the rule is tested apart from HTTP and the database.
 */
import type { MessageStatus } from '../message.entity';
import type { DeliveryStatus } from '../sms-provider.port';

const RANK: Record<DeliveryStatus, number> = { queued: 0, sent: 1, delivered: 2, undelivered: 2, failed: 2 };

export const TERMINAL: ReadonlySet<MessageStatus> = new Set(['delivered', 'undelivered', 'failed', 'received']);

export function canAdvance(current: MessageStatus, next: DeliveryStatus): boolean {
  if (current === 'received' || TERMINAL.has(current)) return false;
  return RANK[next] > RANK[current as DeliveryStatus];
}

/** The statuses a message may be in for `next` to replace it (for a conditional UPDATE). */
export function statusesBefore(next: DeliveryStatus): DeliveryStatus[] {
  return (Object.keys(RANK) as DeliveryStatus[]).filter((s) => canAdvance(s, next));
}
