// Step "organizations": NinjaOne organizations, locations and device roles into our tables, and
// each organization's customer: a saved mapping wins; otherwise the fuzzy name matcher of
// org-mapping.ts records an auto-match or a suggestion. Only rows that changed are written.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import { chunk, rowsPerInsert, runGrouped } from "./d1-writes";
import { orgMatcherFor, resolveOrgMapping } from "./org-mapping";
import type { SyncNinjaClient } from "./ports";

type OrgRow = typeof schema.ninjaOrganizations.$inferSelect;

/** The customer an organization's assets belong to, by NinjaOne organization id (null: unmatched). */
export async function effectiveOrgCustomers(db: Db, workspaceId: string): Promise<Map<number, string | null>> {
  const rows = await db
    .select({ orgId: schema.ninjaOrganizations.ninjaOrgId, customerId: schema.customers.id })
    .from(schema.ninjaOrganizations)
    .leftJoin(
      schema.customers,
      and(
        eq(schema.customers.id, schema.ninjaOrganizations.customerId),
        eq(schema.customers.workspaceId, schema.ninjaOrganizations.workspaceId),
        isNull(schema.customers.archivedAt),
      ),
    )
    .where(eq(schema.ninjaOrganizations.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.orgId, r.customerId ?? null]));
}

export type OrganizationsResult = { matched: number; unmatched: number; organizations: number };

