import { describe, expect, it } from "vitest";
import { naturalSortKey } from "@workers/domain/natural-sort";

const sorted = (names: string[]) => [...names].sort((a, b) => (naturalSortKey(a) < naturalSortKey(b) ? -1 : naturalSortKey(a) > naturalSortKey(b) ? 1 : 0));

describe("naturalSortKey", () => {
  it("sorts numbers inside names by value: 10.2 before 10.10, 9 before 10", () => {
    expect(sorted(["PC 10.10", "PC 10.2", "PC 9", "PC 100", "PC 10"])).toEqual(["PC 9", "PC 10", "PC 10.2", "PC 10.10", "PC 100"]);
    expect(sorted(["srv-12", "srv-2", "srv-1"])).toEqual(["srv-1", "srv-2", "srv-12"]);
  });

  it("ignores the case of ASCII letters", () => {
    expect(naturalSortKey("Laptop-7")).toBe(naturalSortKey("LAPTOP-7"));
    expect(sorted(["beta", "Alpha", "ALPHA 2", "alpha 10"])).toEqual(["Alpha", "ALPHA 2", "alpha 10", "beta"]);
  });

  it("treats leading zeros as the same number (the id breaks the tie)", () => {
    expect(naturalSortKey("PC-007")).toBe(naturalSortKey("PC-7"));
    expect(naturalSortKey("0")).toBe(naturalSortKey("000"));
  });

  it("puts numbers before letters, as plain ASCII order does", () => {
    expect(sorted(["PC-a", "PC-1"])).toEqual(["PC-1", "PC-a"]);
  });

  it("encodes a digit run as its two-digit length then the digits", () => {
    expect(naturalSortKey("PC 10.2")).toBe("pc 0210.012");
    expect(naturalSortKey("")).toBe("");
    expect(naturalSortKey("Ärzte 9")).toBe("Ärzte 019");
  });

  it("keeps very long numbers in order of length, capped at 99 digits for the prefix", () => {
    const long = "9".repeat(120);
    expect(naturalSortKey(long)).toBe("99" + long);
    expect(sorted(["x" + "1".repeat(30), "x" + "9".repeat(29)])).toEqual(["x" + "9".repeat(29), "x" + "1".repeat(30)]);
  });
});
