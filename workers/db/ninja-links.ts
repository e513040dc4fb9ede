// What "Open in NinjaOne" links need from the database: the integration's region and Dashboard
// Link Domain, and the devices a ticket's contact has. The links themselves are built by
// ninjaDashboardUrl (domain/dashboard-domain.ts), the only place that knows their shape.
import { and, asc, eq } from "drizzle-orm";
import { ninjaDashboardUrl, type DashboardLinkSettings } from "../domain/dashboard-domain";
import { nodeClassLabel } from "../domain/categories";
import type { Db } from "./client";
import { assets, integrations } from "./schema";

/** The workspace's link settings; null when it has no NinjaOne integration (then no links). */
export async function dashboardLinkSettings(db: Db, workspaceId: string): Promise<DashboardLinkSettings | null> {
  const [row] = await db
    .select({ region: integrations.region, dashboardDomain: integrations.dashboardDomain })
    .from(integrations)
    .where(eq(integrations.workspaceId, workspaceId))
    .limit(1);
  return row ?? null;
}

/** The link for one asset, or null (not a NinjaOne device, gone from NinjaOne, or no integration). */
export function assetDashboardUrl(
  settings: DashboardLinkSettings | null,
  asset: { ninjaDeviceId: number | null; ninjaDeletedAt?: number | null },
): string | null {
  if (!settings || asset.ninjaDeletedAt) return null;
  return ninjaDashboardUrl(settings, asset.ninjaDeviceId);
}

export type TicketNinjaDevice = {
  id: string;
  name: string;
  /** Friendly node class: "Windows Workstation", "VMware Host", … */
  deviceType: string;
  /** NinjaOne's state at the last sync; null when NinjaOne did not say. */
  offline: boolean | null;
  lastContact: number | null;
  /** Gone from NinjaOne at a sync: shown, without a link. */
  removed: boolean;
  dashboardUrl: string | null;
};
export type TicketOtherDevice = { id: string; name: string; category: string; status: string };
export type TicketDeviceCard = { ninja: TicketNinjaDevice[]; other: TicketOtherDevice[]; more: boolean };

/**
 * A contact's devices for the ticket sidebar: NinjaOne devices (with state and link) and the
 * other assets (hand-made) apart. At most `limit` in all; `more` says there are others.
 */
export async function contactDeviceCard(db: Db, workspaceId: string, contactId: string, limit = 50): Promise<TicketDeviceCard> {
  const [rows, settings] = await Promise.all([
    db
      .select({
        id: assets.id,
        name: assets.name,
        category: assets.category,
        status: assets.status,
        source: assets.source,
        ninjaDeviceId: assets.ninjaDeviceId,
        ninjaNodeClass: assets.ninjaNodeClass,
        ninjaOffline: assets.ninjaOffline,
        ninjaLastContact: assets.ninjaLastContact,
        ninjaDeletedAt: assets.ninjaDeletedAt,
      })
      .from(assets)
      .where(and(eq(assets.workspaceId, workspaceId), eq(assets.contactId, contactId)))
      .orderBy(asc(assets.name), asc(assets.id))
      .limit(limit + 1),
    dashboardLinkSettings(db, workspaceId),
  ]);
  const card: TicketDeviceCard = { ninja: [], other: [], more: rows.length > limit };
  for (const row of rows.slice(0, limit)) {
    if (row.source === "ninjaone" && row.ninjaDeviceId !== null) {
      card.ninja.push({
        id: row.id,
        name: row.name,
        deviceType: nodeClassLabel(row.ninjaNodeClass),
        offline: row.ninjaOffline,
        lastContact: row.ninjaLastContact,
        removed: row.ninjaDeletedAt !== null,
        dashboardUrl: assetDashboardUrl(settings, row),
      });
    } else {
      card.other.push({ id: row.id, name: row.name, category: row.category, status: row.status });
    }
  }
  return card;
}
