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

/**
 * Fields the NinjaOne device sync writes on every run: people cannot change them on a synced asset.
 * Notes is the person's: the sync only keeps the OS name on a line of its own (notesWithOs).
 */
export const SYNC_OWNED_FIELDS = ["name", "manufacturer", "model", "serialNumber", "status", "category"] as const;
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

/**
 * Notes after a sync saw the device's OS name (seed 003: OS name → Notes). The OS lives on a line
 * of its own that only the sync rewrites: `previousOs` is the OS the sync last wrote (null when it
 * never wrote one, e.g. an asset it is claiming). That line is replaced (or removed when NinjaOne no
 * longer reports an OS); every other line is the person's and is kept. When the sync never wrote a
 * line, the OS is appended under the person's text. When a person removed the line, it stays removed
 * (the Operating system field still shows the OS).
 */
export function notesWithOs(notes: string | null, previousOs: string | null, os: string | null): string | null {
  const lines = notes === null || notes === "" ? [] : notes.split("\n");
  const at = previousOs === null ? -1 : lines.lastIndexOf(previousOs);
  if (at >= 0) {
    if (os === null) lines.splice(at, 1);
    else lines[at] = os;
  } else if (previousOs === null && os !== null && !lines.includes(os)) {
    while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
    lines.push(os);
  }
  const result = lines.join("\n");
  return result === "" ? null : result;
}

/** Complete syncs in a row a device may be left out of NinjaOne's list, yet answer on its own, before a person should look. */
export const UNLISTED_RUNS_TO_FLAG = 2;

/** The asset's device is missing from NinjaOne's list but still answers: flagged for a person (its status is untouched). */
export function needsUnlistedReview(asset: { ninjaUnlistedRuns: number; ninjaDeletedAt: number | null }): boolean {
  return asset.ninjaDeletedAt === null && asset.ninjaUnlistedRuns >= UNLISTED_RUNS_TO_FLAG;
}
