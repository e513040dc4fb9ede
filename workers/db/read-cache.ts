// Figures computed from every asset of a workspace (Reports, EOL Recommendations), kept in
// report_cache until one of its assets changes: triggers on `assets` (custom migration
// report_cache_and_search) delete a workspace's rows whenever one of its assets is inserted,
// deleted or changes a column these figures use, so a kept figure is never stale. Rows live at
// most an hour (keys carry the hour or day their figures depend on; older rows are dropped).
import { and, eq, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { assets, reportCache } from "./schema";

const HOUR_MS = 3_600_000;
/** Longer than any one asset write takes: figures computed this soon after a write are not kept. */
const RECENT_WRITE_MS = 15_000;

/**
 * The value kept under `key` for this workspace, or `compute()` kept there. Values must be plain
 * JSON and should not hold names people can change (read those fresh). A computation that may have
 * overlapped an asset write is not kept (its rows may predate the write): the insert checks that
 * no asset of the workspace was updated in the last RECENT_WRITE_MS, so during a sync every view
 * computes afresh.
 */
export async function cachedRead<T>(db: Db, workspaceId: string, key: ReadonlyArray<string | number | null>, now: number, compute: () => Promise<T>): Promise<T> {
  const keyText = JSON.stringify(key);
  const [hit] = await db
    .select({ body: reportCache.body })
    .from(reportCache)
    .where(and(eq(reportCache.workspaceId, workspaceId), eq(reportCache.key, keyText)))
    .limit(1);
  if (hit) return JSON.parse(hit.body) as T;
  const value = await compute();
  const body = JSON.stringify(value);
  await db.delete(reportCache).where(and(eq(reportCache.workspaceId, workspaceId), lt(reportCache.createdAt, now - HOUR_MS)));
  await db.run(sql`INSERT INTO ${reportCache} (workspace_id, key, body, created_at)
    SELECT ${workspaceId}, ${keyText}, ${body}, ${now}
    WHERE NOT EXISTS (SELECT 1 FROM ${assets} WHERE ${assets.workspaceId} = ${workspaceId} AND ${assets.updatedAt} >= ${now - RECENT_WRITE_MS})
    ON CONFLICT (workspace_id, key) DO UPDATE SET body = excluded.body, created_at = excluded.created_at`);
  return value;
}

/**
 * One number kept in report_cache by the very D1 batch that reads it (the assets list's count):
 * `keep` computes `figure` (a scalar SQL expression) and stores it under `key` when nothing is
 * kept there yet and no asset of the workspace was written in the last RECENT_WRITE_MS; `kept` is
 * the kept number as a scalar subquery (NULL when there is none). Put `keep` first in the batch:
 * a batch is one transaction, so the number stored is the one its later statements read, and the
 * triggers delete it with the next asset write. Unlike cachedRead there is no gap between
 * computing and keeping for a write to slip into. `key` must name only what the triggers watch.
 */
export function keptNumber(db: Db, workspaceId: string, key: string, figure: SQL, now: number) {
  const kept = sql`(SELECT json_extract(${reportCache.body}, '$.n') FROM ${reportCache} WHERE ${reportCache.workspaceId} = ${workspaceId} AND ${reportCache.key} = ${key})`;
  // The SELECT computes `figure` only for a row that passes its WHERE: nothing is counted on a hit.
  // (A builder, not db.run: drizzle's D1 batch cannot hold a raw statement with parameters.)
  const keep = db
    .insert(reportCache)
    .select(
      sql`SELECT ${workspaceId}, ${key}, json_object('n', ${figure}), ${now}
        WHERE ${kept} IS NULL
          AND NOT EXISTS (SELECT 1 FROM ${assets} WHERE ${assets.workspaceId} = ${workspaceId} AND ${assets.updatedAt} >= ${now - RECENT_WRITE_MS})`,
    )
    .onConflictDoNothing();
  return { keep, kept };
}

/**
 * Rows older than an hour, in every workspace (the cron's maintenance): their keys carry an hour
 * or day that has passed, or a list's count that is cheap to compute again. A workspace whose
 * assets never change would otherwise keep every filter's count it ever showed.
 */
export async function pruneReportCache(db: Db, now: number): Promise<number> {
  const result = await db.delete(reportCache).where(lt(reportCache.createdAt, now - HOUR_MS));
  return result.meta.changes;
}

/** The hour `now` falls in: keys of figures that move with the clock (age bands). */
export const hourOf = (now: number) => Math.floor(now / HOUR_MS);
