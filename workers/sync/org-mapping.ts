// NinjaOne organization → Core customer mapping (issue 6): what the sync's organizations step records
// (a person's mapping wins, otherwise the fuzzy matcher decides), each organization's status, the
// live matched/unmatched counts, and saving people's mappings, which moves the organizations' assets.
import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { auditStatement, type AuditBy } from "../db/audit";
import { undoRecord, type UndoBy } from "../db/undo";
import type { BatchItem } from "drizzle-orm/batch";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import { newId } from "../crypto";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import { createOrgMatcher, isAutoMatch, normalizeOrgName, orgMappingStatus, type OrgMappingStatus, type OrgMatch } from "../domain/org-matching";
import { changesOf, chunk } from "./d1-writes";

type OrgRow = typeof schema.ninjaOrganizations.$inferSelect;
export type OrgMappingFields = Pick<OrgRow, "customerId" | "mappingSource" | "matchScore" | "suggestedCustomerId">;
export type OrgMatcher = (orgName: string) => OrgMatch;

/** The workspace's active customers, normalised once; call the result for each organization. */
export async function orgMatcherFor(db: Db, workspaceId: string): Promise<OrgMatcher> {
  const customers = await db
    .select({ id: schema.customers.id, name: schema.customers.name })
    .from(schema.customers)
    .where(and(eq(schema.customers.workspaceId, workspaceId), isNull(schema.customers.archivedAt)));
  return createOrgMatcher(customers);
}

/**
 * What the sync records for one organization. A person's decision (mapping_source "confirmed", with a
 * customer or deliberately without one) is kept as is, even when its customer was archived since:
 * that shows as Stale until a person reassigns it. An applied auto-match is kept while its customer is
 * active, whatever the organization is called now. Otherwise
 * the matcher decides: exact and strong fuzzy matches are auto-matched, weaker ones are only suggested,
 * ambiguous ones neither.
 */
