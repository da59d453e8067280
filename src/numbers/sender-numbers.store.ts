import { Injectable } from '@nestjs/common';
import { TickBatch } from '../common/tick-batch';
import { bool, chunksOf, placeholders, rowsByKey, Sql } from '../database/sql';
// loaded for its @Entity: it registers sender_numbers with the DataSource (entity-registry.ts)
import './sender-number.entity';
import type { NumberKind, SenderNumber } from './sender-number.entity';

export interface SenderNumberRow {
  id: string;
  phoneNumber: string;
  userId: string;
  kind: NumberKind;
  smsEnabled: boolean;
}

const SELECT_ALL = 'SELECT id, phone_number AS "phoneNumber", user_id AS "userId", kind, sms_enabled AS "smsEnabled", created_at AS "createdAt" FROM sender_numbers';

/**
 * The `sender_numbers` table, in plain SQL through the executor: the only code that names it. The
 * hot read is the send gate's (`ofUser`, on every send). Writes take the caller's unit of work
 * (`tx`); reads outside one use the `Sql` injected here.
 */
@Injectable()
export class SenderNumbersStore {
  // concurrent sends share one read
  private readonly byUser = new TickBatch<string, SenderNumberRow[]>(async (userIds) => {
    const rows = await rowsByKey(
      userIds,
      (inList, params) =>
        this.sql.query<{ id: string; phone_number: string; user_id: string; kind: NumberKind; sms_enabled: unknown }>(
          `SELECT id, phone_number, user_id, kind, sms_enabled FROM sender_numbers WHERE user_id IN (${inList}) ORDER BY user_id, created_at ASC`,
          params,
        ),
      (row) => row.user_id,
    );
    return rows.map((numbers) => numbers.map((n) => ({ id: n.id, phoneNumber: n.phone_number, userId: n.user_id, kind: n.kind, smsEnabled: bool(n.sms_enabled) })));
  });

  constructor(private readonly sql: Sql) {}

  /** Every number the user holds, oldest first. */
  ofUser(userId: string): Promise<SenderNumberRow[]> {
    return this.byUser.add(userId);
  }

  /** Every number (only the user's, if one is named), oldest first. */
  async list(userId?: string): Promise<SenderNumber[]> {
    const rows = userId
      ? await this.sql.query(`${SELECT_ALL} WHERE user_id = $1 ORDER BY created_at ASC`, [userId])
      : await this.sql.query(`${SELECT_ALL} ORDER BY created_at ASC`);
    return rows.map(toSenderNumber);
  }

  async find(id: string): Promise<SenderNumber | null> {
    const row = await this.sql.one(`${SELECT_ALL} WHERE id = $1`, [id]);
    return row ? toSenderNumber(row) : null;
  }

  /** These numbers (the ones that exist), in no particular order. */
  async findMany(ids: readonly string[]): Promise<SenderNumber[]> {
    const numbers: SenderNumber[] = [];
    for (const chunk of chunksOf(ids, 1)) numbers.push(...(await this.sql.query(`${SELECT_ALL} WHERE id IN (${placeholders(chunk.length)})`, chunk)).map(toSenderNumber));
    return numbers;
  }

  /** The numbers held of these E.164 numbers (the ones assigned); pass a unit's `tx` to read inside it. */
  async byPhoneNumbers(phoneNumbers: readonly string[], on: Sql = this.sql): Promise<SenderNumber[]> {
    const numbers: SenderNumber[] = [];
    for (const chunk of chunksOf(phoneNumbers, 1)) {
      numbers.push(...(await on.query(`${SELECT_ALL} WHERE phone_number IN (${placeholders(chunk.length)})`, chunk)).map(toSenderNumber));
    }
    return numbers;
  }

  /** Whether this E.164 number is assigned to anyone; pass a unit's `tx` to read inside it. */
  async isAssigned(phoneNumber: string, on: Sql = this.sql): Promise<boolean> {
    return (await on.one('SELECT id FROM sender_numbers WHERE phone_number = $1', [phoneNumber])) !== null;
  }

  insert(tx: Sql, n: SenderNumber): Promise<number> {
    return tx.run('INSERT INTO sender_numbers (id, phone_number, user_id, kind, sms_enabled, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      n.id,
      n.phoneNumber,
      n.userId,
      n.kind,
      n.smsEnabled,
      n.createdAt,
    ]);
  }

  enableSms(tx: Sql, id: string): Promise<number> {
    return tx.run('UPDATE sender_numbers SET sms_enabled = $1 WHERE id = $2', [true, id]);
  }
}

function toSenderNumber(row: Record<string, unknown>): SenderNumber {
  return { ...(row as unknown as SenderNumber), smsEnabled: bool(row.smsEnabled) };
}
