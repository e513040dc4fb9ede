// Which asset a NinjaOne device becomes (issue 5, seed 000 "Mapping Behaviors"), and what happens when it vanishes.

import { statusForDevice, type AssetStatus, type DeviceInput } from "./device-mapping";

export type MatchedBy = "ninja_id" | "serial" | "name" | "created";

/** Everything the rule needs, looked up by the caller (the sync) before deciding; the rule itself does no I/O. */
export interface AssetMatchInput {
  /** The asset already linked to this NinjaOne device id, if any. */
  linkedAssetId: string | null;
  /** The device's trustworthy serial (see serials.ts), or null when it has none or only a placeholder. */
  serial: string | null;
  /**
   * Unlinked assets whose serial key equals the device's AND whose customer is the device's customer or
   * none (seed 000 matches by serial within the account the organization is mapped to).
   */
  unlinkedAssetIdsWithSerial: readonly string[];
  /** Unlinked assets with the serial that belong to another customer: never candidates, a serial clash. */
  otherCustomerAssetIdsWithSerial?: readonly string[];
  /** NinjaOne devices known to carry this serial, this one included (the page, plus assets linked to other device ids). */
  devicesSharingSerial: number;
  /** The customer the device's organization is mapped to; null when it is not mapped. */
  customerId: string | null;
  /** Unlinked assets of that customer whose name equals the device's name (compare with assetNameKey). */
  unlinkedAssetIdsWithName: readonly string[];
  /** Serial-less devices of that customer with this name, this one included (default 1): two must not claim one asset. */
  devicesSharingName?: number;
}

export type AssetMatchDecision =
  | { action: "update"; assetId: string; matchedBy: "ninja_id"; reason: string }
  | { action: "link"; assetId: string; matchedBy: "serial" | "name"; reason: string }
  | { action: "create"; assetId?: undefined; matchedBy: "created"; reason: string; clashWith?: readonly string[] };

function create(reason: string, clashWith?: readonly string[]): AssetMatchDecision {
  return { action: "create", matchedBy: "created", reason: `created: ${reason}`, ...(clashWith?.length ? { clashWith } : {}) };
}

/**
 * In order: 1 linked id → update; 2 trustworthy serial on exactly one unlinked asset of the device's customer or of
 * no customer (and no other device) → link;
 * 3 serial ambiguous → create (never merge two machines into one asset); 4 no serial → unique name within the
 * customer → link; 5 otherwise create. The reason is stored on the asset and shown to the user.
 */
export function decideAssetMatch(input: AssetMatchInput): AssetMatchDecision {
  if (input.linkedAssetId !== null) {
    return { action: "update", assetId: input.linkedAssetId, matchedBy: "ninja_id", reason: "linked by NinjaOne id" };
  }

  const serial = input.serial;
  if (serial !== null) {
    // Clones and re-imaged machines share serials (fact sheet §11.9): a shared serial identifies nothing.
    if (input.devicesSharingSerial > 1) return create(`serial ${serial} shared by ${input.devicesSharingSerial} devices`);
    const matches = input.unlinkedAssetIdsWithSerial;
    if (matches.length > 1) return create(`serial ${serial} matches ${matches.length} existing assets`);
    if (matches.length === 1) {
      return { action: "link", assetId: matches[0], matchedBy: "serial", reason: `matched existing asset by serial ${serial}` };
    }
    // Another customer's asset is never claimed or moved: a person decides (listed as a serial clash).
    const others = input.otherCustomerAssetIdsWithSerial ?? [];
    if (others.length > 0) return create(`serial ${serial} belongs to an asset of another customer (serial clash)`, others);
    // A device with a real serial is never matched by name (seed 000: only devices without serials are).
    return create(`no existing asset with serial ${serial}`);
  }

  // Names repeat across customers ("RECEPTION-PC"), so name matching stays inside the device's customer.
  if (input.customerId === null) return create("no serial, and its organization is not mapped to a customer");
  const byName = input.unlinkedAssetIdsWithName;
  const namesakes = input.devicesSharingName ?? 1;
  if (byName.length > 0 && namesakes > 1) return create(`no serial, and ${namesakes} devices of this customer share its name`);
  if (byName.length === 1) return { action: "link", assetId: byName[0], matchedBy: "name", reason: "matched by name" };
  if (byName.length > 1) return create(`no serial, and its name matches ${byName.length} assets of this customer`);
  return create("no serial, and no asset of this customer has its name");
}

/** Name comparison form for rule 4: trimmed, inner whitespace collapsed, case-insensitive. */
export function assetNameKey(name: string): string {
  return name.replace(/\s+/g, " ").trim().toLowerCase();
}

export interface LifecycleInput {
  /** Whether the device was in this run's device list. Pass false only for a run that listed every device. */
  present: boolean;
  status: AssetStatus;
  /** When the asset's device was last found missing; null while it exists in NinjaOne. */
  ninjaDeletedAt: number | null;
  /** "Mark asset inactive when its NinjaOne device is deleted": the role's override, else the workspace setting. */
  markInactiveOnDelete: boolean;
  /** The device as this run saw it (for the status of a device that came back). */
  device?: Pick<DeviceInput, "offline" | "approvalStatus"> | null;
  nowMs: number;
}

export type LifecycleDecision =
  | { change: "none" }
  | { change: "deleted"; status: AssetStatus; ninjaDeletedAt: number; reason: string }
  | { change: "reactivated"; status: AssetStatus; ninjaDeletedAt: null; reason: string };

/**
 * Disappeared → marked inactive when the setting says so, else left as it was (seed 000 "Device is deleted");
 * either way the deletion is recorded once. Came back → reactivated with its online/offline status.
 * Call it even when the mapped hash is unchanged: a returning device can look exactly as it did.
 */
export function deviceLifecycle(input: LifecycleInput): LifecycleDecision {
  if (input.present) {
    if (input.ninjaDeletedAt === null) return { change: "none" };
    const status = statusForDevice(input.device ?? {});
    return { change: "reactivated", status, ninjaDeletedAt: null, reason: "device is back in NinjaOne: reactivated" };
  }
  if (input.ninjaDeletedAt !== null) return { change: "none" }; // already handled by an earlier run
  // A retired asset stays retired: someone decided that on purpose, and inactive would undo it.
  if (input.markInactiveOnDelete && input.status !== "retired") {
    return { change: "deleted", status: "inactive", ninjaDeletedAt: input.nowMs, reason: "device deleted in NinjaOne: marked inactive" };
  }
  return {
    change: "deleted",
    status: input.status,
    ninjaDeletedAt: input.nowMs,
    reason: input.markInactiveOnDelete
      ? "device deleted in NinjaOne: asset already retired"
      : "device deleted in NinjaOne: status left as it was (setting off)",
  };
}
