// The raw material of the simulated fleet: node classes and their share of a typical MSP fleet,
// real manufacturers/models and their serial formats, OS names, company and person names.

/** All 33 nodeClass values, in the spec's order (fact sheet §7.1). */
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

/** Share of a typical MSP fleet, in per-mille. Agents dominate; every class appears. */
export const NODE_CLASS_WEIGHTS: ReadonlyArray<readonly [NodeClass, number]> = [
  ["WINDOWS_WORKSTATION", 520],
  ["MAC", 60],
  ["LINUX_WORKSTATION", 8],
  ["WINDOWS_SERVER", 80],
  ["LINUX_SERVER", 30],
  ["MAC_SERVER", 2],
  ["VMWARE_VM_HOST", 10],
  ["VMWARE_VM_GUEST", 30],
  ["HYPERV_VMM_HOST", 6],
  ["HYPERV_VMM_GUEST", 18],
  ["ANDROID", 20],
  ["APPLE_IOS", 30],
  ["APPLE_IPADOS", 12],
  ["CLOUD_MONITOR_TARGET", 20],
  ["NMS_SWITCH", 25],
  ["NMS_ROUTER", 10],
  ["NMS_FIREWALL", 12],
  ["NMS_PRIVATE_NETWORK_GATEWAY", 2],
  ["NMS_PRINTER", 22],
  ["NMS_SCANNER", 3],
  ["NMS_DIAL_MANAGER", 1],
  ["NMS_WAP", 18],
  ["NMS_IPSLA", 1],
  ["NMS_COMPUTER", 4],
  ["NMS_VM_HOST", 2],
  ["NMS_APPLIANCE", 4],
  ["NMS_OTHER", 5],
  ["NMS_SERVER", 3],
  ["NMS_PHONE", 8],
  ["NMS_VIRTUAL_MACHINE", 3],
  ["NMS_NETWORK_MANAGEMENT_AGENT", 2],
  ["UNMANAGED_DEVICE", 15],
  ["MANAGED_DEVICE", 5],
];

export type ClassFamily = "agent" | "mdm" | "vmhost" | "vmguest" | "cloud" | "nms" | "itam";

export function familyOf(nodeClass: string): ClassFamily {
  switch (nodeClass) {
    case "WINDOWS_SERVER":
    case "WINDOWS_WORKSTATION":
    case "LINUX_WORKSTATION":
    case "LINUX_SERVER":
    case "MAC":
    case "MAC_SERVER":
      return "agent";
    case "ANDROID":
    case "APPLE_IOS":
    case "APPLE_IPADOS":
      return "mdm";
    case "VMWARE_VM_HOST":
    case "HYPERV_VMM_HOST":
      return "vmhost";
    case "VMWARE_VM_GUEST":
    case "HYPERV_VMM_GUEST":
      return "vmguest";
    case "CLOUD_MONITOR_TARGET":
      return "cloud";
    case "UNMANAGED_DEVICE":
    case "MANAGED_DEVICE":
      return "itam";
    default:
      return "nms";
  }
}

/** Classes a person uses day to day: they carry a last-logged-in user and may be assigned. */
export const PERSONAL_CLASSES: ReadonlySet<string> = new Set([
  "WINDOWS_WORKSTATION",
  "MAC",
  "LINUX_WORKSTATION",
  "ANDROID",
  "APPLE_IOS",
  "APPLE_IPADOS",
]);

// ---- device roles (GET /v2/roles) ---------------------------------------------------------

export type RoleSpec = {
  id: number;
  name: string;
  nodeClass: NodeClass;
  custom: boolean;
  chassisType: "UNKNOWN" | "DESKTOP" | "LAPTOP" | "MOBILE";
  description?: string;
};

