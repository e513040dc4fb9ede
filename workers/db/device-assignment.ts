// Bulk Device Assignment's reads: a customer's NinjaOne devices without a contact, filtered by
// category and online state, counted and paged like the assets list (keyset, never OFFSET).
import { and, asc, count, eq } from "drizzle-orm";
import { UNASSIGNED, type AssetCategory } from "../domain/asset-rules";
import { assetFilterConditions, type AssetFilters } from "./assets";
import type { Db } from "./client";
import { assets } from "./schema";

export type AssignableFilters = { category?: AssetCategory; online?: "online" | "offline" };

/** The assets list filters that select a customer's unassigned NinjaOne devices. */
export function assignableDeviceFilters(customerId: string, f: AssignableFilters): AssetFilters {
  return { customerId, contactId: UNASSIGNED, source: "ninjaone", category: f.category, online: f.online };
}

export async function countAssets(db: Db, workspaceId: string, filters: AssetFilters, now: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(assets)
    .where(and(eq(assets.workspaceId, workspaceId), ...assetFilterConditions(filters, now)));
  return row?.n ?? 0;
}

/** Ids of every asset matching `filters` (at most `limit`, by name): "select all N matching devices". */
export async function assetIdsMatching(db: Db, workspaceId: string, filters: AssetFilters, limit: number, now: number): Promise<string[]> {
  const rows = await db
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.workspaceId, workspaceId), ...assetFilterConditions(filters, now)))
    .orderBy(asc(assets.name), asc(assets.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
