// When a workspace's scheduled NinjaOne sync runs next (issue 7): pure arithmetic on epoch ms, clock passed in.
// Daily and weekly syncs may run at a time of day the admin picks (issue 16), in the workspace's time
// zone: wall-clock arithmetic across DST changes is @date-fns/tz's (TZDate), not ours.

import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { fnv1a32 } from "./hash";

export const SYNC_FREQUENCIES = ["manual", "hourly", "daily", "weekly"] as const;
export type SyncFrequency = (typeof SYNC_FREQUENCIES)[number];

export const SYNC_FREQUENCY_LABELS: Record<SyncFrequency, string> = {
  manual: "Manual",
  hourly: "Hourly",
  daily: "Daily",
  weekly: "Weekly",
};

const MINUTE_MS = 60_000;
const PERIOD_MS: Record<Exclude<SyncFrequency, "manual">, number> = {
  hourly: 60 * MINUTE_MS,
  daily: 24 * 60 * MINUTE_MS,
  weekly: 7 * 24 * 60 * MINUTE_MS,
};

export function periodMs(frequency: SyncFrequency): number | null {
  return frequency === "manual" ? null : PERIOD_MS[frequency];
}

/**
 * Where in its period a workspace's slot falls, in whole minutes, from a hash of its id: stable across deploys,
 * and thousands of workspaces spread over the hour/day/week instead of all firing at the top of it.
 */
export function scheduleOffsetMs(frequency: SyncFrequency, workspaceId: string): number | null {
  const period = periodMs(frequency);
  if (period === null) return null;
  return (fnv1a32(workspaceId) % (period / MINUTE_MS)) * MINUTE_MS;
}

/**
 * The first slot strictly after `fromMs`; null for Manual. Slots are `k × period + offset` from the Unix epoch
 * (UTC), so the answer depends only on frequency, workspace and time, never on when the last run happened.
 */
export function nextSyncAt(frequency: SyncFrequency, workspaceId: string, fromMs: number): number | null {
  const period = periodMs(frequency);
  const offset = scheduleOffsetMs(frequency, workspaceId);
  if (period === null || offset === null) return null;
  return (Math.floor((fromMs - offset) / period) + 1) * period + offset;
}

/** Whether the cron should start a sync now. */
export function isDue(nextSyncAtMs: number | null, nowMs: number): boolean {
  return nextSyncAtMs !== null && nextSyncAtMs <= nowMs;
}

/**
 * The next time after the cron handled a due workspace (started a run, or skipped it and said why): the first
 * of the workspace's slots at least half a period from now. A cron that missed several slots (deploy, outage)
 * thus runs once, not a burst, and a late catch-up run is not followed minutes later by the regular slot.
 */
export function afterRun(frequency: SyncFrequency, workspaceId: string, nowMs: number): number | null {
  const period = periodMs(frequency);
  if (period === null) return null;
  return nextSyncAt(frequency, workspaceId, nowMs + period / 2 - 1);
}

/** What the Device Sync card says when the cron skipped the last scheduled slot. */
export const SCHEDULE_NOTES = {
  needsReconnect: "Skipped: NinjaOne needs reconnecting",
  notConnected: "Skipped: NinjaOne is not connected",
  alreadyRunning: "Skipped: a sync was already running",
  queueFailed: "Skipped: the sync could not be queued",
} as const;

export type ScheduledSyncDecision =
  | { action: "start" }
  | { action: "skip"; note: string }
  /** A Manual workspace that still had a time (an old row, a race with a save): clear it, start nothing. */
  | { action: "unschedule" };

/**
 * What the cron does with a workspace whose slot is due. `activeRun` is a queued or running sync that is
 * still making progress (a stalled one does not block: the new run replaces it). Manual never runs; a broken
 * or missing connection is skipped with the reason; a sync already going covers this slot.
 */
