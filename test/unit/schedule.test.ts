import { describe, expect, it } from "vitest";
import {
  afterRun,
  isDue,
  nextSyncAt,
  periodMs,
  SCHEDULE_NOTES,
  scheduledSyncDecision,
  scheduleOffsetMs,
  type SyncFrequency,
} from "@workers/domain/schedule";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const T0 = Date.UTC(2025, 6, 1, 9, 0, 0); // a controlled clock: Tue 1 July 2025 09:00 UTC

/** A scheduled time that must exist (fails the test otherwise). */
function at(value: number | null): number {
  if (value === null) throw new Error("expected a scheduled time, got none");
  return value;
}

/** Runs a cron every 5 minutes from `start` to `end` (skipping outages) and returns when syncs started. */
function simulateCron(frequency: SyncFrequency, workspaceId: string, start: number, end: number, outages: Array<[number, number]> = []) {
  let next = nextSyncAt(frequency, workspaceId, start); // set when the frequency was chosen
  const runs: number[] = [];
  for (let now = start; now <= end; now += 5 * MINUTE) {
    if (outages.some(([from, to]) => now >= from && now < to)) continue;
    if (isDue(next, now)) {
      runs.push(now);
      next = afterRun(frequency, workspaceId, now);
    }
  }
  return runs;
}

describe("Next scheduled sync time", () => {
  it("Manual never schedules a sync", () => {
    expect(nextSyncAt("manual", "ws-1", T0)).toBeNull();
    expect(afterRun("manual", "ws-1", T0)).toBeNull();
    expect(isDue(null, T0)).toBe(false);
  });

  // Frequency → the next run is after now and at most one period away.
  const table: Array<[SyncFrequency, number]> = [
    ["hourly", HOUR],
    ["daily", DAY],
    ["weekly", WEEK],
  ];
  it.each(table)("%s: strictly after now, within one period, on the workspace's own minute", (frequency, period) => {
    for (const ws of ["ws-1", "ws-2", "acme-msp", "0f1e2d3c-4b5a-4697-8877-66554433aa21"]) {
      const next = at(nextSyncAt(frequency, ws, T0));
      expect(next).toBeGreaterThan(T0);
      expect(next - T0).toBeLessThanOrEqual(period);
      expect(next % MINUTE).toBe(0);
      expect(periodMs(frequency)).toBe(period);
      // The same workspace keeps the same slot: the following one is exactly one period later.
      expect(nextSyncAt(frequency, ws, next)).toBe(next + period);
      expect(nextSyncAt(frequency, ws, next - 1)).toBe(next);
    }
  });

  it("is stable: the same workspace and clock always give the same time", () => {
    expect(nextSyncAt("daily", "ws-1", T0)).toBe(nextSyncAt("daily", "ws-1", T0));
    expect(scheduleOffsetMs("weekly", "ws-1")).toBe(scheduleOffsetMs("weekly", "ws-1"));
  });

  it("changes as soon as the frequency does", () => {
    const hourly = nextSyncAt("hourly", "ws-1", T0);
    const daily = nextSyncAt("daily", "ws-1", T0);
    const weekly = nextSyncAt("weekly", "ws-1", T0);
    expect(new Set([hourly, daily, weekly]).size).toBe(3);
  });

  it("is due at its time and after, not before", () => {
    const next = at(nextSyncAt("hourly", "ws-1", T0));
    expect(isDue(next, next - 1)).toBe(false);
    expect(isDue(next, next)).toBe(true);
    expect(isDue(next, next + 3 * DAY)).toBe(true);
  });
});

describe("Spreading: thousands of workspaces do not fire in the same minute", () => {
  const workspaces = Array.from({ length: 2000 }, (_, i) => `ws-${i}`);

  // Frequency, bucket size, number of buckets, the most workspaces any bucket may hold (an even spread is 2000/buckets).
  const table: Array<[SyncFrequency, number, number, number]> = [
    ["hourly", 5 * MINUTE, 12, 250], // even: 167 per 5-minute cron tick
    ["daily", HOUR, 24, 140], // even: 83 per hour
    ["weekly", DAY, 7, 380], // even: 286 per day
  ];
  it.each(table)("%s runs spread across the window", (frequency, bucket, buckets, maxPerBucket) => {
    const counts = new Array<number>(buckets).fill(0);
    for (const ws of workspaces) counts[Math.floor(at(scheduleOffsetMs(frequency, ws)) / bucket)]++;
    expect(counts.every((count) => count > 0)).toBe(true);
    expect(Math.max(...counts)).toBeLessThanOrEqual(maxPerBucket);
  });

  it("daily runs use many distinct minutes of the day", () => {
    const minutes = new Set(workspaces.map((ws) => scheduleOffsetMs("daily", ws)));
    expect(minutes.size).toBeGreaterThan(700);
  });
});

