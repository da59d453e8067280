import type { DataSource, EntityManager } from 'typeorm';

/** A statement and its positional parameters, written once for both engines. */
export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/**
 * One SQL text for both engines: written with `?` placeholders (SQLite's), numbered `$1, $2, …`
 * for PostgreSQL. The texts passed here hold no `?` inside string literals.
 */
export function forEngine(sql: string, type: DataSource['options']['type']): string {
  if (type !== 'postgres') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Runs a portable query on the manager's connection (inside its transaction, if any). */
export function runQuery<T>(manager: EntityManager, query: SqlQuery): Promise<T[]> {
  return manager.query(forEngine(query.sql, manager.connection.options.type), query.params) as Promise<T[]>;
}
