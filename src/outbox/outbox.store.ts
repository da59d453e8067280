import { Injectable } from '@nestjs/common';
import { chunksOf, Sql } from '../database/sql';
import { OUTBOX_PRIORITY } from './outbox.service';
import type { OutboxKind } from './outbox-entry.entity';

/** A CRM write to queue: `kind` for aggregate `aggregateId`, with an optional JSON payload. */
export interface NewOutboxEntry {
  kind: OutboxKind;
  aggregateId: string;
  payload?: Record<string, unknown> | null;
}

const COLUMNS = 5;

/**
 * The writes that fill the `outbox` table: entries queued inside the caller's unit of work (pass
 * its `tx`), so a CRM write exists exactly when the change that needs it was committed. One
 * multi-row statement per batch, due at once, pending, no attempts yet.
 */
@Injectable()
export class OutboxStore {
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
