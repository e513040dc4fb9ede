// The workspace's sync schedule (Device Sync card > frequency): read it, and save a new frequency
// with its next scheduled time. The cron (scheduler.ts) starts the runs.
import { eq } from "drizzle-orm";
import { schema, type Db } from "../db/client";
import { nextSyncAt, type SyncFrequency } from "../domain/schedule";

export type SyncSchedule = {
  frequency: SyncFrequency;
  /** Epoch ms; null for Manual. */
  nextSyncAt: number | null;
  /** Why the last scheduled slot did not run, e.g. "Skipped: NinjaOne needs reconnecting". */
  note: string | null;
  connection: "not_connected" | "connected" | "needs_reconnect";
};

/** Null when the workspace has not added the NinjaOne integration (nothing to schedule yet). */
export async function loadSyncSchedule(db: Db, workspaceId: string): Promise<SyncSchedule | null> {
  const row = await db.query.integrations.findFirst({
    where: eq(schema.integrations.workspaceId, workspaceId),
    columns: { syncFrequency: true, nextSyncAt: true, scheduleNote: true, status: true },
  });
  if (!row) return null;
  return { frequency: row.syncFrequency, nextSyncAt: row.nextSyncAt, note: row.scheduleNote, connection: row.status };
}

/**
 * Set how often the workspace syncs. The next time is the workspace's first slot after now (Manual: none).
 * Saving the frequency it already has keeps the pending time, so a slot that is due is not pushed back.
 * Returns null when there is no integration to schedule.
 */
export async function saveSyncSchedule(db: Db, workspaceId: string, frequency: SyncFrequency, now: number): Promise<SyncSchedule | null> {
  const current = await loadSyncSchedule(db, workspaceId);
  if (!current) return null;
  if (current.frequency === frequency && (frequency === "manual" || current.nextSyncAt !== null)) return current;
  const next = nextSyncAt(frequency, workspaceId, now);
  const [row] = await db
    .update(schema.integrations)
    .set({ syncFrequency: frequency, nextSyncAt: next, scheduleNote: null, updatedAt: now })
    .where(eq(schema.integrations.workspaceId, workspaceId))
    .returning({ status: schema.integrations.status });
  if (!row) return null;
  return { frequency, nextSyncAt: next, note: null, connection: row.status };
}
