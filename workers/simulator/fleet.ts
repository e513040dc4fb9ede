// The deterministic fleet: organizations, locations, people and devices as pure functions of
// (seed, size, anchor). Device i is generated on its own (no storage, no neighbours needed beyond
// a short backwards scan for a VM guest's host), so a 100,000-device fleet costs nothing until a
// page of it is asked for. Output objects are raw NinjaOne JSON: absent fields are omitted, never null.
import {
  ACCENTED_COMPANIES,
  CITIES,
  COMPANY_NOUNS,
  COMPANY_PREFIXES,
  COMPANY_REGIONS,
  CPU_MODELS,
  CUSTOM_ROLE_IDS,
  DEFAULT_ROLE_ID,
  ESXI_RELEASES,
  FIRST_NAMES,
  HOST_MODELS,
  ITAM_NAMES,
  JOB_TITLES,
  LAPTOP_ROLE_ID,
  LAST_NAMES,
  LEGAL_SUFFIXES,
  LINUX_OS,
  LOCATION_NAMES,
  MAC_MODELS,
  MAC_OS,
  MOBILE_MODELS,
  NMS_VENDORS,
  NODE_CLASSES,
  NODE_CLASS_WEIGHTS,
  PERSONAL_CLASSES,
  PLACEHOLDER_SERIALS,
  SERVER_MODELS,
  STREETS,
  VM_PLATFORMS,
  WINDOWS_SERVER_OS,
  WINDOWS_WORKSTATION_OS,
  WORKSTATION_MODELS,
  familyOf,
  type HardwareModel,
  type NodeClass,
  type OsSpec,
  type SerialFormat,
  type VmPlatform,
} from "./catalog";
import { ALNUM_UPPER, DIGITS, HEX, Rng, hash32, unit } from "./random";

export const MIN_FLEET_SIZE = 10;
export const MAX_FLEET_SIZE = 100_000;
/** The most organizations a fleet can be asked for (the reset's `organizations`). */
export const MAX_ORGANIZATIONS = 10_000;
const FIRST_DEVICE_ID = 1001;
const FIRST_LOCATION_ID = 10;
const DAY = 86_400;
const YEAR = 365.25 * DAY;

export type FleetSpec = {
  seed: number;
  size: number;
  /** Epoch seconds: "now" for the fleet; ages, last contacts and warranties are relative to it. */
  anchor: number;
  /** Organizations the devices spread over; absent: orgCountFor's default. */
  organizations?: number;
};

export type Json = Record<string, unknown>;

export type OrgSpec = {
  index: number;
  id: number;
  name: string;
  description?: string;
  nodeApprovalMode: "AUTOMATIC" | "MANUAL" | "REJECT";
  hasUserData: boolean;
  /** Short code used in hostnames, e.g. BWL. */
  code: string;
  emailDomain: string;
  netbios: string;
  dnsSuffix: string;
  identity: "ad" | "azure" | "mixed";
  usernameStyle: "f.last" | "first.last" | "flast" | "firstlast";
  peopleCount: number;
  locationIds: number[];
};

export type LocationSpec = { id: number; organizationId: number; name: string; address?: string; description?: string };

export type Person = {
  organizationId: number;
  index: number;
  firstName: string;
  lastName: string;
  /** The e-mail NinjaOne reports: missing for some people, a shared mailbox (info@) for others. */
  email?: string;
  /** The person's own address: what they sign in with (UPN), whatever NinjaOne has on file. */
  loginEmail: string;
  phone?: string;
  jobTitle?: string;
  username: string;
  isEndUser: boolean;
  isContact: boolean;
  contactId: number;
  contactUid: string;
  endUserId: number;
  endUserUid: string;
  invitationStatus: "REGISTERED" | "PENDING" | "EXPIRED";
  enabled: boolean;
};

export type Fleet = {
  spec: FleetSpec;
  orgs: OrgSpec[];
  orgById: Map<number, OrgSpec>;
  locations: LocationSpec[];
  locationById: Map<number, LocationSpec>;
  /** Cumulative org weights for picking a device's organization. */
  cumulative: Float64Array;
  classCumulative: Float64Array;
  /** Every `stride`-th device (up to 33 of them) is forced to the next class, so all classes appear. */
  stride: number;
  maxBaseId: number;
};

// ---- ids ---------------------------------------------------------------------------------------

/** Base device ids ascend with gaps (every tenth id is missing), like a fleet that has had deletions. */
export function deviceIdAt(index: number): number {
  return FIRST_DEVICE_ID + index + Math.floor(index / 9);
}

