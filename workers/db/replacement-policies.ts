// Replacement policies and their change history, scoped to one workspace. A scope is "global" or
// a customer id; a category without a row inherits (customer → global → Core's default).
import { auditStatement, type AuditBy } from "./audit";
import { and, desc, eq, inArray } from "drizzle-orm";
import { ASSET_CATEGORIES, type AssetCategory } from "../domain/categories";
import { effectivePolicies, type CategoryPolicy, type EffectivePolicy } from "../domain/eol";
import type { Db } from "./client";
import { replacementPolicies, replacementPolicyEvents } from "./schema";

export const GLOBAL_SCOPE = "global";

export type PolicyMap = Partial<Record<AssetCategory, CategoryPolicy>>;
export type PolicyBook = { global: PolicyMap; overrides: Map<string, PolicyMap> };

const toPolicy = (r: typeof replacementPolicies.$inferSelect): CategoryPolicy => ({
  maxAgeMonths: r.maxAgeMonths,
  warningMonths: r.warningMonths,
  replacementCostCents: r.replacementCostCents,
});

/** Every stored policy of the workspace (global and overrides), or only those of some customers. */
export async function loadPolicyBook(db: Db, workspaceId: string, customerIds?: string[]): Promise<PolicyBook> {
  const rows = await db
    .select()
    .from(replacementPolicies)
    .where(
      and(
        eq(replacementPolicies.workspaceId, workspaceId),
        customerIds ? inArray(replacementPolicies.scope, [GLOBAL_SCOPE, ...customerIds]) : undefined,
      ),
    );
  return policyBookOf(rows);
}

/** Stored policy rows as a book (global policies and each customer's overrides). */
export function policyBookOf(rows: ReadonlyArray<typeof replacementPolicies.$inferSelect>): PolicyBook {
  const book: PolicyBook = { global: {}, overrides: new Map() };
  for (const r of rows) {
    if (r.scope === GLOBAL_SCOPE) book.global[r.category] = toPolicy(r);
    else {
      const map = book.overrides.get(r.scope) ?? {};
      map[r.category] = toPolicy(r);
      book.overrides.set(r.scope, map);
    }
  }
  return book;
}

/** The policies that apply in a scope: the global ones, or a customer's with what it inherits. */
export function policiesOf(book: PolicyBook, customerId: string | null): EffectivePolicy[] {
  return effectivePolicies(book.global, customerId ? (book.overrides.get(customerId) ?? {}) : {});
}

export type PolicyChange = { category: AssetCategory; policy: CategoryPolicy | null }; // null: inherit
export type Actor = { id: string; name: string };
export type PolicyDiff = Record<string, [CategoryPolicy | null, CategoryPolicy | null]>;

const samePolicy = (a: CategoryPolicy | null, b: CategoryPolicy | null) =>
  a === b ||
  (a !== null && b !== null && a.maxAgeMonths === b.maxAgeMonths && a.warningMonths === b.warningMonths && a.replacementCostCents === b.replacementCostCents);

/**
 * Apply changes to one scope's rows in one batch: set a category's policy, or (null) remove the
 * row so the category inherits. Records who changed what when anything changed. Returns the diff.
 */
export async function savePolicies(
  db: Db,
  workspaceId: string,
  scope: string,
  changes: PolicyChange[],
  actor: Actor,
  now: number,
  audit?: AuditBy,
): Promise<PolicyDiff> {
  const current = await loadPolicyBook(db, workspaceId, scope === GLOBAL_SCOPE ? [] : [scope]);
  const before = scope === GLOBAL_SCOPE ? current.global : (current.overrides.get(scope) ?? {});
  const diff: PolicyDiff = {};
  for (const c of changes) {
    const was = before[c.category] ?? null;
    if (!samePolicy(was, c.policy)) diff[c.category] = [was, c.policy];
  }
  const changed = Object.keys(diff) as AssetCategory[];
  if (changed.length === 0) return diff;
  const removed = changed.filter((c) => diff[c][1] === null);
  const set = changed.filter((c) => diff[c][1] !== null);
  const statements = [
    ...set.map((category) => {
      const p = diff[category][1]!;
      const values = { maxAgeMonths: p.maxAgeMonths, warningMonths: p.warningMonths, replacementCostCents: p.replacementCostCents, updatedBy: actor.id, updatedAt: now };
      return db
        .insert(replacementPolicies)
        .values({ workspaceId, scope, category, ...values })
        .onConflictDoUpdate({ target: [replacementPolicies.workspaceId, replacementPolicies.scope, replacementPolicies.category], set: values });
    }),
    ...(removed.length
      ? [
          db
            .delete(replacementPolicies)
            .where(and(eq(replacementPolicies.workspaceId, workspaceId), eq(replacementPolicies.scope, scope), inArray(replacementPolicies.category, removed))),
        ]
      : []),
  ];
  await db.batch([
    db.insert(replacementPolicyEvents).values({
      id: crypto.randomUUID(),
      workspaceId,
      scope,
      actor: actor.id,
      actorName: actor.name,
      changes: JSON.stringify(diff),
      createdAt: now,
    }),
    ...statements,
    ...(audit
      ? [
          auditStatement(db, {
            workspaceId,
            kind: "policy.saved",
            ...audit,
            summary: `Replacement policies (${scope === GLOBAL_SCOPE ? "global default" : "customer override"}) changed: ${changed.join(", ")}`,
            target: {
              type: scope === GLOBAL_SCOPE ? "replacement_policies" : "customer",
              id: scope,
              link: `/settings/integrations/ninjaone/replacement-policies${scope === GLOBAL_SCOPE ? "" : `?customerId=${encodeURIComponent(scope)}`}`,
            },
            now,
          }),
        ]
      : []),
  ]);
  return diff;
}

export type PolicyEvent = typeof replacementPolicyEvents.$inferSelect;

/** The latest policy changes of the workspace, or of one scope, newest first. */
export async function listPolicyEvents(db: Db, workspaceId: string, scope?: string, limit = 10): Promise<PolicyEvent[]> {
  return db
    .select()
    .from(replacementPolicyEvents)
    .where(and(eq(replacementPolicyEvents.workspaceId, workspaceId), scope ? eq(replacementPolicyEvents.scope, scope) : undefined))
    .orderBy(desc(replacementPolicyEvents.createdAt), desc(replacementPolicyEvents.id))
    .limit(limit);
}

/** Customers that override at least one category (for the policies page's picker). */
export function customersWithOverrides(book: PolicyBook): string[] {
  return [...book.overrides.keys()];
}

export { ASSET_CATEGORIES };
