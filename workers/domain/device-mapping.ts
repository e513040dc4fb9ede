// NinjaOne device → the fields of a Core asset (seed 003 "What Gets Synced"): a pure mapper, no I/O.

import { categoryForNodeClass, type AssetCategory } from "./categories";
import { fnv1a64Hex, stableStringify } from "./hash";
import { deviceSerial, type SerialFields } from "./serials";

/** Core's asset statuses (mirrors ASSET_STATUSES in workers/db/schema.ts; a unit test keeps them equal). */
export const ASSET_STATUSES = ["in_use", "available", "in_repair", "inactive", "retired"] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

/**
 * What the mapper reads from a NinjaOne device (/v2/devices-detailed item). Structural, so the client's
 * zod-parsed `Device` fits without a cast; every field may be absent because the shape differs by device kind
 * (fact sheet §11.7: ESXi hosts have flat vendor/model/serviceTag, agentless guests have guestOSFullName, ...).
 */
export interface DeviceInput extends SerialFields {
  id: number;
  uid?: string | null;
  organizationId?: number | null;
  locationId?: number | null;
  nodeClass?: string | null;
  nodeRoleId?: number | null;
  offline?: boolean | null;
  approvalStatus?: string | null;
  displayName?: string | null;
  systemName?: string | null;
  dnsName?: string | null;
  created?: number | null; // epoch seconds with fractions
  lastContact?: number | null;
  system?: {
    manufacturer?: string | null;
    model?: string | null;
    serialNumber?: string | null;
    biosSerialNumber?: string | null;
    virtualMachine?: boolean | null; // not used for the category: agent VMs keep their OS class (seed: Windows Server → Server)
  } | null;
  os?: { name?: string | null } | null;
  vendor?: string | null; // VM hosts
  model?: string | null; // VM hosts
  serviceTag?: string | null; // VM hosts: the hardware serial
  releaseName?: string | null; // VM hosts: "VMware ESXi 8.0.2 build-..."
  guestOSFullName?: string | null; // agentless VM guests
  lastLoggedInUser?: string | null;
  assignedOwnerUid?: string | null;
  references?: { warranty?: { startDate?: number | null; endDate?: number | null } | null } | null;
}

export interface MappingContext {
  /** The device role's category override (issue 6 "Device role mapping"); wins over the nodeClass table. */
  nodeClassCategoryOverride?: AssetCategory | null;
}

/** The asset fields a sync owns. Keys are the drizzle column names of `assets` where one exists. */
export interface MappedDevice {
  name: string;
  manufacturer: string | null;
  model: string | null;
  /** Shown as the asset's serial: the trustworthy one, else what NinjaOne reported (e.g. "Default string"). */
  serialNumber: string | null;
  /** Whether serialNumber may be used to match assets (not a placeholder). Not a column. */
  serialTrustworthy: boolean;
  notes: string | null; // the OS name, as the seed says
  status: AssetStatus;
  category: AssetCategory;
  ninjaDeviceId: number;
  ninjaDeviceUid: string | null;
  ninjaOrgId: number | null;
  ninjaLocationId: number | null;
  ninjaRoleId: number | null;
  ninjaNodeClass: string | null;
  ninjaOffline: boolean | null;
  ninjaLastContact: number | null; // epoch ms
  ninjaLastLoggedInUser: string | null;
  ninjaAssignedOwnerUid: string | null;
  ninjaCreatedAt: number | null; // epoch ms
  ninjaOsName: string | null;
  /** False when the payload carried no warranty (not expanded): keep what the asset already has. Not a column. */
  warrantyKnown: boolean;
  warrantyStart: string | null; // YYYY-MM-DD
  warrantyEnd: string | null;
}

/** First non-blank string, trimmed. */
function firstText(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return null;
}

const SECONDS_MIN = 946_684_800; // 2000-01-01 in seconds
const SECONDS_MAX = 4_102_444_800; // 2100-01-01 in seconds

/**
 * NinjaOne timestamps are epoch seconds (with fractions) but some nested fields are milliseconds;
 * decide by range like homotechsual's converter (fact sheet §11.11). Zero, negative or absurd values → null.
 */
export function epochToMs(value: number | null | undefined): number | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  if (value >= SECONDS_MIN && value <= SECONDS_MAX) return Math.round(value * 1000);
  if (value >= SECONDS_MIN * 1000 && value <= SECONDS_MAX * 1000) return Math.round(value);
  return null;
}

