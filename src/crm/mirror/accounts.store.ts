import { Injectable } from '@nestjs/common';
import { chunksOf, placeholders, Sql, SqlValue, valuesList } from '../../database/sql';
// loaded for its @Entity: it registers accounts with the DataSource (entity-registry.ts)
import '../account.entity';
import type { AccountRow } from './mirror-rows';
import { lastPerId, upsertText } from './upsert';

const COLUMNS = ['id', 'name', 'system_modstamp', 'synced_at'];

/**
 * The `accounts` table: the mirror's writes (multi-row, one text for both engines, in the caller's
 * unit, `tx`) and the directory's read, on the connection it passes.
 */
@Injectable()
export class AccountsStore {
  /** An account's id and name; null when it is not mirrored. */
  find(on: Sql, id: string): Promise<{ id: string; name: string } | null> {
    return on.one<{ id: string; name: string }>('SELECT id, name FROM accounts WHERE id = $1', [id]);
  }

  /** Inserts or updates these accounts, stamped `syncedAt`; returns how many. */
  async upsert(tx: Sql, accounts: readonly AccountRow[], syncedAt: string): Promise<number> {
    const rows = lastPerId(accounts);
    for (const chunk of chunksOf(rows, COLUMNS.length)) {
      const params: SqlValue[] = chunk.flatMap((a) => [a.id, a.name, a.systemModstamp, syncedAt]);
      await tx.run(upsertText('accounts', COLUMNS, valuesList(chunk.length, COLUMNS.length)), params);
    }
    return rows.length;
  }

  /** Removes these accounts; returns how many were there. */
  async remove(tx: Sql, ids: readonly string[]): Promise<number> {
    let removed = 0;
    for (const chunk of chunksOf(ids, 1)) removed += await tx.run(`DELETE FROM accounts WHERE id IN (${placeholders(chunk.length)})`, chunk);
    return removed;
  }

  /** full-resync: removes the accounts not written since `before`; returns how many. */
  sweep(tx: Sql, before: string): Promise<number> {
    return tx.run('DELETE FROM accounts WHERE synced_at < $1', [before]);
  }
}
