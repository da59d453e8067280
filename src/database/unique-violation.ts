import { QueryFailedError } from 'typeorm';

/**
 * A unique index turned the row away: PostgreSQL 23505, or SQLite's constraint error, whether it
 * came through TypeORM (QueryFailedError) or straight from a better-sqlite3 statement (SqliteError).
 */
export function isUniqueViolation(error: unknown): boolean {
  const driverError = (error instanceof QueryFailedError ? error.driverError : error) as { code?: unknown; message?: unknown } | undefined;
  const code = driverError?.code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  const message = error instanceof Error ? error.message : '';
  return (error instanceof QueryFailedError || code === 'SQLITE_CONSTRAINT') && /UNIQUE constraint failed/i.test(message);
}
