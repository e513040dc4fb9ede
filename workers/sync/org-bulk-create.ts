// "Create customers for all unmatched organizations" (issue 14's bench builds 4,000 customers with
// it): the preview and the create, set-based so that 4,000 organizations cost a handful of
// statements rather than four per organization.
//
// Preview: two queries (the unmatched organizations, the active customers' names); duplicate names
// are found in memory with the matcher's name key. Its `fingerprint` (a hash of the ids that can
// be created) lets a form post "all of them except these" and be refused when the set changed.
//
// Create: customers, asset history ("moved" events), the asset moves, the organizations' mappings
// and an audit event are written per part of at most PART_MAX_ORGS organizations / PART_MAX_DEVICES
// devices, each part one D1 batch (one transaction), the rows travelling as one JSON parameter.
// A "Tick all" request stops starting parts after its time budget; the caller continues with what is left
// (the page does that by itself), so no request and no transaction grows with the workspace.
// Every write re-checks that its organization is still unmatched, so a double click or a second
// tab creates nothing twice.
import { and, eq, isNull, sql } from "drizzle-orm";
import { auditIfChanged, type AuditBy } from "../db/audit";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import { customerNameKey } from "../db/customers";
import { newId } from "../crypto";
import { countOf } from "../domain/numbers";
import { changesOf, type Statement } from "./d1-writes";
import { CUSTOMER_NAME_MAX } from "./org-mapping";

/** At most this many organizations, and this many of their devices, per transaction. */
export const PART_MAX_ORGS = 1000;
export const PART_MAX_DEVICES = 5000;
/** A request starts no new part after this long; the rest is a continuation. */
export const REQUEST_BUDGET_MS = 6000;

export type BulkCreateRow = {
  ninjaOrgId: number;
  name: string;
  customerName: string;
  deviceCount: number;
  leftUnmapped: boolean;
  /** An active customer the matcher would treat as the same name: creating would make a tie. */
  blockedBy: string | null;
  /** Why no customer can be made from this organization (a duplicate name, no name, too long). */
  blocked: string | null;
  /** An organization above with the same name: both get one new customer. */
  sharesWith: string | null;
};

export type BulkCreatePlan = {
  /** Every unmatched organization still in NinjaOne, by name. */
  rows: BulkCreateRow[];
  /** Those a customer can be made for. */
  creatable: number;
  /** Distinct new customers creating all of them would make. */
  newCustomers: number;
  /** Hash of the creatable ids: a post of "all of them" must carry the one it was drawn with. */
  fingerprint: string;
};

/** The unmatched organizations and what creating customers for them would do: two queries. */
export async function bulkCreatePlan(db: Db, workspaceId: string): Promise<BulkCreatePlan> {
  const o = schema.ninjaOrganizations;
  const c = schema.customers;
  const [orgs, customers] = await Promise.all([
    db
      .select({ ninjaOrgId: o.ninjaOrgId, name: o.name, deviceCount: o.deviceCount, mappingSource: o.mappingSource })
      .from(o)
      .where(and(eq(o.workspaceId, workspaceId), isNull(o.customerId), isNull(o.vanishedAt)))
      .orderBy(sql`${o.name} COLLATE NOCASE`, o.ninjaOrgId),
    db
      .select({ name: c.name })
      .from(c)
      .where(and(eq(c.workspaceId, workspaceId), isNull(c.archivedAt))),
  ]);
  const existing = new Map(customers.map((row) => [customerNameKey(row.name), row.name]));
  const firstOrg = new Map<string, string>();
  const ids: number[] = [];
  const rows = orgs.map((org): BulkCreateRow => {
    const customerName = org.name.trim();
    const key = customerNameKey(customerName);
    const blockedBy = customerName ? (existing.get(key) ?? null) : null;
    const blocked = !customerName
      ? "This organization has no name to give a customer."
      : customerName.length > CUSTOMER_NAME_MAX
        ? `The name is longer than ${CUSTOMER_NAME_MAX} characters: create the customer by hand.`
        : blockedBy !== null
          ? `A customer named “${blockedBy}” already exists: map the organization to it on the review page instead.`
          : null;
    const sharesWith = blocked ? null : (firstOrg.get(key) ?? null);
    if (!blocked && !sharesWith) firstOrg.set(key, org.name);
    if (!blocked) ids.push(org.ninjaOrgId);
    return {
      ninjaOrgId: org.ninjaOrgId,
      name: org.name,
      customerName,
      deviceCount: org.deviceCount,
      leftUnmapped: org.mappingSource === "confirmed",
      blockedBy,
      blocked,
      sharesWith,
    };
  });
  return { rows, creatable: ids.length, newCustomers: firstOrg.size, fingerprint: await fingerprintOf(ids) };
}

