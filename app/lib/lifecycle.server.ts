// Route-facing lifecycle services: changing replacement policies (page and API share the rules)
// and the lifecycle summary a customer page shows.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { findCustomer, type Asset } from "@workers/db/assets";
import type { FieldErrors, WriteResult } from "@workers/db/query";
import { eolSummary } from "@workers/db/eol";
import { GLOBAL_SCOPE, loadPolicyBook, policiesOf, savePolicies, type Actor, type PolicyBook, type PolicyChange, type PolicyDiff } from "@workers/db/replacement-policies";
import { assessDevice, type EolClass } from "@workers/domain/eol";
import { policyErrors } from "@workers/domain/eol";
import { deviceAge, isoDay } from "@workers/domain/lifecycle";
import { can, type Role } from "@workers/domain/permissions";
import type { AuditContext } from "~/lib/audit.server";

/**
 * Save a scope's policy changes (all or nothing): the customer must be in this workspace, and
 * every value must keep the rules. Takes effect at once: recommendations read policies live.
 */
export async function changeReplacementPolicies(
  context: AppLoadContext,
  workspaceId: string,
  customerId: string | null,
  changes: PolicyChange[],
  actor: Actor,
  audit?: AuditContext,
): Promise<WriteResult<PolicyDiff>> {
  const fields: FieldErrors = {};
  if (customerId && !(await findCustomer(context.db, workspaceId, customerId))) fields.customerId = ["Choose a customer from this workspace."];
  changes.forEach((c, i) => {
    if (!c.policy) return;
    for (const [field, message] of Object.entries(policyErrors(c.policy))) fields[`policies.${i}.${field}`] = [message];
  });
  if (Object.keys(fields).length) return { ok: false, fields };
  const diff = await savePolicies(context.db, workspaceId, customerId ?? GLOBAL_SCOPE, changes, actor, context.now(), audit);
  return { ok: true, value: diff };
}

const POLICIES_PAGE = "/settings/integrations/ninjaone/replacement-policies";

/**
 * An asset against its replacement policy, for the asset page; null for readers without
 * reports:view and for assets out of service (retired, inactive), which are not planned.
 */
export function assetLifecycle(book: PolicyBook, asset: Asset, role: Role, now: number) {
  if (!can(role, "reports:view") || asset.status === "retired" || asset.status === "inactive") return null;
  const policy = policiesOf(book, asset.customerId).find((p) => p.category === asset.category)!;
  const assessment = assessDevice(deviceAge(asset, now)?.since ?? null, policy, isoDay(now));
  const owner = policy.source === "customer" ? "the customer's override" : policy.source === "global" ? "global policy" : "Core default";
  return {
    classification: assessment.classification satisfies EolClass,
    dueDate: assessment.dueDate,
    policyText: `${asset.category}: ${policy.maxAgeMonths} months, ${owner}`,
    policyHref: policy.source === "customer" && asset.customerId ? `${POLICIES_PAGE}?customerId=${asset.customerId}` : POLICIES_PAGE,
  };
}

/** A customer's lifecycle summary (counts per classification), for its page. */
export async function customerLifecycle(context: AppLoadContext, workspaceId: string, customerId: string, role: Role) {
  if (!can(role, "reports:view")) return null;
  const now = context.now();
  const book = await loadPolicyBook(context.db, workspaceId, [customerId]);
  const summary = await eolSummary(context.db, workspaceId, { customerId }, now, book);
  return { counts: summary.counts, total: summary.total, overrides: Object.keys(book.overrides.get(customerId) ?? {}).length };
}
