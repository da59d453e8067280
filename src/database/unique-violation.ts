import { QueryFailedError } from 'typeorm';

/** The driver's own error, whether it came through TypeORM (QueryFailedError) or straight from the executor. */
export function driverErrorOf(error: unknown): { code?: unknown } | undefined {
  return (error instanceof QueryFailedError ? error.driverError : error) as { code?: unknown } | undefined;
}

/**
 * A unique index turned the row away: PostgreSQL 23505, or SQLite's constraint error, whether it
 * came through TypeORM (QueryFailedError) or straight from a better-sqlite3 statement (SqliteError).
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = driverErrorOf(error)?.code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  const message = error instanceof Error ? error.message : '';
  return (error instanceof QueryFailedError || code === 'SQLITE_CONSTRAINT') && /UNIQUE constraint failed/i.test(message);
}
