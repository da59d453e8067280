import { Injectable } from '@nestjs/common';
import { chunksOf, int, placeholders, Sql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';
// loaded for its @Entity: it registers outbox with the DataSource (entity-registry.ts)
import './outbox-entry.entity';
import type { OutboxKind } from './outbox-entry.entity';

/** Opt-out write-backs drain before activity logging (a compliance fact beats a timeline entry). */
export const OUTBOX_PRIORITY = { do_not_sms: 0, task_upsert: 10, task_status: 20 } as const satisfies Record<OutboxKind, number>;

/** An entry a flush claimed: what it needs to push it and settle it. */
export interface ClaimedEntry {
  id: number;
  kind: OutboxKind;
  aggregateId: string;
  payload: string | null;
  attempts: number;
}

/** A batch of entries held by one flush of one instance until `until` (renewed while in flight). */
export interface Claim {
  /** the batch (outbox.claim_id): its outcome is committed only while it still holds the entries */
  id: string;
  /** the INSTANCE_NAME (outbox.claimed_by) */
  by: string;
  until: string;
}

/** What became of a claimed entry once its batch was pushed. */
export type Settlement =
  | { id: number; outcome: 'done' }
  | { id: number; outcome: 'retry'; attempts: number; nextAttemptAt: string; lastError: string }
  | { id: number; outcome: 'parked'; attempts: number; lastError: string };

/** A CRM write to queue: `kind` for aggregate `aggregateId`, with an optional JSON payload. */
export interface NewOutboxEntry {
  kind: OutboxKind;
  aggregateId: string;
  payload?: Record<string, unknown> | null;
}

/** A parked entry as an operator sees it. */
export interface ParkedEntry {
  id: number;
  kind: OutboxKind;
  aggregateId: string;
  attempts: number;
  lastError: string | null;
  updatedAt: string;
}

const COLUMNS = 5;

/**
 * The writes that fill the `outbox` table: entries queued inside the caller's unit of work (pass
 * its `tx`), so a CRM write exists exactly when the change that needs it was committed. One
 * multi-row statement per batch, due at once, pending, no attempts yet.
 */
@Injectable()
export class OutboxStore {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Claims up to `limit` due pending entries of `kind` (ids above `afterId`, due by `dueBy`) for a
   * batch: they stay pending, held by the claim, and leave the due set until the claim expires.
   * On PostgreSQL the rows are taken `FOR UPDATE SKIP LOCKED`, so flushes on several instances
   * claim disjoint batches without waiting for each other; SQLite's single writer makes the same
   * statement exclusive on its own. Oldest first.
   */
  async claim(kind: OutboxKind, afterId: number, dueBy: string, limit: number, claim: Claim, now: string): Promise<ClaimedEntry[]> {
    const rows = await this.uow.unit((tx) =>
      tx.query<{ id: unknown; kind: OutboxKind; aggregate_id: string; payload: string | null; attempts: unknown }>(
        `UPDATE outbox SET claimed_by = $1, claim_id = $2, next_attempt_at = $3, updated_at = $4
         WHERE id IN (
           SELECT id FROM outbox
           WHERE status = 'pending' AND priority = $5 AND kind = $6 AND next_attempt_at <= $7 AND id > $8
           ORDER BY id LIMIT $9${tx.engine === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''}
         )
         RETURNING id, kind, aggregate_id, payload, attempts`,
        [claim.by, claim.id, claim.until, now, OUTBOX_PRIORITY[kind], kind, dueBy, afterId, limit],
      ),
    );
    return rows
      .map((r) => ({ id: int(r.id), kind: r.kind, aggregateId: r.aggregate_id, payload: r.payload, attempts: int(r.attempts) }))
      .sort((a, b) => a.id - b.id);
  }

  /** Keeps a batch's entries held while it is in flight: how many it still holds. */
  async renew(claim: Claim, now: string): Promise<number> {
    return this.uow.unit((tx) => tx.run(`UPDATE outbox SET next_attempt_at = $2, updated_at = $3 WHERE claim_id = $1 AND status = 'pending'`, [claim.id, claim.until, now]));
  }

  /**
   * Records each entry's outcome in the caller's unit of work, for the entries `claim` still
   * holds (an entry whose claim expired and went to another flush is that flush's to settle), and
   * lets go of them. Returns the ids settled.
   */
  async settle(tx: Sql, claim: Claim, settlements: readonly Settlement[], now: string): Promise<Set<number>> {
    const settled = new Set<number>();
    const done = settlements.filter((s) => s.outcome === 'done').map((s) => s.id);
    for (const chunk of chunksOf(done, 1)) {
      const rows = await tx.query<{ id: unknown }>(
        `UPDATE outbox SET status = 'done', attempts = attempts + 1, last_error = NULL, claimed_by = NULL, claim_id = NULL, updated_at = $2
         WHERE claim_id = $1 AND id IN (${placeholders(chunk.length, 3)}) RETURNING id`,
        [claim.id, now, ...chunk],
      );
      for (const row of rows) settled.add(int(row.id));
    }
    for (const s of settlements) {
      if (s.outcome === 'done') continue;
      const changed =
        s.outcome === 'parked'
          ? await tx.run(`UPDATE outbox SET status = 'parked', attempts = $3, last_error = $4, claimed_by = NULL, claim_id = NULL, updated_at = $5 WHERE id = $1 AND claim_id = $2`, [
              s.id,
              claim.id,
              s.attempts,
              s.lastError,
              now,
            ])
          : await tx.run(
              `UPDATE outbox SET attempts = $3, next_attempt_at = $4, last_error = $5, claimed_by = NULL, claim_id = NULL, updated_at = $6 WHERE id = $1 AND claim_id = $2`,
              [s.id, claim.id, s.attempts, s.nextAttemptAt, s.lastError, now],
            );
      if (changed > 0) settled.add(s.id);
    }
    return settled;
  }

  /**
   * Lets go of every entry held by `instance` (a flush stopped by a shutdown, or the claims an
   * instance left when it died and came back under the same name): due again at once, attempts
   * unchanged. How many.
   */
  async releaseClaimsOf(instance: string, now: string): Promise<number> {
    return this.uow.unit((tx) =>
      tx.run(`UPDATE outbox SET claimed_by = NULL, claim_id = NULL, next_attempt_at = $2, updated_at = $2 WHERE claimed_by = $1 AND status = 'pending'`, [instance, now]),
    );
  }

  /** Lets go of one batch's entries that are still held (a batch given up before it was pushed). */
  async releaseClaim(claim: Claim, now: string): Promise<number> {
    return this.uow.unit((tx) =>
      tx.run(`UPDATE outbox SET claimed_by = NULL, claim_id = NULL, next_attempt_at = $2, updated_at = $2 WHERE claim_id = $1 AND status = 'pending'`, [claim.id, now]),
    );
  }

  /** Pending entries due by `dueBy` (claimed ones are not due until their claim expires). */
  async countDue(sql: Sql, dueBy: string): Promise<number> {
    const row = await sql.one<{ n: unknown }>(`SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1`, [dueBy]);
    return int(row?.n ?? 0);
  }

  /**
   * Puts parked entries (all of them, or those of `ids`) back in the queue with a fresh set of
   * attempts, due at `now`; their last error stays until the next attempt. Entries that are not
   * parked are left alone. Returns how many were requeued.
   */
  async requeueParked(tx: Sql, ids: readonly number[] | undefined, now: string): Promise<number> {
    const requeue = "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, updated_at = $1 WHERE status = 'parked'";
    if (!ids) return tx.run(requeue, [now]);
    let requeued = 0;
    for (const chunk of chunksOf(ids, 1)) requeued += await tx.run(`${requeue} AND id IN (${placeholders(chunk.length, 2)})`, [now, ...chunk]);
    return requeued;
  }

  /** Pending entries held by a claim right now. */
  async countClaimed(sql: Sql): Promise<number> {
    const row = await sql.one<{ n: unknown }>(`SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND claim_id IS NOT NULL`);
    return int(row?.n ?? 0);
  }

  /** Done entries last updated before `before` (history nobody reads); how many were removed. */
  pruneDone(tx: Sql, before: string): Promise<number> {
    return tx.run("DELETE FROM outbox WHERE status = 'done' AND updated_at < $1", [before]);
  }

  /** The Task writes (upsert or status) of these messages still pending or parked: message id and status, one row per entry. */
  async waitingTaskWrites(messageIds: readonly string[]): Promise<{ aggregateId: string; status: 'pending' | 'parked' }[]> {
    const out: { aggregateId: string; status: 'pending' | 'parked' }[] = [];
    for (const chunk of chunksOf(messageIds, 1)) {
      const rows = await this.uow.sql.query<{ aggregate_id: string; status: 'pending' | 'parked' }>(
        `SELECT aggregate_id, status FROM outbox WHERE kind IN ('task_upsert', 'task_status') AND status IN ('pending', 'parked') AND aggregate_id IN (${placeholders(chunk.length)})`,
        chunk,
      );
      for (const r of rows) out.push({ aggregateId: r.aggregate_id, status: r.status });
    }
    return out;
  }

  /** Entries in `status`. */
  async countByStatus(status: 'pending' | 'parked'): Promise<number> {
    const row = await this.uow.sql.one<{ n: unknown }>('SELECT count(*) AS n FROM outbox WHERE status = $1', [status]);
    return int(row?.n ?? 0);
  }

  /** How many pending and parked entries there are of each kind (kinds with none left out). */
  async countsByKind(): Promise<{ kind: OutboxKind; status: 'pending' | 'parked'; count: number }[]> {
    const rows = await this.uow.sql.query<{ kind: OutboxKind; status: 'pending' | 'parked'; n: unknown }>(
      "SELECT kind, status, count(*) AS n FROM outbox WHERE status IN ('pending', 'parked') GROUP BY kind, status",
    );
    return rows.map((r) => ({ kind: r.kind, status: r.status, count: int(r.n) }));
  }

  /** The latest parked entries, the most recently parked first. */
  async recentlyParked(limit: number): Promise<ParkedEntry[]> {
    const rows = await this.uow.sql.query<{ id: unknown; kind: OutboxKind; aggregate_id: string; attempts: unknown; last_error: string | null; updated_at: string }>(
      `SELECT id, kind, aggregate_id, attempts, last_error, updated_at FROM outbox WHERE status = 'parked' ORDER BY updated_at DESC, id DESC LIMIT ${Math.trunc(limit)}`,
    );
    return rows.map((r) => ({ id: int(r.id), kind: r.kind, aggregateId: r.aggregate_id, attempts: int(r.attempts), lastError: r.last_error, updatedAt: r.updated_at }));
  }

  async enqueue(tx: Sql, entries: readonly NewOutboxEntry[], now: string): Promise<void> {
    for (const chunk of chunksOf(entries, COLUMNS)) {
      const params = chunk.flatMap((e) => [e.kind, e.aggregateId, e.payload ? JSON.stringify(e.payload) : null, OUTBOX_PRIORITY[e.kind], now]);
      // kind, aggregate_id, payload, priority, then `now` for next_attempt_at, created_at and updated_at
      const values = chunk.map((_, i) => `($${i * COLUMNS + 1}, $${i * COLUMNS + 2}, $${i * COLUMNS + 3}, $${i * COLUMNS + 4}, 'pending', 0, $${i * COLUMNS + 5}, NULL, $${i * COLUMNS + 5}, $${i * COLUMNS + 5})`);
      await tx.run(
        `INSERT INTO outbox (kind, aggregate_id, payload, priority, status, attempts, next_attempt_at, last_error, created_at, updated_at) VALUES ${values.join(', ')}`,
        params,
      );
    }
  }
}
