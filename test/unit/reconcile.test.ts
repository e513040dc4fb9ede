import { describe, expect, it } from "vitest";
import { mapDevice, type AssetStatus, type DeviceInput } from "@workers/domain/device-mapping";
import {
  assetNameKey,
  decideAssetMatch,
  deviceLifecycle,
  type AssetMatchDecision,
  type LifecycleInput,
} from "@workers/domain/reconcile";
import { serialKey } from "@workers/domain/serials";

// A workspace's existing assets before its first NinjaOne sync.
type ExistingAsset = { id: string; name: string; serial: string | null; customerId: string | null; ninjaDeviceId: number | null };
const assets: ExistingAsset[] = [
  { id: "asset-linked", name: "BWL-LT-0042", serial: "PF4XK2QZ", customerId: "cust-bluewater", ninjaDeviceId: 4107 },
  { id: "asset-by-serial", name: "Finance laptop (old name)", serial: "mxl1234abc", customerId: "cust-bluewater", ninjaDeviceId: null },
  { id: "asset-dup-serial-1", name: "HP desktop", serial: "CZC9999XYZ", customerId: "cust-bluewater", ninjaDeviceId: null },
  { id: "asset-dup-serial-2", name: "HP desktop (spare)", serial: "CZC9999XYZ", customerId: "cust-harbour", ninjaDeviceId: null },
  { id: "asset-golden-image", name: "Template VM", serial: "VMware-42 1a 77", customerId: "cust-bluewater", ninjaDeviceId: null },
  { id: "asset-reception", name: "Reception-PC", serial: null, customerId: "cust-bluewater", ninjaDeviceId: null },
  { id: "asset-backup-elsewhere", name: "hdg-backup01", serial: null, customerId: "cust-other", ninjaDeviceId: null },
  { id: "asset-kiosk-1", name: "KIOSK", serial: null, customerId: "cust-bluewater", ninjaDeviceId: null },
  { id: "asset-kiosk-2", name: "kiosk", serial: null, customerId: "cust-bluewater", ninjaDeviceId: null },
  { id: "asset-meeting", name: "MEETING-ROOM", serial: null, customerId: "cust-bluewater", ninjaDeviceId: null },
];

// NinjaOne organization id → Core customer (organization mapping); 99 is not mapped.
const customerOfOrg = new Map<number, string>([
  [12, "cust-bluewater"],
  [27, "cust-harbour"],
]);

const device = (id: number, organizationId: number, displayName: string, serial?: string): DeviceInput => ({
  id,
  organizationId,
  nodeClass: "WINDOWS_WORKSTATION",
  offline: false,
  displayName,
  system: serial === undefined ? {} : { serialNumber: serial },
});

const fleet: DeviceInput[] = [
  device(4107, 12, "BWL-LT-0042", "PF4XK2QZ"),
  device(4300, 12, "BWL-LT-0077", "MXL1234ABC"),
  device(4301, 12, "BWL-DT-0003", "CZC9999XYZ"),
  device(4302, 12, "BWL-VDI-01", "VMware-42 1a 77"),
  device(4303, 12, "BWL-VDI-02", "VMware-42 1a 77"),
  device(4304, 12, "BWL-VDI-03", "VMware-42  1A 77"),
  device(4305, 12, "  reception-pc ", "To be filled by O.E.M."),
  device(4153, 27, "hdg-backup01"),
  device(4306, 12, "Kiosk"),
  device(4307, 99, "UNMAPPED-PC"),
  { id: 3990, organizationId: 12, nodeClass: "VMWARE_VM_HOST", displayName: "10.12.0.21", serviceTag: "7QZK4M3", vendor: "Dell Inc." },
  device(4308, 12, "BWL-LT-0042-REIMAGED", "pf4xk2qz"),
  device(4309, 12, "Meeting-Room"),
  device(4310, 12, "meeting-room"),
];

