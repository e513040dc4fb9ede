import { describe, expect, it } from "vitest";
import {
  ageBand,
  ageBandRanges,
  deviceAge,
  deviceStartMs,
  type AgeSource,
  warrantyBand,
  warrantyThresholds,
  yearsBefore,
} from "@workers/domain/lifecycle";

const NOW = Date.parse("2026-06-15T12:00:00Z");
const at = (iso: string) => Date.parse(iso);

describe("device age bands", () => {
  it.each([
    ["created this morning", "2026-06-15T08:00:00Z", "0-1"],
    ["a day under a year", "2025-06-16T12:00:00Z", "0-1"],
    ["one millisecond under a year", "2025-06-15T12:00:00.001Z", "0-1"],
    ["exactly one year", "2025-06-15T12:00:00Z", "1-2"],
    ["18 months", "2024-12-15T12:00:00Z", "1-2"],
    ["exactly two years", "2024-06-15T12:00:00Z", "2-3"],
    ["two and a half years", "2023-12-15T00:00:00Z", "2-3"],
    ["exactly three years", "2023-06-15T12:00:00Z", "3-5"],
    ["four years", "2022-06-15T12:00:00Z", "3-5"],
    ["one millisecond under five years", "2021-06-15T12:00:00.001Z", "3-5"],
    ["exactly five years", "2021-06-15T12:00:00Z", "5+"],
    ["twelve years", "2014-01-01T00:00:00Z", "5+"],
    ["clock skew: created tomorrow", "2026-06-16T00:00:00Z", "0-1"],
  ])("%s is %s", (_label, created, band) => {
    expect(ageBand(at(created), NOW)).toBe(band);
  });

  it("has no band without a start date", () => {
    expect(ageBand(null, NOW)).toBe("unknown");
  });

  it("counts calendar years, with 29 February falling back to the 28th", () => {
    const leapDay = at("2028-02-29T10:00:00Z");
    expect(new Date(yearsBefore(leapDay, 1)).toISOString()).toBe("2027-02-28T10:00:00.000Z");
    expect(new Date(yearsBefore(leapDay, 4)).toISOString()).toBe("2024-02-29T10:00:00.000Z");
    expect(ageBand(at("2027-02-28T10:00:00Z"), leapDay)).toBe("1-2");
    expect(ageBand(at("2027-03-01T00:00:00Z"), leapDay)).toBe("0-1");
  });

  it("gives ranges that tile the timeline youngest first, the way the SQL reads them", () => {
    const ranges = ageBandRanges(NOW);
    expect(ranges.map((r) => r.band)).toEqual(["0-1", "1-2", "2-3", "3-5", "5+"]);
    expect(ranges[0].startedAtOrBeforeMs).toBeNull();
    expect(ranges[4].startedAfterMs).toBeNull();
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].startedAtOrBeforeMs).toBe(ranges[i - 1].startedAfterMs);
  });

  it("takes the purchase date first, then the warranty start, then NinjaOne's first-seen time", () => {
    expect(deviceStartMs({ ninjaCreatedAt: 123, purchaseDate: "2020-01-01", warrantyStart: "2021-01-01" })).toBe(at("2020-01-01T00:00:00Z"));
    expect(deviceStartMs({ ninjaCreatedAt: 123, purchaseDate: null, warrantyStart: "2021-01-01" })).toBe(at("2021-01-01T00:00:00Z"));
    expect(deviceStartMs({ ninjaCreatedAt: 123, purchaseDate: null, warrantyStart: null })).toBe(123);
    expect(deviceStartMs({ ninjaCreatedAt: null, purchaseDate: null, warrantyStart: null })).toBeNull();
    expect(deviceStartMs({ ninjaCreatedAt: null, purchaseDate: "not a date", warrantyStart: "2021-02-30" })).toBeNull();
  });
});

describe("device age with its basis", () => {
  const device = (d: Partial<AgeSource>): AgeSource => ({ purchaseDate: null, warrantyStart: null, ninjaCreatedAt: null, ...d });

  it("says how old and from what: purchase date, warranty start, or NinjaOne's first sight (an estimate)", () => {
    expect(deviceAge(device({ purchaseDate: "2020-04-10", warrantyStart: "2021-01-01", ninjaCreatedAt: at("2026-05-01T00:00:00Z") }), NOW)).toEqual({
      basis: "purchase_date",
      since: "2020-04-10",
      estimate: false,
      months: 74,
      text: "6 y 2 m",
      label: "6 y 2 m, from purchase date",
    });
    expect(deviceAge(device({ warrantyStart: "2024-06-15" }), NOW)?.label).toBe("2 y 0 m, from warranty start");
    const estimate = deviceAge(device({ ninjaCreatedAt: at("2026-05-20T23:00:00Z") }), NOW);
    expect(estimate).toMatchObject({ basis: "ninja_first_seen", since: "2026-05-20", estimate: true, months: 0 });
    expect(estimate?.label).toBe("0 y 0 m, estimate: first seen by NinjaOne");
  });

  it("has no age without any basis, and skips dates that are not dates", () => {
    expect(deviceAge(device({}), NOW)).toBeNull();
    expect(deviceAge(device({ purchaseDate: "2020-13-01", warrantyStart: "2022-06-15" }), NOW)?.basis).toBe("warranty_start");
  });

  it("counts whole calendar months: a day short of a month is not a month, a future date is 0", () => {
    expect(deviceAge(device({ purchaseDate: "2026-05-15" }), NOW)?.months).toBe(1);
    expect(deviceAge(device({ purchaseDate: "2026-05-16" }), NOW)?.months).toBe(0);
    expect(deviceAge(device({ purchaseDate: "2027-01-01" }), NOW)?.months).toBe(0);
  });

  it("ages a leap-day purchase by calendar months", () => {
    const leap = device({ purchaseDate: "2024-02-29" });
    expect(deviceAge(leap, at("2025-02-28T12:00:00Z"))?.months).toBe(12);
    expect(deviceAge(leap, at("2025-02-27T12:00:00Z"))?.months).toBe(11);
    expect(deviceAge(leap, at("2028-02-29T12:00:00Z"))?.text).toBe("4 y 0 m");
  });
});

describe("warranty status", () => {
  it("uses today's UTC date and 90 days ahead", () => {
    expect(warrantyThresholds(NOW)).toEqual({ today: "2026-06-15", expiringThrough: "2026-09-13" });
  });

  it.each([
    [null, "none"],
    ["", "none"],
    ["2026-06-14", "expired"],
    ["2020-01-01", "expired"],
    ["2026-06-15", "expiring"],
    ["2026-07-01", "expiring"],
    ["2026-09-13", "expiring"],
    ["2026-09-14", "active"],
    ["2030-01-01", "active"],
  ])("a warranty ending %s is %s", (end, band) => {
    expect(warrantyBand(end, NOW)).toBe(band);
  });
});
