import { describe, expect, it } from "vitest";
import { ASSET_STATUSES as SCHEMA_STATUSES } from "@workers/db/schema";
import {
  ASSET_STATUSES,
  epochToIsoDate,
  epochToMs,
  mapDevice,
  mappedHash,
  type DeviceInput,
  type MappedDevice,
} from "@workers/domain/device-mapping";

const LAST_CONTACT = 1751023387.118; // 2025-06-27 11:23 UTC

// Devices shaped like the fact sheet's examples (§13.3–13.6) and its notes on other kinds (§4.8).
const laptopA: DeviceInput = {
  id: 4107,
  uid: "8b2f6d4a-1c3e-4f5a-9b7c-2d4e6f8a0b1c",
  assignedOwnerUid: "c5e7a9b1-3d5f-4a7c-8e0b-1d3f5a7c9e2b",
  organizationId: 12,
  locationId: 31,
  nodeClass: "WINDOWS_WORKSTATION",
  nodeRoleId: 1,
  approvalStatus: "APPROVED",
  offline: false,
  displayName: "BWL-LT-0042",
  systemName: "BWL-LT-0042",
  dnsName: "BWL-LT-0042.bluewater.local",
  created: 1718353211.402114,
  lastContact: LAST_CONTACT,
  references: { warranty: { startDate: 1686009600, endDate: 1780617600 } },
  os: { name: "Windows 11 Professional Edition" },
  system: {
    manufacturer: "LENOVO",
    model: "21CB005XUK",
    biosSerialNumber: "PF4XK2QZ",
    serialNumber: "PF4XK2QZ",
    virtualMachine: false,
  },
  lastLoggedInUser: "BLUEWATER\\m.okafor",
};

const linuxServerB: DeviceInput = {
  id: 4153,
  uid: "0f1e2d3c-4b5a-4697-8877-66554433aa21",
  organizationId: 27,
  locationId: 58,
  nodeClass: "LINUX_SERVER",
  nodeRoleId: 5,
  offline: true,
  displayName: "hdg-backup01",
  systemName: "hdg-backup01",
  created: 1724157702.90133,
  lastContact: 1750419904.5,
  os: { name: "Ubuntu 22.04.4 LTS" },
  system: { manufacturer: "Supermicro", model: "SYS-5019C-M", virtualMachine: false },
  lastLoggedInUser: "root",
};

const kvmGuestC: DeviceInput = {
  id: 4188,
  organizationId: 12,
  nodeClass: "WINDOWS_SERVER",
  offline: false,
  displayName: "BWL-APP02",
  os: { name: "Windows Server 2022 Standard Edition" },
  system: {
    manufacturer: "QEMU",
    model: "Standard PC (Q35 + ICH9, 2009)",
    biosSerialNumber: "Default string",
    serialNumber: "Default string",
    virtualMachine: true,
  },
};

const esxiHost: DeviceInput = {
  id: 3990,
  organizationId: 12,
  locationId: 31,
  nodeClass: "VMWARE_VM_HOST",
  nodeRoleId: 9,
  offline: false,
  displayName: "10.12.0.21",
  systemName: "esx01.bluewater.local",
  dnsName: "10.12.0.21",
  created: 1709215023.553104,
  model: "PowerEdge R650xs",
  serviceTag: "7QZK4M3",
  vendor: "Dell Inc.",
  releaseName: "VMware ESXi 8.0.2 build-22380479",
};

const agentlessGuest: DeviceInput = {
  id: 3991,
  organizationId: 12,
  nodeClass: "VMWARE_VM_GUEST",
  offline: true,
  displayName: "   ",
  systemName: "bwl-sql01",
  guestOSFullName: "Microsoft Windows Server 2019 (64-bit)",
};

const iphone: DeviceInput = {
  id: 5001,
  organizationId: 27,
  nodeClass: "APPLE_IOS",
  offline: false,
  displayName: "Maria's iPhone",
  system: { manufacturer: "Apple", model: "iPhone 15", serialNumber: "F2LXK0ABCD12" },
};

