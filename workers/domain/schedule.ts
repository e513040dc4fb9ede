// When a workspace's scheduled NinjaOne sync runs next (issue 7): pure arithmetic on epoch ms, clock passed in.

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
