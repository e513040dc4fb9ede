import { describe, expect, it } from "vitest";
import { ASSET_CATEGORIES as SCHEMA_CATEGORIES } from "@workers/db/schema";
import {
  ASSET_CATEGORIES,
  NODE_CLASSES,
  NODE_CLASS_TABLE,
  categoryForNodeClass,
  nodeClassLabel,
} from "@workers/domain/categories";

describe("Device categories: seed 003 'Device Categories' table", () => {
  // NinjaOne type as the seed names it, the nodeClass the API sends, the Core category.
  const seed: Array<[string, string, string]> = [
    ["Windows Workstation", "WINDOWS_WORKSTATION", "Workstation"],
    ["Windows Server", "WINDOWS_SERVER", "Server"],
    ["Mac", "MAC", "Mac"],
    ["Linux Workstation", "LINUX_WORKSTATION", "Workstation"],
    ["Linux Server", "LINUX_SERVER", "Server"],
    ["VMware Host", "VMWARE_VM_HOST", "Virtual Host"],
    ["VMware Guest", "VMWARE_VM_GUEST", "Virtual Machine"],
    ["Cloud Monitor", "CLOUD_MONITOR_TARGET", "Cloud Service"],
  ];
  it.each(seed)("%s (%s) → %s", (label, nodeClass, category) => {
    expect(categoryForNodeClass(nodeClass)).toBe(category);
    expect(nodeClassLabel(nodeClass)).toBe(label);
  });

  it("NMS → Network Device (the seed's row, for every NMS network kind)", () => {
    for (const nodeClass of ["NMS_SWITCH", "NMS_ROUTER", "NMS_FIREWALL", "NMS_WAP", "NMS_OTHER", "NMS_APPLIANCE"]) {
      expect(categoryForNodeClass(nodeClass)).toBe("Network Device");
    }
  });
});

describe("Device categories: all 33 node classes against seed 003's table", () => {
  // Seed 003 "Device Categories", row by row (NinjaOne Type → Core Category).
  const SEED_003: Record<string, string> = {
    "Windows Workstation": "Workstation",
    "Windows Server": "Server",
    Mac: "Mac",
    "Linux Workstation": "Workstation",
    "Linux Server": "Server",
    "VMware Host": "Virtual Host",
    "VMware Guest": "Virtual Machine",
    "Cloud Monitor": "Cloud Service",
    NMS: "Network Device",
  };
  // The seed row each class falls under; null: the seed has no row (our judgement, tested below).
  const seedRowOf = (nodeClass: string): string | null =>
    nodeClass.startsWith("NMS_")
      ? "NMS"
      : ({
          WINDOWS_WORKSTATION: "Windows Workstation",
          WINDOWS_SERVER: "Windows Server",
          MAC: "Mac",
          LINUX_WORKSTATION: "Linux Workstation",
          LINUX_SERVER: "Linux Server",
          VMWARE_VM_HOST: "VMware Host",
          VMWARE_VM_GUEST: "VMware Guest",
          CLOUD_MONITOR_TARGET: "Cloud Monitor",
        }[nodeClass] ?? null);

  it.each([...NODE_CLASSES])("%s follows its seed row", (nodeClass) => {
    const row = seedRowOf(nodeClass);
    if (row === null) {
      expect(["HYPERV_VMM_HOST", "HYPERV_VMM_GUEST", "MAC_SERVER", "ANDROID", "APPLE_IOS", "APPLE_IPADOS", "UNMANAGED_DEVICE", "MANAGED_DEVICE"]).toContain(nodeClass);
    } else {
      expect(categoryForNodeClass(nodeClass)).toBe(SEED_003[row]);
    }
  });

  it("the seed covers 25 of the 33 classes; every NMS class is a Network Device", () => {
    expect(NODE_CLASSES.filter((c) => seedRowOf(c) !== null)).toHaveLength(25);
    expect(NODE_CLASSES.filter((c) => c.startsWith("NMS_")).every((c) => NODE_CLASS_TABLE[c].category === "Network Device")).toBe(true);
  });
});