const nmsSwitch: DeviceInput = { id: 6001, organizationId: 27, nodeClass: "NMS_SWITCH", offline: false, dnsName: "sw-core-01" };
const cloudMonitor: DeviceInput = { id: 7001, nodeClass: "CLOUD_MONITOR_TARGET", offline: true };
const decommissioned: DeviceInput = { ...laptopA, id: 4200, approvalStatus: "DECOMMISSIONED", offline: true };

describe("What a NinjaOne device becomes (seed 003 'What Gets Synced')", () => {
  type Row = [string, DeviceInput, Partial<MappedDevice>];
  const table: Row[] = [
    [
      "physical Windows laptop with serial and warranty (fact sheet device A)",
      laptopA,
      {
        name: "BWL-LT-0042",
        manufacturer: "LENOVO",
        model: "21CB005XUK",
        serialNumber: "PF4XK2QZ",
        serialTrustworthy: true,
        notes: "Windows 11 Professional Edition",
        status: "in_use",
        category: "Workstation",
        warrantyKnown: true,
        warrantyStart: "2023-06-06",
        warrantyEnd: "2026-06-05",
      },
    ],
    [
      "offline Linux server without serial keys (device B)",
      linuxServerB,
      {
        name: "hdg-backup01",
        manufacturer: "Supermicro",
        model: "SYS-5019C-M",
        serialNumber: null,
        serialTrustworthy: false,
        notes: "Ubuntu 22.04.4 LTS",
        status: "available",
        category: "Server",
        warrantyKnown: false,
        warrantyStart: null,
        warrantyEnd: null,
      },
    ],
    [
      "VM with the agent inside and a junk serial (device C): serial shown, not trusted",
      kvmGuestC,
      { name: "BWL-APP02", manufacturer: "QEMU", serialNumber: "Default string", serialTrustworthy: false, category: "Server" },
    ],
    [
      "ESXi host: flat vendor/model, service tag as serial, release name as OS, IP as display name",
      esxiHost,
      {
        name: "10.12.0.21",
        manufacturer: "Dell Inc.",
        model: "PowerEdge R650xs",
        serialNumber: "7QZK4M3",
        serialTrustworthy: true,
        notes: "VMware ESXi 8.0.2 build-22380479",
        category: "Virtual Host",
      },
    ],
    [
      "agentless VMware guest: blank display name falls back to system name, guest OS as notes",
      agentlessGuest,
      { name: "bwl-sql01", manufacturer: null, model: null, serialNumber: null, notes: "Microsoft Windows Server 2019 (64-bit)", status: "available", category: "Virtual Machine" },
    ],
    [
      "iPhone under MDM",
      iphone,
      { name: "Maria's iPhone", manufacturer: "Apple", model: "iPhone 15", serialNumber: "F2LXK0ABCD12", category: "Mobile Device", notes: null },
    ],
    ["NMS switch known only by DNS name", nmsSwitch, { name: "sw-core-01", category: "Network Device", status: "in_use" }],
    ["cloud monitor with no name at all", cloudMonitor, { name: "Device 7001", category: "Cloud Service", status: "available", ninjaOrgId: null }],
    ["device NinjaOne ITAM decommissioned", decommissioned, { status: "retired" }],
  ];

  it.each(table)("%s", (_case, device, expected) => {
    expect(mapDevice(device, {})).toMatchObject(expected);
  });

  it("keeps the NinjaOne link fields a dashboard link, reports and contact matching need", () => {
    expect(mapDevice(laptopA)).toMatchObject({
      ninjaDeviceId: 4107,
      ninjaDeviceUid: "8b2f6d4a-1c3e-4f5a-9b7c-2d4e6f8a0b1c",
      ninjaOrgId: 12,
      ninjaLocationId: 31,
      ninjaRoleId: 1,
      ninjaNodeClass: "WINDOWS_WORKSTATION",
      ninjaOffline: false,
      ninjaLastContact: 1751023387118,
      ninjaCreatedAt: 1718353211402,
      ninjaLastLoggedInUser: "BLUEWATER\\m.okafor",
      ninjaAssignedOwnerUid: "c5e7a9b1-3d5f-4a7c-8e0b-1d3f5a7c9e2b",
      ninjaOsName: "Windows 11 Professional Edition",
    });
  });

  it("a device role's category override wins over the nodeClass table", () => {
    expect(mapDevice(laptopA, { nodeClassCategoryOverride: "Mac" }).category).toBe("Mac");
    expect(mapDevice(laptopA, { nodeClassCategoryOverride: null }).category).toBe("Workstation");
  });

  it("a device whose reachability is unknown is not claimed to be in use", () => {
    const { offline: _offline, ...unknown } = laptopA;
    expect(mapDevice(unknown)).toMatchObject({ status: "available", ninjaOffline: null });
  });

  it("the domain's status list equals the database's", () => {
    expect([...ASSET_STATUSES]).toEqual([...SCHEMA_STATUSES]);
  });
});