/** What the sync does for one page: look up each device's candidates, then ask the rule. */
function reconcilePage(devices: DeviceInput[]): Map<number, AssetMatchDecision> {
  const mapped = devices.map((d) => mapDevice(d));
  const linkedSerials = assets.filter((a) => a.ninjaDeviceId !== null && a.serial !== null);
  const decisions = new Map<number, AssetMatchDecision>();
  for (const m of mapped) {
    const serial = m.serialTrustworthy ? m.serialNumber : null;
    const key = serialKey(serial);
    const customerId = m.ninjaOrgId === null ? null : (customerOfOrg.get(m.ninjaOrgId) ?? null);
    const sameSerialDevices = new Set<number>();
    if (key !== null) {
      for (const other of mapped) if (other.serialTrustworthy && serialKey(other.serialNumber) === key) sameSerialDevices.add(other.ninjaDeviceId);
      for (const a of linkedSerials) if (serialKey(a.serial) === key && a.ninjaDeviceId !== null) sameSerialDevices.add(a.ninjaDeviceId);
    }
    const namesakes = mapped.filter(
      (other) => !other.serialTrustworthy && assetNameKey(other.name) === assetNameKey(m.name) && other.ninjaOrgId === m.ninjaOrgId,
    );
    const unlinked = assets.filter((a) => a.ninjaDeviceId === null);
    decisions.set(
      m.ninjaDeviceId,
      decideAssetMatch({
        linkedAssetId: assets.find((a) => a.ninjaDeviceId === m.ninjaDeviceId)?.id ?? null,
        serial,
        unlinkedAssetIdsWithSerial: key === null ? [] : unlinked.filter((a) => serialKey(a.serial) === key).map((a) => a.id),
        devicesSharingSerial: sameSerialDevices.size,
        customerId,
        unlinkedAssetIdsWithName: unlinked
          .filter((a) => a.customerId === customerId && assetNameKey(a.name) === assetNameKey(m.name))
          .map((a) => a.id),
        devicesSharingName: namesakes.length,
      }),
    );
  }
  return decisions;
}

describe("Which asset a NinjaOne device becomes (issue 5, seed 000 'Mapping Behaviors')", () => {
  const decisions = reconcilePage(fleet);

  // NinjaOne device → what happens, to which existing asset, and the reason the user sees.
  const table: Array<[number, string, AssetMatchDecision["action"], string | undefined, string]> = [
    [4107, "already linked to an asset", "update", "asset-linked", "linked by NinjaOne id"],
    [4300, "serial matches one unlinked asset (any casing)", "link", "asset-by-serial", "matched existing asset by serial MXL1234ABC"],
    [4301, "serial matches two assets: nothing is merged", "create", undefined, "created: serial CZC9999XYZ matches 2 existing assets"],
    [4302, "three cloned VMs share a serial", "create", undefined, "created: serial VMware-42 1a 77 shared by 3 devices"],
    [4304, "same clone, serial spaced and cased differently", "create", undefined, "created: serial VMware-42 1A 77 shared by 3 devices"],
    [4305, "placeholder serial: matched by name within its customer", "link", "asset-reception", "matched by name"],
    [4153, "no serial; the same name exists only at another customer", "create", undefined, "created: no serial, and no asset of this customer has its name"],
    [4306, "no serial; two assets of the customer have its name", "create", undefined, "created: no serial, and its name matches 2 assets of this customer"],
    [4307, "no serial; organization not mapped to a customer", "create", undefined, "created: no serial, and its organization is not mapped to a customer"],
    [3990, "ESXi host: service tag matches no asset", "create", undefined, "created: no existing asset with serial 7QZK4M3"],
    [4308, "re-imaged machine: new device id, serial of a linked asset", "create", undefined, "created: serial pf4xk2qz shared by 2 devices"],
    [4309, "no serial; two devices would claim one asset by name", "create", undefined, "created: no serial, and 2 devices of this customer share its name"],
  ];

  it.each(table)("device %i (%s) → %s %s: %s", (deviceId, _case, action, assetId, reason) => {
    const decision = decisions.get(deviceId);
    expect(decision).toMatchObject({ action, reason });
    expect(decision?.assetId).toBe(assetId);
  });

  it("records how each asset was matched", () => {
    expect(decisions.get(4107)?.matchedBy).toBe("ninja_id");
    expect(decisions.get(4300)?.matchedBy).toBe("serial");
    expect(decisions.get(4305)?.matchedBy).toBe("name");
    expect(decisions.get(4301)?.matchedBy).toBe("created");
  });

  it("never links two devices to the same asset", () => {
    const linked = [...decisions.values()].flatMap((d) => (d.action === "link" ? [d.assetId] : []));
    expect(new Set(linked).size).toBe(linked.length);
  });

  it("a device with a real serial is not matched by name, even when the name matches", () => {
    const decision = decideAssetMatch({
      linkedAssetId: null,
      serial: "5CG1234XYZ",
      unlinkedAssetIdsWithSerial: [],
      devicesSharingSerial: 1,
      customerId: "cust-bluewater",
      unlinkedAssetIdsWithName: ["asset-reception"],
    });
    expect(decision).toMatchObject({ action: "create", reason: "created: no existing asset with serial 5CG1234XYZ" });
  });

  it("the NinjaOne id wins over every other rule", () => {
    const decision = decideAssetMatch({
      linkedAssetId: "asset-linked",
      serial: "CZC9999XYZ",
      unlinkedAssetIdsWithSerial: ["asset-dup-serial-1"],
      devicesSharingSerial: 4,
      customerId: null,
      unlinkedAssetIdsWithName: ["asset-reception"],
    });
    expect(decision).toEqual({ action: "update", assetId: "asset-linked", matchedBy: "ninja_id", reason: "linked by NinjaOne id" });
  });
});

