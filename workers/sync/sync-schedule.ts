// The workspace's sync schedule (Device Sync card > frequency, time of day, weekday): read it, and
// save a change with its next scheduled time. The cron (scheduler.ts) starts the runs. Daily and
// weekly syncs run at the chosen time in the workspace's time zone; a schedule without a time (API
// clients from before the time existed) keeps Core's spread slot.
import { eq } from "drizzle-orm";
import { schema, type Db } from "../db/client";
import { nextScheduledSyncAt, weekdayName, weekdayNumber, type SyncFrequency, type SyncSlot, type Weekday } from "../domain/schedule";

export type SyncSchedule = {
  frequency: SyncFrequency;
  /** "HH:MM" in the workspace's time zone (Daily, Weekly); null: Core picks a spread slot. */
  time: string | null;
  /** Weekly only; null: Monday. */
  weekday: Weekday | null;
  /** The workspace's time zone, which `time` is in. */
  timeZone: string;
  /** Epoch ms; null for Manual. */
  nextSyncAt: number | null;
  /** Why the last scheduled slot did not run, e.g. "Skipped: NinjaOne needs reconnecting". */
  note: string | null;
  connection: "not_connected" | "connected" | "needs_reconnect";
};

/** A change: fields left out keep what is stored; `time: null` goes back to Core's spread slot. */
export type SyncScheduleChange = { frequency: SyncFrequency; time?: string | null; weekday?: Weekday | null };

async function readSchedule(db: Db, workspaceId: string) {
  const [row] = await db
    .select({
      frequency: schema.integrations.syncFrequency,
      time: schema.integrations.syncTime,
      weekday: schema.integrations.syncWeekday,
      nextSyncAt: schema.integrations.nextSyncAt,
      note: schema.integrations.scheduleNote,
      connection: schema.integrations.status,
      timeZone: schema.workspaces.timeZone,
    })
    .from(schema.integrations)
    .leftJoin(schema.workspaces, eq(schema.workspaces.id, schema.integrations.workspaceId))
    .where(eq(schema.integrations.workspaceId, workspaceId))
    .limit(1);
  return row ? { ...row, timeZone: row.timeZone ?? "UTC" } : undefined;
}

/** Null when the workspace has not added the NinjaOne integration (nothing to schedule yet). */
export async function loadSyncSchedule(db: Db, workspaceId: string): Promise<SyncSchedule | null> {
  const row = await readSchedule(db, workspaceId);
  if (!row) return null;
  return { ...row, weekday: weekdayName(row.weekday) };
}

/**
 * Set how often (and when) the workspace syncs. The next time is the workspace's first slot after now
 * (Manual: none). Saving what it already has keeps the pending time, so a slot that is due is not
 * pushed back. Returns null when there is no integration to schedule.
 */
export async function saveSyncSchedule(db: Db, workspaceId: string, change: SyncScheduleChange, now: number): Promise<SyncSchedule | null> {
  const current = await readSchedule(db, workspaceId);
  if (!current) return null;
  const time = change.time === undefined ? current.time : change.time;
  const weekday = change.weekday === undefined ? current.weekday : change.weekday === null ? null : weekdayNumber(change.weekday);
  const unchanged = current.frequency === change.frequency && current.time === time && current.weekday === weekday;
  if (unchanged && (change.frequency === "manual" || current.nextSyncAt !== null)) return loadSyncSchedule(db, workspaceId);
  const slot: SyncSlot = { frequency: change.frequency, time, weekday, timeZone: current.timeZone };
  const next = nextScheduledSyncAt(slot, workspaceId, now);
  const [row] = await db
    .update(schema.integrations)
    .set({ syncFrequency: change.frequency, syncTime: time, syncWeekday: weekday, nextSyncAt: next, scheduleNote: null, updatedAt: now })
    .where(eq(schema.integrations.workspaceId, workspaceId))
    .returning({ status: schema.integrations.status });
  if (!row) return null;
  return { frequency: change.frequency, time, weekday: weekdayName(weekday), timeZone: current.timeZone, nextSyncAt: next, note: null, connection: row.status };
}

/**
 * The workspace's time zone changed: a sync at a chosen time of day moves to that time in the new
 * zone (the spread slot and Hourly do not depend on the zone). Call after saving the zone.
 */
export async function rescheduleForTimeZone(db: Db, workspaceId: string, now: number): Promise<void> {
  const current = await readSchedule(db, workspaceId);
  if (!current || current.time === null || (current.frequency !== "daily" && current.frequency !== "weekly")) return;
  const next = nextScheduledSyncAt({ frequency: current.frequency, time: current.time, weekday: current.weekday, timeZone: current.timeZone }, workspaceId, now);
  await db.update(schema.integrations).set({ nextSyncAt: next, updatedAt: now }).where(eq(schema.integrations.workspaceId, workspaceId));
}
