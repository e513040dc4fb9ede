// Daily and weekly syncs at a time of day in the workspace's time zone (issue 16), across DST changes.
import { describe, expect, it } from "vitest";
import { afterScheduledRun, nextLocalTime, nextScheduledSyncAt, nextSyncAt, weekdayNumber, type SyncSlot } from "@workers/domain/schedule";

const iso = (ms: number | null) => (ms === null ? "none" : new Date(ms).toISOString().replace(".000Z", "Z"));
/** A scheduled time that must exist. */
const at = (ms: number | null): number => {
  if (ms === null) throw new Error("expected a scheduled time");
  return ms;
};
const HOUR = 3_600_000;
const NY = "America/New_York";
const slot = (patch: Partial<SyncSlot>): SyncSlot => ({ frequency: "daily", time: "02:30", weekday: null, timeZone: NY, ...patch });

describe("nextLocalTime: the next wall-clock time in a zone", () => {
  it.each([
    // [from (UTC), time, weekday, zone, expected (UTC)]
    ["2026-07-01T05:00:00Z", "02:30", null, NY, "2026-07-01T06:30:00Z"], // 01:00 EDT → today 02:30 EDT
    ["2026-07-01T06:30:00Z", "02:30", null, NY, "2026-07-02T06:30:00Z"], // exactly at it → tomorrow (strictly after)
    ["2026-01-15T12:00:00Z", "02:30", null, NY, "2026-01-16T07:30:00Z"], // winter: EST is UTC−5
    ["2026-07-01T00:00:00Z", "09:00", null, "Asia/Tokyo", "2026-07-02T00:00:00Z"], // exactly 09:00 JST → tomorrow
    ["2026-07-01T00:00:00Z", "23:59", null, "UTC", "2026-07-01T23:59:00Z"],
    // Weekly: ISO weekday 1 = Monday. 1 July 2026 is a Wednesday.
    ["2026-07-01T12:00:00Z", "08:00", 1, "Europe/Berlin", "2026-07-06T06:00:00Z"],
    ["2026-07-01T12:00:00Z", "08:00", 3, "Europe/Berlin", "2026-07-08T06:00:00Z"], // today's 08:00 has passed
    ["2026-07-01T05:00:00Z", "08:00", 3, "Europe/Berlin", "2026-07-01T06:00:00Z"],
    ["2026-07-01T12:00:00Z", "08:00", 7, "Europe/Berlin", "2026-07-05T06:00:00Z"],
  ])("from %s, %s (day %s) in %s → %s", (from, time, weekday, zone, expected) => {
    expect(iso(nextLocalTime(time, weekday, zone, Date.parse(from)))).toBe(expected);
  });
});

describe("across daylight saving time changes", () => {
  it("New York, spring forward (Sun 8 March 2026): 09:00 stays 09:00 local, so UTC moves an hour earlier", () => {
    const sat = nextScheduledSyncAt(slot({ time: "09:00" }), "ws", Date.parse("2026-03-07T15:00:00Z")); // Saturday 10:00 EST
    expect(iso(sat)).toBe("2026-03-08T13:00:00Z"); // Sunday 09:00 EDT
    const before = nextScheduledSyncAt(slot({ time: "09:00" }), "ws", Date.parse("2026-03-06T20:00:00Z"));
    expect(iso(before)).toBe("2026-03-07T14:00:00Z"); // Saturday 09:00 EST
  });

  it("a time inside the spring-forward gap (02:30 does not exist on 8 March) runs at 03:30 that day, once", () => {
    const next = at(nextScheduledSyncAt(slot({}), "ws", Date.parse("2026-03-08T05:00:00Z"))); // 00:00 EST
    expect(iso(next)).toBe("2026-03-08T07:30:00Z"); // 03:30 EDT
    expect(iso(afterScheduledRun(slot({}), "ws", next))).toBe("2026-03-09T06:30:00Z"); // Monday 02:30 EDT
  });

  it("fall back (Sun 1 November 2026): 01:30 happens twice, the sync runs once, at the first", () => {
    const first = at(nextScheduledSyncAt(slot({ time: "01:30" }), "ws", Date.parse("2026-11-01T04:00:00Z"))); // 00:00 EDT
    expect(iso(first)).toBe("2026-11-01T05:30:00Z"); // 01:30 EDT
    // The cron runs it; the next slot is Monday's 01:30 EST, not the second 01:30 an hour later.
    expect(iso(afterScheduledRun(slot({ time: "01:30" }), "ws", first + 5 * 60_000))).toBe("2026-11-02T06:30:00Z");
  });

  it("Berlin weekly on Sundays at 02:30 across the March change: the gap day runs at 03:30 CEST, the next week at 02:30 CEST", () => {
    const weekly = slot({ frequency: "weekly", weekday: weekdayNumber("sunday"), timeZone: "Europe/Berlin" });
    const gapDay = at(nextScheduledSyncAt(weekly, "ws", Date.parse("2026-03-27T12:00:00Z")));
    expect(iso(gapDay)).toBe("2026-03-29T01:30:00Z"); // 03:30 CEST (02:30 does not exist)
    expect(iso(afterScheduledRun(weekly, "ws", gapDay))).toBe("2026-04-05T00:30:00Z"); // 02:30 CEST
  });

  it("a late cron (three hours after the slot) runs once and the next slot is tomorrow's", () => {
    const due = Date.parse("2026-07-01T06:30:00Z");
    expect(iso(afterScheduledRun(slot({}), "ws", due + 3 * HOUR))).toBe("2026-07-02T06:30:00Z");
  });
});

describe("schedules without a time keep Core's spread slot (clients from before the time existed)", () => {
  it.each(["hourly", "daily", "weekly"] as const)("%s without a time = nextSyncAt", (frequency) => {
    const from = Date.parse("2026-07-01T12:00:00Z");
    expect(nextScheduledSyncAt(slot({ frequency, time: null }), "ws-1", from)).toBe(nextSyncAt(frequency, "ws-1", from));
  });

  it("hourly ignores a stored time; manual has none", () => {
    const from = Date.parse("2026-07-01T12:00:00Z");
    expect(nextScheduledSyncAt(slot({ frequency: "hourly" }), "ws-1", from)).toBe(nextSyncAt("hourly", "ws-1", from));
    expect(nextScheduledSyncAt(slot({ frequency: "manual" }), "ws-1", from)).toBeNull();
    expect(afterScheduledRun(slot({ frequency: "manual" }), "ws-1", from)).toBeNull();
  });

  it("weekly with a time but no day runs on Mondays", () => {
    expect(iso(nextScheduledSyncAt(slot({ frequency: "weekly", time: "08:00", timeZone: "UTC" }), "ws", Date.parse("2026-07-01T12:00:00Z")))).toBe("2026-07-06T08:00:00Z");
  });
});
