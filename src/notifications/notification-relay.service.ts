import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Sql } from '../database/sql';
import { NotificationBus } from './notification-bus';
import { FanoutReceiver, NotificationFanout } from './notification-fanout.port';
import { toNotificationView } from './notification.view';
import { NotificationsStore } from './notifications.store';

/** Notifications named in one announcement: ~80 bytes each, so a payload stays near 3 KB. */
export const SIGNALS_PER_PAYLOAD = 40;
/** How far before the listener was last known up its re-read starts (clocks of instances differ, commits lag their stamps). */
export const RESYNC_SLACK_MS = 10_000;
const RESYNC_LIMIT = 500;

/** An announcement: the instance that committed it and the `[userId, notificationId]` pairs. */
export interface Announcement {
  origin: string;
  notifications: [userId: string, id: string][];
}

/**
 * Carries notifications between the instances sharing the database. The unit of work that writes
 * notifications announces their ids (`announce`, inside its transaction); every instance hears it
 * on commit, and the others (the one that committed tells its own streams itself, after the
 * commit) read each row through the store for the users with a stream open here and publish it on
 * their bus. When the listening connection was cut, each such user's rows since shortly before
 * the cut are read again; the bus drops those already delivered.
 */
@Injectable()
export class NotificationRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationRelay.name);
  /** this process among the listeners (an instance restarted under its INSTANCE_NAME is another) */
  readonly origin = randomUUID();
  /** announcements are handled one after another, so a user's stream gets them in commit order */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly fanout: NotificationFanout,
    private readonly bus: NotificationBus,
    private readonly store: NotificationsStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const receiver: FanoutReceiver = {
      message: (payload) => this.enqueue(() => this.received(payload)),
      reconnected: (downSince) => this.enqueue(() => this.resync(downSince)),
    };
    await this.fanout.listen(receiver);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.fanout.close();
  }

  /** Whether this instance hears what the others commit (false while its listening connection is reopened). */
  get listening(): boolean {
    return this.fanout.listening;
  }

  /** Notification streams open on this instance. */
  get streamsOpen(): number {
    return this.bus.listenerCount();
  }

  /** Inside the unit of work that inserted these notifications. */
  async announce(tx: Sql, notifications: readonly { id: string; userId: string }[]): Promise<void> {
    const payloads: string[] = [];
    for (let i = 0; i < notifications.length; i += SIGNALS_PER_PAYLOAD) {
      const announcement: Announcement = { origin: this.origin, notifications: notifications.slice(i, i + SIGNALS_PER_PAYLOAD).map((n) => [n.userId, n.id]) };
      payloads.push(JSON.stringify(announcement));
    }
    if (payloads.length > 0) await this.fanout.announce(tx, payloads);
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work, work);
  }

  private async received(payload: string): Promise<void> {
    const announcement = parseAnnouncement(payload);
    if (!announcement) {
      this.logger.warn('Ignored an announcement it cannot read');
      return;
    }
    if (announcement.origin === this.origin) return;
    for (const [userId, id] of announcement.notifications) {
      if (this.bus.listenerCount(userId) === 0) continue;
      try {
        const row = await this.store.find(userId, id);
        if (row) this.bus.publish(userId, toNotificationView(row));
      } catch (error) {
        this.logger.warn(`Could not read an announced notification: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** After the listener was cut off: what its users' streams may have missed, from the database. */
  private async resync(downSince: Date): Promise<void> {
    const since = new Date(downSince.getTime() - RESYNC_SLACK_MS).toISOString();
    for (const userId of this.bus.users()) {
      try {
        for (const row of await this.store.after(userId, { createdAt: since, id: '' }, RESYNC_LIMIT)) this.bus.publish(userId, toNotificationView(row));
      } catch (error) {
        this.logger.warn(`Could not re-read notifications after a reconnect: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

export function parseAnnouncement(payload: string): Announcement | null {
  try {
    const value = JSON.parse(payload) as Partial<Announcement>;
    if (typeof value.origin !== 'string' || !Array.isArray(value.notifications)) return null;
    const pairs = value.notifications.filter((p): p is [string, string] => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string');
    return { origin: value.origin, notifications: pairs };
  } catch {
    return null;
  }
}