export async function syncOrganizations(
  db: Db,
  client: SyncNinjaClient,
  workspaceId: string,
  now: number,
  /** Called once the lists are in, before anything is written (the pipeline starts the people lists there). */
  afterFetch?: () => void,
): Promise<OrganizationsResult> {
  // The three lists together: a sync pays one round trip here, not three. A rate limit on any of
  // them retries the step (honouring Retry-After), which nothing has written yet.
  const [orgs, locations, roles] = await Promise.all([client.listOrganizations(), client.listLocations(), client.listRoles()]);
  afterFetch?.();

  const [existingOrgs, customers, match, existingLocations, existingRoles] = await Promise.all([
    db.select().from(schema.ninjaOrganizations).where(eq(schema.ninjaOrganizations.workspaceId, workspaceId)),
    db
      .select({ id: schema.customers.id })
      .from(schema.customers)
      .where(and(eq(schema.customers.workspaceId, workspaceId), isNull(schema.customers.archivedAt))),
    orgMatcherFor(db, workspaceId),
    db.select().from(schema.ninjaLocations).where(eq(schema.ninjaLocations.workspaceId, workspaceId)),
    db.select().from(schema.ninjaRoles).where(eq(schema.ninjaRoles.workspaceId, workspaceId)),
  ]);

  const activeCustomerIds = new Set(customers.map((c) => c.id));
  const byId = new Map(existingOrgs.map((o) => [o.ninjaOrgId, o]));
  const orgWrites: OrgRow[] = [];
  let matched = 0;
  for (const org of orgs) {
    const old = byId.get(org.id);
    let next: OrgRow = {
      workspaceId,
      ninjaOrgId: org.id,
      name: org.name,
      description: org.description ?? null,
      deviceCount: old?.deviceCount ?? 0,
      customerId: old?.customerId ?? null,
      mappingSource: old?.mappingSource ?? null,
      matchScore: old?.matchScore ?? null,
      suggestedCustomerId: old?.suggestedCustomerId ?? null,
      lastSeenRunId: old?.lastSeenRunId ?? null,
      vanishedAt: null,
      updatedAt: old?.updatedAt ?? now,
    };
    // A person's mapping is kept as is (even when its customer was archived: that shows as Stale).
    next = { ...next, ...resolveOrgMapping(old, org.name, match, activeCustomerIds) };
    if (next.customerId && activeCustomerIds.has(next.customerId)) matched += 1;
    const changed =
      !old ||
      old.name !== next.name ||
      old.description !== next.description ||
      old.customerId !== next.customerId ||
      old.mappingSource !== next.mappingSource ||
      old.matchScore !== next.matchScore ||
      old.suggestedCustomerId !== next.suggestedCustomerId ||
      old.vanishedAt !== null;
    if (changed) orgWrites.push({ ...next, updatedAt: now });
  }
  const seenOrgIds = new Set(orgs.map((o) => o.id));
  const vanishedOrgIds = existingOrgs.filter((o) => !seenOrgIds.has(o.ninjaOrgId) && o.vanishedAt === null).map((o) => o.ninjaOrgId);

  const locById = new Map(existingLocations.map((l) => [l.ninjaLocationId, l]));
  const locationWrites = locations
    .filter((l) => typeof l.organizationId === "number")
    .map((l) => ({ workspaceId, ninjaLocationId: l.id, ninjaOrgId: l.organizationId ?? 0, name: l.name }))
    .filter((l) => {
      const old = locById.get(l.ninjaLocationId);
      return !old || old.name !== l.name || old.ninjaOrgId !== l.ninjaOrgId;
    });
  const seenLocationIds = new Set(locations.map((l) => l.id));
  const goneLocationIds = existingLocations.filter((l) => !seenLocationIds.has(l.ninjaLocationId)).map((l) => l.ninjaLocationId);

  const roleById = new Map(existingRoles.map((r) => [r.ninjaRoleId, r]));
  // Role settings (category override, inactive-on-delete) belong to the user: only name/class are synced.
  const roleWrites = roles
    .map((r) => ({ workspaceId, ninjaRoleId: r.id, name: r.name, nodeClass: r.nodeClass ?? null }))
    .filter((r) => {
      const old = roleById.get(r.ninjaRoleId);
      return !old || old.name !== r.name || old.nodeClass !== r.nodeClass;
    });

  const o = schema.ninjaOrganizations;
  const groups = [
    ...chunk(orgWrites, rowsPerInsert(o)).map((rows) => ({
      counted: false,
      statements: [
        db
          .insert(o)
          .values(rows)
          .onConflictDoUpdate({
            target: [o.workspaceId, o.ninjaOrgId],
            set: {
              name: sql`excluded.name`,
              description: sql`excluded.description`,
              // A person may have saved a mapping since this step read the rows: theirs wins.
              customerId: sql`CASE WHEN ${o.mappingSource} = 'confirmed' THEN ${o.customerId} ELSE excluded.customer_id END`,
              mappingSource: sql`CASE WHEN ${o.mappingSource} = 'confirmed' THEN ${o.mappingSource} ELSE excluded.mapping_source END`,
              matchScore: sql`excluded.match_score`,
              suggestedCustomerId: sql`excluded.suggested_customer_id`,
              vanishedAt: sql`NULL`,
              updatedAt: sql`excluded.updated_at`,
            },
          }),
      ],
    })),
    ...chunk(vanishedOrgIds, 90).map((ids) => ({
      counted: false,
      statements: [
        db
          .update(o)
          .set({ vanishedAt: now, updatedAt: now })
          .where(and(eq(o.workspaceId, workspaceId), inArray(o.ninjaOrgId, ids))),
      ],
    })),
    ...chunk(locationWrites, rowsPerInsert(schema.ninjaLocations)).map((rows) => ({
      counted: false,
      statements: [
        db
          .insert(schema.ninjaLocations)
          .values(rows)
          .onConflictDoUpdate({
            target: [schema.ninjaLocations.workspaceId, schema.ninjaLocations.ninjaLocationId],
            set: { name: sql`excluded.name`, ninjaOrgId: sql`excluded.ninja_org_id` },
          }),
      ],
    })),
    ...chunk(goneLocationIds, 90).map((ids) => ({
      counted: false,
      statements: [
        db
          .delete(schema.ninjaLocations)
          .where(and(eq(schema.ninjaLocations.workspaceId, workspaceId), inArray(schema.ninjaLocations.ninjaLocationId, ids))),
      ],
    })),
    ...chunk(roleWrites, rowsPerInsert(schema.ninjaRoles)).map((rows) => ({
      counted: false,
      statements: [
        db
          .insert(schema.ninjaRoles)
          .values(rows)
          .onConflictDoUpdate({
            target: [schema.ninjaRoles.workspaceId, schema.ninjaRoles.ninjaRoleId],
            set: { name: sql`excluded.name`, nodeClass: sql`excluded.node_class` },
          }),
      ],
    })),
  ];
  await runGrouped(db, groups);
  return { matched, unmatched: orgs.length - matched, organizations: orgs.length };
}