/** The first base index whose id is greater than `after` (size when none is). */
export function firstIndexAfter(fleet: Fleet, after: number): number {
  let lo = 0;
  let hi = fleet.spec.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (deviceIdAt(mid) > after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The base index of a device id, or null when the id is not a base device. */
export function indexOfDeviceId(fleet: Fleet, id: number): number | null {
  const index = firstIndexAfter(fleet, id - 1);
  return index < fleet.spec.size && deviceIdAt(index) === id ? index : null;
}

// ---- organizations, locations, people -----------------------------------------------------------

const fleetCache = new Map<string, Fleet>();

/** The fleet's organization count: as asked at reset, else one per 25 devices (3 to 4,000). */
export function orgCountFor(size: number, organizations?: number): number {
  return organizations ?? Math.min(4000, Math.max(3, Math.round(size / 25)));
}

/** The fleet's organizations, locations and weights (cached per spec; a few ms even at 100,000). */
export function fleetFor(spec: FleetSpec): Fleet {
  const key = `${spec.seed}:${spec.size}:${spec.anchor}:${spec.organizations ?? ""}`;
  const cached = fleetCache.get(key);
  if (cached) return cached;
  if (fleetCache.size > 8) fleetCache.clear();
  const fleet = buildFleet(spec);
  fleetCache.set(key, fleet);
  return fleet;
}

function asciiFold(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ø/g, "o")
    .replace(/Ø/g, "O")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .replace(/ß/g, "ss");
}

function slug(text: string): string {
  return asciiFold(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

function buildFleet(spec: FleetSpec): Fleet {
  const { seed, size } = spec;
  const orgCount = orgCountFor(size, spec.organizations);
  const space = COMPANY_PREFIXES.length * COMPANY_NOUNS.length * COMPANY_REGIONS.length;
  const usedNames = new Set<string>();
  const usedAccents = new Set<string>();

  // Zipf-like sizes, shuffled so org id does not predict org size; a few organizations are empty.
  const rank = Array.from({ length: orgCount }, (_, k) => k);
  const shuffle = new Rng(hash32(seed, 0x0a11));
  for (let k = orgCount - 1; k > 0; k--) {
    const j = Math.floor(shuffle.next() * (k + 1));
    [rank[k], rank[j]] = [rank[j], rank[k]];
  }
  const weights = rank.map((r, k) =>
    orgCount > 3 && k > 0 && new Rng(hash32(seed, 0xe3, k)).chance(0.05) ? 0 : 1 / (r + 1) ** 0.9,
  );
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const cumulative = new Float64Array(orgCount);
  let running = 0;
  for (let k = 0; k < orgCount; k++) {
    running += weights[k] / totalWeight;
    cumulative[k] = running;
  }

  const orgs: OrgSpec[] = [];
  const locations: LocationSpec[] = [];
  let nextLocationId = FIRST_LOCATION_ID;
  for (let k = 0; k < orgCount; k++) {
    const rng = new Rng(hash32(seed, 0x0c0, k));
    const j = (k * 7919 + (seed % space) + space) % space;
    let prefix = COMPANY_PREFIXES[j % COMPANY_PREFIXES.length];
    const noun = COMPANY_NOUNS[Math.floor(j / COMPANY_PREFIXES.length) % COMPANY_NOUNS.length];
    const region = COMPANY_REGIONS[Math.floor(j / (COMPANY_PREFIXES.length * COMPANY_NOUNS.length))];
    let base = `${prefix} ${noun}${region}`;
    let name: string;
    if (k === 0) {
      // Always one Acme, spelt one of the ways a PSA and an RMM disagree on.
      prefix = "Acme";
      base = "Acme";
      name = ["Acme Inc.", "ACME, Inc", "Acme Incorporated", "ACME INC"][seed % 4];
    } else if (k % 20 === 11 && k >= 20) {
      // A near-duplicate of an earlier organization (same company, other spelling): the ambiguous case.
      const twin = orgs[k - 8];
      base = twin.name.trim();
      name = `${base.replace(/[,.]?\s*(Inc\.?|Ltd\.?|LLC|GmbH|Limited|Incorporated)$/i, "")} ${rng.pick(
        LEGAL_SUFFIXES,
      )}`.replace(" ,", ",");
    } else {
      name = styleName(base, rng, usedAccents);
    }
    while (usedNames.has(name)) name = `${name} ${rng.int(2, 9)}`;
    usedNames.add(name);

    const expected = (size * weights[k]) / totalWeight;
    const locationCount =
      rng.weighted([
        [1, 60],
        [2, 25],
        [3, 10],
        [4, 5],
      ]) + (expected > 500 ? 1 : 0);
    const id = k + 1;
    const locationIds: number[] = [];
    const names = [...LOCATION_NAMES];
    for (let l = 0; l < locationCount; l++) {
      const locName =
        l === 0 ? rng.pick(["Main Office", "Head Office"]) : names.splice(2 + rng.int(0, names.length - 3), 1)[0];
      const location: LocationSpec = { id: nextLocationId++, organizationId: id, name: locName };
      if (rng.chance(0.6)) location.address = `${rng.int(1, 240)} ${rng.pick(STREETS)}, ${rng.pick(CITIES)}`;
      if (rng.chance(0.15)) location.description = "Managed since onboarding";
      locations.push(location);
      locationIds.push(location.id);
    }

    const folded = asciiFold(prefix);
    orgs.push({
      index: k,
      id,
      name,
      description: rng.chance(0.4) ? `${noun} client since ${2008 + rng.int(0, 16)}` : undefined,
      nodeApprovalMode: rng.weighted([
        ["AUTOMATIC", 80],
        ["MANUAL", 18],
        ["REJECT", 2],
      ] as const),
      hasUserData: rng.chance(0.3),
      code: (folded.slice(0, 2) + asciiFold(noun)[0]).toUpperCase(),
      emailDomain: `${slug(prefix + noun.split(" ")[0])}${rng.pick([".com", ".com", ".co.uk", ".net", ".de"])}`,
      netbios: folded
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, "")
        .slice(0, 15),
      dnsSuffix: `${slug(prefix)}.local`,
      identity: rng.weighted([
        ["ad", 50],
        ["azure", 30],
        ["mixed", 20],
      ] as const),
      usernameStyle: rng.pick(["f.last", "first.last", "flast", "firstlast"] as const),
      peopleCount: Math.min(400, Math.max(2, Math.round(expected * 0.7))),
      locationIds,
    });
  }

  let classRunning = 0;
  const classTotal = NODE_CLASS_WEIGHTS.reduce((a, [, w]) => a + w, 0);
  const classCumulative = new Float64Array(NODE_CLASS_WEIGHTS.length);
  NODE_CLASS_WEIGHTS.forEach(([, w], i) => {
    classRunning += w / classTotal;
    classCumulative[i] = classRunning;
  });

  return {
    spec,
    orgs,
    orgById: new Map(orgs.map((o) => [o.id, o])),
    locations,
    locationById: new Map(locations.map((l) => [l.id, l])),
    cumulative,
    classCumulative,
    stride: Math.max(1, Math.floor(size / NODE_CLASSES.length)),
    maxBaseId: deviceIdAt(size - 1),
  };
}

/** Case, punctuation, accents, legal suffixes and stray spaces, as real tenants have them. */
function styleName(base: string, rng: Rng, usedAccents: Set<string>): string {
  const style = rng.weighted([
    ["plain", 45],
    ["suffix", 20],
    ["upper", 6],
    ["lower", 3],
    ["trailing", 6],
    ["spaces", 3],
    ["ampersand", 5],
    ["accent", 8],
    ["the", 4],
  ] as const);
  const suffix = () => {
    const s = rng.pick(LEGAL_SUFFIXES);
    return s.startsWith(",") ? `${base}${s}` : `${base} ${s}`;
  };
  switch (style) {
    case "plain":
      return base;
    case "suffix":
      return suffix();
    case "upper":
      return rng.chance(0.5) ? base.toUpperCase() : suffix().toUpperCase();
    case "lower":
      return base.toLowerCase();
    case "trailing":
      return `${rng.chance(0.5) ? base : suffix()} `;
    case "spaces":
      return rng.chance(0.5) ? ` ${base}` : base.replace(" ", "  ");
    case "ampersand":
      if (base.includes("&")) return base.replace("&", "and");
      return rng.chance(0.5) ? `${base} & Co.` : `${base} and Sons`;
    case "the":
      return `The ${base}`;
    case "accent": {
      const free = ACCENTED_COMPANIES.filter((n) => !usedAccents.has(n));
      if (free.length === 0) return base;
      const pick = rng.pick(free);
      usedAccents.add(pick);
      return rng.chance(0.3) ? `${pick} ${rng.pick(LEGAL_SUFFIXES.filter((s) => !s.startsWith(",")))}` : pick;
    }
  }
}

function username(org: OrgSpec, first: string, last: string): string {
  const f = slug(first);
  const l = slug(last);
  switch (org.usernameStyle) {
    case "f.last":
      return `${f[0]}.${l}`;
    case "first.last":
      return `${f}.${l}`;
    case "flast":
      return `${f[0]}${l}`;
    case "firstlast":
      return `${f}${l}`;
  }
}

function uuidFrom(...parts: number[]): string {
  return new Rng(hash32(...parts)).uuid();
}

/** Cheap on its own: device skeletons need it for every personal device. */
function isEndUser(fleet: Fleet, org: OrgSpec, j: number): boolean {
  return unit(fleet.spec.seed, 0xe5e5, org.index, j) < 0.45;
}

/**
 * Person j of an organization: some are NinjaOne contacts, some end users (portal logins), some both.
 * The mess a contact sync meets (drawn apart from the person's own draws, so nothing else moves):
 * ~8% have no e-mail on file, ~4% share the office mailbox, ~3% are the same human as a person of
 * the next organization (a consultant or owner working for both: same name and e-mail, other uids).
 */
export function personAt(fleet: Fleet, org: OrgSpec, j: number): Person {
  const { seed } = fleet.spec;
  const rng = new Rng(hash32(seed, 0x9e01, org.index, j));
  let firstName = rng.pick(FIRST_NAMES);
  let lastName = rng.pick(LAST_NAMES);
  let loginEmail = `${slug(firstName)}.${slug(lastName)}${rng.chance(0.08) ? rng.int(2, 9) : ""}@${org.emailDomain}`;
  const twinOrg = fleet.orgs[(org.index + 1) % fleet.orgs.length];
  if (twinOrg !== org && j > 0 && unit(seed, 0x7a1e, org.index, j) < 0.03) {
    const twin = new Rng(hash32(seed, 0x9e01, twinOrg.index, j % twinOrg.peopleCount));
    firstName = twin.pick(FIRST_NAMES);
    lastName = twin.pick(LAST_NAMES);
    loginEmail = `${slug(firstName)}.${slug(lastName)}${twin.chance(0.08) ? twin.int(2, 9) : ""}@${twinOrg.emailDomain}`;
  }
  const mess = unit(seed, 0xe4a1, org.index, j);
  const email = mess < 0.08 ? undefined : mess < 0.12 ? `info@${org.emailDomain}` : loginEmail;
  return {
    organizationId: org.id,
    index: j,
    firstName,
    lastName,
    email,
    loginEmail,
    phone: rng.chance(0.6) ? `+1 555 ${rng.chars(DIGITS, 3)} ${rng.chars(DIGITS, 4)}` : undefined,
    jobTitle: rng.chance(0.5) ? rng.pick(JOB_TITLES) : undefined,
    username: username(org, firstName, lastName),
    isEndUser: isEndUser(fleet, org, j),
    isContact: unit(seed, 0xc0c1, org.index, j) < 0.35,
    contactId: 100_000 + org.index * 1000 + j,
    contactUid: uuidFrom(seed, 0xc0c0, org.index, j),
    endUserId: 5_000_000 + org.index * 1000 + j,
    endUserUid: uuidFrom(seed, 0xe0e0, org.index, j),
    invitationStatus: rng.weighted([
      ["REGISTERED", 80],
      ["PENDING", 15],
      ["EXPIRED", 5],
    ] as const),
    enabled: rng.chance(0.95),
  };
}

// ---- devices -----------------------------------------------------------------------------------

/** What filters and listings need, cheap to compute for every device of a 100,000 fleet. */
export type DeviceSkeleton = {
  index: number;
  id: number;
  nodeClass: NodeClass;
  organizationId: number;
  locationId: number;
  nodeRoleId: number;
  laptop: boolean;
  offline: boolean;
  approvalStatus: "APPROVED" | "PENDING" | "STAGED" | "DECOMMISSIONED";
  /** Epoch seconds with a fraction. */
  created: number;
  /** Index of the person using it within the organization, for personal devices. */
  person: number | null;
  /** Assigned to that person (assignedOwnerUid), when the person is an end user. */
  assigned: boolean;
};

export type SkeletonOverrides = {
  id?: number;
  nodeClass?: NodeClass;
  organizationId?: number;
  locationId?: number;
  created?: number;
};

function pickIndex(cumulative: Float64Array, draw: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > draw) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const OFFLINE_RATE: Record<string, number> = {
  WINDOWS_WORKSTATION: 0.18,
  MAC: 0.2,
  LINUX_WORKSTATION: 0.15,
  WINDOWS_SERVER: 0.03,
  LINUX_SERVER: 0.03,
  MAC_SERVER: 0.05,
  VMWARE_VM_HOST: 0.02,
  HYPERV_VMM_HOST: 0.02,
  VMWARE_VM_GUEST: 0.12,
  HYPERV_VMM_GUEST: 0.12,
  ANDROID: 0.3,
  APPLE_IOS: 0.25,
  APPLE_IPADOS: 0.35,
  CLOUD_MONITOR_TARGET: 0.03,
  UNMANAGED_DEVICE: 0.6,
  MANAGED_DEVICE: 0.4,
};

/**
 * The cheap part of device `index`, plus the generator positioned to draw the rest. The draws
 * happen in a fixed order whatever is overridden, so a device never changes when another does.
 */
export function skeletonAt(
  fleet: Fleet,
  index: number,
  overrides: SkeletonOverrides = {},
): { skeleton: DeviceSkeleton; rng: Rng } {
  const { seed, anchor } = fleet.spec;
  const rng = new Rng(hash32(seed, 0xde71ce, index));
  const classDraw = rng.next();
  const orgDraw = rng.next();
  const locationDraw = rng.next();
  const laptopDraw = rng.next();
  const roleDraw = rng.next();
  const offlineDraw = rng.next();
  const approvalDraw = rng.next();
  const ageDraw = rng.next();
  const fractionDraw = rng.next();
  const personDraw = rng.next();
  const assignDraw = rng.next();

  const forced = index % fleet.stride === 0 && index / fleet.stride < NODE_CLASSES.length && index < fleet.spec.size;
  const nodeClass =
    overrides.nodeClass ??
    (forced ? NODE_CLASSES[index / fleet.stride] : NODE_CLASS_WEIGHTS[pickIndex(fleet.classCumulative, classDraw)][0]);
  const org = fleet.orgById.get(overrides.organizationId ?? -1) ?? fleet.orgs[pickIndex(fleet.cumulative, orgDraw)];
  const locationId =
    overrides.locationId ??
    org.locationIds[Math.min(org.locationIds.length - 1, Math.floor(locationDraw ** 1.6 * org.locationIds.length))];
  const family = familyOf(nodeClass);

  const laptop =
    (nodeClass === "WINDOWS_WORKSTATION" && laptopDraw < 0.55) ||
    (nodeClass === "MAC" && laptopDraw < 0.75) ||
    (nodeClass === "LINUX_WORKSTATION" && laptopDraw < 0.4);
  let nodeRoleId = (laptop && LAPTOP_ROLE_ID[nodeClass]) || DEFAULT_ROLE_ID[nodeClass];
  const custom = CUSTOM_ROLE_IDS[nodeClass];
  if (custom && roleDraw < 0.15) {
    const options = custom.any ?? (laptop ? custom.laptop : custom.desktop);
    if (options?.length) nodeRoleId = options[Math.floor((roleDraw / 0.15) * options.length)];
  }

  const maxAge = family === "vmguest" || family === "cloud" ? 4 : family === "itam" ? 6 : 8;
  const ageYears = maxAge * ageDraw ** 1.5;
  const created =
    overrides.created ?? Math.floor(anchor - ageYears * YEAR - 3600) + Math.round(fractionDraw * 1e6) / 1e6;
  const offlineRate = (OFFLINE_RATE[nodeClass] ?? 0.06) + (ageYears > 6 ? 0.3 : 0);
  const approvalStatus =
    family === "itam"
      ? approvalDraw < 0.1
        ? "STAGED"
        : approvalDraw < 0.15
        ? "DECOMMISSIONED"
        : "APPROVED"
      : approvalDraw < 0.006
      ? "PENDING"
      : "APPROVED";

  const person = PERSONAL_CLASSES.has(nodeClass) ? Math.floor(personDraw * org.peopleCount) : null;
  const assigned = person !== null && assignDraw < 0.6 && isEndUser(fleet, org, person);

  return {
    skeleton: {
      index,
      id: overrides.id ?? deviceIdAt(index),
      nodeClass,
      organizationId: org.id,
      locationId,
      nodeRoleId,
      laptop,
      offline: offlineDraw < offlineRate,
      approvalStatus,
      created,
      person,
      assigned,
    },
    rng,
  };
}

// ---- serials -----------------------------------------------------------------------------------

function serialFor(format: SerialFormat, rng: Rng): string {
  switch (format) {
    case "dell":
      return rng.chars(ALNUM_UPPER, 7);
    case "hp":
      return `${rng.pick(["5CG", "5CD", "CZC", "MXL"])}${rng.chars(DIGITS, 4)}${rng.chars(ALNUM_UPPER, 3)}`;
    case "hpe":
      return `CZJ${rng.chars(DIGITS, 4)}${rng.chars(ALNUM_UPPER, 3)}`;
    case "lenovo":
      return `P${rng.pick(["F", "C", "W"])}${rng.chars(ALNUM_UPPER, 6)}`;
    case "lenovo-server":
      return `J30${rng.chars(ALNUM_UPPER, 5)}`;
    case "surface":
      return rng.chars(DIGITS, 12);
    case "apple-old":
      return `C02${rng.chars(ALNUM_UPPER, 9)}`;
    case "apple":
      return rng.chars("BCDFGHJKLMNPQRTVWXYZ0123456789", 10);
    case "samsung":
      return `R5C${rng.chars(ALNUM_UPPER, 8)}`;
    case "pixel":
      return rng.chars(ALNUM_UPPER, 12);
    case "supermicro":
      return rng.chance(0.5) ? rng.pick(["0123456789", "1234567890"]) : `S${rng.chars(DIGITS, 11)}`;
    case "cisco":
      return `FOC${rng.chars(DIGITS, 4)}${rng.chars(ALNUM_UPPER, 4)}`;
    case "whitebox":
      return rng.pick(PLACEHOLDER_SERIALS);
  }
}

/**
 * Firmware and hand-edited BIOS fields do not agree on case or padding: a few devices report their
 * serial (or an ESXi host its service tag) lower-cased or padded with spaces, the way inventory
 * data arrives from fleets nobody normalised. Drawn from its own stream so the rest of the device
 * stays what it was.
 */
function messySerial(serial: string | undefined, seed: number, deviceId: number): string | undefined {
  if (!serial) return serial;
  const draw = new Rng(hash32(seed, 0x5e71a1, deviceId)).next();
  if (draw < 0.03) return serial.toLowerCase();
  if (draw < 0.05) return `  ${serial} `;
  if (draw < 0.06) return serial.charAt(0).toLowerCase() + serial.slice(1);
  return serial;
}

function vmwareSerial(rng: Rng): string {
  const bytes = Array.from({ length: 16 }, () => rng.chars(HEX, 2));
  return `VMware-${bytes.slice(0, 8).join(" ")}-${bytes.slice(8).join(" ")}`;
}

function hyperVSerial(rng: Rng): string {
  return `${rng.chars(DIGITS, 4)}-${rng.chars(DIGITS, 4)}-${rng.chars(DIGITS, 4)}-${rng.chars(DIGITS, 4)}-${rng.chars(
    DIGITS,
    4,
  )}-${rng.chars(DIGITS, 4)}-${rng.chars(DIGITS, 2)}`;
}

// ---- full devices ------------------------------------------------------------------------------

function frac(rng: Rng): number {
  return Math.round(rng.next() * 1000) / 1000;
}

function mac(rng: Rng, oui: string): string {
  return `${oui}:${rng.chars(HEX, 2)}:${rng.chars(HEX, 2)}:${rng.chars(HEX, 2)}`;
}

function weightedModel(rng: Rng, models: ReadonlyArray<readonly [HardwareModel, number]>): HardwareModel {
  return rng.weighted(models);
}

function weightedOs(rng: Rng, list: ReadonlyArray<readonly [OsSpec, number]>): OsSpec {
  return rng.weighted(list);
}

/** Drop undefined values so the JSON omits them (NinjaOne omits empty fields). */
function compact<T extends Json>(obj: T): T {
  for (const key of Object.keys(obj)) if (obj[key] === undefined) delete obj[key];
  return obj;
}

export type GeneratedDevice = {
  skeleton: DeviceSkeleton;
  /** The /v2/devices-detailed item, without references. */
  device: Json;
  /** Present when NinjaOne would return warranty dates for `expand=warranty`. */
  warranty?: { startDate: number; endDate: number; manufacturerFulfillmentDate?: number };
  /** For /v2/device/{id}/last-logged-on-user and the logged-on-users report. */
  lastLogon?: { userName: string; logonTime: number };
  /** The same objects as device.system / device.os, typed for the report rows. */
  system?: Json;
  os?: Json;
  lastUpdate: number;
};

const HOST_ROLES = ["DC", "APP", "SQL", "FS", "RDS", "PRINT", "BACKUP", "EXCH", "WEB"];
const LINUX_ROLES = ["web", "db", "backup", "docker", "proxy", "mon", "git"];

/** Device `index` in full (overrides: for devices added through the control API). */
export function deviceAt(fleet: Fleet, index: number, overrides: SkeletonOverrides = {}): GeneratedDevice {
  const { skeleton, rng } = skeletonAt(fleet, index, overrides);
  const { anchor, seed } = fleet.spec;
  const org = fleet.orgById.get(skeleton.organizationId) ?? fleet.orgs[0];
  const family = familyOf(skeleton.nodeClass);
  const nn = rng.int(1, 99).toString().padStart(2, "0");
  const nnnn = rng.int(1, 9999).toString().padStart(4, "0");
  const subnet = `10.${org.index % 250}.${(skeleton.locationId % 200) + 1}`;
  const ip = `${subnet}.${rng.int(10, 250)}`;
  const publicIP = `${rng.pick(["203.0.113", "198.51.100", "192.0.2"])}.${
    ((org.index * 7 + skeleton.locationId) % 250) + 2
  }`;
  const person = skeleton.person === null ? null : personAt(fleet, org, skeleton.person);

  const lastContact = skeleton.offline
    ? Math.max(skeleton.created + 60, anchor - 3600 - rng.next() ** 2 * 120 * DAY) + frac(rng)
    : anchor - rng.next() * 600 + frac(rng);
  const roundedUpdate = Math.round(Math.max(skeleton.created, lastContact - rng.next() * 60) * 1000) / 1000;

  const device: Json = {
    id: skeleton.id,
    uid: uuidFrom(seed, 0xd0, skeleton.id),
    parentDeviceId: undefined,
    organizationId: skeleton.organizationId,
    locationId: skeleton.locationId,
    nodeClass: skeleton.nodeClass,
    nodeRoleId: skeleton.nodeRoleId,
    rolePolicyId: 100 + skeleton.nodeRoleId,
    policyId: rng.chance(0.05) ? 300 + rng.int(1, 20) : undefined,
    approvalStatus: skeleton.approvalStatus,
    offline: skeleton.offline,
    displayName: undefined,
    systemName: undefined,
    dnsName: undefined,
    netbiosName: undefined,
    created: skeleton.created,
    lastContact: Math.round(lastContact * 1000) / 1000,
    lastUpdate: roundedUpdate,
    tags: rng.chance(0.08) ? [rng.pick(["finance", "vip", "kiosk", "legacy", "byod"])] : undefined,
    maintenance: rng.chance(0.01)
      ? { status: "IN_MAINTENANCE", start: anchor - 3600, end: anchor + 3 * 3600 }
      : undefined,
    os: undefined, // filled below for agents, keeping NinjaOne's key order
    system: undefined,
  };
  if (skeleton.assigned && person) device.assignedOwnerUid = person.endUserUid;

  let hardware: HardwareModel | null = null;
  let system: Json | undefined;
  let os: Json | undefined;
  let lastLogon: GeneratedDevice["lastLogon"];

  if (family === "agent") {
    const windows = skeleton.nodeClass === "WINDOWS_WORKSTATION" || skeleton.nodeClass === "WINDOWS_SERVER";
    const server = skeleton.nodeClass.endsWith("SERVER");
    const isVm = server && skeleton.nodeClass !== "MAC_SERVER" && rng.chance(0.6);
    let hostname: string;
    if (skeleton.nodeClass === "WINDOWS_WORKSTATION") {
      hostname = rng.chance(0.2)
        ? `${skeleton.laptop ? "LAPTOP" : "DESKTOP"}-${rng.chars(ALNUM_UPPER, 7)}`
        : `${org.code}-${skeleton.laptop ? "LT" : "PC"}-${nnnn}`;
    } else if (skeleton.nodeClass === "WINDOWS_SERVER") {
      hostname = `${org.code}-${rng.pick(HOST_ROLES)}${nn}`;
    } else if (skeleton.nodeClass === "LINUX_SERVER") {
      hostname = `${org.code.toLowerCase()}-${rng.pick(LINUX_ROLES)}${nn}`;
    } else if (skeleton.nodeClass === "LINUX_WORKSTATION") {
      hostname = `${person ? slug(person.firstName) : "dev"}-${rng.pick(["thinkpad", "xps", "desktop"])}`;
    } else if (skeleton.nodeClass === "MAC_SERVER") {
      hostname = `${org.code}-MACSRV-${nn}`;
    } else {
      hostname =
        person && rng.chance(0.6)
          ? `${slug(person.firstName)}s-${skeleton.laptop ? "MBP" : "iMac"}`
          : `${org.code}-MAC-${nnnn}`;
    }
    const friendly =
      skeleton.nodeClass === "MAC" && person && rng.chance(0.4)
        ? `${person.firstName}'s ${skeleton.laptop ? "MacBook Pro" : "iMac"}`
        : rng.chance(0.06) && person
        ? `${person.firstName} ${person.lastName} ${skeleton.laptop ? "laptop" : "PC"}`
        : hostname;
    const domainJoined = windows && org.identity !== "azure";
    device.displayName = rng.chance(0.01) ? undefined : friendly;
    device.systemName = hostname;
    device.dnsName = domainJoined ? `${hostname}.${org.dnsSuffix}` : hostname;
    if (windows) device.netbiosName = hostname.slice(0, 15).toUpperCase();

    // Hardware: physical by class, or a hypervisor's virtual platform.
    let manufacturer: string;
    let model: string;
    let serialNumber: string | undefined;
    let biosSerialNumber: string | undefined;
    if (isVm) {
      const platform: VmPlatform = rng.weighted(VM_PLATFORMS);
      const clone = rng.chance(0.25);
      // Clones of one template inside an organization share the BIOS serial (fact sheet §11.8).
      const cloneRng = new Rng(hash32(seed, 0xc10e, org.index, rng.int(0, 2)));
      ({ manufacturer, model, serialNumber } = vmHardware(platform, clone ? cloneRng : rng, rng));
      biosSerialNumber = serialNumber;
    } else {
      hardware =
        skeleton.nodeClass === "MAC" || skeleton.nodeClass === "MAC_SERVER"
          ? weightedModel(
              rng,
              MAC_MODELS.filter(([m]) =>
                skeleton.nodeClass === "MAC_SERVER" ? !m.laptop : (m.laptop ?? false) === skeleton.laptop,
              ),
            )
          : server
          ? weightedModel(rng, SERVER_MODELS)
          : weightedModel(
              rng,
              WORKSTATION_MODELS.filter(([m]) => (m.laptop ?? false) === skeleton.laptop || m.serial === "whitebox"),
            );
      manufacturer = hardware.manufacturer;
      model = hardware.model;
      const reimaged = rng.chance(0.01);
      // Re-imaged machines enrolled as a new node keep their serial: duplicates across devices.
      const serialRng = reimaged
        ? new Rng(hash32(seed, 0xd00b, rng.int(0, Math.max(2, Math.floor(fleet.spec.size / 400)))))
        : rng;
      serialNumber = serialFor(hardware.serial, serialRng);
      biosSerialNumber = serialNumber;
      if (hardware.serial !== "whitebox" && rng.chance(0.01)) serialNumber = ""; // only the BIOS knows it
      if (hardware.serial !== "whitebox" && rng.chance(0.01)) serialNumber = rng.pick(PLACEHOLDER_SERIALS);
      serialNumber = messySerial(serialNumber, seed, skeleton.id);
    }
    const memory = server ? 2 ** rng.int(33, 37) : 2 ** rng.int(33, 35);
    system = compact({
      name: hostname,
      manufacturer,
      model,
      biosSerialNumber: skeleton.nodeClass.startsWith("MAC") ? undefined : biosSerialNumber,
      serialNumber,
      domain: domainJoined ? org.dnsSuffix : windows ? "WORKGROUP" : undefined,
      domainRole: windows
        ? server
          ? skeleton.nodeRoleId === 201
            ? "PRIMARY_DOMAIN_CONTROLLER"
            : domainJoined
            ? "MEMBER_SERVER"
            : "STANDALONE_SERVER"
          : domainJoined
          ? "MEMBER_WORKSTATION"
          : "STANDALONE_WORKSTATION"
        : undefined,
      numberOfProcessors: server ? rng.int(1, 2) : 1,
      totalPhysicalMemory: memory,
      virtualMachine: isVm,
      chassisType: isVm ? "OTHER" : skeleton.laptop ? "LAPTOP" : server ? "MAIN_SYSTEM_CHASSIS" : "DESKTOP",
    });
    const osSpec = windows
      ? weightedOs(rng, server ? WINDOWS_SERVER_OS : WINDOWS_WORKSTATION_OS)
      : skeleton.nodeClass.startsWith("MAC")
      ? weightedOs(rng, MAC_OS)
      : weightedOs(rng, LINUX_OS);
    os = compact({
      manufacturer: osSpec.manufacturer,
      name: osSpec.name,
      architecture: rng.chance(0.97) ? "64-bit" : "32-bit",
      lastBootTime: Math.floor(lastContact - rng.next() * 20 * DAY),
      buildNumber: osSpec.buildNumber,
      releaseId: osSpec.releaseId,
      servicePackMajorVersion: windows ? 0 : undefined,
      servicePackMinorVersion: windows ? 0 : undefined,
      locale: windows ? rng.pick(["en-US", "en-GB", "de-DE", "fr-FR"]) : undefined,
      language: windows ? "English" : undefined,
      needsReboot: rng.chance(0.15),
    });
    device.memory = { capacity: memory };
    const cores = server ? 2 ** rng.int(2, 5) : rng.pick([4, 6, 8, 10]);
    device.processors = [
      {
        architecture: "x64",
        maxClockSpeed: rng.pick([1800, 2400, 2900, 3100]) * 1_000_000,
        clockSpeed: rng.pick([1800, 2400, 2900]) * 1_000_000,
        name: rng.pick(
          skeleton.nodeClass.startsWith("MAC") ? CPU_MODELS.apple : server ? CPU_MODELS.server : CPU_MODELS.workstation,
        ),
        numCores: cores,
        numLogicalCores: cores * 2,
      },
    ];
    const capacity = 2 ** rng.int(37, 40);
    device.volumes = [
      compact({
        name: windows ? "C:" : "/",
        driveLetter: windows ? "C:" : undefined,
        label: windows ? "Windows" : undefined,
        deviceType: "Local Disk",
        fileSystem: windows ? "NTFS" : skeleton.nodeClass.startsWith("MAC") ? "APFS" : "ext4",
        autoMount: true,
        compressed: false,
        capacity,
        freeSpace: Math.floor(capacity * (0.05 + rng.next() * 0.7)),
        serialNumber: windows ? rng.chars(ALNUM_UPPER, 8) : undefined,
      }),
    ];
    device.ipAddresses = rng.chance(0.5)
      ? [ip, `fe80::${rng.chars(HEX, 4)}:${rng.chars(HEX, 4)}:${rng.chars(HEX, 4)}:${rng.chars(HEX, 4)}`]
      : [ip];
    const nic = mac(rng, isVm ? "00:50:56" : rng.pick(["3c:52:82", "bc:24:11", "94:40:c9", "a4:bb:6d"]));
    device.macAddresses = rng.chance(0.05) ? [nic, nic] : [nic];
    device.publicIP = publicIP;
    const user = lastLoggedInUser(skeleton.nodeClass, org, person, hostname, rng, unit(seed, 0x10c1, skeleton.index));
    if (user) {
      device.lastLoggedInUser = user;
      lastLogon = { userName: user, logonTime: Math.floor(lastContact - rng.next() * 3 * DAY) + frac(rng) };
    }
    device.deviceType = "AgentDevice";
  } else if (family === "mdm") {
    const cls = skeleton.nodeClass as "APPLE_IOS" | "APPLE_IPADOS" | "ANDROID";
    hardware = weightedModel(rng, MOBILE_MODELS[cls]);
    const kind = cls === "APPLE_IPADOS" ? "iPad" : cls === "APPLE_IOS" ? "iPhone" : "Phone";
    const name = person ? `${person.firstName}'s ${kind}` : `${org.code} shared ${kind}`;
    device.displayName = name;
    device.systemName = name;
    system = {
      displayName: name,
      name: kind === "Phone" ? hardware.model : kind,
      manufacturer: hardware.manufacturer,
      model: hardware.model,
      serialNumber: serialFor(hardware.serial, rng),
      build:
        cls === "ANDROID"
          ? `UP1A.${rng.chars(DIGITS, 6)}.${rng.chars(DIGITS, 3)}`
          : rng.pick(["21G93", "22A3354", "21F90"]),
    };
    const capacity = 2 ** rng.int(36, 38);
    device.memory = { capacity: 2 ** rng.int(32, 33) };
    device.volumes = [{ name: "Internal Storage", capacity, freeSpace: Math.floor(capacity * rng.next() * 0.6) }];
    if (kind !== "iPad") {
      device.network = [
        compact({
          imei: rng.chars(DIGITS, 15),
          phoneNumber: rng.chance(0.7) ? `+1555${rng.chars(DIGITS, 7)}` : undefined,
          carrier: rng.pick(["Verizon", "Vodafone", "T-Mobile"]),
        }),
      ];
    }
    device.deviceType = "MdmDevice";
  } else if (family === "vmhost") {
    hardware = weightedModel(rng, HOST_MODELS);
    const esx = skeleton.nodeClass === "VMWARE_VM_HOST";
    const fqdn = `${esx ? "esx" : "hv"}${nn}.${org.dnsSuffix}`;
    device.displayName = rng.chance(0.5) ? ip : fqdn;
    device.systemName = fqdn;
    device.dnsName = ip;
    device.ipAddresses = [ip];
    const nic = mac(rng, "94:40:c9");
    device.macAddresses = [nic, nic, mac(rng, "94:40:c9")];
    const packages = rng.int(1, 2);
    const cores = packages * rng.pick([8, 10, 16]);
    const release = esx
      ? rng.pick(ESXI_RELEASES)
      : { releaseName: "Microsoft Hyper-V Server 2019", version: "10.0.17763", buildNumber: "17763" };
    Object.assign(device, {
      cpuMhz: rng.pick([2100, 2394, 2900]),
      cpuModel: rng.pick(CPU_MODELS.server),
      htActive: true,
      htAvailable: true,
      lastBootTime: Math.floor(lastContact - rng.next() * 90 * DAY) + frac(rng),
      memorySize: 2 ** rng.int(36, 39),
      model: hardware.model,
      name: fqdn,
      cpuCores: cores,
      cpuPackages: packages,
      cpuThreads: cores * 2,
      serviceTag: messySerial(serialFor(hardware.serial, rng), seed, skeleton.id),
      vendor: hardware.manufacturer,
      ...release,
      deviceType: "VMHost",
    });
  } else if (family === "vmguest") {
    const name = rng.chance(0.5) ? `vm-${rng.pick(LINUX_ROLES)}${nn}` : `${org.code}-${rng.pick(HOST_ROLES)}${nn}`;
    device.displayName = name;
    device.systemName = name;
    device.parentDeviceId = hostFor(fleet, skeleton);
    const windowsGuest = rng.chance(0.6);
    Object.assign(device, {
      files: `[datastore1] ${name}/${name}.vmx`,
      fullName: name,
      lastBootTime: Math.floor(lastContact - rng.next() * 30 * DAY) + frac(rng),
      memorySize: 2 ** rng.int(32, 35),
      coresPerSocket: rng.pick([1, 2]),
      cpuCores: rng.pick([2, 4, 8]),
      powerState: skeleton.offline ? "POWERED_OFF" : "POWERED_ON",
      toolsInstallType: "GUEST_TOOLS_TYPE_OPEN_VM_TOOLS",
      toolStatus: skeleton.offline ? "TOOLS_NOT_RUNNING" : "TOOLS_OK",
      toolsVersion: "12352",
      guestOSFullName: windowsGuest ? "Microsoft Windows Server 2022 (64-bit)" : "Ubuntu Linux (64-bit)",
      guestOSFamily: windowsGuest ? "windowsGuest" : "linuxGuest",
      guestOSId: windowsGuest ? "windows2019srvNext_64Guest" : "ubuntu64Guest",
      toolsVersionStatus: "GUEST_TOOLS_CURRENT",
      snapshotCount: rng.int(0, 3),
      snapshotTotalSize: rng.int(0, 3) * 2 ** 30,
      ipAddresses: skeleton.offline ? undefined : [ip],
      deviceType: "VMGuest",
    });
  } else if (family === "cloud") {
    const kind = rng.weighted([
      ["CloudMonitorHTTP", 45],
      ["CloudMonitorPing", 25],
      ["CloudMonitorDNS", 10],
      ["CloudMonitorEmailServer", 10],
      ["CloudMonitorPortScan", 10],
    ] as const);
    const target =
      kind === "CloudMonitorHTTP"
        ? `https://${rng.pick(["portal", "www", "shop", "mail"])}.${org.emailDomain}`
        : kind === "CloudMonitorDNS"
        ? org.emailDomain
        : kind === "CloudMonitorEmailServer"
        ? `mail.${org.emailDomain}`
        : publicIP;
    const label = {
      CloudMonitorHTTP: "",
      CloudMonitorPing: "Ping ",
      CloudMonitorDNS: "DNS ",
      CloudMonitorEmailServer: "SMTP ",
      CloudMonitorPortScan: "Ports ",
    }[kind];
    device.displayName = `${label}${target}`;
    Object.assign(device, {
      enabled: rng.chance(0.95),
      interval: rng.pick([60, 300, 600]),
      timeout: rng.pick([10, 30]),
      target,
      deviceType: kind,
    });
    if (kind === "CloudMonitorEmailServer") {
      Object.assign(device, {
        smtpPort: 587,
        senderEmail: `monitor@${org.emailDomain}`,
        recipientEmail: `it@${org.emailDomain}`,
      });
    }
  } else if (family === "nms") {
    const product = rng.pick(NMS_VENDORS[skeleton.nodeClass] ?? ["Network device"]);
    const prefix = skeleton.nodeClass.replace("NMS_", "").slice(0, 3);
    device.displayName =
      skeleton.nodeClass === "NMS_PRINTER"
        ? `Printer ${rng.pick(["2nd floor", "Reception", "Warehouse", "Finance"])} (${product})`
        : `${prefix}-${org.code}-${nn}`;
    device.systemName = product;
    device.dnsName = ip;
    device.ipAddresses = [ip];
    device.macAddresses = [mac(rng, "00:1b:54")];
    device.deviceType =
      skeleton.nodeClass === "NMS_NETWORK_MANAGEMENT_AGENT" || skeleton.nodeClass === "NMS_SERVER"
        ? "NMSServer"
        : "NMSTarget";
  } else {
    device.displayName = `${rng.pick(ITAM_NAMES)} ${nn}`;
    device.deviceType = "UnmanagedDevice";
  }

  let warranty: GeneratedDevice["warranty"];
  if (hardware?.warranty && rng.chance(0.8)) {
    const start = Math.floor((skeleton.created - rng.next() * 20 * DAY) / DAY) * DAY;
    const years = rng.weighted([
      [1, 15],
      [3, 60],
      [4, 10],
      [5, 15],
    ]);
    warranty = compact({
      startDate: start,
      endDate: start + Math.round(years * 365.25) * DAY,
      manufacturerFulfillmentDate: rng.chance(0.3) ? start - 2 * DAY : undefined,
    });
  }

  device.system = system;
  device.os = os;
  return { skeleton, device: compact(device), warranty, lastLogon, system, os, lastUpdate: roundedUpdate };
}

function vmHardware(
  platform: VmPlatform,
  serialRng: Rng,
  rng: Rng,
): { manufacturer: string; model: string; serialNumber?: string } {
  switch (platform) {
    case "vmware":
      return {
        manufacturer: "VMware, Inc.",
        model: rng.pick(["VMware Virtual Platform", "VMware7,1", "VMware20,1"]),
        serialNumber: vmwareSerial(serialRng),
      };
    case "hyperv":
      return { manufacturer: "Microsoft Corporation", model: "Virtual Machine", serialNumber: hyperVSerial(serialRng) };
    case "qemu": {
      const draw = rng.next();
      return {
        manufacturer: "QEMU",
        model: rng.pick(["Standard PC (Q35 + ICH9, 2009)", "Standard PC (i440FX + PIIX, 1996)"]),
        serialNumber: draw < 0.5 ? "Default string" : draw < 0.8 ? undefined : "",
      };
    }
    case "azure":
      return { manufacturer: "Microsoft Corporation", model: "Virtual Machine", serialNumber: hyperVSerial(serialRng) };
    case "aws":
      return {
        manufacturer: "Amazon EC2",
        model: rng.pick(["t3.medium", "m5.large", "m6i.xlarge"]),
        serialNumber: `ec2${serialRng.chars(HEX, 5)}-${serialRng.chars(HEX, 4)}-${serialRng.chars(
          HEX,
          4,
        )}-${serialRng.chars(HEX, 4)}-${serialRng.chars(HEX, 12)}`,
      };
  }
}

/** `DOMAIN\jsmith`, `AzureAD\JaneSmith`, `jane.smith@example.com`, local admins, Mac short names, root. */
function lastLoggedInUser(
  nodeClass: NodeClass,
  org: OrgSpec,
  person: Person | null,
  hostname: string,
  rng: Rng,
  localDraw: number,
): string | undefined {
  const draw = rng.next();
  if (draw < 0.02) return undefined; // nobody has logged on yet
  if (nodeClass === "WINDOWS_SERVER") {
    return rng.pick([
      `${org.netbios}\\Administrator`,
      `${org.netbios}\\svc-backup`,
      `${org.netbios}\\svc-deploy`,
      "Administrator",
      `${org.netbios}\\${person?.username ?? "itadmin"}-adm`,
    ]);
  }
  if (nodeClass === "LINUX_SERVER") return rng.pick(["root", "ubuntu", "admin", "deploy"]);
  if (nodeClass === "MAC_SERVER") return "admin";
  if (draw < 0.09) {
    return rng.pick(["Administrator", ".\\Administrator", `${hostname}\\admin`, `${hostname}\\localadmin`, "admin"]);
  }
  if (!person) return "Administrator";
  const first = slug(person.firstName);
  if (nodeClass === "MAC") return rng.chance(0.5) ? first : `${first[0]}${slug(person.lastName)}`;
  if (nodeClass === "LINUX_WORKSTATION") return first;
  const pascal = asciiFold(`${person.firstName}${person.lastName}`).replace(/[^A-Za-z]/g, "");
  const style = org.identity === "mixed" ? rng.pick(["ad", "azure", "upn"] as const) : org.identity;
  // A few sign in with a local account named after them, or report a bare name.
  if (localDraw < 0.05) return `.\\${person.username}`;
  if (localDraw < 0.08) return person.username;
  if (style === "ad") return `${org.netbios}\\${person.username}`;
  if (style === "azure") return `AzureAD\\${pascal}`;
  return person.loginEmail;
}

/** A VM guest's hypervisor: the nearest host of the same organization before it, if any. */
function hostFor(fleet: Fleet, guest: DeviceSkeleton): number | undefined {
  if (guest.index >= fleet.spec.size) return undefined;
  const wanted = guest.nodeClass === "VMWARE_VM_GUEST" ? "VMWARE_VM_HOST" : "HYPERV_VMM_HOST";
  for (let i = guest.index - 1; i >= Math.max(0, guest.index - 400); i--) {
    const { skeleton } = skeletonAt(fleet, i);
    if (skeleton.nodeClass === wanted && skeleton.organizationId === guest.organizationId) return skeleton.id;
  }
  return undefined;
}
