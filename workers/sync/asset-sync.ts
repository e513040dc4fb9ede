// Building the rows a sync writes for one device: the new asset, or the changes to an existing one,
// and the asset_events line that says what happened. No I/O here.
import { naturalSortKey } from "../domain/natural-sort";
import { z } from "zod";
import { newTimeOrderedId } from "../crypto";
import { schema } from "../db/client";
import { notesWithOs } from "../domain/asset-rules";
import { ASSET_CATEGORIES } from "../domain/categories";
import { ASSET_STATUSES, type MappedDevice } from "../domain/device-mapping";

export type AssetRow = typeof schema.assets.$inferSelect;
export type AssetInsert = typeof schema.assets.$inferInsert;
export type AssetEventInsert = typeof schema.assetEvents.$inferInsert;
export type EventKind = "created" | "linked" | "reactivated" | "renamed" | "moved" | "updated" | "inactivated";

/** The mapped device plus what the sync decided around it. */
export type SyncedDevice = {
  mapped: MappedDevice;
  hash: string;
  customerId: string | null;
  /** rawDeviceHash of the record it was mapped from (absent: the next sync maps it again). */
  rawHash?: string | null;
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable();
const int = z.number().int().nullable();

/** A mapped device as stored for a deferred serial link (sync_run_deferred.payload), read back at finalize. */
export const syncedDeviceSchema = z.object({
  mapped: z.object({
    name: z.string(),
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    serialNumber: z.string().nullable(),
    serialTrustworthy: z.boolean(),
    notes: z.string().nullable(),
    status: z.enum(ASSET_STATUSES),
    category: z.enum(ASSET_CATEGORIES),
    ninjaDeviceId: z.number().int(),
    ninjaDeviceUid: z.string().nullable(),
    ninjaOrgId: int,
    ninjaLocationId: int,
    ninjaRoleId: int,
    ninjaNodeClass: z.string().nullable(),
    ninjaOffline: z.boolean().nullable(),
    ninjaLastContact: int,
    ninjaLastLoggedInUser: z.string().nullable(),
    ninjaAssignedOwnerUid: z.string().nullable(),
    ninjaCreatedAt: int,
    ninjaOsName: z.string().nullable(),
    warrantyKnown: z.boolean(),
    warrantyStart: isoDate,
    warrantyEnd: isoDate,
  }) satisfies z.ZodType<MappedDevice>,
  hash: z.string(),
  customerId: z.string().nullable(),
  rawHash: z.string().nullable().optional(),
});

/** The synced columns, as written on create and on update. */
function syncedColumns(d: SyncedDevice, runId: string, now: number) {
  const m = d.mapped;
  return {
    name: m.name,
    nameSort: naturalSortKey(m.name),
    manufacturer: m.manufacturer,
    model: m.model,
    serialNumber: m.serialNumber,
    category: m.category,
    source: "ninjaone" as const,
    ninjaDeviceId: m.ninjaDeviceId,
    ninjaDeviceUid: m.ninjaDeviceUid,
    ninjaOrgId: m.ninjaOrgId,
    ninjaLocationId: m.ninjaLocationId,
    ninjaRoleId: m.ninjaRoleId,
    ninjaNodeClass: m.ninjaNodeClass,
    ninjaOffline: m.ninjaOffline,
    ninjaLastContact: m.ninjaLastContact,
    ninjaLastLoggedInUser: m.ninjaLastLoggedInUser,
    ninjaAssignedOwnerUid: m.ninjaAssignedOwnerUid,
    ninjaCreatedAt: m.ninjaCreatedAt,
    ninjaOsName: m.ninjaOsName,
    ninjaSyncHash: d.hash,
    ninjaRawHash: d.rawHash ?? null,
    ninjaLastSeenRunId: runId,
    ninjaDeletedAt: null,
    ninjaUnlistedRuns: 0,
    ninjaUnlistedRunId: null,
    // Without expand=warranty the payload says nothing about warranty: keep what the asset has.
    ...(m.warrantyKnown ? { warrantyStart: m.warrantyStart, warrantyEnd: m.warrantyEnd, warrantyCheckedAt: now } : {}),
    updatedAt: now,
  };
}

export function newAssetFor(
  workspaceId: string,
  d: SyncedDevice,
  match: { matchedBy: string; reason: string },
  runId: string,
  now: number,
): { row: AssetInsert; event: AssetEventInsert } {
  const id = newTimeOrderedId();
  const row: AssetInsert = {
    id,
    workspaceId,
    ...syncedColumns(d, runId, now),
    notes: d.mapped.notes, // seed 003: the OS name
    customerId: d.customerId,
    customerSource: d.customerId === null ? null : "sync",
    status: d.mapped.status,
    matchedBy: match.matchedBy,
    matchReason: match.reason,
    createdAt: now,
  };
  return {
    row,
    event: {
      id: newTimeOrderedId(),
      workspaceId,
      assetId: id,
      runId,
      kind: "created",
      summary: `Created from NinjaOne device ${d.mapped.name} (${match.reason.replace(/^created: /, "")})`,
      changes: null,
      createdAt: now,
    },
  };
}

/** Statuses a person sets on purpose: a sync does not flip them back to in use/available. */
const PERSON_STATUSES = new Set<AssetRow["status"]>(["in_repair", "retired", "inactive"]);

/** Fields whose change is worth a line in the asset's history (not the ones that move every day). */
const NOTABLE_FIELDS = [
  ["name", "name"],
  ["customerId", "customer"],
  ["manufacturer", "manufacturer"],
  ["model", "model"],
  ["serialNumber", "serial number"],
  ["category", "category"],
  ["ninjaOsName", "operating system"],
  ["status", "status"],
  ["ninjaLocationId", "location"],
  ["ninjaRoleId", "device role"],
  ["ninjaAssignedOwnerUid", "assigned owner"],
  ["warrantyStart", "warranty start"],
  ["warrantyEnd", "warranty end"],
] as const satisfies ReadonlyArray<readonly [keyof AssetRow, string]>;

/**
 * The customer a synced asset ends up with: its organization's mapped customer; while the
 * organization has none, a customer a person set by hand is kept (the sync's own goes).
 */
export function syncedCustomer(existing: Pick<AssetRow, "customerId" | "customerSource">, d: Pick<SyncedDevice, "customerId">) {
  if (d.customerId !== null) return { customerId: d.customerId, customerSource: "sync" as const };
  if (existing.customerSource === "person") return { customerId: existing.customerId, customerSource: "person" as const };
  return { customerId: null, customerSource: null };
}

export type AssetUpdatePlan = {
  assetId: string;
  set: Partial<AssetInsert>;
  event: AssetEventInsert | null;
  kind: EventKind;
};

/**
 * The update that brings `existing` in line with the device. `link` is set when this device is
 * being linked to an asset that had no NinjaOne device (serial or name match); `reactivate` when the
 * device came back after being missing.
 */
export function assetUpdateFor(
  existing: AssetRow,
  d: SyncedDevice,
  opts: {
    runId: string;
    now: number;
    link?: { matchedBy: "serial" | "name"; reason: string };
    reactivate?: { status: AssetRow["status"]; reason: string };
    customerNames: ReadonlyMap<string, string>;
  },
): AssetUpdatePlan {
  const set: Partial<AssetInsert> = { ...syncedColumns(d, opts.runId, opts.now), ...syncedCustomer(existing, d) };
  // The person's notes stay; the sync rewrites only the OS line it wrote (none yet on an asset it claims).
  const notes = notesWithOs(existing.notes, existing.ninjaDeviceId === null ? null : existing.ninjaOsName, d.mapped.notes);
  if (notes !== existing.notes) set.notes = notes;
  const mappedStatus = d.mapped.status;
  if (opts.reactivate) set.status = opts.reactivate.status;
  else if (mappedStatus === "retired" || !PERSON_STATUSES.has(existing.status)) set.status = mappedStatus;
  if (opts.link) {
    set.matchedBy = opts.link.matchedBy;
    set.matchReason = opts.link.reason;
  }

  const changes: Record<string, [unknown, unknown]> = {};
  for (const [field] of NOTABLE_FIELDS) {
    if (!(field in set)) continue;
    const before = existing[field] ?? null;
    const after = set[field] ?? null;
    if (before !== after) changes[field] = [before, after];
  }
  const kind: EventKind = opts.link
    ? "linked"
    : opts.reactivate
      ? "reactivated"
      : "customerId" in changes
        ? "moved"
        : "name" in changes
          ? "renamed"
          : "updated";
  const parts: string[] = [];
  if (opts.link) parts.push(`Linked to NinjaOne device ${d.mapped.ninjaDeviceId} (${opts.link.reason})`);
  if (opts.reactivate) parts.push(`Reactivated: ${opts.reactivate.reason}`);
  for (const [field, label] of NOTABLE_FIELDS) {
    const change = changes[field];
    if (!change) continue;
    if (field === "customerId") {
      const name = (id: unknown) => (typeof id === "string" ? (opts.customerNames.get(id) ?? "another customer") : "no customer");
      const byHand = existing.customerSource === "person" && set.customerSource === "sync";
      parts.push(`moved from ${name(change[0])} to ${name(change[1])}${byHand ? ": its NinjaOne organization's mapping replaces the customer set by hand" : ""}`);
    } else if (field === "name") {
      parts.push(`renamed from “${String(change[0] ?? "")}” to “${String(change[1] ?? "")}”`);
    } else {
      parts.push(`${label} ${change[0] === null ? "set" : "changed"}${change[1] === null ? " (cleared)" : ` to ${String(change[1])}`}`);
    }
  }
  const event: AssetEventInsert | null =
    parts.length === 0
      ? null // only last contact, online state or similar moved: the row changes, the history does not
      : {
          id: newTimeOrderedId(),
          workspaceId: existing.workspaceId,
          assetId: existing.id,
          runId: opts.runId,
          kind,
          summary: capitalize(parts.join("; ")),
          changes: Object.keys(changes).length ? JSON.stringify(changes) : null,
          createdAt: opts.now,
        };
  return { assetId: existing.id, set, event, kind };
}

function capitalize(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An asset whose NinjaOne device vanished from a complete run. */
export function assetDeletionFor(
  existing: AssetRow,
  decision: { status: AssetRow["status"]; reason: string },
  runId: string,
  now: number,
): AssetUpdatePlan {
  const inactivated = decision.status === "inactive" && existing.status !== "inactive";
  return {
    assetId: existing.id,
    set: { status: decision.status, ninjaDeletedAt: now, ninjaLastSeenRunId: runId, updatedAt: now },
    kind: inactivated ? "inactivated" : "updated",
    event: {
      id: newTimeOrderedId(),
      workspaceId: existing.workspaceId,
      assetId: existing.id,
      runId,
      kind: inactivated ? "inactivated" : "updated",
      summary: capitalize(decision.reason),
      changes: inactivated ? JSON.stringify({ status: [existing.status, "inactive"] }) : null,
      createdAt: now,
    },
  };
}
