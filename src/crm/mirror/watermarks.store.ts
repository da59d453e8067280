import { Injectable } from '@nestjs/common';
import { Sql } from '../../database/sql';
import type { Watermark } from './mirror-spec';

export interface WatermarkRow extends Watermark {
  objectName: string;
  updatedAt: string;
}

/**
 * The `sync_watermarks` table: where the incremental mirror of each object stopped
 * (sync-watermark.entity.ts). Writes take the caller's unit of work (`tx`), so a page and the
 * watermark past it commit together.
 */
@Injectable()
export class WatermarksStore {
  constructor(private readonly sql: Sql) {}

  /** The object's watermark, or null before its first complete page; pass a unit's `tx` to read inside it. */
  async of(objectName: string, on: Sql = this.sql): Promise<Watermark | null> {
    const row = await on.one<{ last_modstamp: string; last_id: string }>('SELECT last_modstamp, last_id FROM sync_watermarks WHERE object_name = $1', [objectName]);
    return row ? { modstamp: row.last_modstamp, id: row.last_id } : null;
  }

  /** Every object's watermark, by object name. */
  async all(): Promise<WatermarkRow[]> {
    const rows = await this.sql.query<{ object_name: string; last_modstamp: string; last_id: string; updated_at: string }>(
      'SELECT object_name, last_modstamp, last_id, updated_at FROM sync_watermarks ORDER BY object_name ASC',
    );
    return rows.map((r) => ({ objectName: r.object_name, modstamp: r.last_modstamp, id: r.last_id, updatedAt: r.updated_at }));
  }

  /** Sets the object's watermark. */
  async set(tx: Sql, objectName: string, mark: Watermark, updatedAt: string): Promise<void> {
    await tx.run(
      'INSERT INTO sync_watermarks (object_name, last_modstamp, last_id, updated_at) VALUES ($1, $2, $3, $4) ' +
        'ON CONFLICT (object_name) DO UPDATE SET last_modstamp = excluded.last_modstamp, last_id = excluded.last_id, updated_at = excluded.updated_at',
      [objectName, mark.modstamp, mark.id, updatedAt],
    );
  }

  /** Forgets every watermark: the next mirror run re-reads everything. */
  async clear(tx: Sql): Promise<void> {
    await tx.run('DELETE FROM sync_watermarks');
  }
}
