import { Injectable, Logger } from '@nestjs/common';
import type { NotificationView } from './notification.view';

export type NotificationListener = (notification: NotificationView) => void;

/** Ids of a user's recent notifications remembered, so one never reaches their streams twice. */
const RECENT_PER_USER = 500;

/**
 * The in-process event bus behind `GET /api/notifications/stream`: a notification committed to
 * the database is published here, and every open stream of its user on this instance receives it.
 *
 * Several instances on one PostgreSQL database: the instance that commits a notification publishes
 * it here itself, and announces it to the others through LISTEN/NOTIFY in the same transaction
 * (NotificationRelay, notification-fanout.port.ts); each other instance reads the row and publishes
 * it on its own bus. The bus drops an id it already published to a user (the relay's re-read
 * after its listening connection came back may overlap what arrived before), so a stream sees a
 * notification once. A stream that reconnects replays what it missed from the database
 * (Last-Event-ID), whichever instance took it.
 */
@Injectable()
export class NotificationBus {
  private readonly logger = new Logger(NotificationBus.name);
  private readonly listeners = new Map<string, Set<NotificationListener>>();
  private readonly recent = new Map<string, Set<string>>();

  /** Tells the user's streams on this instance; false when it had been published to them already (or no one listens). */
  publish(userId: string, notification: NotificationView): boolean {
    const listeners = this.listeners.get(userId);
    if (!listeners) return false;
    let seen = this.recent.get(userId);
    if (!seen) this.recent.set(userId, (seen = new Set()));
    if (seen.has(notification.id)) return false;
    seen.add(notification.id);
    if (seen.size > RECENT_PER_USER) seen.delete(seen.values().next().value as string);
    for (const listener of listeners) {
      try {
        listener(notification);
      } catch (error) {
        this.logger.warn(`A notification listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return true;
  }

  /** Returns the function that unsubscribes. */
  subscribe(userId: string, listener: NotificationListener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(userId) === set) {
        this.listeners.delete(userId);
        this.recent.delete(userId);
      }
    };
  }

  /** The users with at least one stream open on this instance. */
  users(): string[] {
    return [...this.listeners.keys()];
  }

  listenerCount(userId?: string): number {
    if (userId) return this.listeners.get(userId)?.size ?? 0;
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }
}
