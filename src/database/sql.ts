/**
 * The plain-SQL executor every store writes its hot queries with: one SQL text for both engines.
 *
 * Placeholders are PostgreSQL's `$1, $2, …` (a number may repeat); on SQLite they are rewritten
 * once per text to `?` with the parameters reordered. Booleans are bound as SQLite stores them
 * (0/1) there and as booleans on PostgreSQL; read them back with `bool()`. Statements are cached:
 * prepared once per text on SQLite, named prepared statements on each PostgreSQL connection.
 *
 * Write the SQL both engines accept: `INSERT … ON CONFLICT … DO UPDATE`, `RETURNING`, multi-row
 * `VALUES`, `IN (…)` lists built with `placeholders()` (no arrays: SQLite has none), no
 * engine-specific functions. The drivers themselves live in sql-drivers.ts, the only file that
 * imports better-sqlite3 or pg.
 */
export type SqlValue = string | number | boolean | bigint | null;
export type SqlRow = Record<string, unknown>;
export type SqlEngine = 'sqlite' | 'postgres';

/**
 * Where statements run: the database outside any transaction (the injectable `Sql`: reads), or
 * the connection of a unit of work (`UnitOfWork.unit(tx => …)`: writes, and reads that must see
 * them).
 */
export abstract class Sql {
  abstract readonly engine: SqlEngine;
  /** every row the statement returns */
  abstract query<T extends object = SqlRow>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** a statement run for its effect: the number of rows it changed */
  abstract run(text: string, params?: readonly SqlValue[]): Promise<number>;
  /** the first row, or null */
  async one<T extends object = SqlRow>(text: string, params?: readonly SqlValue[]): Promise<T | null> {
    const rows = await this.query<T>(text, params);
    return rows[0] ?? null;
  }
}

/** `$from, $from+1, …` for `count` values: the inside of an `IN (…)` list or of one VALUES row. */
export function placeholders(count: number, from = 1): string {
  let out = '';
  for (let i = 0; i < count; i++) out += (i === 0 ? '$' : ', $') + (from + i);
  return out;
}

/**
 * `($1, $2, …), (…), …`: the VALUES of a multi-row insert of `rows` rows of `columns` values each,
 * numbered from `from`.
 */
export function valuesList(rows: number, columns: number, from = 1): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) out.push(`(${placeholders(columns, from + r * columns)})`);
  return out.join(', ');
}

/** A boolean column as either engine returns it (SQLite 0/1, PostgreSQL true/false). */
export const bool = (value: unknown): boolean => value === true || value === 1 || value === '1';

/** A count or bigint column as a number (PostgreSQL returns int8 as a string). */
export const int = (value: unknown): number => (typeof value === 'number' ? value : Number(value));

/** Rows per multi-row statement: keeps every chunk far below SQLite's and PostgreSQL's bind limits. */
export const MAX_PARAMS_PER_STATEMENT = 10_000;

/** Splits rows into chunks whose parameters stay below MAX_PARAMS_PER_STATEMENT. */
export function chunksOf<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / Math.max(columns, 1)));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size));
  return chunks;
}

/** `$n` placeholders → `?` with the parameter order they need (SQLite's positional binding). */
export function toPositional(text: string): { text: string; order: number[] } {
  const order: number[] = [];
  const rewritten = text.replace(/\$(\d+)/g, (_match, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { text: rewritten, order };
}

/**
 * A batched read by key: `select` runs once with an `IN (…)` list of the distinct keys (padded to a
 * power of two by repeating the last, so a handful of statement texts are cached rather than one
 * per length) and each key gets the rows `keyOf` files under it, in the order they came.
 */
export async function rowsByKey<K extends string, Row>(keys: readonly K[], select: (inList: string, params: K[]) => Promise<Row[]>, keyOf: (row: Row) => K): Promise<Row[][]> {
  const params = paddedToPowerOfTwo([...new Set(keys)]);
  const byKey = new Map<K, Row[]>();
  for (const row of await select(placeholders(params.length), params)) {
    const key = keyOf(row);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(row);
  }
  return keys.map((key) => byKey.get(key) ?? []);
}

/**
 * The list padded to a power of two by repeating its last item: a batched statement built from it
 * has a handful of texts (and cached prepared statements), not one per length. Never empty.
 */
export function paddedToPowerOfTwo<T>(items: readonly T[]): T[] {
  if (items.length === 0) throw new Error('paddedToPowerOfTwo needs at least one item');
  let size = 1;
  while (size < items.length) size *= 2;
  return items.concat(Array<T>(size - items.length).fill(items[items.length - 1]));
}