export function resolveOrgMapping(
  old: OrgMappingFields | undefined,
  orgName: string,
  match: OrgMatcher,
  activeCustomerIds: ReadonlySet<string>,
): OrgMappingFields {
  if (old?.mappingSource === "confirmed") {
    return { customerId: old.customerId, mappingSource: "confirmed", matchScore: old.matchScore, suggestedCustomerId: old.suggestedCustomerId };
  }
  // An applied auto-match sticks to the organization's id: renaming the organization in NinjaOne
  // does not unassign its devices. It stays Auto-matched until a person confirms or changes it, or
  // its customer is archived or deleted (Stale until then; the next sync matches it afresh).
  if (old?.mappingSource === "auto" && old.customerId !== null && activeCustomerIds.has(old.customerId)) {
    return { customerId: old.customerId, mappingSource: "auto", matchScore: old.matchScore, suggestedCustomerId: old.suggestedCustomerId };
  }
  const found = match(orgName);
  if (isAutoMatch(found)) {
    return { customerId: found.customerId, mappingSource: "auto", matchScore: found.score, suggestedCustomerId: found.customerId };
  }
  return {
    customerId: null,
    mappingSource: null,
    matchScore: found.candidates.length || found.score > 0 ? found.score : null,
    suggestedCustomerId: found.kind === "suggestion" ? found.customerId : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading: every organization with its status

export type CustomerState = "active" | "archived" | "deleted";

export type OrgMappingRow = {
  ninjaOrgId: number;
  name: string;
  description: string | null;
  deviceCount: number;
  status: OrgMappingStatus;
  mappingSource: "confirmed" | "auto" | null;
  customerId: string | null;
  customerName: string | null;
  /** null when no customer is mapped. */
  customerState: CustomerState | null;
  matchScore: number | null;
  suggestedCustomerId: string | null;
  suggestedCustomerName: string | null;
  /** A person chose "no customer": the sync does not auto-match it again and no notification nags about it. */
  leftUnmapped: boolean;
  vanishedAt: number | null;
  updatedAt: number;
};

/** Every NinjaOne organization of the workspace with its mapping status, by name. */
export async function listOrgMappings(db: Db, workspaceId: string): Promise<OrgMappingRow[]> {
  const o = schema.ninjaOrganizations;
  const mapped = alias(schema.customers, "mapped_customer");
  const suggested = alias(schema.customers, "suggested_customer");
  const rows = await db
    .select({
      org: o,
      customerName: mapped.name,
      customerFound: mapped.id,
      customerArchivedAt: mapped.archivedAt,
      suggestedName: suggested.name,
      suggestedArchivedAt: suggested.archivedAt,
    })
    .from(o)
    .leftJoin(mapped, and(eq(mapped.id, o.customerId), eq(mapped.workspaceId, o.workspaceId)))
    .leftJoin(suggested, and(eq(suggested.id, o.suggestedCustomerId), eq(suggested.workspaceId, o.workspaceId)))
    .where(eq(o.workspaceId, workspaceId))
    .orderBy(sql`${o.name} COLLATE NOCASE`, o.ninjaOrgId);
  return rows.map(({ org, customerName, customerFound, customerArchivedAt, suggestedName, suggestedArchivedAt }) => {
    const customerState: CustomerState | null =
      org.customerId === null ? null : customerFound === null ? "deleted" : customerArchivedAt !== null ? "archived" : "active";
    const suggestionUsable = suggestedName !== null && suggestedArchivedAt === null;
    return {
      ninjaOrgId: org.ninjaOrgId,
      name: org.name,
      description: org.description,
      deviceCount: org.deviceCount,
      status: orgMappingStatus({
        customerId: org.customerId,
        mappingSource: org.mappingSource,
        customerArchivedOrDeleted: customerState === "archived" || customerState === "deleted",
        vanished: org.vanishedAt !== null,
      }),
      mappingSource: org.mappingSource,
      customerId: org.customerId,
      customerName: customerName ?? null,
      customerState,
      matchScore: org.matchScore,
      suggestedCustomerId: suggestionUsable ? org.suggestedCustomerId : null,
      suggestedCustomerName: suggestionUsable ? suggestedName : null,
      leftUnmapped: org.customerId === null && org.mappingSource === "confirmed",
      vanishedAt: org.vanishedAt,
      updatedAt: org.updatedAt,
    };
  });
}

export type OrgMappingSummary = {
  total: number;
  byStatus: Record<OrgMappingStatus, number>;
  /** Organizations in NinjaOne whose devices land under a customer (the sync card's "matched"). */
  matched: number;
  /** Organizations in NinjaOne whose devices land under no customer. */
  unmatched: number;
  /** Unmatched (not left unmapped on purpose) or stale: what the review notification counts. */
  needingAttention: number;
  /** Every organization is Mapped (and there is at least one). */
  complete: boolean;
};

export function summarizeOrgMappings(rows: readonly OrgMappingRow[]): OrgMappingSummary {
  const byStatus: Record<OrgMappingStatus, number> = { mapped: 0, auto: 0, unmatched: 0, stale: 0 };
  let matched = 0;
  let unmatched = 0;
  let needingAttention = 0;
  for (const row of rows) {
    byStatus[row.status] += 1;
    if (row.vanishedAt === null) {
      if (row.customerState === "active") matched += 1;
      else unmatched += 1;
    }
    if (row.status === "stale" || (row.status === "unmatched" && !row.leftUnmapped)) needingAttention += 1;
  }
  return { total: rows.length, byStatus, matched, unmatched, needingAttention, complete: rows.length > 0 && byStatus.mapped === rows.length };
}

/** Matched / unmatched organizations as the mapping stands now (the sync card shows these, not a run's). */
export async function liveOrgCounters(db: Db, workspaceId: string): Promise<{ matched: number; unmatched: number; total: number }> {
  const o = schema.ninjaOrganizations;
  const c = schema.customers;
  const [row] = await db
    .select({
      total: sql<number>`count(*)`,
      matched: sql<number>`coalesce(sum(CASE WHEN ${c.id} IS NOT NULL THEN 1 ELSE 0 END), 0)`,
    })
    .from(o)
    .leftJoin(c, and(eq(c.id, o.customerId), eq(c.workspaceId, o.workspaceId), isNull(c.archivedAt)))
    .where(and(eq(o.workspaceId, workspaceId), isNull(o.vanishedAt)));
  const total = row?.total ?? 0;
  const matched = row?.matched ?? 0;
  return { matched, unmatched: total - matched, total };
}

// ---------------------------------------------------------------------------------------------
// Saving: validated as a whole, written in one db.batch (one transaction): all or nothing

export const MAX_MAPPING_CHANGES = 1000;

/** What a mapping says about one organization: a customer, no customer (null), or a new customer named after it. */
export const OrgMappingTargetSchema = z
  .object({
    customerId: z.string().trim().min(1, "Pick a customer.").max(64).nullable().optional(),
    createCustomer: z.boolean().optional(),
  })
  .superRefine((target, ctx) => {
    if ((target.customerId !== undefined) === (target.createCustomer === true)) {
      ctx.addIssue({
        code: "custom",
        path: ["customerId"],
        message: "Give either customerId (a customer id, or null for no customer) or createCustomer: true.",
      });
    }
  });

export const OrgMappingChangeSchema = z
  .object({ ninjaOrgId: z.number({ error: "Give the NinjaOne organization id." }).int().positive() })
  .and(OrgMappingTargetSchema);
export type OrgMappingChange = z.infer<typeof OrgMappingChangeSchema>;

export const OrgMappingSaveSchema = z.object({
  mappings: z.array(OrgMappingChangeSchema).max(MAX_MAPPING_CHANGES, `Save at most ${MAX_MAPPING_CHANGES} mappings at once.`).default([]),
  /** Also confirm every Auto-matched organization not listed in `mappings`. */
  confirmAllAutoMatched: z.boolean().default(false),
});
export type OrgMappingSave = z.infer<typeof OrgMappingSaveSchema>;

export type OrgMappingSaveResult =
  | {
      ok: true;
      confirmed: number;
      mapped: number;
      cleared: number;
      createdCustomers: Array<{ id: string; name: string }>;
      assetsMoved: number;
      /** The undo_actions id recorded with the save (only when asked for one and something changed). */
      undoId?: string;
    }
  | {
      ok: false;
      message: string;
      /** Keyed by the change's path, e.g. "mappings.3.customerId". */
      fields: Record<string, string[]>;
      /** The same messages by NinjaOne organization id, for screens that show them beside a row. */
      byOrg: Record<number, string>;
    };

/** New customers are compared as the matcher compares names: "ACME, Inc." is a duplicate of "Acme". */
const nameKey = (name: string) => normalizeOrgName(name) || name.trim().toLocaleLowerCase("en-US");
/** The longest customer name the customer forms accept. */
export const CUSTOMER_NAME_MAX = 200;

type Target = { kind: "keep" } | { kind: "confirm" } | { kind: "set"; customerId: string; customerName: string } | { kind: "clear" };

/**
 * Save people's mappings. Customers must be active customers of the workspace; organizations must be
 * the workspace's. A new customer can be created from an organization's trimmed name. When an
 * organization's customer changes, its NinjaOne assets move to the new customer (one UPDATE per target,
 * whatever the organization's size) and each moved asset gets a "moved" event. Nothing is written unless
 * every change is valid.
 */
export async function saveOrgMappings(
  db: Db,
  workspaceId: string,
  input: OrgMappingSave,
  now: number,
  audit?: AuditBy,
  undo?: UndoBy,
): Promise<OrgMappingSaveResult> {
  const o = schema.ninjaOrganizations;
  const [orgs, customers] = await Promise.all([
    db.select().from(o).where(eq(o.workspaceId, workspaceId)),
    db
      .select({ id: schema.customers.id, name: schema.customers.name, archivedAt: schema.customers.archivedAt })
      .from(schema.customers)
      .where(eq(schema.customers.workspaceId, workspaceId)),
  ]);
  const orgById = new Map(orgs.map((org) => [org.ninjaOrgId, org]));
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const activeByName = new Map<string, string>();
  for (const c of customers) if (c.archivedAt === null) activeByName.set(nameKey(c.name), c.name);

  // The checks that need the database, as a zod schema so the messages come back like any other.
  const seen = new Set<number>();
  const validated = z
    .array(OrgMappingChangeSchema)
    .superRefine((changes, ctx) => {
      changes.forEach((change, i) => {
        const org = orgById.get(change.ninjaOrgId);
        if (!org) {
          ctx.addIssue({ code: "custom", path: [i, "ninjaOrgId"], message: `No NinjaOne organization ${change.ninjaOrgId} in this workspace.` });
          return;
        }
        if (seen.has(change.ninjaOrgId)) {
          ctx.addIssue({ code: "custom", path: [i, "ninjaOrgId"], message: `${org.name} is listed more than once.` });
        }
        seen.add(change.ninjaOrgId);
        if (change.createCustomer) {
          const name = org.name.trim();
          if (!name) ctx.addIssue({ code: "custom", path: [i, "createCustomer"], message: "This organization has no name to give a customer." });
          else if (name.length > CUSTOMER_NAME_MAX) {
            ctx.addIssue({ code: "custom", path: [i, "createCustomer"], message: `The name is longer than ${CUSTOMER_NAME_MAX} characters: create the customer by hand.` });
          } else if (activeByName.has(nameKey(name))) {
            ctx.addIssue({ code: "custom", path: [i, "createCustomer"], message: `A customer named “${activeByName.get(nameKey(name))}” already exists: pick it instead.` });
          }
          return;
        }
        if (typeof change.customerId === "string") {
          const customer = customerById.get(change.customerId);
          if (!customer) ctx.addIssue({ code: "custom", path: [i, "customerId"], message: "That customer does not exist in this workspace (it may have been deleted)." });
          else if (customer.archivedAt !== null) {
            ctx.addIssue({ code: "custom", path: [i, "customerId"], message: `${customer.name} is archived: pick an active customer, or restore it first.` });
          }
        }
      });
    })
    .safeParse(input.mappings);
  if (!validated.success) {
    const fields: Record<string, string[]> = {};
    const byOrg: Record<number, string> = {};
    for (const issue of validated.error.issues) {
      const key = ["mappings", ...issue.path].join(".");
      (fields[key] ??= []).push(issue.message);
      const index = issue.path[0];
      const change = typeof index === "number" ? input.mappings[index] : undefined;
      if (change && byOrg[change.ninjaOrgId] === undefined) byOrg[change.ninjaOrgId] = issue.message;
    }
    const count = validated.error.issues.length;
    return {
      ok: false,
      message: `Nothing was saved: ${count === 1 ? "one mapping needs" : `${count} mappings need`} attention. ${validated.error.issues[0]?.message ?? ""}`.trim(),
      fields,
      byOrg,
    };
  }

  // New customers: one per distinct name, even when several organizations share it.
  const created = new Map<string, { id: string; name: string }>();
  const targets = new Map<number, Target>();
  for (const change of validated.data) {
    const org = orgById.get(change.ninjaOrgId);
    if (!org) continue;
    let next: { customerId: string | null; customerName: string | null };
    if (change.createCustomer) {
      const name = org.name.trim();
      const customer = created.get(nameKey(name)) ?? { id: newId(), name };
      created.set(nameKey(name), customer);
      next = { customerId: customer.id, customerName: customer.name };
    } else {
      const id = change.customerId ?? null;
      next = { customerId: id, customerName: id ? (customerById.get(id)?.name ?? null) : null };
    }
    targets.set(org.ninjaOrgId, targetFor(org, next));
  }
  if (input.confirmAllAutoMatched) {
    for (const org of orgs) {
      const customer = org.customerId ? customerById.get(org.customerId) : undefined;
      if (targets.has(org.ninjaOrgId) || org.mappingSource !== "auto" || !customer || customer.archivedAt !== null) continue;
      targets.set(org.ninjaOrgId, { kind: "confirm" });
    }
  }

  const statements: BatchItem<"sqlite">[] = [];
  const c = schema.customers;
  for (const customer of created.values()) {
    statements.push(db.insert(c).values({ id: customer.id, workspaceId, name: customer.name, createdAt: now, updatedAt: now }));
  }
  const byKind = { confirm: [] as number[], clear: [] as number[], set: new Map<string, { name: string; orgIds: number[] }>() };
  for (const [orgId, target] of targets) {
    if (target.kind === "confirm") byKind.confirm.push(orgId);
    else if (target.kind === "clear") byKind.clear.push(orgId);
    else if (target.kind === "set") {
      const group = byKind.set.get(target.customerId) ?? { name: target.customerName, orgIds: [] };
      group.orgIds.push(orgId);
      byKind.set.set(target.customerId, group);
    }
  }
  const orgWhere = (ids: number[]) => and(eq(o.workspaceId, workspaceId), inArray(o.ninjaOrgId, ids));
  const moveCounted: boolean[] = [];
  const push = (statement: BatchItem<"sqlite">, counted = false) => {
    statements.push(statement);
    moveCounted[statements.length - 1] = counted;
  };
  // Undo (workers/db/undo.ts, kind "mapping.save"): each changed organization's mapping before the
  // save and each asset the save moves, with what it had and what the save gave it, are recorded in
  // this batch, each just before the statement that changes them.
  const changing = targets.size > [...targets.values()].filter((t) => t.kind === "keep").length;
  const undoing = undo && changing ? undo : undefined;
  if (undoing) {
    push(undoRecord(db, undoing, { workspaceId, kind: "mapping.save", targetId: workspaceId, payload: { created: created.size }, now }));
  }
  const rememberOrgs = (ids: number[], customerId: string | null | "unchanged") => {
    if (undoing) push(undoOrgRows(db, undoing.id, workspaceId, ids, customerId));
  };
  const rememberAssets = (ids: number[], customerId: string | null) => {
    if (undoing) push(undoAssetRows(db, undoing.id, workspaceId, ids, customerId));
  };
  for (const ids of chunk(byKind.confirm, 90)) {
    rememberOrgs(ids, "unchanged");
    push(db.update(o).set({ mappingSource: "confirmed", updatedAt: now }).where(orgWhere(ids)));
  }
  for (const ids of chunk(byKind.clear, 90)) {
    rememberOrgs(ids, null);
    push(moveEvents(db, workspaceId, ids, null, null, now));
    rememberAssets(ids, null);
    push(moveAssets(db, workspaceId, ids, null, now), true);
    push(db.update(o).set({ customerId: null, mappingSource: "confirmed", updatedAt: now }).where(orgWhere(ids)));
  }
  for (const [customerId, group] of byKind.set) {
    for (const ids of chunk(group.orgIds, 90)) {
      rememberOrgs(ids, customerId);
      push(moveEvents(db, workspaceId, ids, customerId, group.name, now));
      rememberAssets(ids, customerId);
      push(moveAssets(db, workspaceId, ids, customerId, now), true);
      push(db.update(o).set({ customerId, mappingSource: "confirmed", updatedAt: now }).where(orgWhere(ids)));
    }
  }
  if (audit && statements.length) {
    const mapped = [...byKind.set.values()].reduce((sum, g) => sum + g.orgIds.length, 0);
    push(
      auditStatement(db, {
        ...audit,
        workspaceId,
        kind: "mapping.saved",
        summary: `Saved NinjaOne organization mappings: ${mapped} mapped, ${byKind.clear.length} cleared, ${byKind.confirm.length} confirmed${created.size ? `, ${created.size} customers created` : ""}`,
        target: { type: "ninja_org_mappings", id: workspaceId, link: "/settings/integrations/ninjaone/mappings" },
        now,
      }),
    );
  }
  let assetsMoved = 0;
  const [first, ...rest] = statements;
  if (first) {
    const results = await db.batch([first, ...rest]);
    results.forEach((result, i) => {
      if (moveCounted[i]) assetsMoved += changesOf(result);
    });
  }
  return {
    ok: true,
    confirmed: byKind.confirm.length,
    mapped: [...byKind.set.values()].reduce((sum, g) => sum + g.orgIds.length, 0),
    cleared: byKind.clear.length,
    createdCustomers: [...created.values()],
    assetsMoved,
    undoId: undoing?.id,
  };
}

function targetFor(org: OrgRow, next: { customerId: string | null; customerName: string | null }): Target {
  if (next.customerId === null) return org.customerId === null && org.mappingSource === "confirmed" ? { kind: "keep" } : { kind: "clear" };
  if (org.customerId === next.customerId) return org.mappingSource === "confirmed" ? { kind: "keep" } : { kind: "confirm" };
  return { kind: "set", customerId: next.customerId, customerName: next.customerName ?? "" };
}

/**
 * Assets of these organizations not yet under the target: what the two move statements touch. A
 * mapping to a customer moves them all (the mapping wins); leaving an organization without a
 * customer keeps the customers people set by hand.
 */
function movingAssets(workspaceId: string, orgIds: number[], customerId: string | null): SQL | undefined {
  const a = schema.assets;
  return and(
    eq(a.workspaceId, workspaceId),
    inArray(a.ninjaOrgId, orgIds),
    isNotNull(a.ninjaDeviceId),
    sql`${a.customerId} IS NOT ${customerId}`,
    customerId === null ? sql`${a.customerSource} IS NOT 'person'` : undefined,
  );
}

/** One "moved" event per asset about to move, written before the move so it can read the old customer. */
function moveEvents(db: Db, workspaceId: string, orgIds: number[], customerId: string | null, customerName: string | null, now: number) {
  const a = schema.assets;
  const to = customerName ?? "no customer";
  const why = customerId === null ? " was unmapped" : ` was mapped to ${to}`;
  const oldName = sql`coalesce((SELECT c.name FROM customers c WHERE c.id = ${a.customerId} AND c.workspace_id = ${a.workspaceId}), 'no customer')`;
  const orgName = sql`coalesce((SELECT n.name FROM ninja_organizations n WHERE n.workspace_id = ${a.workspaceId} AND n.ninja_org_id = ${a.ninjaOrgId}), '')`;
  return db.insert(schema.assetEvents).select(
    db
      .select({
        id: sql<string>`lower(hex(randomblob(16)))`.as("id"),
        workspaceId: a.workspaceId,
        assetId: sql<string>`${a.id}`.as("asset_id"),
        runId: sql<string | null>`NULL`.as("run_id"),
        kind: sql<string>`'moved'`.as("kind"),
        summary: sql<string>`'Moved from ' || ${oldName} || ' to ' || ${to} || ': its NinjaOne organization ' || ${orgName} || ${why} || CASE WHEN ${a.customerSource} = 'person' THEN ' (the mapping replaces the customer set by hand)' ELSE '' END`.as("summary"),
        changes: sql<string>`json_object('customerId', json_array(${a.customerId}, ${customerId}))`.as("changes"),
        // insert … select lists every column of asset_events, in order: a mapping move has no person actor.
        actorType: sql<"user" | "api_key" | null>`NULL`.as("actor_type"),
        actorId: sql<string | null>`NULL`.as("actor_id"),
        actorName: sql<string | null>`NULL`.as("actor_name"),
        rule: sql<string | null>`NULL`.as("rule"),
        createdAt: sql<number>`${now}`.as("created_at"),
      })
      .from(a)
      .where(movingAssets(workspaceId, orgIds, customerId)),
  );
}

/**
 * Undo rows of the organizations a save changes: row_id is the NinjaOne organization id, before is
 * [customer_id, mapping_source] before the save and the customer the save gives it (a confirmation
 * keeps the customer). Runs before the statement that changes them.
 */
function undoOrgRows(db: Db, undoId: string, workspaceId: string, orgIds: number[], customerId: string | null | "unchanged") {
  const o = schema.ninjaOrganizations;
  const after = customerId === "unchanged" ? sql`${o.customerId}` : sql`${customerId}`;
  return db.insert(schema.undoRows).select(
    db
      .select({
        undoId: sql<string>`${undoId}`.as("undo_id"),
        kind: sql<string>`'org'`.as("kind"),
        rowId: sql<string>`CAST(${o.ninjaOrgId} AS TEXT)`.as("row_id"),
        before: sql<string>`json_array(${o.customerId}, ${o.mappingSource}, ${after})`.as("before"),
      })
      .from(o)
      .where(and(eq(o.workspaceId, workspaceId), inArray(o.ninjaOrgId, orgIds))),
  );
}

/**
 * Undo rows of the assets a save moves: before is [customer_id, customer_source] before the move and
 * [customer_id, customer_source] the move gives them. Runs right before the move, with its condition.
 */
function undoAssetRows(db: Db, undoId: string, workspaceId: string, orgIds: number[], customerId: string | null) {
  const a = schema.assets;
  const source = customerId === null ? null : "sync";
  return db.insert(schema.undoRows).select(
    db
      .select({
        undoId: sql<string>`${undoId}`.as("undo_id"),
        kind: sql<string>`'mapped_asset'`.as("kind"),
        rowId: sql<string>`${a.id}`.as("row_id"),
        before: sql<string>`json_array(${a.customerId}, ${a.customerSource}, ${customerId}, ${source})`.as("before"),
      })
      .from(a)
      .where(movingAssets(workspaceId, orgIds, customerId)),
  );
}

function moveAssets(db: Db, workspaceId: string, orgIds: number[], customerId: string | null, now: number) {
  return db
    .update(schema.assets)
    .set({ customerId, customerSource: customerId === null ? null : "sync", updatedAt: now })
    .where(movingAssets(workspaceId, orgIds, customerId));
}
