// NinjaOne nodeClass → Core asset category and a human label: the one table every screen and sync uses.

/** Core's asset categories (mirrors ASSET_CATEGORIES in workers/db/schema.ts; a unit test keeps them equal). */
export const ASSET_CATEGORIES = [
  "Workstation",
  "Server",
  "Mac",
  "Virtual Host",
  "Virtual Machine",
  "Cloud Service",
  "Network Device",
  "Mobile Device",
  "Other",
] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];

/** Every nodeClass in NinjaOne's public API spec (fact sheet §7.1). Unknown future values are still accepted as strings. */
export const NODE_CLASSES = [
  "WINDOWS_SERVER",
  "WINDOWS_WORKSTATION",
  "LINUX_WORKSTATION",
  "MAC",
  "ANDROID",
  "APPLE_IOS",
  "APPLE_IPADOS",
  "VMWARE_VM_HOST",
  "VMWARE_VM_GUEST",
  "HYPERV_VMM_HOST",
  "HYPERV_VMM_GUEST",
  "LINUX_SERVER",
  "MAC_SERVER",
  "CLOUD_MONITOR_TARGET",
  "NMS_SWITCH",
  "NMS_ROUTER",
  "NMS_FIREWALL",
  "NMS_PRIVATE_NETWORK_GATEWAY",
  "NMS_PRINTER",
  "NMS_SCANNER",
  "NMS_DIAL_MANAGER",
  "NMS_WAP",
  "NMS_IPSLA",
  "NMS_COMPUTER",
  "NMS_VM_HOST",
  "NMS_APPLIANCE",
  "NMS_OTHER",
  "NMS_SERVER",
  "NMS_PHONE",
  "NMS_VIRTUAL_MACHINE",
  "NMS_NETWORK_MANAGEMENT_AGENT",
  "UNMANAGED_DEVICE",
  "MANAGED_DEVICE",
] as const;
export type NodeClass = (typeof NODE_CLASSES)[number];

/**
 * The table (the only one: the simulator and every screen read it). Seed 003 "Device Categories"
 * fixes the Windows, Mac, Linux, VMware, Cloud Monitor and NMS rows; the rest are our judgement:
 * the category says what the thing IS (so reports and replacement policies treat it right),
 * not how NinjaOne happens to monitor it.
 */
export const NODE_CLASS_TABLE: Record<NodeClass, { category: AssetCategory; label: string }> = {
  // Seed 003 rows.
  WINDOWS_WORKSTATION: { category: "Workstation", label: "Windows Workstation" },
  WINDOWS_SERVER: { category: "Server", label: "Windows Server" },
  MAC: { category: "Mac", label: "Mac" },
  LINUX_WORKSTATION: { category: "Workstation", label: "Linux Workstation" },
  LINUX_SERVER: { category: "Server", label: "Linux Server" },
  VMWARE_VM_HOST: { category: "Virtual Host", label: "VMware Host" },
  VMWARE_VM_GUEST: { category: "Virtual Machine", label: "VMware Guest" },
  CLOUD_MONITOR_TARGET: { category: "Cloud Service", label: "Cloud Monitor" },
  // Hyper-V is the same pair as VMware.
  HYPERV_VMM_HOST: { category: "Virtual Host", label: "Hyper-V Host" },
  HYPERV_VMM_GUEST: { category: "Virtual Machine", label: "Hyper-V Guest" },
  // A Mac that NinjaOne classes as a server does server work: it belongs with servers in reports and
  // replacement policies (e.g. 60 months, not the 48 of desktops). The seed's "Mac → Mac" row is the MAC class.
  MAC_SERVER: { category: "Server", label: "Mac Server" },
  // MDM-managed phones and tablets.
  ANDROID: { category: "Mobile Device", label: "Android" },
  APPLE_IOS: { category: "Mobile Device", label: "Apple iOS" },
  APPLE_IPADOS: { category: "Mobile Device", label: "Apple iPadOS" },
  // Network monitoring (NMS): seed 003 says "NMS → Network Device", for every NMS_* class. A
  // workspace that wants NMS servers or VMs filed elsewhere refines it with a Device Role override.
  NMS_SWITCH: { category: "Network Device", label: "Switch (NMS)" },
  NMS_ROUTER: { category: "Network Device", label: "Router (NMS)" },
  NMS_FIREWALL: { category: "Network Device", label: "Firewall (NMS)" },
  NMS_PRIVATE_NETWORK_GATEWAY: { category: "Network Device", label: "Private Network Gateway (NMS)" },
  NMS_WAP: { category: "Network Device", label: "Wireless Access Point (NMS)" },
  NMS_DIAL_MANAGER: { category: "Network Device", label: "Dial Manager (NMS)" },
  NMS_IPSLA: { category: "Network Device", label: "IP SLA Monitor (NMS)" },
  NMS_APPLIANCE: { category: "Network Device", label: "Network Appliance (NMS)" },
  NMS_NETWORK_MANAGEMENT_AGENT: { category: "Network Device", label: "Network Management Agent (NMS)" },
  NMS_OTHER: { category: "Network Device", label: "Other Network Device (NMS)" },
  NMS_PRINTER: { category: "Network Device", label: "Printer (NMS)" },
  NMS_SCANNER: { category: "Network Device", label: "Scanner (NMS)" },
  NMS_PHONE: { category: "Network Device", label: "IP Phone (NMS)" },
  NMS_SERVER: { category: "Network Device", label: "Server (NMS)" },
  NMS_COMPUTER: { category: "Network Device", label: "Computer (NMS)" },
  NMS_VM_HOST: { category: "Network Device", label: "VM Host (NMS)" },
  NMS_VIRTUAL_MACHINE: { category: "Network Device", label: "Virtual Machine (NMS)" },
  // ITAM records: anything from a projector to a laptop; nothing tells us which.
  UNMANAGED_DEVICE: { category: "Other", label: "Unmanaged Device" },
  MANAGED_DEVICE: { category: "Other", label: "Managed Device" },
};

const KNOWN = new Set<string>(NODE_CLASSES);

export function isNodeClass(value: string): value is NodeClass {
  return KNOWN.has(value);
}

/** Category for any nodeClass string; never throws (NinjaOne adds classes without notice). */
export function categoryForNodeClass(nodeClass: string | null | undefined): AssetCategory {
  const value = (nodeClass ?? "").trim().toUpperCase();
  if (isNodeClass(value)) return NODE_CLASS_TABLE[value].category;
  // A future NMS_* kind (or the bare "NMS" some clients send) is still something NMS found on the network.
  if (value === "NMS" || value.startsWith("NMS_")) return "Network Device";
  return "Other";
}

/** Human label ("Windows Workstation", "VMware Host"); unknown values are title-cased rather than hidden. */
export function nodeClassLabel(nodeClass: string | null | undefined): string {
  const value = (nodeClass ?? "").trim();
  const upper = value.toUpperCase();
  if (isNodeClass(upper)) return NODE_CLASS_TABLE[upper].label;
  if (value === "") return "Unknown";
  return value
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(" ");
}