const DEFAULT_ROLE_NAMES: Record<NodeClass, string> = {
  WINDOWS_SERVER: "Windows Server",
  WINDOWS_WORKSTATION: "Windows Desktop",
  LINUX_WORKSTATION: "Linux Desktop",
  MAC: "Mac",
  ANDROID: "Android",
  APPLE_IOS: "Apple iOS",
  APPLE_IPADOS: "Apple iPadOS",
  VMWARE_VM_HOST: "VMware ESXi Host",
  VMWARE_VM_GUEST: "VMware Virtual Machine",
  HYPERV_VMM_HOST: "Hyper-V Host",
  HYPERV_VMM_GUEST: "Hyper-V Virtual Machine",
  LINUX_SERVER: "Linux Server",
  MAC_SERVER: "Mac Server",
  CLOUD_MONITOR_TARGET: "Cloud Monitor Target",
  NMS_SWITCH: "Switch",
  NMS_ROUTER: "Router",
  NMS_FIREWALL: "Firewall",
  NMS_PRIVATE_NETWORK_GATEWAY: "Private Network Gateway",
  NMS_PRINTER: "Printer",
  NMS_SCANNER: "Scanner",
  NMS_DIAL_MANAGER: "Dial Manager",
  NMS_WAP: "Wireless Access Point",
  NMS_IPSLA: "IP SLA",
  NMS_COMPUTER: "Network Computer",
  NMS_VM_HOST: "Network VM Host",
  NMS_APPLIANCE: "Network Appliance",
  NMS_OTHER: "Other Network Device",
  NMS_SERVER: "Network Server",
  NMS_PHONE: "IP Phone",
  NMS_VIRTUAL_MACHINE: "Network Virtual Machine",
  NMS_NETWORK_MANAGEMENT_AGENT: "Network Management Agent",
  UNMANAGED_DEVICE: "Unmanaged Device",
  MANAGED_DEVICE: "Managed Device",
};

function chassisFor(nodeClass: NodeClass): RoleSpec["chassisType"] {
  if (nodeClass === "ANDROID" || nodeClass === "APPLE_IOS" || nodeClass === "APPLE_IPADOS") return "MOBILE";
  if (nodeClass === "WINDOWS_WORKSTATION" || nodeClass === "LINUX_WORKSTATION" || nodeClass === "MAC") return "DESKTOP";
  return "UNKNOWN";
}

/** NinjaOne's built-in roles (one per class, plus laptops) and a few MSP-made custom roles. */
export const ROLES: readonly RoleSpec[] = [
  ...NODE_CLASSES.map((nodeClass, i) => ({
    id: i + 1,
    name: DEFAULT_ROLE_NAMES[nodeClass],
    nodeClass,
    custom: false,
    chassisType: chassisFor(nodeClass),
  })),
  { id: 40, name: "Windows Laptop", nodeClass: "WINDOWS_WORKSTATION", custom: false, chassisType: "LAPTOP" },
  { id: 41, name: "Mac Laptop", nodeClass: "MAC", custom: false, chassisType: "LAPTOP" },
  { id: 42, name: "Linux Laptop", nodeClass: "LINUX_WORKSTATION", custom: false, chassisType: "LAPTOP" },
  {
    id: 201,
    name: "Domain Controller",
    nodeClass: "WINDOWS_SERVER",
    custom: true,
    chassisType: "UNKNOWN",
    description: "AD DS, DNS and DHCP",
  },
  { id: 202, name: "SQL Server", nodeClass: "WINDOWS_SERVER", custom: true, chassisType: "UNKNOWN" },
  { id: 203, name: "Finance Laptop", nodeClass: "WINDOWS_WORKSTATION", custom: true, chassisType: "LAPTOP" },
  {
    id: 204,
    name: "Kiosk",
    nodeClass: "WINDOWS_WORKSTATION",
    custom: true,
    chassisType: "DESKTOP",
    description: "Locked-down reception and shop-floor PCs",
  },
  { id: 205, name: "Docker Host", nodeClass: "LINUX_SERVER", custom: true, chassisType: "UNKNOWN" },
];

export const DEFAULT_ROLE_ID: Record<NodeClass, number> = Object.fromEntries(
  NODE_CLASSES.map((nodeClass, i) => [nodeClass, i + 1]),
) as Record<NodeClass, number>;
export const LAPTOP_ROLE_ID: Partial<Record<NodeClass, number>> = {
  WINDOWS_WORKSTATION: 40,
  MAC: 41,
  LINUX_WORKSTATION: 42,
};
export const CUSTOM_ROLE_IDS: Partial<Record<NodeClass, { laptop?: number[]; desktop?: number[]; any?: number[] }>> = {
  WINDOWS_SERVER: { any: [201, 202] },
  WINDOWS_WORKSTATION: { laptop: [203], desktop: [204] },
  LINUX_SERVER: { any: [205] },
};

