// Replacement policy values as the policies page and the JSON API accept them: one schema, the
// same messages (the rules themselves are domain/eol's policyErrors).
import { z } from "zod";
import { ASSET_CATEGORIES } from "@workers/domain/categories";
import { policyErrors, POLICY_COST_MAX, type CategoryPolicy } from "@workers/domain/eol";

const months = (label: string) => z.number({ error: `${label} must be a whole number of months.` });

/** Money with at most two decimals, as cents; null or absent: no cost. */
const cost = z
  .number({ error: "Replacement cost must be a number." })
  .min(0, "Replacement cost must be 0 or more.")
  .max(POLICY_COST_MAX, `Replacement cost must be at most ${POLICY_COST_MAX.toLocaleString("en-US")}.`)
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : Math.round(v * 100)));

export const PolicyValues = z
  .object({ maxAgeMonths: months("Maximum age"), warningMonths: months("Warning threshold"), replacementCost: cost })
  .transform((v): CategoryPolicy => ({ maxAgeMonths: v.maxAgeMonths, warningMonths: v.warningMonths, replacementCostCents: v.replacementCost }))
  .superRefine((p, ctx) => {
    for (const [path, message] of Object.entries(policyErrors(p))) ctx.addIssue({ code: "custom", path: [path], message });
  });

/** A category's entry in a PUT: its values, or `inherit: true` to remove the scope's own policy. */
export const PolicyEntry = z
  .object({
    category: z.enum(ASSET_CATEGORIES, { error: `Category must be one of: ${ASSET_CATEGORIES.join(", ")}.` }),
    inherit: z.boolean().default(false).describe("Remove this scope's policy: a customer inherits the global one, the global one falls back to Core's default."),
    maxAgeMonths: z.unknown().optional().describe("Whole months, 1–240: past this age a device is Overdue."),
    warningMonths: z.unknown().optional().describe("Whole months, 1–240, below maxAgeMonths: from this age a device is Approaching end of life."),
    replacementCost: z.unknown().optional().describe("Optional cost of one replacement (≥ 0, two decimals); null: none."),
  })
  .transform((entry, ctx) => {
    if (entry.inherit) return { category: entry.category, policy: null };
    const parsed = PolicyValues.safeParse({ maxAgeMonths: entry.maxAgeMonths, warningMonths: entry.warningMonths, replacementCost: entry.replacementCost });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { category: entry.category, policy: parsed.data };
  });

export const PolicyPut = z
  .strictObject({
    customerId: z.string().trim().min(1).max(100).nullish().describe("A customer id for that customer's overrides; absent or null: the global policy."),
    policies: z.array(PolicyEntry).min(1, "Give at least one policy.").max(ASSET_CATEGORIES.length),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.policies.forEach((p, i) => {
      if (seen.has(p.category)) ctx.addIssue({ code: "custom", path: ["policies", i, "category"], message: "Each category may appear once." });
      seen.add(p.category);
    });
  });
export type PolicyPut = z.infer<typeof PolicyPut>;

/** Form text to a number: blank is absent, anything else goes through Number (NaN fails the schema). */
export const formNumber = (v: FormDataEntryValue | null) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : Number(v));
