import { Injectable } from '@nestjs/common';
import { bool, Sql } from '../database/sql';
// loaded for its @Entity: it registers consent_crm_flags with the DataSource (entity-registry.ts)
import './consent-crm-flag.entity';
import type { ConsentCrmFlag } from './consent-crm-flag.entity';

/**
 * The `consent_crm_flags` table (the CRM Do-Not-SMS flags an opt-out set), in plain SQL: the only
 * code that names it. Read and written inside the caller's unit of work (`tx`) only.
 */
@Injectable()
export class ConsentCrmFlagsStore {
  /** The flags set for this number's opt-out. */
  async ofNumber(tx: Sql, phoneNumber: string): Promise<ConsentCrmFlag[]> {
    const rows = await tx.query<ConsentCrmFlag>(
      'SELECT phone_number AS "phoneNumber", prospect_id AS "prospectId", set_before AS "setBefore", created_at AS "createdAt" FROM consent_crm_flags WHERE phone_number = $1',
      [phoneNumber],
    );
    return rows.map((f) => ({ ...f, setBefore: bool(f.setBefore) }));
  }

  insert(tx: Sql, f: ConsentCrmFlag): Promise<number> {
    return tx.run('INSERT INTO consent_crm_flags (phone_number, prospect_id, set_before, created_at) VALUES ($1, $2, $3, $4)', [
      f.phoneNumber,
      f.prospectId,
      f.setBefore,
      f.createdAt,
    ]);
  }

  /** Forgets every flag of this number's opt-out. */
  removeOfNumber(tx: Sql, phoneNumber: string): Promise<number> {
    return tx.run('DELETE FROM consent_crm_flags WHERE phone_number = $1', [phoneNumber]);
  }
}
