import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql';
// loaded for its @Entity: it registers crm_mapping with the DataSource (entity-registry.ts)
import './crm-mapping-record.entity';
import type { CrmMappingRecord } from './crm-mapping-record.entity';

/** The one row the saved mapping lives in. */
const SAVED_ID = 'active';

/** The `crm_mapping` table (the mapping saved through the API), in plain SQL: the only code that names it. */
@Injectable()
export class CrmMappingStore {
  constructor(private readonly sql: Sql) {}

  /** The saved mapping, null when the file is in force. */
  saved(): Promise<CrmMappingRecord | null> {
    return this.sql.one<CrmMappingRecord>(`SELECT id, document, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM crm_mapping WHERE id = $1`, [SAVED_ID]);
  }

  /** Saves the mapping (JSON), replacing the one saved before. */
  save(tx: Sql, document: string, updatedAt: string, updatedBy: string | null): Promise<number> {
    return tx.run(
      'INSERT INTO crm_mapping (id, document, updated_at, updated_by) VALUES ($1, $2, $3, $4) ' +
        'ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
      [SAVED_ID, document, updatedAt, updatedBy],
    );
  }

  /** Drops the saved mapping: the file is in force again. */
  remove(tx: Sql): Promise<number> {
    return tx.run('DELETE FROM crm_mapping WHERE id = $1', [SAVED_ID]);
  }
}
