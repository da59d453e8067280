import { Injectable } from '@nestjs/common';
import { TickBatch } from '../common/tick-batch';
import { chunksOf, placeholders, rowsByKey, Sql } from '../database/sql';
// loaded for its @Entity: it registers users with the DataSource (entity-registry.ts)
import './user.entity';
import type { Role, User } from './user.entity';

const SELECT_ALL =
  'SELECT id, salesforce_user_id AS "salesforceUserId", name, email, role, api_key_hash AS "apiKeyHash", created_at AS "createdAt" FROM users';

/** Who a key belongs to: what a request's principal is made of. */
export interface KeyHolder {
  id: string;
  name: string;
  role: Role;
  salesforceUserId: string | null;
}

/**
 * The `users` table, in plain SQL through the executor: the only code that names it. Writes take
 * the caller's unit of work (`tx`); reads outside one use the `Sql` injected here.
 */
@Injectable()
export class UsersStore {
  constructor(private readonly sql: Sql) {}

  /** The holder of the key with this hash (one indexed read: this runs on every request). */
  keyHolder(apiKeyHash: string): Promise<KeyHolder | null> {
    return this.keyHolders.add(apiKeyHash);
  }

  // the requests of one turn of the event loop share one read
  private readonly keyHolders = new TickBatch<string, KeyHolder | null>(async (hashes) => {
    const rows = await rowsByKey(
      hashes,
      (inList, params) =>
        this.sql.query<KeyHolder & { apiKeyHash: string }>(
          `SELECT id, name, role, salesforce_user_id AS "salesforceUserId", api_key_hash AS "apiKeyHash" FROM users WHERE api_key_hash IN (${inList})`,
          params,
        ),
      (row) => row.apiKeyHash,
    );
    return rows.map(([holder]) => (holder ? { id: holder.id, name: holder.name, role: holder.role, salesforceUserId: holder.salesforceUserId } : null));
  });

  /** The user of this Salesforce user id (18 characters); pass a unit's `tx` to read inside it. */
  findBySalesforceUserId(salesforceUserId: string, on: Sql = this.sql): Promise<User | null> {
    return on.one<User>(`${SELECT_ALL} WHERE salesforce_user_id = $1`, [salesforceUserId]);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.sql.one('SELECT id FROM users WHERE id = $1', [id])) !== null;
  }

  /** These users (the ones that exist), in no particular order; pass a unit's `tx` to read inside it. */
  async findMany(ids: readonly string[], on: Sql = this.sql): Promise<User[]> {
    const users: User[] = [];
    for (const chunk of chunksOf(ids, 1)) users.push(...(await on.query<User>(`${SELECT_ALL} WHERE id IN (${placeholders(chunk.length)})`, chunk)));
    return users;
  }

  /** Every user, oldest first. */
  all(): Promise<User[]> {
    return this.sql.query<User>(`${SELECT_ALL} ORDER BY created_at ASC, id ASC`);
  }

  insert(tx: Sql, u: User): Promise<number> {
    return tx.run('INSERT INTO users (id, salesforce_user_id, name, email, role, api_key_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      u.id,
      u.salesforceUserId,
      u.name,
      u.email,
      u.role,
      u.apiKeyHash,
      u.createdAt,
    ]);
  }

  /** The user's key hash (null: revoked); the number of rows changed (0: no such user). */
  setKeyHash(tx: Sql, id: string, apiKeyHash: string | null): Promise<number> {
    return tx.run('UPDATE users SET api_key_hash = $1 WHERE id = $2', [apiKeyHash, id]);
  }
}