// ---- hardware -----------------------------------------------------------------------------

export type SerialFormat =
  | "dell" // 7-char service tag
  | "hp" // 10 chars, 5CG1234XYZ
  | "hpe" // CZJ + 7
  | "lenovo" // PF + 6
  | "lenovo-server" // J30 + 5
  | "surface" // 12 digits
  | "apple-old" // C02 + 9
  | "apple" // 10 random
  | "samsung" // R5C + 8
  | "pixel" // 12 alnum
  | "supermicro" // S + 11 digits
  | "cisco" // FOC + 8
  | "whitebox"; // a BIOS placeholder, never a real serial

export type HardwareModel = {
  manufacturer: string;
  model: string;
  serial: SerialFormat;
  /** Eligible for a warranty lookup (major vendors only). */
  warranty: boolean;
  laptop?: boolean;
};

export const WORKSTATION_MODELS: ReadonlyArray<readonly [HardwareModel, number]> = [
  [{ manufacturer: "Dell Inc.", model: "Latitude 5440", serial: "dell", warranty: true, laptop: true }, 14],
  [{ manufacturer: "Dell Inc.", model: "Latitude 7420", serial: "dell", warranty: true, laptop: true }, 8],
  [{ manufacturer: "Dell Inc.", model: "OptiPlex 7010", serial: "dell", warranty: true }, 10],
  [{ manufacturer: "Dell Inc.", model: "OptiPlex 3080", serial: "dell", warranty: true }, 6],
  [{ manufacturer: "Dell Inc.", model: "Precision 3660 Tower", serial: "dell", warranty: true }, 2],
  [{ manufacturer: "HP", model: "HP EliteBook 840 G9 Notebook PC", serial: "hp", warranty: true, laptop: true }, 10],
  [{ manufacturer: "HP", model: "HP ProBook 450 G8 Notebook PC", serial: "hp", warranty: true, laptop: true }, 6],
  [{ manufacturer: "HP", model: "HP ProDesk 400 G7 Microtower PC", serial: "hp", warranty: true }, 6],
  [{ manufacturer: "Hewlett-Packard", model: "HP EliteDesk 800 G1 SFF", serial: "hp", warranty: true }, 2],
  [{ manufacturer: "LENOVO", model: "21CB005XUK", serial: "lenovo", warranty: true, laptop: true }, 9],
  [{ manufacturer: "LENOVO", model: "20XW0026US", serial: "lenovo", warranty: true, laptop: true }, 6],
  [{ manufacturer: "LENOVO", model: "11DT0040US", serial: "lenovo", warranty: true }, 5],
  [
    {
      manufacturer: "Microsoft Corporation",
      model: "Surface Laptop 5",
      serial: "surface",
      warranty: true,
      laptop: true,
    },
    4,
  ],
  [
    { manufacturer: "Microsoft Corporation", model: "Surface Pro 9", serial: "surface", warranty: true, laptop: true },
    3,
  ],
  [{ manufacturer: "ASUS", model: "System Product Name", serial: "whitebox", warranty: false }, 3],
  [{ manufacturer: "Micro-Star International Co., Ltd.", model: "MS-7C02", serial: "whitebox", warranty: false }, 2],
  [
    { manufacturer: "Gigabyte Technology Co., Ltd.", model: "B550 AORUS ELITE", serial: "whitebox", warranty: false },
    1,
  ],
];

export const MAC_MODELS: ReadonlyArray<readonly [HardwareModel, number]> = [
  [{ manufacturer: "Apple Inc.", model: "MacBookPro18,3", serial: "apple", warranty: true, laptop: true }, 6],
  [{ manufacturer: "Apple Inc.", model: "MacBookAir10,1", serial: "apple", warranty: true, laptop: true }, 6],
  [{ manufacturer: "Apple Inc.", model: "Mac14,2", serial: "apple", warranty: true, laptop: true }, 5],
  [{ manufacturer: "Apple Inc.", model: "MacBookPro15,1", serial: "apple-old", warranty: true, laptop: true }, 2],
  [{ manufacturer: "Apple Inc.", model: "iMac21,1", serial: "apple", warranty: true }, 3],
  [{ manufacturer: "Apple Inc.", model: "Macmini9,1", serial: "apple", warranty: true }, 2],
];

