import { Injectable, Logger } from '@nestjs/common';
import type { NotificationView } from './notification.view';

export type NotificationListener = (notification: NotificationView) => void;

/**
 * The in-process event bus behind `GET /api/notifications/stream`: a notification committed to
 * the database is published here, and every open stream of its user receives it.
 *
 * One process only: with several instances behind a load balancer, a stream sees the
 * notifications of the instance that took the webhook. The stream replays what it missed from the
 * database on reconnect (Last-Event-ID), so nothing is lost, only delayed to the next reconnect;
 * PostgreSQL LISTEN/NOTIFY would be the next step for fan-out across instances.
 */
@Injectable()
export class NotificationBus {
  private readonly logger = new Logger(NotificationBus.name);
  private readonly listeners = new Map<string, Set<NotificationListener>>();

  publish(userId: string, notification: NotificationView): void {
    for (const listener of this.listeners.get(userId) ?? []) {
      try {
        listener(notification);
      } catch (error) {
        this.logger.warn(`A notification listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Returns the function that unsubscribes. */
  subscribe(userId: string, listener: NotificationListener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(userId) === set) this.listeners.delete(userId);
    };
  }

  listenerCount(userId?: string): number {
    if (userId) return this.listeners.get(userId)?.size ?? 0;
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }
}
