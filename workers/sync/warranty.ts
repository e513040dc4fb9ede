// Step "warranty": after the device sync has succeeded, fill warranty dates the device list did not
// carry, one small batch of per-device calls per message with a pause between messages. Only
// NinjaOne assets whose warranty was never checked or was checked over 30 days ago are visited,
// oldest first, at most WARRANTY_RUN_BUDGET per run. Nothing here can fail the run: a refusal for
// one device is recorded as a run error and the device waits for the next run; a rate limit ends
// the phase for this run. Its messages travel on their own queue (core-warranty), paced by config
// WARRANTY_PAUSE_SECONDS, so they never wait in line with, nor delay, any workspace's sync.
import { and, asc, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import { epochToIsoDate } from "../domain/device-mapping";
import { NinjaError } from "../ninjaone/errors";
import type { SyncNinjaClient } from "./ports";

export const WARRANTY_RECHECK_MS = 30 * 24 * 60 * 60 * 1000;
export const WARRANTY_BATCH = 10;
export const WARRANTY_RUN_BUDGET = 500;

export type WarrantyBatchResult = { checked: number; updated: number; more: boolean };

const dueCondition = (workspaceId: string, now: number) => {
  const a = schema.assets;
  return and(
    eq(a.workspaceId, workspaceId),
    isNotNull(a.ninjaDeviceId),
    isNull(a.ninjaDeletedAt),
    or(isNull(a.warrantyCheckedAt), lt(a.warrantyCheckedAt, now - WARRANTY_RECHECK_MS)),
  );
};

/** Assets due for a warranty check, oldest check first (never-checked first of all). */
export function dueForWarranty(db: Db, workspaceId: string, now: number, limit: number) {
  const a = schema.assets;
  return db
    .select({ id: a.id, ninjaDeviceId: a.ninjaDeviceId, warrantyStart: a.warrantyStart, warrantyEnd: a.warrantyEnd })
    .from(a)
    .where(dueCondition(workspaceId, now))
    .orderBy(asc(a.warrantyCheckedAt))
    .limit(limit);
}

/** How many assets this run's warranty pass will visit: the due ones, up to the run's budget. */
export async function warrantyPassSize(db: Db, workspaceId: string, now: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(db.select({ id: schema.assets.id }).from(schema.assets).where(dueCondition(workspaceId, now)).limit(WARRANTY_RUN_BUDGET).as("due"));
  return row?.n ?? 0;
}

export async function checkWarrantyBatch(
  db: Db,
  client: SyncNinjaClient,
  run: { id: string; workspaceId: string; warrantyChecked: number; warrantyTotal?: number | null },
  now: number,
): Promise<WarrantyBatchResult> {
  const room = Math.min(WARRANTY_BATCH, WARRANTY_RUN_BUDGET - run.warrantyChecked);
  if (room <= 0) return { checked: 0, updated: 0, more: false };
  // The pass's size, once, before its first batch: the progress says "Checking warranties: 120 of 500".
  const total = run.warrantyTotal ?? (await warrantyPassSize(db, run.workspaceId, now));
  const due = await dueForWarranty(db, run.workspaceId, now, room);
  const a = schema.assets;
  let checked = 0;
  let updated = 0;
  let rateLimited = false;
  const statements = [];
  for (const asset of due) {
    if (asset.ninjaDeviceId === null) continue;
    try {
      const warranty = await client.deviceWarranty(asset.ninjaDeviceId);
      const start = epochToIsoDate(warranty?.startDate);
      const end = epochToIsoDate(warranty?.endDate);
      // A device without warranty data keeps what a person may have typed in.
      const changed = warranty !== null && (start !== asset.warrantyStart || end !== asset.warrantyEnd);
      statements.push(
        db
          .update(a)
          .set(changed ? { warrantyStart: start, warrantyEnd: end, warrantyCheckedAt: now, updatedAt: now } : { warrantyCheckedAt: now })
          .where(and(eq(a.id, asset.id), eq(a.workspaceId, run.workspaceId))),
      );
      checked += 1;
      if (changed) updated += 1;
    } catch (error) {
      if (error instanceof NinjaError && (error.kind === "rate_limited" || error.kind === "reconnect_required")) {
        rateLimited = true;
        break;
      }
      statements.push(
        db
          .insert(schema.syncRunErrors)
          .values({
            id: `${run.id}:warranty:${asset.ninjaDeviceId}`,
            runId: run.id,
            workspaceId: run.workspaceId,
            ninjaDeviceId: asset.ninjaDeviceId,
            kind: "warranty",
            message: `Warranty lookup failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000),
            createdAt: now,
          })
          .onConflictDoNothing(),
      );
      checked += 1; // counted against the budget so one bad device cannot hold the phase
    }
  }
  statements.push(
    db
      .update(schema.syncRuns)
      .set({
        warrantyChecked: sql`${schema.syncRuns.warrantyChecked} + ${checked}`,
        warrantyUpdated: sql`${schema.syncRuns.warrantyUpdated} + ${updated}`,
        warrantyTotal: total,
        updatedAt: now,
      })
      .where(eq(schema.syncRuns.id, run.id)),
  );
  const [first, ...rest] = statements;
  await db.batch([first, ...rest]);
  const more = !rateLimited && due.length === room && run.warrantyChecked + checked < WARRANTY_RUN_BUDGET;
  return { checked, updated, more };
}
