import { Injectable } from '@nestjs/common';
import { bool, Sql } from '../database/sql';
import type { NumberKind } from './sender-number.entity';

export interface SenderNumberRow {
  id: string;
  phoneNumber: string;
  userId: string;
  kind: NumberKind;
  smsEnabled: boolean;
}

/** The hot reads of `sender_numbers` (the send gate's, on every send), in plain SQL. */
@Injectable()
export class SenderNumbersStore {
  constructor(private readonly sql: Sql) {}

  /** Every number the user holds, oldest first. */
  async ofUser(userId: string): Promise<SenderNumberRow[]> {
    const rows = await this.sql.query<{ id: string; phone_number: string; user_id: string; kind: NumberKind; sms_enabled: unknown }>(
      'SELECT id, phone_number, user_id, kind, sms_enabled FROM sender_numbers WHERE user_id = $1 ORDER BY created_at ASC',
      [userId],
    );
    return rows.map((n) => ({ id: n.id, phoneNumber: n.phone_number, userId: n.user_id, kind: n.kind, smsEnabled: bool(n.sms_enabled) }));
  }
}
