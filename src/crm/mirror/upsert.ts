/**
 * `INSERT … VALUES … ON CONFLICT (key) DO UPDATE SET` every other column to the incoming value:
 * one text both engines accept.
 */
export function upsertText(table: string, columns: readonly string[], values: string, key = 'id'): string {
  const set = columns
    .filter((c) => c !== key)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ON CONFLICT (${key}) DO UPDATE SET ${set}`;
}

/** ON CONFLICT DO UPDATE refuses to touch one row twice in a statement (PostgreSQL): keep the last of each id. */
export function lastPerId<T extends { id: string }>(rows: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const row of rows) byId.set(row.id, row);
  return byId.size === rows.length ? [...rows] : [...byId.values()];
}
