import { Injectable } from '@nestjs/common';
import { bool, Sql } from '../database/sql';
// loaded for its @Entity: it registers consent_events with the DataSource (entity-registry.ts)
import './consent-event.entity';
import type { ConsentEvent } from './consent-event.entity';

/** The `consent_events` table (the consent ledger), in plain SQL: the only code that names it. */
@Injectable()
export class ConsentEventsStore {
  constructor(private readonly sql: Sql) {}

  insert(tx: Sql, e: ConsentEvent): Promise<number> {
    return tx.run(
      'INSERT INTO consent_events (id, phone_number, action, source, message_id, actor_user_id, needs_review, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [e.id, e.phoneNumber, e.action, e.source, e.messageId, e.actorUserId, e.needsReview, e.note, e.createdAt],
    );
  }

  /** The ledger of one number, oldest first. */
  async ofNumber(phoneNumber: string): Promise<ConsentEvent[]> {
    const rows = await this.sql.query<ConsentEvent>(
      'SELECT id, phone_number AS "phoneNumber", action, source, message_id AS "messageId", actor_user_id AS "actorUserId", needs_review AS "needsReview", note, created_at AS "createdAt" ' +
        'FROM consent_events WHERE phone_number = $1 ORDER BY created_at ASC',
      [phoneNumber],
    );
    return rows.map((e) => ({ ...e, needsReview: bool(e.needsReview) }));
  }
}
