import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDay } from "@workers/domain/dates";

const at = (iso: string) => Date.parse(iso);

describe("formatDateTime", () => {
  it("writes day, short month, year and a 24-hour time in the reader's zone", () => {
    expect(formatDateTime(at("2026-12-07T17:05:00Z"), "UTC")).toBe("7 Dec 2026, 17:05");
    expect(formatDateTime(at("2026-12-07T17:05:00Z"), "Europe/Berlin")).toBe("7 Dec 2026, 18:05");
    expect(formatDateTime(at("2026-12-07T17:05:00Z"), "America/New_York")).toBe("7 Dec 2026, 12:05");
    // Crossing midnight changes the day in the reader's zone.
    expect(formatDateTime(at("2026-12-07T23:30:00Z"), "Asia/Tokyo")).toBe("8 Dec 2026, 08:30");
    expect(formatDateTime(at("2026-03-01T00:15:00Z"), "America/Los_Angeles")).toBe("28 Feb 2026, 16:15");
  });

  it("midnight is 00:00, not 24:00, and September is Sep in every engine", () => {
    expect(formatDateTime(at("2026-09-03T00:00:00Z"), "UTC")).toBe("3 Sep 2026, 00:00");
  });

  it("follows daylight saving time", () => {
    expect(formatDateTime(at("2026-07-01T12:00:00Z"), "Europe/London")).toBe("1 Jul 2026, 13:00");
    expect(formatDateTime(at("2026-01-01T12:00:00Z"), "Europe/London")).toBe("1 Jan 2026, 12:00");
  });

  it("says — for no time, and falls back to UTC for an unknown zone instead of failing", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime(undefined, "UTC")).toBe("—");
    expect(formatDateTime(Number.NaN, "UTC")).toBe("—");
    expect(formatDateTime(at("2026-12-07T17:05:00Z"), "Mars/Olympus_Mons")).toBe("7 Dec 2026, 17:05");
  });
});

describe("formatDate", () => {
  it("is the day part of formatDateTime, in the reader's zone", () => {
    expect(formatDate(at("2026-12-07T23:30:00Z"), "UTC")).toBe("7 Dec 2026");
    expect(formatDate(at("2026-12-07T23:30:00Z"), "Asia/Tokyo")).toBe("8 Dec 2026");
    expect(formatDate(null)).toBe("—");
  });
});

describe("formatDay", () => {
  it("writes a stored calendar day in the same format, with no zone shift", () => {
    expect(formatDay("2026-12-07")).toBe("7 Dec 2026");
    expect(formatDay("2024-02-29")).toBe("29 Feb 2024");
    expect(formatDay("2030-01-01")).toBe("1 Jan 2030");
  });

  it("says — for no day and shows anything that is not a day as it is", () => {
    expect(formatDay(null)).toBe("—");
    expect(formatDay("")).toBe("—");
    expect(formatDay("2026-13-01")).toBe("2026-13-01");
    expect(formatDay("soon")).toBe("soon");
  });
});
