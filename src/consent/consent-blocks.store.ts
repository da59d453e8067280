import { Injectable } from '@nestjs/common';
import { bool, Sql } from '../database/sql';

/** The hot read of `consent_blocks` (the send gate's, on every send), in plain SQL. */
@Injectable()
export class ConsentBlocksStore {
  constructor(private readonly sql: Sql) {}

  /** Whether this number is opted out, org-wide. */
  async isBlocked(e164: string): Promise<boolean> {
    const row = await this.sql.one<{ blocked: unknown }>('SELECT blocked FROM consent_blocks WHERE phone_number = $1', [e164]);
    return row !== null && bool(row.blocked);
  }
}
