// D1 write plumbing for the sync: at most 100 bound parameters per statement, statements sent in
// D1 batch chunks (each chunk is one transaction), and the number of rows each chunk changed.
// Pages of assets travel as JSON in one parameter (json_each unpacks them): measured in workerd's
// D1, 1,000 asset inserts take ~100 ms this way against ~700 ms as 500 two-row INSERTs.
import { getTableColumns, getTableName, sql, type SQL, type Table } from "drizzle-orm";
import type { Db } from "../db/client";

export const D1_MAX_PARAMS = 100;
/** Statements per batch call: small enough for one quick transaction, large enough to amortise the round trip. */
export const STATEMENTS_PER_BATCH = 50;

/** Rows per multi-row INSERT so that even a row binding every column stays within D1's limit. */
export function rowsPerInsert(table: Table): number {
  const columns = Object.keys(getTableColumns(table)).length;
  return Math.max(1, Math.floor(D1_MAX_PARAMS / columns));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Anything that compiles to one SQL statement: drizzle query builders, or the JSON statements below. */
export type Statement = { toSQL(): { sql: string; params: unknown[] } };

const rawStatement = (text: string, params: unknown[]): Statement => ({ toSQL: () => ({ sql: text, params }) });

/** Rows changed by one statement's D1 result (inserts, updates, deletes). */
export function changesOf(result: unknown): number {
  if (typeof result !== "object" || result === null || !("meta" in result)) return 0;
  const meta = result.meta;
  if (typeof meta !== "object" || meta === null || !("changes" in meta)) return 0;
  return typeof meta.changes === "number" ? meta.changes : 0;
}

/**
 * Run statement groups in order. A group's statements always land in the same db.batch (an asset
 * and its event commit together); groups are packed into batches of about STATEMENTS_PER_BATCH.
 * Returns the rows changed by groups marked `counted`.
 */
export async function runGrouped(db: Db, groups: ReadonlyArray<{ statements: Statement[]; counted: boolean }>): Promise<number> {
  let changed = 0;
  let pending: Statement[] = [];
  let pendingCounted: boolean[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    // Straight to D1: drizzle's batch cannot carry raw statements with parameters.
    const results = await db.$client.batch(
      pending.map((statement) => {
        const query = statement.toSQL();
        return db.$client.prepare(query.sql).bind(...query.params);
      }),
    );
    results.forEach((result, i) => {
      if (pendingCounted[i]) changed += changesOf(result);
    });
    pending = [];
    pendingCounted = [];
  };
  for (const group of groups) {
    if (pending.length > 0 && pending.length + group.statements.length > STATEMENTS_PER_BATCH) await flush();
    pending.push(...group.statements);
    pendingCounted.push(...group.statements.map(() => group.counted));
  }
  await flush();
  return changed;
}

/**
 * Rows per JSON-packed INSERT: a page of assets travels as one bound parameter (a JSON array that
 * json_each unpacks), far below D1's 1 MB value limit, and D1 runs one statement instead of hundreds.
 */
export const JSON_ROWS_PER_STATEMENT = 200;

type AnyColumn = ReturnType<typeof getTableColumns>[string];

function driverValue(column: AnyColumn, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return column.mapToDriverValue(value);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * INSERT … SELECT … FROM json_each(?): many rows, one bound parameter. The column list is the union
 * of the rows' keys (a key a row lacks is NULL for it). Conflicts on any unique index are skipped.
 */
export function insertManyAsJson(table: Table, rows: ReadonlyArray<Record<string, unknown>>): Statement[] {
  const columns = getTableColumns(table);
  const keys = Object.keys(columns).filter((key) => rows.some((row) => row[key] !== undefined));
  const names = keys.map((key) => quote(columns[key].name)).join(", ");
  const values = keys.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ");
  const text = `INSERT INTO ${quote(getTableName(table))} (${names}) SELECT ${values} FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`;
  return chunk(rows, JSON_ROWS_PER_STATEMENT).map((part) =>
    rawStatement(text, [JSON.stringify(part.map((row) => keys.map((key) => driverValue(columns[key], row[key]))))]),
  );
}

/**
 * UPDATE … FROM json_each(?): each row gets its own values, one JSON parameter per statement plus
 * the workspace. Updates are grouped by the columns they set. `onlyIf` adds a condition on the
 * row being updated, e.g. "ninja_device_id IS NULL" (still unlinked).
 */
export function updateManyAsJson(
  table: Table,
  workspaceId: string,
  updates: ReadonlyArray<{ id: string; set: Record<string, unknown> }>,
  onlyIf?: "ninja_device_id IS NULL" | "ninja_deleted_at IS NULL",
): Statement[] {
  const columns = getTableColumns(table);
  const tableName = quote(getTableName(table));
  const groups = new Map<string, { keys: string[]; rows: Array<{ id: string; set: Record<string, unknown> }> }>();
  for (const update of updates) {
    const keys = Object.keys(update.set)
      .filter((key) => update.set[key] !== undefined && key in columns && key !== "id" && key !== "workspaceId")
      .sort();
    const signature = keys.join(",");
    const group = groups.get(signature) ?? { keys, rows: [] };
    group.rows.push(update);
    groups.set(signature, group);
  }
  return [...groups.values()].flatMap(({ keys, rows }) => {
    // The rows are materialized first so SQLite drives the join from them (one primary-key lookup
    // each) instead of re-reading the JSON for every asset of the workspace.
    const fields = keys.map((_, i) => `json_extract(value, '$[${i + 1}]') AS c${i + 1}`).join(", ");
    const assignments = keys.map((key, i) => `${quote(columns[key].name)} = src.c${i + 1}`).join(", ");
    const text =
      `WITH src AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS id, ${fields} FROM json_each(?)) ` +
      `UPDATE ${tableName} SET ${assignments} FROM src ` +
      `WHERE ${tableName}."id" = src.id AND ${tableName}."workspace_id" = ?` +
      (onlyIf ? ` AND ${tableName}.${onlyIf}` : "");
    return chunk(rows, JSON_ROWS_PER_STATEMENT).map((part) =>
      rawStatement(text, [JSON.stringify(part.map((row) => [row.id, ...keys.map((key) => driverValue(columns[key], row.set[key]))])), workspaceId]),
    );
  });
}

/** `column IN (SELECT value FROM json_each(?))`: a long list as one bound parameter (still uses the index). */
export function jsonValues(values: ReadonlyArray<string | number>): SQL {
  return sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
