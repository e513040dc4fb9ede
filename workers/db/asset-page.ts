// Everything an asset's page reads, in one D1 batch (one round trip): the asset with the names of
// its customer, contact and NinjaOne organization, location and role; its latest sync changes;
// the workspace's dashboard-link settings; and the replacement policies that can apply to it
// (global and its customer's). Each statement is scoped to the workspace.
import { and, desc, eq, getTableColumns, or, sql } from "drizzle-orm";
import type { DashboardLinkSettings } from "../domain/dashboard-domain";
import type { Asset, AssetDetail, AssetEvent } from "./assets";
import type { Db } from "./client";
import { GLOBAL_SCOPE, policyBookOf, type PolicyBook } from "./replacement-policies";
import { assetEvents, assets, contacts, customers, integrations, ninjaLocations, ninjaOrganizations, ninjaRoles, replacementPolicies } from "./schema";

export type AssetPageData = { detail: AssetDetail; events: AssetEvent[]; links: DashboardLinkSettings | null; book: PolicyBook };

/** The page's data, or undefined when the asset is not in this workspace. */
export async function loadAssetPage(db: Db, workspaceId: string, id: string, eventLimit = 20): Promise<AssetPageData | undefined> {
  const [found, events, links, policies] = await db.batch([
    db
      .select({
        asset: getTableColumns(assets),
        // Aliased: D1 returns a batch's rows as objects, where joined columns all called `name` would collide.
        customerId: sql<string | null>`${customers.id}`.as("detail_customer_id"),
        customerName: sql<string | null>`${customers.name}`.as("detail_customer_name"),
        contactId: sql<string | null>`${contacts.id}`.as("detail_contact_id"),
        contactName: sql<string | null>`${contacts.name}`.as("detail_contact_name"),
        contactEmail: sql<string | null>`${contacts.email}`.as("detail_contact_email"),
        organization: sql<string | null>`${ninjaOrganizations.name}`.as("detail_organization"),
        location: sql<string | null>`${ninjaLocations.name}`.as("detail_location"),
        role: sql<string | null>`${ninjaRoles.name}`.as("detail_role"),
      })
      .from(assets)
      .leftJoin(customers, and(eq(customers.workspaceId, assets.workspaceId), eq(customers.id, assets.customerId)))
      .leftJoin(contacts, and(eq(contacts.workspaceId, assets.workspaceId), eq(contacts.id, assets.contactId)))
      .leftJoin(ninjaOrganizations, and(eq(ninjaOrganizations.workspaceId, assets.workspaceId), eq(ninjaOrganizations.ninjaOrgId, assets.ninjaOrgId)))
      .leftJoin(ninjaLocations, and(eq(ninjaLocations.workspaceId, assets.workspaceId), eq(ninjaLocations.ninjaLocationId, assets.ninjaLocationId)))
      .leftJoin(ninjaRoles, and(eq(ninjaRoles.workspaceId, assets.workspaceId), eq(ninjaRoles.ninjaRoleId, assets.ninjaRoleId)))
      .where(and(eq(assets.workspaceId, workspaceId), eq(assets.id, id)))
      .limit(1),
    db
      .select()
      .from(assetEvents)
      .where(and(eq(assetEvents.workspaceId, workspaceId), eq(assetEvents.assetId, id)))
      .orderBy(desc(assetEvents.createdAt), desc(assetEvents.id))
      .limit(eventLimit),
    db
      .select({ region: integrations.region, dashboardDomain: integrations.dashboardDomain })
      .from(integrations)
      .where(eq(integrations.workspaceId, workspaceId))
      .limit(1),
    db
      .select()
      .from(replacementPolicies)
      .where(
        and(
          eq(replacementPolicies.workspaceId, workspaceId),
          or(
            eq(replacementPolicies.scope, GLOBAL_SCOPE),
            sql`${replacementPolicies.scope} = (SELECT ${assets.customerId} FROM ${assets} WHERE ${assets.workspaceId} = ${workspaceId} AND ${assets.id} = ${id})`,
          ),
        ),
      ),
  ]);
  const row = found[0];
  if (!row) return undefined;
  const asset: Asset = row.asset;
  return {
    detail: {
      asset,
      customer: row.customerId && row.customerName !== null ? { id: row.customerId, name: row.customerName } : null,
      contact: row.contactId && row.contactName !== null ? { id: row.contactId, name: row.contactName, email: row.contactEmail } : null,
      ninja: {
        organization: asset.ninjaOrgId != null ? row.organization : null,
        location: asset.ninjaLocationId != null ? row.location : null,
        role: asset.ninjaRoleId != null ? row.role : null,
      },
    },
    events,
    links: links[0] ?? null,
    book: policyBookOf(policies),
  };
}
