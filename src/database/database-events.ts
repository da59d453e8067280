import { Logger } from '@nestjs/common';
import { Client, type Notification } from 'pg';
import type { DataSource } from 'typeorm';
import type { Sql } from './sql';

/** What a listener of database events is told. */
export interface DatabaseEventsReceiver {
  /** a payload announced on the channel by a transaction that committed (on any instance, this one included) */
  message(payload: string): void;
  /**
   * The listening connection is back after a drop: payloads committed since `downSince` (or a
   * little before: the last moment it was known to be connected) may never have arrived.
   */
  reconnected(downSince: Date): void;
}

/**
 * Database events on one channel: payloads announced inside a unit of work reach every instance
 * listening on the same database once that transaction commits, and never when it rolls back.
 * Structurally the ports of the domains that use them (notifications/notification-fanout.port.ts),
 * so this folder names none of them.
 */
export interface DatabaseEvents {
  announce(tx: Sql, payloads: readonly string[]): Promise<void>;
  listen(receiver: DatabaseEventsReceiver): Promise<void>;
  close(): Promise<void>;
  /** false while the listening connection is down and reconnecting */
  readonly listening: boolean;
}

/** PostgreSQL's limit on a NOTIFY payload is 8000 bytes; callers keep theirs well below. */
export const MAX_PAYLOAD_BYTES = 7000;

export interface DatabaseEventsOptions {
  /** a lower-case SQL identifier of letters, digits and underscores */
  channel: string;
  /** names the listening connection in pg_stat_activity */
  applicationName: string;
}

/** The events of this data source's engine: LISTEN/NOTIFY on PostgreSQL, this process alone on SQLite. */
export function databaseEvents(dataSource: DataSource, options: DatabaseEventsOptions): DatabaseEvents {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.channel)) throw new Error(`Not a channel name: ${options.channel}`);
  if (dataSource.options.type === 'postgres') {
    const url = (dataSource.options as { url?: string }).url;
    if (!url) throw new Error('PostgreSQL events need the data source to be opened by URL');
    return new PostgresEvents(url, options);
  }
  return new InProcessEvents();
}

/**
 * SQLite: one process owns the file (the command line holds no streams), so every event is one
 * this process already delivered itself after its commit; there is no one else to tell.
 */
export class InProcessEvents implements DatabaseEvents {
  readonly listening = true;
  async announce(): Promise<void> {}
  async listen(): Promise<void> {}
  async close(): Promise<void> {}
}

/** Reconnect delays after the listening connection drops (the last one repeats). */
const RECONNECT_DELAYS_MS = [1000, 2000, 5000];
/** How often the listening connection is checked (a dead peer sends no FIN), and how long a check may take. */
const HEALTH_CHECK_MS = 5000;
const HEALTH_TIMEOUT_MS = 5000;

/**
 * PostgreSQL LISTEN/NOTIFY. `announce` runs `pg_notify` inside the caller's transaction, so the
 * server delivers the payloads on commit and discards them on rollback (a rolled-back savepoint
 * included). `listen` holds one dedicated connection outside the pool, LISTENing on the channel;
 * when it drops (a restart, a failover, a killed backend, a check unanswered for 5 s) it is
 * reopened with back-off and the receiver told since when it may have missed payloads.
 */
export class PostgresEvents implements DatabaseEvents {
  private readonly logger = new Logger('DatabaseEvents');
  private receiver: DatabaseEventsReceiver | null = null;
  private client: Client | null = null;
  private closed = false;
  /** the last moment the listening connection was known to be up */
  private upAt = Date.now();
  private downSince: number | null = null;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private healthTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly options: DatabaseEventsOptions,
  ) {}

  async announce(tx: Sql, payloads: readonly string[]): Promise<void> {
    for (const payload of payloads) {
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new Error(`A database event payload of ${Buffer.byteLength(payload)} bytes is over ${MAX_PAYLOAD_BYTES}`);
      await tx.query('SELECT pg_notify($1, $2)', [this.options.channel, payload]);
    }
  }

  /** Resolves once LISTEN is in place (or, when the database cannot be reached now, once reconnecting is scheduled). */
  async listen(receiver: DatabaseEventsReceiver): Promise<void> {
    this.receiver = receiver;
    await this.connect();
    this.healthTimer = setInterval(() => void this.check(), HEALTH_CHECK_MS);
    this.healthTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.healthTimer) clearInterval(this.healthTimer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  get listening(): boolean {
    return this.client !== null;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: this.options.applicationName, keepAlive: true, connectionTimeoutMillis: 5000 });
    client.on('notification', (n: Notification) => {
      if (n.channel !== this.options.channel || n.payload === undefined) return;
      this.upAt = Date.now();
      this.receiver?.message(n.payload);
    });
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      client.removeAllListeners('end');
      void client.end().catch(() => undefined);
      this.dropped(client, error, true);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.upAt = Date.now();
    this.attempts = 0;
    const downSince = this.downSince;
    this.downSince = null;
    if (downSince !== null) {
      this.logger.log('Listening for database events again');
      this.receiver?.reconnected(new Date(downSince));
    }
  }

  private dropped(client: Client, error?: unknown, neverUp = false): void {
    if (this.closed || (!neverUp && this.client !== client)) return;
    this.client = null;
    if (this.downSince === null) this.downSince = this.upAt;
    if (!neverUp) {
      this.logger.warn(`The database events connection dropped${error instanceof Error ? `: ${error.message}` : ''}; reconnecting`);
      void client.end().catch(() => undefined);
    } else if (this.attempts === 0) {
      this.logger.warn(`Cannot listen for database events${error instanceof Error ? `: ${error.message}` : ''}; retrying`);
    }
    if (this.reconnectTimer) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempts, RECONNECT_DELAYS_MS.length - 1)];
    this.attempts++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed) void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  /** A dead peer sends no FIN: a check unanswered within the timeout counts as a drop. */
  private async check(): Promise<void> {
    const client = this.client;
    if (!client) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
    });
    try {
      await Promise.race([client.query('SELECT 1'), timeout]);
      if (this.client === client) this.upAt = Date.now();
    } catch (error) {
      this.dropped(client, error);
    } finally {
      clearTimeout(timer);
    }
  }
}
