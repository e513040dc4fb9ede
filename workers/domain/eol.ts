// End-of-life planning: replacement policies (per device category: a maximum age, a warning age
// and an optional replacement cost), their inheritance (a customer's override, else the global
// default, else Core's prefilled default) and the classification of a device against its policy.
// Pure; "today" comes in as an argument. The SQL of the EOL Recommendations uses the thresholds
// computed here (latestBasisDueBy) so a list filter and this function always agree.
import { addMonths, differenceInMonths, endOfMonth, isLastDayOfMonth, subMonths } from "date-fns";
import { ASSET_CATEGORIES, type AssetCategory } from "./categories";
import { dayDate, dayIso } from "./lifecycle";

export const EOL_CLASSES = ["overdue", "approaching", "compliant", "unknown"] as const;
export type EolClass = (typeof EOL_CLASSES)[number];

export const EOL_CLASS_LABELS: Record<EolClass, string> = {
  overdue: "Overdue",
  approaching: "Approaching end of life",
  compliant: "Compliant",
  unknown: "Age unknown",
};

/** due: most overdue first; -due: latest due first. Assets without an age come last either way. */
export const EOL_SORTS = ["due", "-due"] as const;
export type EolSort = (typeof EOL_SORTS)[number];

export const POLICY_MONTHS_MIN = 1;
export const POLICY_MONTHS_MAX = 240;
export const POLICY_COST_MAX = 10_000_000;

export type CategoryPolicy = {
  /** Past this age (months) a device is Overdue. */
  maxAgeMonths: number;
  /** From this age (months) until the maximum a device is Approaching end of life. */
  warningMonths: number;
  /** Replacement cost in cents; null when not set. */
  replacementCostCents: number | null;
};

/** Core's prefilled global default: what MSPs commonly plan with (e.g. Workstations 48, Servers 60). */
export const DEFAULT_POLICIES: Record<AssetCategory, CategoryPolicy> = {
  Workstation: { maxAgeMonths: 48, warningMonths: 42, replacementCostCents: null },
  Server: { maxAgeMonths: 60, warningMonths: 54, replacementCostCents: null },
  Mac: { maxAgeMonths: 48, warningMonths: 42, replacementCostCents: null },
  "Virtual Host": { maxAgeMonths: 60, warningMonths: 54, replacementCostCents: null },
  "Virtual Machine": { maxAgeMonths: 60, warningMonths: 54, replacementCostCents: null },
  "Cloud Service": { maxAgeMonths: 60, warningMonths: 54, replacementCostCents: null },
  "Network Device": { maxAgeMonths: 60, warningMonths: 54, replacementCostCents: null },
  "Mobile Device": { maxAgeMonths: 36, warningMonths: 30, replacementCostCents: null },
  Other: { maxAgeMonths: 60, warningMonths: 54, replacementCostCents: null },
};

export type PolicyFieldErrors = Partial<Record<"maxAgeMonths" | "warningMonths" | "replacementCost", string>>;

/** The rules a policy must keep: whole months 1–240, warning below maximum, cost ≥ 0. */
export function policyErrors(p: { maxAgeMonths: number; warningMonths: number; replacementCostCents: number | null }): PolicyFieldErrors {
  const errors: PolicyFieldErrors = {};
  const months = (v: number) => Number.isInteger(v) && v >= POLICY_MONTHS_MIN && v <= POLICY_MONTHS_MAX;
  if (!months(p.maxAgeMonths)) errors.maxAgeMonths = `Maximum age must be a whole number of months from ${POLICY_MONTHS_MIN} to ${POLICY_MONTHS_MAX}.`;
  if (!months(p.warningMonths)) errors.warningMonths = `Warning threshold must be a whole number of months from ${POLICY_MONTHS_MIN} to ${POLICY_MONTHS_MAX}.`;
  else if (months(p.maxAgeMonths) && p.warningMonths >= p.maxAgeMonths) errors.warningMonths = "Warning threshold must be below the maximum age.";
  if (p.replacementCostCents !== null && !(Number.isInteger(p.replacementCostCents) && p.replacementCostCents >= 0 && p.replacementCostCents <= POLICY_COST_MAX * 100)) {
    errors.replacementCost = "Replacement cost must be 0 or more.";
  }
  return errors;
}

