// Small query pieces shared by the record modules (customers, contacts, tickets).
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/** Field-level problems a service finds after parsing (e.g. an id from another workspace). */
export type FieldErrors = Record<string, string[]>;
export type WriteResult<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

/** Case-insensitive "contains" with the user's % and _ taken literally. */
export function containsText(column: SQLWrapper, text: string): SQL {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${column} LIKE ${`%${escaped}%`} ESCAPE '\\'`;
}

/** A keyset page: the query fetched limit + 1 rows, so one extra row means there is more. */
export type Page<T, C> = { rows: T[]; next: C | null };

export function takePage<T, C>(rows: T[], limit: number, cursorOf: (row: T) => C): Page<T, C> {
  if (rows.length <= limit) return { rows, next: null };
  const page = rows.slice(0, limit);
  return { rows: page, next: cursorOf(page[page.length - 1]) };
}

/** Keyset condition for ORDER BY name COLLATE NOCASE, id: rows strictly after the cursor. */
export function afterNameCursor(name: SQLWrapper, id: SQLWrapper, cursor: { name: string; id: string }): SQL {
  return sql`(${name} COLLATE NOCASE > ${cursor.name} OR (${name} COLLATE NOCASE = ${cursor.name} AND ${id} > ${cursor.id}))`;
}
