// D1 write plumbing for the sync: at most 100 bound parameters per statement, statements sent in
// db.batch chunks (each chunk is one transaction), and the number of rows each chunk changed.
import { getTableColumns, type Table } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";

export const D1_MAX_PARAMS = 100;
/** Statements per db.batch call: small enough for one quick transaction, large enough to amortise the round trip. */
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

type Statement = BatchItem<"sqlite">;

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
    const [first, ...rest] = pending;
    if (!first) return;
    const results = await db.batch([first, ...rest]);
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