export function scheduledSyncDecision(input: {
  frequency: SyncFrequency;
  connection: "not_connected" | "connected" | "needs_reconnect";
  activeRun: boolean;
}): ScheduledSyncDecision {
  if (input.frequency === "manual") return { action: "unschedule" };
  if (input.connection === "needs_reconnect") return { action: "skip", note: SCHEDULE_NOTES.needsReconnect };
  if (input.connection !== "connected") return { action: "skip", note: SCHEDULE_NOTES.notConnected };
  if (input.activeRun) return { action: "skip", note: SCHEDULE_NOTES.alreadyRunning };
  return { action: "start" };
}

// ---------------------------------------------------------------------------------------------
// A time of day (and a weekday for Weekly) in the workspace's time zone.

/** ISO weekdays: index + 1 is the stored number (1 = Monday … 7 = Sunday). */
export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};
export const weekdayNumber = (day: Weekday): number => WEEKDAYS.indexOf(day) + 1;
export const weekdayName = (n: number | null): Weekday | null => (n !== null && n >= 1 && n <= 7 ? WEEKDAYS[n - 1] : null);

/** "HH:MM", 24-hour. */
export const SYNC_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** What the time field starts at when a workspace first picks Daily or Weekly. */
export const DEFAULT_SYNC_TIME = "02:00";
export const DEFAULT_SYNC_WEEKDAY: Weekday = "monday";

/** A workspace's schedule as the cron and the screens read it. `time` null: Core's spread slot (nextSyncAt). */
export type SyncSlot = {
  frequency: SyncFrequency;
  time: string | null;
  /** ISO weekday 1–7, Weekly only. */
  weekday: number | null;
  timeZone: string;
};

const MIDDAY = 12;

/**
 * The first instant strictly after `fromMs` whose wall-clock time in `timeZone` is `time` (on ISO
 * `weekday`, when given). On the day clocks spring forward a time inside the gap runs at the same
 * distance after it (02:30 → 03:30); on the day they fall back, the first of the two 01:30s.
 */
export function nextLocalTime(time: string, weekday: number | null, timeZone: string, fromMs: number): number {
  const [hours, minutes] = time.split(":").map(Number);
  const from = new TZDate(fromMs, timeZone);
  // Walk local days from midday (midnight itself is skipped by DST in a few zones).
  const start = new TZDate(from.getFullYear(), from.getMonth(), from.getDate(), MIDDAY, timeZone);
  for (let day = 0; day <= 8; day++) {
    const date = addDays(start, day);
    const candidate = new TZDate(date.getFullYear(), date.getMonth(), date.getDate(), hours, minutes, timeZone);
    const iso = candidate.getDay() === 0 ? 7 : candidate.getDay();
    if (weekday !== null && iso !== weekday) continue;
    if (candidate.getTime() > fromMs) return candidate.getTime();
  }
  throw new Error(`no ${time} after ${fromMs} in ${timeZone}`); // unreachable: a week always has the day
}

const timed = (slot: SyncSlot): slot is SyncSlot & { time: string; frequency: "daily" | "weekly" } =>
  slot.time !== null && (slot.frequency === "daily" || slot.frequency === "weekly");

/** The next scheduled sync after `fromMs`: at the chosen local time when there is one, else the spread slot. */
export function nextScheduledSyncAt(slot: SyncSlot, workspaceId: string, fromMs: number): number | null {
  if (!timed(slot)) return nextSyncAt(slot.frequency, workspaceId, fromMs);
  return nextLocalTime(slot.time, slot.frequency === "weekly" ? (slot.weekday ?? weekdayNumber(DEFAULT_SYNC_WEEKDAY)) : null, slot.timeZone, fromMs);
}

/** afterRun for any schedule: the first slot at least half a period on (a late cron runs once, not twice). */
export function afterScheduledRun(slot: SyncSlot, workspaceId: string, nowMs: number): number | null {
  const period = periodMs(slot.frequency);
  if (period === null) return null;
  return nextScheduledSyncAt(slot, workspaceId, nowMs + period / 2 - 1);
}