export const SERVER_MODELS: ReadonlyArray<readonly [HardwareModel, number]> = [
  [{ manufacturer: "Dell Inc.", model: "PowerEdge R650xs", serial: "dell", warranty: true }, 6],
  [{ manufacturer: "Dell Inc.", model: "PowerEdge R740", serial: "dell", warranty: true }, 5],
  [{ manufacturer: "Dell Inc.", model: "PowerEdge T350", serial: "dell", warranty: true }, 4],
  [{ manufacturer: "HPE", model: "ProLiant DL380 Gen10", serial: "hpe", warranty: true }, 5],
  [{ manufacturer: "HPE", model: "ProLiant DL360 Gen10 Plus", serial: "hpe", warranty: true }, 3],
  [{ manufacturer: "HPE", model: "ProLiant ML350 Gen10", serial: "hpe", warranty: true }, 2],
  [{ manufacturer: "Lenovo", model: "ThinkSystem SR650", serial: "lenovo-server", warranty: true }, 3],
  [{ manufacturer: "Supermicro", model: "SYS-5019C-M", serial: "supermicro", warranty: false }, 2],
];

/** Hypervisor platforms an agent VM reports as its manufacturer/model (fact sheet §4.8, §11.8). */
export type VmPlatform = "vmware" | "hyperv" | "qemu" | "azure" | "aws";
export const VM_PLATFORMS: ReadonlyArray<readonly [VmPlatform, number]> = [
  ["vmware", 45],
  ["hyperv", 30],
  ["qemu", 10],
  ["azure", 10],
  ["aws", 5],
];

export const MOBILE_MODELS: Record<
  "APPLE_IOS" | "APPLE_IPADOS" | "ANDROID",
  ReadonlyArray<readonly [HardwareModel, number]>
> = {
  APPLE_IOS: [
    [{ manufacturer: "Apple", model: "iPhone 14", serial: "apple", warranty: true }, 5],
    [{ manufacturer: "Apple", model: "iPhone 13", serial: "apple", warranty: true }, 4],
    [{ manufacturer: "Apple", model: "iPhone 15 Pro", serial: "apple", warranty: true }, 3],
    [{ manufacturer: "Apple", model: "iPhone SE (3rd generation)", serial: "apple", warranty: true }, 2],
  ],
  APPLE_IPADOS: [
    [{ manufacturer: "Apple", model: "iPad (10th generation)", serial: "apple", warranty: true }, 4],
    [{ manufacturer: "Apple", model: "iPad Air (5th generation)", serial: "apple", warranty: true }, 2],
  ],
  ANDROID: [
    [{ manufacturer: "samsung", model: "SM-S911B", serial: "samsung", warranty: false }, 4],
    [{ manufacturer: "samsung", model: "SM-A536B", serial: "samsung", warranty: false }, 3],
    [{ manufacturer: "Google", model: "Pixel 7", serial: "pixel", warranty: false }, 2],
  ],
};

export const HOST_MODELS: ReadonlyArray<readonly [HardwareModel, number]> = SERVER_MODELS.filter(
  ([m]) => m.manufacturer !== "Supermicro",
);