export type PolicySource = "default" | "global" | "customer";
export type EffectivePolicy = CategoryPolicy & { category: AssetCategory; source: PolicySource };

/**
 * The policy of every category for one scope: a customer's override where it has one, else the
 * saved global default, else Core's prefilled default. `overrides` empty gives the global policy.
 */
export function effectivePolicies(
  saved: Partial<Record<AssetCategory, CategoryPolicy>>,
  overrides: Partial<Record<AssetCategory, CategoryPolicy>> = {},
): EffectivePolicy[] {
  return ASSET_CATEGORIES.map((category) => {
    const own = overrides[category];
    if (own) return { category, source: "customer", ...own };
    const global = saved[category];
    if (global) return { category, source: "global", ...global };
    return { category, source: "default", ...DEFAULT_POLICIES[category] };
  });
}

/** date-fns addMonths on a YYYY-MM-DD: 31 January + 1 month is the last day of February. */
export function addMonthsDay(iso: string, months: number): string {
  return dayIso(addMonths(dayDate(iso), months));
}

export type EolAssessment = {
  classification: EolClass;
  /** The day the device reaches its maximum age. */
  dueDate: string | null;
  /** The day the device reaches its warning age. */
  warningDate: string | null;
  /** Whole months past the due date (0 in the first month); null unless overdue. */
  monthsOverdue: number | null;
};

/**
 * A device against its policy on `today` (YYYY-MM-DD): Overdue from the day it reaches its
 * maximum age, Approaching end of life from the day it reaches the warning age, otherwise
 * Compliant; Age unknown without a basis date.
 */
export function assessDevice(basisDay: string | null, policy: Pick<CategoryPolicy, "maxAgeMonths" | "warningMonths">, today: string): EolAssessment {
  if (!basisDay) return { classification: "unknown", dueDate: null, warningDate: null, monthsOverdue: null };
  const dueDate = addMonthsDay(basisDay, policy.maxAgeMonths);
  const warningDate = addMonthsDay(basisDay, policy.warningMonths);
  if (today >= dueDate) {
    return { classification: "overdue", dueDate, warningDate, monthsOverdue: Math.max(0, differenceInMonths(dayDate(today), dayDate(dueDate))) };
  }
  return { classification: today >= warningDate ? "approaching" : "compliant", dueDate, warningDate, monthsOverdue: null };
}

/**
 * The latest basis date whose date `months` later is on or before `today`: a device is past an
 * age of `months` exactly when its basis date is on or before this. Lets SQL classify by comparing
 * dates instead of doing month arithmetic on every row. (Month ends clamp: with today the last
 * day of its month, every day of the month `months` earlier qualifies.)
 */
export function latestBasisDueBy(today: string, months: number): string {
  const back = subMonths(dayDate(today), months);
  return dayIso(isLastDayOfMonth(dayDate(today)) ? endOfMonth(back) : back);
}

/** Quarters as an index (year × 4 + quarter − 1) and a label ("2026 Q3"). */
export function quarterIndex(iso: string): number {
  return Number(iso.slice(0, 4)) * 4 + Math.floor((Number(iso.slice(5, 7)) - 1) / 3);
}
export function quarterLabel(index: number): string {
  return `${Math.floor(index / 4)} Q${(index % 4) + 1}`;
}

export const PLANNING_QUARTERS = 8;

/** One formatter for every cost: toLocaleString would build one per call (pages show dozens). */
const COST_FORMAT = new Intl.NumberFormat("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** Cents as money with two decimals, no currency sign (Core has no currency setting). */
export function formatCost(cents: number): string {
  return COST_FORMAT.format(cents / 100);
}