describe("Device categories: every nodeClass in NinjaOne's spec (fact sheet §7.1)", () => {
  const table: Array<[string, string, string]> = [
    ["WINDOWS_SERVER", "Server", "Windows Server"],
    ["WINDOWS_WORKSTATION", "Workstation", "Windows Workstation"],
    ["LINUX_WORKSTATION", "Workstation", "Linux Workstation"],
    ["MAC", "Mac", "Mac"],
    ["ANDROID", "Mobile Device", "Android"],
    ["APPLE_IOS", "Mobile Device", "Apple iOS"],
    ["APPLE_IPADOS", "Mobile Device", "Apple iPadOS"],
    ["VMWARE_VM_HOST", "Virtual Host", "VMware Host"],
    ["VMWARE_VM_GUEST", "Virtual Machine", "VMware Guest"],
    ["HYPERV_VMM_HOST", "Virtual Host", "Hyper-V Host"],
    ["HYPERV_VMM_GUEST", "Virtual Machine", "Hyper-V Guest"],
    ["LINUX_SERVER", "Server", "Linux Server"],
    ["MAC_SERVER", "Server", "Mac Server"], // a Mac doing server work follows server policies
    ["CLOUD_MONITOR_TARGET", "Cloud Service", "Cloud Monitor"],
    ["NMS_SWITCH", "Network Device", "Switch (NMS)"],
    ["NMS_ROUTER", "Network Device", "Router (NMS)"],
    ["NMS_FIREWALL", "Network Device", "Firewall (NMS)"],
    ["NMS_PRIVATE_NETWORK_GATEWAY", "Network Device", "Private Network Gateway (NMS)"],
    ["NMS_PRINTER", "Network Device", "Printer (NMS)"],
    ["NMS_SCANNER", "Network Device", "Scanner (NMS)"],
    ["NMS_DIAL_MANAGER", "Network Device", "Dial Manager (NMS)"],
    ["NMS_WAP", "Network Device", "Wireless Access Point (NMS)"],
    ["NMS_IPSLA", "Network Device", "IP SLA Monitor (NMS)"],
    ["NMS_COMPUTER", "Network Device", "Computer (NMS)"],
    ["NMS_VM_HOST", "Network Device", "VM Host (NMS)"],
    ["NMS_APPLIANCE", "Network Device", "Network Appliance (NMS)"],
    ["NMS_OTHER", "Network Device", "Other Network Device (NMS)"],
    ["NMS_SERVER", "Network Device", "Server (NMS)"],
    ["NMS_PHONE", "Network Device", "IP Phone (NMS)"],
    ["NMS_VIRTUAL_MACHINE", "Network Device", "Virtual Machine (NMS)"],
    ["NMS_NETWORK_MANAGEMENT_AGENT", "Network Device", "Network Management Agent (NMS)"],
    ["UNMANAGED_DEVICE", "Other", "Unmanaged Device"],
    ["MANAGED_DEVICE", "Other", "Managed Device"],
  ];

  it.each(table)("%s → %s, labelled %s", (nodeClass, category, label) => {
    expect(categoryForNodeClass(nodeClass)).toBe(category);
    expect(nodeClassLabel(nodeClass)).toBe(label);
  });

  it("the table above covers all 33 spec values, and the module's table has no others", () => {
    expect(NODE_CLASSES).toHaveLength(33);
    expect(new Set(table.map(([nodeClass]) => nodeClass))).toEqual(new Set(NODE_CLASSES));
    expect(Object.keys(NODE_CLASS_TABLE).sort()).toEqual([...NODE_CLASSES].sort());
  });

  it("every category the table uses is a Core category, and the domain list equals the database's", () => {
    expect([...ASSET_CATEGORIES]).toEqual([...SCHEMA_CATEGORIES]);
    for (const { category } of Object.values(NODE_CLASS_TABLE)) expect(ASSET_CATEGORIES).toContain(category);
  });
});

describe("Device categories: values the spec does not list", () => {
  const table: Array<[string | null | undefined, string, string]> = [
    ["NMS_SATELLITE_DISH", "Network Device", "Nms Satellite Dish"], // a future NMS kind is still network gear
    ["NMS", "Network Device", "Nms"], // invalid bare value some clients send
    ["LINUX", "Other", "Linux"], // invalid, seen in buggy clients
    ["VMWARE_VM", "Other", "Vmware Vm"],
    ["QUANTUM_TOASTER", "Other", "Quantum Toaster"],
    ["windows_server", "Server", "Windows Server"], // casing does not matter
    ["", "Other", "Unknown"],
    [null, "Other", "Unknown"],
    [undefined, "Other", "Unknown"],
  ];
  it.each(table)("%s → %s (never throws)", (nodeClass, category, label) => {
    expect(categoryForNodeClass(nodeClass)).toBe(category);
    expect(nodeClassLabel(nodeClass)).toBe(label);
  });
});