export const NMS_VENDORS: Record<string, ReadonlyArray<string>> = {
  NMS_SWITCH: ["Cisco Catalyst 9200L", "HPE Aruba 2930F", "UniFi Switch 24 PoE", "Netgear GS728TP"],
  NMS_ROUTER: ["Cisco ISR 1100", "MikroTik RB4011", "DrayTek Vigor 2865"],
  NMS_FIREWALL: ["FortiGate 60F", "SonicWall TZ370", "WatchGuard Firebox T45", "Sophos XGS 2100"],
  NMS_PRIVATE_NETWORK_GATEWAY: ["Meraki MX68", "Cisco Meraki Z3"],
  NMS_PRINTER: ["HP LaserJet M507", "Brother MFC-L8900CDW", "Kyocera ECOSYS M3655idn", "Canon imageRUNNER C3226i"],
  NMS_SCANNER: ["Fujitsu fi-7160", "Epson DS-530 II"],
  NMS_DIAL_MANAGER: ["Cisco Unified CM"],
  NMS_WAP: ["UniFi U6 Pro", "Aruba AP-515", "Meraki MR36", "Ruckus R550"],
  NMS_IPSLA: ["Cisco IP SLA responder"],
  NMS_COMPUTER: ["Thin client HP t540", "Raspberry Pi 4"],
  NMS_VM_HOST: ["Proxmox VE 8.1"],
  NMS_APPLIANCE: ["Synology DS920+", "QNAP TS-464", "APC Smart-UPS 1500"],
  NMS_OTHER: ["Axis P3245 camera", "HID door controller", "Samsung display"],
  NMS_SERVER: ["iDRAC 9", "HPE iLO 5"],
  NMS_PHONE: ["Yealink T54W", "Poly VVX 450", "Cisco IP Phone 8841"],
  NMS_VIRTUAL_MACHINE: ["pfSense VM", "Ubuntu appliance VM"],
  NMS_NETWORK_MANAGEMENT_AGENT: ["NinjaOne NMS probe"],
};

export const ITAM_NAMES = [
  "Conference room display",
  "Reception label printer",
  "UPS - server room",
  "Door access controller",
  "Spare laptop (storage)",
  "Shop-floor barcode scanner",
  "Boardroom projector",
];

// ---- operating systems ---------------------------------------------------------------------

export type OsSpec = { manufacturer: string; name: string; buildNumber?: string; releaseId?: string };

export const WINDOWS_WORKSTATION_OS: ReadonlyArray<readonly [OsSpec, number]> = [
  [
    {
      manufacturer: "Microsoft Corporation",
      name: "Windows 11 Professional Edition",
      buildNumber: "22631",
      releaseId: "23H2",
    },
    40,
  ],
  [
    {
      manufacturer: "Microsoft Corporation",
      name: "Windows 11 Professional Edition",
      buildNumber: "26100",
      releaseId: "24H2",
    },
    15,
  ],
  [
    {
      manufacturer: "Microsoft Corporation",
      name: "Windows 10 Professional Edition",
      buildNumber: "19045",
      releaseId: "22H2",
    },
    32,
  ],
  [
    {
      manufacturer: "Microsoft Corporation",
      name: "Windows 11 Enterprise Edition",
      buildNumber: "22631",
      releaseId: "23H2",
    },
    8,
  ],
  [
    { manufacturer: "Microsoft Corporation", name: "Windows 10 Home Edition", buildNumber: "19045", releaseId: "22H2" },
    5,
  ],
];

export const WINDOWS_SERVER_OS: ReadonlyArray<readonly [OsSpec, number]> = [
  [
    {
      manufacturer: "Microsoft Corporation",
      name: "Windows Server 2022 Standard Edition",
      buildNumber: "20348",
      releaseId: "21H2",
    },
    40,
  ],
  [
    {
      manufacturer: "Microsoft Corporation",
      name: "Windows Server 2019 Standard Edition",
      buildNumber: "17763",
      releaseId: "1809",
    },
    30,
  ],
  [
    {
      manufacturer: "Microsoft Corporation",
      name: "Windows Server 2016 Standard Edition",
      buildNumber: "14393",
      releaseId: "1607",
    },
    15,
  ],
  [{ manufacturer: "Microsoft Corporation", name: "Windows Server 2012 R2 Standard Edition", buildNumber: "9600" }, 5],
  [
    {
      manufacturer: "Microsoft Corporation",
      name: "Windows Server 2025 Datacenter Edition",
      buildNumber: "26100",
      releaseId: "24H2",
    },
    10,
  ],
];

export const LINUX_OS: ReadonlyArray<readonly [OsSpec, number]> = [
  [{ manufacturer: "Ubuntu", name: "Ubuntu 22.04.4 LTS" }, 40],
  [{ manufacturer: "Ubuntu", name: "Ubuntu 20.04.6 LTS" }, 15],
  [{ manufacturer: "Debian", name: "Debian GNU/Linux 12 (bookworm)" }, 20],
  [{ manufacturer: "Red Hat", name: "Red Hat Enterprise Linux 9.3 (Plow)" }, 15],
  [{ manufacturer: "Rocky", name: "Rocky Linux 9.4 (Blue Onyx)" }, 10],
];

