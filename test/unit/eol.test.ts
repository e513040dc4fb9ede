import { describe, expect, it } from "vitest";
import { addDays, format } from "date-fns";
import {
  addMonthsDay,
  assessDevice,
  DEFAULT_POLICIES,
  effectivePolicies,
  latestBasisDueBy,
  policyErrors,
  quarterIndex,
  quarterLabel,
} from "@workers/domain/eol";
import { ASSET_CATEGORIES } from "@workers/domain/categories";
import { dayDate } from "@workers/domain/lifecycle";

const WORKSTATION = { maxAgeMonths: 48, warningMonths: 42 };

describe("classifying a device against its policy", () => {
  it.each([
    ["a day before the warning age", "2022-12-16", "compliant"],
    ["exactly at the warning age", "2022-12-15", "approaching"],
    ["a day before the maximum age", "2022-06-16", "approaching"],
    ["exactly at the maximum age", "2022-06-15", "overdue"],
    ["a day past the maximum age", "2022-06-14", "overdue"],
    ["purchased today", "2026-06-15", "compliant"],
    ["purchased in the future", "2027-01-01", "compliant"],
  ])("%s is %s", (_label, basis, expected) => {
    expect(assessDevice(basis, WORKSTATION, "2026-06-15").classification).toBe(expected);
  });

  it("gives the warning and due dates, and months overdue only when overdue", () => {
    expect(assessDevice("2022-12-15", WORKSTATION, "2026-06-15")).toEqual({
      classification: "approaching",
      dueDate: "2026-12-15",
      warningDate: "2026-06-15",
      monthsOverdue: null,
    });
    expect(assessDevice("2022-06-15", WORKSTATION, "2026-06-15").monthsOverdue).toBe(0);
    expect(assessDevice("2020-04-10", WORKSTATION, "2026-06-15")).toMatchObject({ classification: "overdue", dueDate: "2024-04-10", monthsOverdue: 26 });
  });

  it("is Age unknown without a basis date", () => {
    expect(assessDevice(null, WORKSTATION, "2026-06-15")).toEqual({ classification: "unknown", dueDate: null, warningDate: null, monthsOverdue: null });
  });

  it("handles leap days and month ends: 29 February plus a year is 28 February", () => {
    expect(addMonthsDay("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonthsDay("2024-02-29", 48)).toBe("2028-02-29");
    expect(addMonthsDay("2025-01-31", 1)).toBe("2025-02-28");
    expect(assessDevice("2024-02-29", { maxAgeMonths: 12, warningMonths: 6 }, "2025-02-27").classification).toBe("approaching");
    expect(assessDevice("2024-02-29", { maxAgeMonths: 12, warningMonths: 6 }, "2025-02-28").classification).toBe("overdue");
  });
});

describe("the SQL threshold", () => {
  // Every basis day over four years (two leap days) against several todays and month counts:
  // basis <= latestBasisDueBy(today, n)  exactly when  basis + n months <= today.
  const todays = ["2026-06-15", "2026-02-28", "2028-02-29", "2028-02-28", "2026-03-31", "2026-03-30", "2026-12-31", "2026-01-01"];
  it.each([1, 6, 11, 12, 13, 42, 48, 60, 240])("agrees with date-fns month arithmetic for %i months", (months) => {
    for (const today of todays) {
      const threshold = latestBasisDueBy(today, months);
      let day = dayDate(addMonthsDay(today, -months - 2));
      for (let i = 0; i < 120; i++, day = addDays(day, 1)) {
        const basis = format(day, "yyyy-MM-dd");
        expect(basis <= threshold, `${basis} + ${months} months vs ${today}`).toBe(addMonthsDay(basis, months) <= today);
      }
    }
  });
});

describe("replacement policies", () => {
  it("are prefilled for every category with the warning below the maximum", () => {
    for (const category of ASSET_CATEGORIES) expect(policyErrors(DEFAULT_POLICIES[category])).toEqual({});
    expect(DEFAULT_POLICIES.Workstation.maxAgeMonths).toBe(48);
    expect(DEFAULT_POLICIES.Server.maxAgeMonths).toBe(60);
  });

  it("inherit: a customer's override, else the saved global, else Core's default", () => {
    const saved = { Workstation: { maxAgeMonths: 36, warningMonths: 30, replacementCostCents: 120_000 } };
    const overrides = { Server: { maxAgeMonths: 84, warningMonths: 72, replacementCostCents: null } };
    const policies = effectivePolicies(saved, overrides);
    expect(policies.map((p) => p.category)).toEqual([...ASSET_CATEGORIES]);
    expect(policies.find((p) => p.category === "Workstation")).toMatchObject({ source: "global", maxAgeMonths: 36, replacementCostCents: 120_000 });
    expect(policies.find((p) => p.category === "Server")).toMatchObject({ source: "customer", maxAgeMonths: 84 });
    expect(policies.find((p) => p.category === "Mac")).toMatchObject({ source: "default", maxAgeMonths: 48 });
  });

  it.each([
    [{ maxAgeMonths: 48, warningMonths: 48, replacementCostCents: null }, { warningMonths: "Warning threshold must be below the maximum age." }],
    [{ maxAgeMonths: 0, warningMonths: 1, replacementCostCents: null }, { maxAgeMonths: "Maximum age must be a whole number of months from 1 to 240." }],
    [{ maxAgeMonths: 241, warningMonths: 12, replacementCostCents: null }, { maxAgeMonths: "Maximum age must be a whole number of months from 1 to 240." }],
    [{ maxAgeMonths: 240, warningMonths: 1, replacementCostCents: 0 }, {}],
    [{ maxAgeMonths: 12, warningMonths: 6.5, replacementCostCents: null }, { warningMonths: "Warning threshold must be a whole number of months from 1 to 240." }],
    [{ maxAgeMonths: 12, warningMonths: 6, replacementCostCents: -1 }, { replacementCost: "Replacement cost must be 0 or more." }],
  ])("validate %j", (policy, errors) => {
    expect(policyErrors(policy)).toEqual(errors);
  });
});

describe("planning quarters", () => {
  it("index and label quarters", () => {
    expect(quarterLabel(quarterIndex("2026-06-30"))).toBe("2026 Q2");
    expect(quarterIndex("2026-07-01") - quarterIndex("2026-06-30")).toBe(1);
    expect(quarterLabel(quarterIndex("2027-01-01"))).toBe("2027 Q1");
  });
});