describe("NinjaOne timestamps (fact sheet §11.11: seconds with fractions, sometimes milliseconds)", () => {
  const table: Array<[number | null | undefined, number | null, string | null]> = [
    [1686009600, 1686009600000, "2023-06-06"], // seconds
    [1718353211.402114, 1718353211402, "2024-06-14"], // seconds with fractions
    [1686009600000, 1686009600000, "2023-06-06"], // milliseconds, tolerated by range
    [0, null, null], // "no date" in some payloads
    [-5, null, null],
    [Number.NaN, null, null],
    [null, null, null],
    [undefined, null, null],
  ];
  it.each(table)("%s → %s ms, %s", (value, ms, iso) => {
    expect(epochToMs(value)).toBe(ms);
    expect(epochToIsoDate(value)).toBe(iso);
  });

  it("a warranty object without dates is known-empty, not unknown", () => {
    const m = mapDevice({ ...laptopA, references: { warranty: {} } });
    expect(m).toMatchObject({ warrantyKnown: true, warrantyStart: null, warrantyEnd: null });
  });
});

describe("Change detection hash (unchanged devices are not written)", () => {
  it("is the same for the same device whatever the key order", () => {
    const { name, ninjaDeviceId, ...rest } = mapDevice(laptopA);
    const reordered: MappedDevice = { ...rest, ninjaDeviceId, name }; // same fields, keys in another order
    expect(Object.keys(reordered)).not.toEqual(Object.keys(mapDevice(laptopA)));
    expect(mappedHash(reordered)).toBe(mappedHash(mapDevice(laptopA)));
    expect(mappedHash(mapDevice(laptopA))).toMatch(/^[0-9a-f]{16}$/);
  });

  const changes: Array<[string, DeviceInput]> = [
    ["renamed in NinjaOne", { ...laptopA, displayName: "BWL-LT-0043" }],
    ["moved to another organization", { ...laptopA, organizationId: 13 }],
    ["moved to another location", { ...laptopA, locationId: 32 }],
    ["went offline", { ...laptopA, offline: true }],
    ["OS upgraded", { ...laptopA, os: { name: "Windows 11 Enterprise" } }],
    ["new user logged in", { ...laptopA, lastLoggedInUser: "BLUEWATER\\j.doe" }],
    ["warranty extended", { ...laptopA, references: { warranty: { startDate: 1686009600, endDate: 1812153600 } } }],
    ["role changed", { ...laptopA, nodeRoleId: 2 }],
    ["last contact on another day", { ...laptopA, lastContact: LAST_CONTACT + 86_400 }],
  ];
  it.each(changes)("changes when the device is %s", (_case, changed) => {
    expect(mappedHash(mapDevice(changed))).not.toBe(mappedHash(mapDevice(laptopA)));
  });

  it("changes when a role override changes the category", () => {
    expect(mappedHash(mapDevice(laptopA, { nodeClassCategoryOverride: "Server" }))).not.toBe(mappedHash(mapDevice(laptopA)));
  });

  it("does not change when only the last contact moves within the same UTC day", () => {
    const anHourLater = { ...laptopA, lastContact: LAST_CONTACT + 3600 };
    expect(mappedHash(mapDevice(anHourLater))).toBe(mappedHash(mapDevice(laptopA)));
  });
});
