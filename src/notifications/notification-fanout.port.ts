import type { Sql } from '../database/sql';

/** What the fan-out tells the notifications of its listener. */
export interface FanoutReceiver {
  /** a payload announced by a unit of work that committed, on any instance (this one included) */
  message(payload: string): void;
  /** the listener was cut off since about `downSince`: payloads of that time may be lost */
  reconnected(downSince: Date): void;
}

/**
 * The port that carries "a notification was committed" to every instance sharing the database, so
 * a reply taken by one reaches the streams another holds. Payloads are short strings (well under
 * PostgreSQL's 8000-byte NOTIFY limit). Adapters (database/database-events.ts): PostgreSQL
 * LISTEN/NOTIFY on a dedicated connection; on SQLite, which one process owns, nothing to carry.
 */
export abstract class NotificationFanout {
  /** Inside the unit of work that wrote the notifications: delivered once it commits, never if it rolls back. */
  abstract announce(tx: Sql, payloads: readonly string[]): Promise<void>;
  /** Starts listening (resolves once listening, or once reconnecting is under way). */
  abstract listen(receiver: FanoutReceiver): Promise<void>;
  abstract close(): Promise<void>;
  /** false while the listening connection is down and reconnecting (true where there is nothing to listen for) */
  abstract readonly listening: boolean;
}
