import { Injectable } from '@nestjs/common';
import { TickBatch } from '../common/tick-batch';
import { bool, rowsByKey, Sql } from '../database/sql';
// loaded for its @Entity: it registers consent_blocks with the DataSource (entity-registry.ts)
import './consent-block.entity';
import type { ConsentBlock } from './consent-block.entity';

/**
 * The `consent_blocks` table (the org-wide opt-out state of each number), in plain SQL: the only
 * code that names it. The hot read is the send gate's (`isBlocked`, on every send). Writes take the
 * caller's unit of work (`tx`).
 */
@Injectable()
export class ConsentBlocksStore {
  // concurrent sends share one read
  private readonly blocked = new TickBatch<string, boolean>(async (phones) => {
    const rows = await rowsByKey(
      phones,
      (inList, params) => this.sql.query<{ phone_number: string; blocked: unknown }>(`SELECT phone_number, blocked FROM consent_blocks WHERE phone_number IN (${inList})`, params),
      (row) => row.phone_number,
    );
    return rows.map(([row]) => row !== undefined && bool(row.blocked));
  });

  constructor(private readonly sql: Sql) {}

  /** Whether this number is opted out, org-wide. */
  isBlocked(e164: string): Promise<boolean> {
    return this.blocked.add(e164);
  }

  /** The number's state, null when it never had one; pass a unit's `tx` to read inside it. */
  async find(phoneNumber: string, on: Sql = this.sql): Promise<ConsentBlock | null> {
    const row = await on.one<ConsentBlock>('SELECT phone_number AS "phoneNumber", blocked, source, updated_at AS "updatedAt" FROM consent_blocks WHERE phone_number = $1', [
      phoneNumber,
    ]);
    return row ? { ...row, blocked: bool(row.blocked) } : null;
  }

  /** The number's new state, replacing the one it had. */
  save(tx: Sql, block: ConsentBlock): Promise<number> {
    return tx.run(
      'INSERT INTO consent_blocks (phone_number, blocked, source, updated_at) VALUES ($1, $2, $3, $4) ' +
        'ON CONFLICT (phone_number) DO UPDATE SET blocked = excluded.blocked, source = excluded.source, updated_at = excluded.updated_at',
      [block.phoneNumber, block.blocked, block.source, block.updatedAt],
    );
  }
}
