// What an asset can be, and the rules for editing one by hand (UI and API). Pure.

export const ASSET_STATUSES = ["in_use", "available", "in_repair", "inactive", "retired"] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
// The categories live with the nodeClass table that maps NinjaOne devices onto them.
export { ASSET_CATEGORIES, type AssetCategory } from "./categories";
export const ASSET_SOURCES = ["manual", "ninjaone"] as const;
export type AssetSource = (typeof ASSET_SOURCES)[number];

/** Filter value for "no customer" / "no contact". */
export const UNASSIGNED = "unassigned";

/** List orders: "name" = A to Z; a leading "-" reverses; created = newest/oldest; updated = recently updated. */
export const ASSET_SORTS = ["name", "-name", "created", "-created", "updated", "-updated"] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];

/** Fields the NinjaOne device sync writes on every run: people cannot change them on a synced asset. */
export const SYNC_OWNED_FIELDS = ["name", "manufacturer", "model", "serialNumber", "notes", "status", "category"] as const;
export type SyncOwnedField = (typeof SYNC_OWNED_FIELDS)[number];

export const SYNC_OWNED_MESSAGE = "Managed by NinjaOne sync: change it in NinjaOne.";

/** The sync-owned fields a change would alter on an asset from `source` (unchanged values pass). */
export function syncOwnedConflicts(
  source: AssetSource,
  current: Record<SyncOwnedField, string | null>,
  change: Partial<Record<SyncOwnedField, string | null>>,
): SyncOwnedField[] {
  if (source !== "ninjaone") return [];
  return SYNC_OWNED_FIELDS.filter((field) => field in change && change[field] !== undefined && change[field] !== current[field]);
}

/** Warranty end must not be before its start (ISO dates compare as strings). */
export function warrantyOrderValid(start: string | null, end: string | null): boolean {
  return !start || !end || end >= start;
}

/**
 * An asset's contact must belong to the asset's customer when both are set. An asset without a
 * customer may have any contact.
 */
export function contactFitsCustomer(assetCustomerId: string | null, contactCustomerId: string | null): boolean {
  return !assetCustomerId || contactCustomerId === assetCustomerId;
}

/** Only hand-made assets can be deleted: a synced one would come back on the next sync. */
export function canDeleteAsset(source: AssetSource): boolean {
  return source === "manual";
}