describe("assetNameKey: names compare trimmed and case-insensitively", () => {
  it.each([
    ["  Reception-PC ", "reception-pc"],
    ["MEETING  ROOM", "meeting room"],
    ["kiosk", "kiosk"],
  ])("%j → %j", (name, key) => {
    expect(assetNameKey(name)).toBe(key);
  });
});

describe("A device that disappears from NinjaOne, or comes back (seed 000 'Device is deleted from NinjaOne')", () => {
  const NOW = Date.UTC(2025, 6, 1, 12);
  const EARLIER = Date.UTC(2025, 5, 20);
  const inUse: AssetStatus = "in_use";
  const base = { nowMs: NOW, markInactiveOnDelete: true, ninjaDeletedAt: null, status: inUse };

  const table: Array<[string, LifecycleInput, ReturnType<typeof deviceLifecycle>]> = [
    ["still there: nothing to do", { ...base, present: true }, { change: "none" }],
    [
      "gone, setting on: marked inactive",
      { ...base, present: false },
      { change: "deleted", status: "inactive", ninjaDeletedAt: NOW, reason: "device deleted in NinjaOne: marked inactive" },
    ],
    [
      "gone, setting off: status left as it was, deletion recorded",
      { ...base, present: false, markInactiveOnDelete: false, status: "available" },
      { change: "deleted", status: "available", ninjaDeletedAt: NOW, reason: "device deleted in NinjaOne: status left as it was (setting off)" },
    ],
    [
      "gone, setting on, but someone retired the asset: stays retired",
      { ...base, present: false, status: "retired" },
      { change: "deleted", status: "retired", ninjaDeletedAt: NOW, reason: "device deleted in NinjaOne: asset already retired" },
    ],
    ["still gone on the next run: nothing twice", { ...base, present: false, status: "inactive", ninjaDeletedAt: EARLIER }, { change: "none" }],
    [
      "back and online: reactivated as in use",
      { ...base, present: true, status: "inactive", ninjaDeletedAt: EARLIER, device: { offline: false } },
      { change: "reactivated", status: "in_use", ninjaDeletedAt: null, reason: "device is back in NinjaOne: reactivated" },
    ],
    [
      "back but offline: reactivated as available",
      { ...base, present: true, status: "inactive", ninjaDeletedAt: EARLIER, device: { offline: true } },
      { change: "reactivated", status: "available", ninjaDeletedAt: null, reason: "device is back in NinjaOne: reactivated" },
    ],
  ];

  it.each(table)("%s", (_case, input, expected) => {
    expect(deviceLifecycle(input)).toEqual(expected);
  });
});