/** A short hash of a set of organization ids (order-independent). */
export async function fingerprintOf(ids: readonly number[]): Promise<string> {
  const text = [...ids].sort((a, b) => a - b).join(",");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Which organizations: exactly these ids, or every creatable one (as drawn) except some. */
export type BulkCreateSelection = { orgIds: readonly number[] } | { all: true; fingerprint: string; skip: readonly number[] };

export type BulkCreateResult =
  | {
      ok: true;
      created: number;
      mapped: number;
      moved: number;
      /** Ticked organizations not done yet (the time budget ran out): post again to continue. */
      remaining: number;
    }
  | { ok: false; message: string; byOrg: Record<number, string> };

/**
 * Create a customer for each selected organization (one per distinct name) and map it; its
 * devices move under it. Nothing is written unless every selected organization can get one.
 */
export async function createCustomersForOrganizations(
  db: Db,
  workspaceId: string,
  selection: BulkCreateSelection,
  opts: { now: number; audit?: AuditBy; budgetMs?: number; clock?: () => number },
): Promise<BulkCreateResult> {
  const plan = await bulkCreatePlan(db, workspaceId);
  const byId = new Map(plan.rows.map((row) => [row.ninjaOrgId, row]));
  let selected: BulkCreateRow[];
  if ("all" in selection) {
    if (selection.fingerprint !== plan.fingerprint) {
      return { ok: false, message: "Nothing was created: the unmatched organizations changed since this page was drawn. Review the new list.", byOrg: {} };
    }
    const skip = new Set(selection.skip);
    selected = plan.rows.filter((row) => !row.blocked && !skip.has(row.ninjaOrgId));
  } else {
    const byOrg: Record<number, string> = {};
    selected = [];
    for (const id of new Set(selection.orgIds)) {
      const row = byId.get(id);
      if (!row) byOrg[id] = "This organization is no longer unmatched (or left NinjaOne): review it on the mapping page.";
      else if (row.blocked) byOrg[id] = row.blocked;
      else selected.push(row);
    }
    if (Object.keys(byOrg).length) {
      const first = Object.values(byOrg)[0];
      return { ok: false, message: `Nothing was created: ${countOf(Object.keys(byOrg).length, "organization needs", "organizations need")} attention. ${first}`, byOrg };
    }
  }
  if (selected.length === 0) {
    return { ok: false, message: "Nothing was created: no ticked organization is left without a customer.", byOrg: {} };
  }

  // One new customer per distinct name; organizations of one name stay in one part.
  const groups = new Map<string, { customer: { id: string; name: string }; orgs: BulkCreateRow[] }>();
  for (const row of selected) {
    const key = customerNameKey(row.customerName);
    const group = groups.get(key) ?? { customer: { id: newId(), name: row.customerName }, orgs: [] };
    group.orgs.push(row);
    groups.set(key, group);
  }
  const parts: Array<Array<{ customer: { id: string; name: string }; orgs: BulkCreateRow[] }>> = [];
  let part: typeof parts[number] = [];
  let orgsInPart = 0;
  let devicesInPart = 0;
  for (const group of groups.values()) {
    const devices = group.orgs.reduce((sum, org) => sum + org.deviceCount, 0);
    if (part.length && (orgsInPart + group.orgs.length > PART_MAX_ORGS || devicesInPart + devices > PART_MAX_DEVICES)) {
      parts.push(part);
      part = [];
      orgsInPart = 0;
      devicesInPart = 0;
    }
    part.push(group);
    orgsInPart += group.orgs.length;
    devicesInPart += devices;
  }
  if (part.length) parts.push(part);

  const clock = opts.clock ?? Date.now;
  const started = clock();
  // Exactly these ids (at most 1,000) are done in one request; "all" continues in the next.
  const budget = "all" in selection ? (opts.budgetMs ?? REQUEST_BUDGET_MS) : Infinity;
  const totals = { created: 0, mapped: 0, moved: 0, done: 0 };
  for (const [i, groupsOfPart] of parts.entries()) {
    if (i > 0 && clock() - started > budget) break;
    const written = await writePart(db, workspaceId, groupsOfPart, opts.now, opts.audit);
    totals.created += written.created;
    totals.mapped += written.mapped;
    totals.moved += written.moved;
    totals.done += groupsOfPart.reduce((sum, group) => sum + group.orgs.length, 0);
  }
  return { ok: true, created: totals.created, mapped: totals.mapped, moved: totals.moved, remaining: selected.length - totals.done };
}

const json = (value: unknown) => JSON.stringify(value);
const raw = (text: string, params: unknown[]): Statement => ({ toSQL: () => ({ sql: text, params }) });

/**
 * One part in one batch (one transaction). Each customer is inserted only while the first of its
 * organizations is still unmatched, and an organization is mapped only while it is unmatched and
 * its new customer exists; devices move only with an organization this batch mapped. So a
 * concurrent create of the same organizations (a double click) writes nothing the second time.
 * Every statement is driven by the part's ids (json_each, an IN list) through an index: never a
 * scan of the workspace's assets or organizations per organization.
 */
async function writePart(
  db: Db,
  workspaceId: string,
  groups: ReadonlyArray<{ customer: { id: string; name: string }; orgs: readonly BulkCreateRow[] }>,
  now: number,
  audit: AuditBy | undefined,
): Promise<{ created: number; mapped: number; moved: number }> {
  // ?1 workspace, ?2 [organization id, customer id, customer name] per organization, ?3 now,
  // ?4 {organization id: customer id}, ?5 [customer id, customer name, first organization id].
  const pairs = groups.flatMap((g) => g.orgs.map((org) => [org.ninjaOrgId, g.customer.id, g.customer.name]));
  const params = [
    workspaceId,
    json(pairs),
    now,
    json(Object.fromEntries(pairs.map(([org, customer]) => [org, customer]))),
    json(groups.map((g) => [g.customer.id, g.customer.name, g.orgs[0].ninjaOrgId])),
  ];
  // Each statement binds the parameters up to the highest it uses.
  const statement = (text: string) => raw(text, params.slice(0, Math.max(...[...text.matchAll(/\?(\d)/g)].map((m) => Number(m[1])))));
  const customerOf = (org: string) => `json_extract(?4, '$."' || ${org} || '"')`;
  const partOrgs = `(SELECT json_extract(value, '$[0]') FROM json_each(?2))`;
  // Unary + keeps the planner on assets_ws_ninja_org_idx (workspace, organization) for these.
  const linked = (a: string) => `+${a}.ninja_device_id IS NOT NULL`;
  const statements: Statement[] = [
    statement(
      `INSERT INTO customers (id, workspace_id, name, created_at, updated_at)
       SELECT json_extract(j.value, '$[0]'), ?1, json_extract(j.value, '$[1]'), ?3, ?3 FROM json_each(?5) j
       WHERE EXISTS (SELECT 1 FROM ninja_organizations o WHERE o.workspace_id = ?1 AND o.ninja_org_id = json_extract(j.value, '$[2]') AND o.customer_id IS NULL AND o.vanished_at IS NULL)`,
    ),
    statement(
      `UPDATE ninja_organizations SET customer_id = ${customerOf("ninja_org_id")}, mapping_source = 'confirmed', updated_at = ?3
       WHERE workspace_id = ?1 AND ninja_org_id IN ${partOrgs} AND customer_id IS NULL AND vanished_at IS NULL
         AND EXISTS (SELECT 1 FROM customers c WHERE c.id = ${customerOf("ninja_organizations.ninja_org_id")} AND c.workspace_id = ?1)`,
    ),
  ];
  const orgCount = groups.reduce((sum, g) => sum + g.orgs.length, 0);
  if (audit) {
    // Written only when the part mapped an organization (the statement just before it).
    statements.push(
      auditIfChanged(db, {
        ...audit,
        workspaceId,
        kind: "mapping.saved",
        summary: `Created customers for unmatched NinjaOne organizations: ${countOf(groups.length, "customer", "customers")} for ${countOf(orgCount, "organization", "organizations")}, each mapped to its customer`,
        target: { type: "ninja_org_mappings", id: workspaceId, link: "/settings/integrations/ninjaone/mappings" },
        now,
      }),
    );
  }
  const mappedHere = (org: string, customer: string) =>
    `EXISTS (SELECT 1 FROM ninja_organizations o WHERE o.workspace_id = ?1 AND o.ninja_org_id = ${org} AND o.customer_id = ${customer})`;
  statements.push(
    // History: one "moved" event per device, before the move so it reads the old customer. Ids are
    // time-ordered (the part's millisecond, then random bits) so the primary key grows at its end.
    statement(
      `INSERT INTO asset_events (id, workspace_id, asset_id, run_id, kind, summary, changes, actor_type, actor_id, actor_name, rule, created_at)
       SELECT printf('%012x', ?3) || lower(hex(randomblob(10))), a.workspace_id, a.id, NULL, 'moved',
         'Moved from ' || coalesce((SELECT c.name FROM customers c WHERE c.id = a.customer_id AND c.workspace_id = a.workspace_id), 'no customer')
           || ' to ' || json_extract(j.value, '$[2]') || ': its NinjaOne organization '
           || coalesce((SELECT n.name FROM ninja_organizations n WHERE n.workspace_id = a.workspace_id AND n.ninja_org_id = a.ninja_org_id), '')
           || ' was mapped to ' || json_extract(j.value, '$[2]')
           || CASE WHEN a.customer_source = 'person' THEN ' (the mapping replaces the customer set by hand)' ELSE '' END,
         json_object('customerId', json_array(a.customer_id, json_extract(j.value, '$[1]'))), NULL, NULL, NULL, NULL, ?3
       FROM json_each(?2) j CROSS JOIN assets a
       WHERE a.workspace_id = ?1 AND a.ninja_org_id = json_extract(j.value, '$[0]') AND ${linked("a")}
         AND a.customer_id IS NOT json_extract(j.value, '$[1]') AND ${mappedHere("json_extract(j.value, '$[0]')", "json_extract(j.value, '$[1]')")}`,
    ),
    statement(
      `UPDATE assets SET customer_id = ${customerOf("ninja_org_id")}, customer_source = 'sync', updated_at = ?3
       WHERE workspace_id = ?1 AND ninja_org_id IN ${partOrgs} AND ${linked("assets")}
         AND customer_id IS NOT ${customerOf("ninja_org_id")} AND ${mappedHere("assets.ninja_org_id", customerOf("assets.ninja_org_id"))}`,
    ),
  );
  // Straight to D1 (drizzle's batch cannot carry raw statements with parameters): one transaction.
  const results = await db.$client.batch(
    statements.map((statement) => {
      const query = statement.toSQL();
      return db.$client.prepare(query.sql).bind(...query.params);
    }),
  );
  const counts = results.map((result) => changesOf(result));
  return { created: counts[0] ?? 0, mapped: counts[1] ?? 0, moved: counts.at(-1) ?? 0 };
}