export const MAC_OS: ReadonlyArray<readonly [OsSpec, number]> = [
  [{ manufacturer: "Apple Inc.", name: "macOS Sonoma 14.5", buildNumber: "23F79" }, 40],
  [{ manufacturer: "Apple Inc.", name: "macOS Sequoia 15.1", buildNumber: "24B83" }, 30],
  [{ manufacturer: "Apple Inc.", name: "macOS Ventura 13.6.7", buildNumber: "22G720" }, 20],
  [{ manufacturer: "Apple Inc.", name: "macOS Monterey 12.7.5", buildNumber: "21H1222" }, 10],
];

export const ESXI_RELEASES = [
  { releaseName: "VMware ESXi 8.0.2 build-22380479", version: "8.0.2", buildNumber: "22380479" },
  { releaseName: "VMware ESXi 7.0.3 build-21930508", version: "7.0.3", buildNumber: "21930508" },
  { releaseName: "VMware ESXi 6.7.0 build-17700523", version: "6.7.0", buildNumber: "17700523" },
];

export const CPU_MODELS = {
  workstation: [
    "12th Gen Intel(R) Core(TM) i7-1265U",
    "11th Gen Intel(R) Core(TM) i5-1145G7",
    "AMD Ryzen 5 PRO 5650U with Radeon Graphics",
    "Intel(R) Core(TM) i5-10500 CPU @ 3.10GHz",
  ],
  server: [
    "Intel(R) Xeon(R) Silver 4210R CPU @ 2.40GHz",
    "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
    "AMD EPYC 7313P 16-Core Processor",
    "Intel(R) Xeon(R) E-2336 CPU @ 2.90GHz",
  ],
  apple: ["Apple M1", "Apple M2", "Apple M1 Pro", "Intel(R) Core(TM) i7-8850H CPU @ 2.60GHz"],
};

/** Serials inventory tools know to be placeholders (fact sheet §11.8). */
export const PLACEHOLDER_SERIALS = [
  "To be filled by O.E.M.",
  "To Be Filled By O.E.M.",
  "Default string",
  "System Serial Number",
  "0",
  "00000000",
  "None",
  "Not Specified",
  "N/A",
  "1234567890",
  "0123456789",
];

// ---- organizations and people ---------------------------------------------------------------

export const COMPANY_PREFIXES = [
  "Acme",
  "Bluewater",
  "Harbor",
  "Summit",
  "Pinecrest",
  "Northwind",
  "Redwood",
  "Silverline",
  "Oakridge",
  "Brightpath",
  "Evergreen",
  "Ironclad",
  "Cedar",
  "Granite",
  "Lakeside",
  "Riverbend",
  "Sunrise",
  "Keystone",
  "Meridian",
  "Horizon",
  "Copperleaf",
  "Falcon",
  "Maple",
  "Beacon",
  "Westbrook",
  "Clearwater",
  "Stonegate",
  "Highland",
  "Seaside",
  "Orchard",
  "Juniper",
  "Foxglove",
  "Ashford",
  "Blackstone",
  "Crescent",
  "Driftwood",
  "Eastgate",
  "Fairview",
  "Goldfield",
  "Hawthorne",
  "Ivywood",
  "Kingsley",
  "Larkspur",
  "Millbrook",
  "Northgate",
  "Oceanic",
  "Parkside",
  "Quarry",
  "Rosewood",
  "Sterling",
  "Thornbury",
  "Union",
  "Valley",
  "Willow",
  "Yorkshire",
  "Zenith",
  "Apex",
  "Bramble",
  "Citadel",
  "Dovetail",
  "Elmstead",
  "Fernhill",
  "Glenwood",
  "Hollybush",
];

export const COMPANY_NOUNS = [
  "Logistics",
  "Dental Group",
  "Law Partners",
  "Accounting",
  "Manufacturing",
  "Veterinary Clinic",
  "Architects",
  "Construction",
  "Realty",
  "Insurance",
  "Engineering",
  "Medical Center",
  "Foods",
  "Transport",
  "Consulting",
  "Pharmacy",
  "Hotels",
  "Academy",
  "Brewing",
  "Plumbing & Heating",
  "Financial Services",
  "Marketing",
  "Print & Design",
  "Auto Repair",
  "Landscaping",
  "Bakery",
  "Optometry",
  "Surveyors",
  "Wealth Management",
  "Family Practice",
  "Electrical",
  "Storage",
  "Motors",
  "Outfitters",
  "Studios",
  "Labs",
  "Partners",
  "Holdings",
  "Trust",
  "Travel",
];

