import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql';
// loaded for its @Entity: it registers send_refusals with the DataSource (entity-registry.ts)
import './send-refusal.entity';
import type { SendRefusal } from './send-refusal.entity';

/** The `send_refusals` table (the audit log of refused sends), in plain SQL: the only code that names it. */
@Injectable()
export class SendRefusalsStore {
  insert(tx: Sql, r: SendRefusal): Promise<number> {
    return tx.run('INSERT INTO send_refusals (id, user_id, record_id, from_number, to_number, code, details, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      r.id,
      r.userId,
      r.recordId,
      r.fromNumber,
      r.toNumber,
      r.code,
      r.details,
      r.createdAt,
    ]);
  }
}
