import { describe, expect, it } from "vitest";
import { countOf, formatCount } from "@workers/domain/numbers";

describe("counts in text", () => {
  it.each([
    [0, "0"],
    [1, "1"],
    [999, "999"],
    [5000, "5,000"],
    [100000, "100,000"],
    [1234567, "1,234,567"],
  ])("formats %i as %s", (n, text) => {
    expect(formatCount(n)).toBe(text);
  });

  it("uses the singular only for exactly one", () => {
    expect(countOf(1, "NinjaOne device has", "NinjaOne devices have")).toBe("1 NinjaOne device has");
    expect(countOf(0, "device", "devices")).toBe("0 devices");
    expect(countOf(5000, "NinjaOne device has", "NinjaOne devices have")).toBe("5,000 NinjaOne devices have");
  });
});