describe("The cron (every 5 minutes) with a controlled clock", () => {
  it("hourly: one sync per hour over a day", () => {
    const runs = simulateCron("hourly", "ws-1", T0, T0 + DAY - 1);
    expect(runs).toHaveLength(24);
    for (let i = 1; i < runs.length; i++) expect(runs[i] - runs[i - 1]).toBe(HOUR);
  });

  it("daily: one sync per day over a week", () => {
    expect(simulateCron("daily", "ws-1", T0, T0 + WEEK - 1)).toHaveLength(7);
  });

  it("weekly: one sync per week over four weeks", () => {
    expect(simulateCron("weekly", "ws-1", T0, T0 + 4 * WEEK - 1)).toHaveLength(4);
  });

  it("after a 6-hour outage, hourly catches up with one run, not six, and the next run is not minutes later", () => {
    const outage: [number, number] = [T0 + 2 * HOUR, T0 + 8 * HOUR];
    const runs = simulateCron("hourly", "ws-1", T0, T0 + 12 * HOUR - 1, [outage]);
    expect(runs.filter((t) => t >= outage[0] && t < outage[1])).toEqual([]);
    expect(runs.filter((t) => t >= outage[1] && t < outage[1] + 30 * MINUTE)).toEqual([outage[1]]); // one catch-up run
    for (let i = 1; i < runs.length; i++) expect(runs[i] - runs[i - 1]).toBeGreaterThanOrEqual(30 * MINUTE);
    // 2 runs before the outage, 1 catch-up, then one per hour again (3 or 4 depending on the workspace's minute).
    expect(runs.length).toBeGreaterThanOrEqual(6);
    expect(runs.length).toBeLessThanOrEqual(7);
  });

  it.each(["ws-1", "ws-2", "ws-3", "ws-4", "ws-5"])("%s: a catch-up is followed by the next slot at least half a period later", (ws) => {
    for (const frequency of ["hourly", "daily", "weekly"] as const) {
      const period = at(periodMs(frequency));
      const late = at(nextSyncAt(frequency, ws, T0)) + period - 5 * MINUTE; // just before the following slot
      const next = at(afterRun(frequency, ws, late));
      expect(next - late).toBeGreaterThanOrEqual(period / 2);
      expect(next - late).toBeLessThanOrEqual(period * 1.5);
      expect((next - at(scheduleOffsetMs(frequency, ws))) % period).toBe(0); // still on the workspace's own slot
    }
  });

  it("a daily workspace whose cron was down for three days runs once, then schedules tomorrow's slot", () => {
    const due = at(nextSyncAt("daily", "ws-1", T0));
    const now = due + 3 * DAY + 7 * MINUTE;
    expect(isDue(due, now)).toBe(true);
    const next = at(afterRun("daily", "ws-1", now));
    expect(next).toBeGreaterThan(now);
    expect(next - now).toBeLessThanOrEqual(DAY);
    expect(next).toBe(due + 4 * DAY); // back on the workspace's own slot
    expect(isDue(next, now + 5 * MINUTE)).toBe(false); // the next cron tick does not run it again
  });
});

describe("What the cron does with a due workspace", () => {
  type Input = Parameters<typeof scheduledSyncDecision>[0];
  const table: Array<[string, Input, ReturnType<typeof scheduledSyncDecision>]> = [
    ["connected, idle: start", { frequency: "hourly", connection: "connected", activeRun: false }, { action: "start" }],
    ["weekly works the same", { frequency: "weekly", connection: "connected", activeRun: false }, { action: "start" }],
    ["a sync already going covers the slot", { frequency: "daily", connection: "connected", activeRun: true }, { action: "skip", note: "Skipped: a sync was already running" }],
    ["needs reconnect", { frequency: "hourly", connection: "needs_reconnect", activeRun: false }, { action: "skip", note: "Skipped: NinjaOne needs reconnecting" }],
    ["not connected", { frequency: "hourly", connection: "not_connected", activeRun: false }, { action: "skip", note: SCHEDULE_NOTES.notConnected }],
    ["the connection is reported before a running sync", { frequency: "hourly", connection: "needs_reconnect", activeRun: true }, { action: "skip", note: SCHEDULE_NOTES.needsReconnect }],
    ["Manual never runs, whatever else", { frequency: "manual", connection: "connected", activeRun: false }, { action: "unschedule" }],
  ];
  it.each(table)("%s", (_, input, expected) => {
    expect(scheduledSyncDecision(input)).toEqual(expected);
  });
});
