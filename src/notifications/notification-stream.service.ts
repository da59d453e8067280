import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NotificationBus } from './notification-bus';
import { NotificationsService } from './notifications.service';
import type { NotificationView } from './notification.view';

export const HEARTBEAT_MS = 25_000;
export const RETRY_MS = 3_000;

/**
 * Holds the Server-Sent Events connections a browser keeps open. Each connection subscribes to the
 * bus for its user; events carry the notification id so a reconnect (EventSource sends
 * Last-Event-ID by itself) replays from the database what the connection missed in between.
 * Events have no `event:` name, so `EventSource.onmessage` receives them.
 */
@Injectable()
export class NotificationStreamService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationStreamService.name);
  private readonly open_ = new Set<ServerResponse>();

  constructor(
    private readonly bus: NotificationBus,
    private readonly notifications: NotificationsService,
  ) {}

  async open(userId: string, request: IncomingMessage, response: ServerResponse, lastEventId?: string): Promise<void> {
    response.statusCode = 200;
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream
    response.flushHeaders();
    request.socket.setKeepAlive(true);
    request.socket.setNoDelay(true);
    request.socket.setTimeout(0);
    this.open_.add(response);

    // Subscribe before replaying, so nothing published meanwhile falls between the two; the
    // replay's ids are remembered to drop the duplicate a race could deliver.
    const buffered: NotificationView[] = [];
    let replaying = true;
    let sent: Set<string> | null = new Set<string>();
    const send = (n: NotificationView) => {
      if (sent?.has(n.id)) return;
      sent?.add(n.id);
      response.write(formatEvent(n));
    };
    const unsubscribe = this.bus.subscribe(userId, (n) => (replaying ? buffered.push(n) : send(n)));
    const heartbeat = setInterval(() => response.write(`: ping\n\n`), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open_.delete(response);
    };
    request.on('close', close);
    response.on('error', close);

    response.write(`retry: ${RETRY_MS}\n: connected\n\n`);
    try {
      if (lastEventId) for (const n of await this.notifications.after(userId, lastEventId)) send(n);
    } catch (error) {
      this.logger.warn(`Replay after ${lastEventId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    replaying = false;
    for (const n of buffered) send(n);
    buffered.length = 0;
    sent = null; // duplicates can only come from the replay race, which is over
  }

  get openCount(): number {
    return this.open_.size;
  }

  /**
   * Ends every stream before the HTTP server closes (it waits for open connections), with a retry
   * hint: EventSource reconnects after it, through the load balancer, to another instance.
   */
  beforeApplicationShutdown(): void {
    for (const response of this.open_) response.end(`retry: ${RETRY_MS}\n: shutting down\n\n`);
    this.open_.clear();
  }
}

export function formatEvent(n: NotificationView): string {
  return `id: ${n.id}\ndata: ${JSON.stringify(n)}\n\n`;
}