export const COMPANY_REGIONS = ["", " North", " West", " Europe"];

/** Names with accents and non-ASCII letters, to exercise accent-insensitive matching. */
export const ACCENTED_COMPANIES = [
  "Café Lumière",
  "Müller & Söhne",
  "Société Générale de Nettoyage",
  "Ångström Labs",
  "Niño Bakery",
  "Zoë's Kitchen",
  "Crème Brûlée Patisserie",
  "Østergaard Shipping",
  "Señor Taco",
  "Łódź Logistics",
  "Bäckerei Köhler",
  "Conseil Économique Québécois",
];

export const LEGAL_SUFFIXES = [
  "Inc.",
  "Inc",
  ", Inc",
  ", Inc.",
  "Incorporated",
  "LLC",
  "L.L.C.",
  "Ltd",
  "Ltd.",
  "Limited",
  "GmbH",
  "Pty Ltd",
  "S.A.",
  "Corp.",
  "Corporation",
  "Co.",
  "PLC",
  "LLP",
];

export const FIRST_NAMES = [
  "James",
  "Mary",
  "John",
  "Patricia",
  "Robert",
  "Jennifer",
  "Michael",
  "Linda",
  "David",
  "Elizabeth",
  "William",
  "Barbara",
  "Richard",
  "Susan",
  "Joseph",
  "Jessica",
  "Thomas",
  "Sarah",
  "Charles",
  "Karen",
  "Martin",
  "Amara",
  "Chidi",
  "Priya",
  "Rahul",
  "Wei",
  "Mei",
  "Hiroshi",
  "Yuki",
  "Olga",
  "Sven",
  "Ingrid",
  "José",
  "María",
  "Zoë",
  "Chloé",
  "Åsa",
  "Bjørn",
  "Renée",
  "François",
  "Siobhan",
  "Niamh",
  "Aoife",
  "Tariq",
  "Fatima",
  "Omar",
  "Layla",
  "Kwame",
  "Ama",
  "Jane",
];

export const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Okafor",
  "Adeyemi",
  "Patel",
  "Sharma",
  "Chen",
  "Wang",
  "Tanaka",
  "Sato",
  "Ivanova",
  "Larsen",
  "Nilsson",
  "Müller",
  "Schröder",
  "O'Brien",
  "McAllister",
  "Van der Berg",
  "Núñez",
  "Gonçalves",
  "Dubois",
  "Lefèvre",
  "Kowalski",
  "Nowak",
  "Haddad",
  "Rahman",
  "Mensah",
  "Boateng",
  "Taylor",
  "Anderson",
  "Thomas",
  "Jackson",
  "White",
  "Harris",
  "Martin",
  "Thompson",
  "Moore",
  "Young",
  "Allen",
  "King",
  "Wright",
  "Scott",
];

export const JOB_TITLES = [
  "Office Manager",
  "Practice Manager",
  "Finance Director",
  "Operations Lead",
  "Owner",
  "Managing Partner",
  "IT Contact",
  "Receptionist",
  "Accountant",
  "Head of HR",
  "Site Manager",
  "Bookkeeper",
];

export const LOCATION_NAMES = [
  "Main Office",
  "Head Office",
  "Warehouse North",
  "Branch Office",
  "Remote Workers",
  "Datacenter",
  "Clinic 2",
  "Retail Store",
  "Factory Floor",
  "Downtown",
  "Airport Depot",
  "Satellite Office",
];

export const STREETS = [
  "Quay Street",
  "High Street",
  "Market Road",
  "Station Road",
  "Harbour Way",
  "Mill Lane",
  "Church Street",
  "Park Avenue",
];
export const CITIES = [
  "Portsmouth",
  "Leeds",
  "Denver",
  "Austin",
  "Toronto",
  "Melbourne",
  "Dublin",
  "Rotterdam",
  "Lyon",
  "Auckland",
];
