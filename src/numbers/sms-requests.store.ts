import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql';
// loaded for its @Entity: it registers sms_requests with the DataSource (entity-registry.ts)
import './sms-request.entity';
import type { SmsRequest, SmsRequestStatus } from './sms-request.entity';

const SELECT_ALL =
  'SELECT id, number_id AS "numberId", user_id AS "userId", status, decided_by AS "decidedBy", decided_at AS "decidedAt", created_at AS "createdAt" FROM sms_requests';

/**
 * The `sms_requests` table, in plain SQL through the executor: the only code that names it. Writes
 * take the caller's unit of work (`tx`); reads outside one use the `Sql` injected here.
 */
@Injectable()
export class SmsRequestsStore {
  constructor(private readonly sql: Sql) {}

  find(id: string): Promise<SmsRequest | null> {
    return this.sql.one<SmsRequest>(`${SELECT_ALL} WHERE id = $1`, [id]);
  }

  /** The request for this number still waiting for an admin, if any. */
  pendingFor(numberId: string): Promise<SmsRequest | null> {
    return this.sql.one<SmsRequest>(`${SELECT_ALL} WHERE number_id = $1 AND status = 'pending'`, [numberId]);
  }

  /** Every request (only those in `status`, if named), oldest first. */
  list(status?: SmsRequestStatus): Promise<SmsRequest[]> {
    return status ? this.sql.query<SmsRequest>(`${SELECT_ALL} WHERE status = $1 ORDER BY created_at ASC`, [status]) : this.sql.query<SmsRequest>(`${SELECT_ALL} ORDER BY created_at ASC`);
  }

  insert(tx: Sql, r: SmsRequest): Promise<number> {
    return tx.run('INSERT INTO sms_requests (id, number_id, user_id, status, decided_by, decided_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      r.id,
      r.numberId,
      r.userId,
      r.status,
      r.decidedBy,
      r.decidedAt,
      r.createdAt,
    ]);
  }

  /** Records the admin's decision unless the request was decided already; the number of rows changed. */
  decide(tx: Sql, id: string, status: 'approved' | 'rejected', decidedBy: string, decidedAt: string): Promise<number> {
    return tx.run("UPDATE sms_requests SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4 AND status = 'pending'", [status, decidedBy, decidedAt, id]);
  }
}