/** Epoch (s or ms) → UTC calendar date, the form assets store warranty dates in. */
export function epochToIsoDate(value: number | null | undefined): string | null {
  const ms = epochToMs(value);
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}

/** Online → in use, offline → available (seed 003); a device NinjaOne ITAM decommissioned is retired. */
export function statusForDevice(device: Pick<DeviceInput, "offline" | "approvalStatus">): AssetStatus {
  if (device.approvalStatus === "DECOMMISSIONED") return "retired";
  return device.offline === false ? "in_use" : "available"; // unknown reachability is not "in use"
}

export function mapDevice(device: DeviceInput, ctx: MappingContext = {}): MappedDevice {
  const serial = deviceSerial(device);
  const osName = firstText(device.os?.name, device.releaseName, device.guestOSFullName);
  const warranty = device.references?.warranty ?? null;
  return {
    // displayName may be an IP or equal systemName; this order is the common client pattern (fact sheet §11.17).
    name: firstText(device.displayName, device.systemName, device.dnsName) ?? `Device ${device.id}`,
    manufacturer: firstText(device.system?.manufacturer, device.vendor),
    model: firstText(device.system?.model, device.model),
    serialNumber: serial.display,
    serialTrustworthy: serial.trustworthy !== null,
    notes: osName,
    status: statusForDevice(device),
    category: ctx.nodeClassCategoryOverride ?? categoryForNodeClass(device.nodeClass),
    ninjaDeviceId: device.id,
    ninjaDeviceUid: firstText(device.uid),
    ninjaOrgId: device.organizationId ?? null,
    ninjaLocationId: device.locationId ?? null,
    ninjaRoleId: device.nodeRoleId ?? null,
    ninjaNodeClass: firstText(device.nodeClass),
    ninjaOffline: typeof device.offline === "boolean" ? device.offline : null,
    ninjaLastContact: epochToMs(device.lastContact),
    ninjaLastLoggedInUser: firstText(device.lastLoggedInUser),
    ninjaAssignedOwnerUid: firstText(device.assignedOwnerUid),
    ninjaCreatedAt: epochToMs(device.created),
    ninjaOsName: osName,
    warrantyKnown: warranty !== null,
    warrantyStart: epochToIsoDate(warranty?.startDate),
    warrantyEnd: epochToIsoDate(warranty?.endDate),
  };
}

/** Bump when the mapping rules change, so the next sync rewrites every asset once with the new rules. */
export const MAPPING_VERSION = 2; // 2: every NMS class is a Network Device (seed 003)

/**
 * Stable hash of the synced fields: an unchanged device is not written at all (issue 5).
 * lastContact moves every few minutes on every online device, so it enters only as its UTC day:
 * an online device is rewritten at most once a day for it, and its last contact is never more than a day stale.
 */
export function mappedHash(m: MappedDevice): string {
  const { ninjaLastContact, ...synced } = m;
  const lastContactDay = ninjaLastContact === null ? null : new Date(ninjaLastContact).toISOString().slice(0, 10);
  return fnv1a64Hex(stableStringify({ v: MAPPING_VERSION, ...synced, lastContactDay }));
}

/**
 * Hash of the raw device record as NinjaOne sent it (after the client's schema), plus what else
 * the mapping depends on (MAPPING_VERSION, the role's category override). Equal raw hashes mean an
 * equal mapping, so a sync that finds the hash it stored skips mapping the device at all. Like
 * mappedHash, lastContact enters as its UTC day; lastUpdate (not read by mapDevice, moves all the
 * time) is left out. Anything else that moves makes the hashes differ: the device is then mapped
 * and compared by mappedHash as before, so a miss costs time, never a wrong answer.
 */
export function rawDeviceHash(device: DeviceInput & { lastUpdate?: unknown }, override: AssetCategory | null | undefined): string {
  const { lastContact, lastUpdate: _lastUpdate, ...rest } = device;
  const lastContactMs = epochToMs(lastContact);
  const lastContactDay = lastContactMs === null ? null : new Date(lastContactMs).toISOString().slice(0, 10);
  return fnv1a64Hex(`${MAPPING_VERSION}|${override ?? ""}|${lastContactDay ?? ""}|${JSON.stringify(rest)}`);
}
