// The fleet as the API serves it: the deterministic fleet plus the logged mutations (renames,
// moves, deletions, additions, organization renames and deletions), read in id order a page at a
// time. Pure: the Durable Object hands it the fleet spec and the mutation log.
import { ROLES } from "./catalog";
import type { DevicePredicate, FilterableDevice } from "./df";
import {
  deviceAt,
  deviceIdAt,
  firstIndexAfter,
  fleetFor,
  indexOfDeviceId,
  personAt,
  skeletonAt,
  type Fleet,
  type FleetSpec,
  type GeneratedDevice,
  type Json,
  type OrgSpec,
  type Person,
} from "./fleet";
import type { Mutation } from "./state";

type DevicePatch = { displayName?: string; organizationId?: number; locationId?: number; offline?: boolean; hiddenFromLists?: boolean };
type AddedDevice = Extract<Mutation, { kind: "device.add" }>;

export class Overlay {
  readonly patches = new Map<number, DevicePatch>();
  readonly deleted = new Set<number>();
  readonly added: AddedDevice[] = [];
  readonly orgNames = new Map<number, string>();
  readonly deletedOrgs = new Set<number>();

  apply(mutation: Mutation) {
    switch (mutation.kind) {
      case "device.patch": {
        const { kind: _kind, id, ...patch } = mutation;
        this.patches.set(id, { ...this.patches.get(id), ...patch });
        break;
      }
      case "device.delete":
        this.deleted.add(mutation.id);
        break;
      case "device.add":
        this.added.push(mutation);
        break;
      case "org.rename":
        this.orgNames.set(mutation.id, mutation.name);
        break;
      case "org.delete":
        this.deletedOrgs.add(mutation.id);
        break;
    }
  }

  static from(mutations: Iterable<Mutation>): Overlay {
    const overlay = new Overlay();
    for (const mutation of mutations) overlay.apply(mutation);
    return overlay;
  }
}

/** A device as it currently is: generated, then patched. */
export type LiveDevice = {
  id: number;
  filterable: FilterableDevice;
  /** Generates the full JSON (and warranty, last logon) on demand. */
  generate(): GeneratedDevice;
};

export const SIM_REPORTS = ["computer-systems", "operating-systems", "logged-on-users", "device-health"] as const;
export type QueryReportName = (typeof SIM_REPORTS)[number];

export function isSimReport(name: string): name is QueryReportName {
  return (SIM_REPORTS as readonly string[]).includes(name);
}

export class FleetView {
  readonly fleet: Fleet;

  constructor(spec: FleetSpec, readonly overlay: Overlay) {
    this.fleet = fleetFor(spec);
  }

  // ---- organizations, locations, roles ---------------------------------------------------------

  private liveOrgs(): OrgSpec[] {
    return this.fleet.orgs.filter((o) => !this.overlay.deletedOrgs.has(o.id));
  }

  orgExists(id: number): boolean {
    return this.fleet.orgById.has(id) && !this.overlay.deletedOrgs.has(id);
  }

  organizationJson(org: OrgSpec): Json {
    const json: Json = { name: this.overlay.orgNames.get(org.id) ?? org.name };
    if (org.description) json.description = org.description;
    json.nodeApprovalMode = org.nodeApprovalMode;
    if (org.hasUserData) json.userData = {};
    json.id = org.id;
    return json;
  }

  organizations(after: number, pageSize: number): Json[] {
    return this.liveOrgs()
      .filter((o) => o.id > after)
      .slice(0, pageSize)
      .map((o) => this.organizationJson(o));
  }

  organization(id: number, detailed: boolean): Json | null {
    if (!this.orgExists(id)) return null;
    const org = this.fleet.orgById.get(id);
    if (!org) return null;
    return detailed ? this.organizationDetailedJson(org) : this.organizationJson(org);
  }

  organizationsDetailed(after: number, pageSize: number): Json[] {
    return this.liveOrgs()
      .filter((o) => o.id > after)
      .slice(0, pageSize)
      .map((o) => this.organizationDetailedJson(o));
  }

  private organizationDetailedJson(org: OrgSpec): Json {
    return {
      ...this.organizationJson(org),
      locations: this.organizationLocations(org.id) ?? [],
      policies: [
        { nodeRoleId: 1, policyId: 101 },
        { nodeRoleId: 2, policyId: 102 },
      ],
      settings: {
        trayicon: { product: "TRAYICON", enabled: true, targets: [], options: {} },
        psa: { enabled: false, targets: [], options: {} },
      },
    };
  }

  private locationJson(id: number, withOrganization: boolean): Json | null {
    const location = this.fleet.locationById.get(id);
    if (!location) return null;
    const json: Json = { name: location.name };
    if (location.address) json.address = location.address;
    if (location.description) json.description = location.description;
    json.id = location.id;
    if (withOrganization) json.organizationId = location.organizationId;
    return json;
  }

  /** /v2/locations: every location of every live organization, keyset paged. */
  locations(after: number, pageSize: number): Json[] {
    const out: Json[] = [];
    for (const location of this.fleet.locations) {
      if (out.length >= pageSize) break;
      if (location.id <= after || this.overlay.deletedOrgs.has(location.organizationId)) continue;
      const json = this.locationJson(location.id, true);
      if (json) out.push(json);
    }
    return out;
  }

  organizationLocations(orgId: number): Json[] | null {
    const org = this.fleet.orgById.get(orgId);
    if (!org || !this.orgExists(orgId)) return null;
    return org.locationIds.map((id) => this.locationJson(id, false)).filter((j): j is Json => j !== null);
  }

  roles(): Json[] {
    const created = this.fleet.spec.anchor - 8 * 365 * 86_400;
    return ROLES.map((role) => {
      const json: Json = { id: role.id, name: role.name };
      if (role.description) json.description = role.description;
      json.nodeClass = role.nodeClass;
      json.custom = role.custom;
      json.chassisType = role.chassisType;
      json.created = role.custom ? created + role.id * 86_400 + 0.25 : created + 0.5;
      return json;
    });
  }

  private roleJson(id: number): Json | undefined {
    return this.roles().find((r) => r.id === id);
  }

  // ---- devices ---------------------------------------------------------------------------------

  private liveBase(index: number): LiveDevice | null {
    const id = deviceIdAt(index);
    if (this.overlay.deleted.has(id)) return null;
    const { skeleton } = skeletonAt(this.fleet, index);
    const patch = this.overlay.patches.get(id);
    const organizationId = patch?.organizationId ?? skeleton.organizationId;
    if (this.overlay.deletedOrgs.has(organizationId)) return null;
    const filterable: FilterableDevice = {
      id,
      organizationId,
      locationId: patch?.locationId ?? skeleton.locationId,
      nodeRoleId: skeleton.nodeRoleId,
      nodeClass: skeleton.nodeClass,
      approvalStatus: skeleton.approvalStatus,
      offline: patch?.offline ?? skeleton.offline,
      created: skeleton.created,
    };
    return { id, filterable, generate: () => this.patched(deviceAt(this.fleet, index), patch, filterable) };
  }

  private liveAdded(added: AddedDevice): LiveDevice | null {
    if (this.overlay.deleted.has(added.id)) return null;
    const patch = this.overlay.patches.get(added.id);
    const organizationId = patch?.organizationId ?? added.organizationId;
    if (this.overlay.deletedOrgs.has(organizationId)) return null;
    const index = this.fleet.spec.size + added.ordinal;
    const overrides = {
      id: added.id,
      nodeClass: added.nodeClass,
      organizationId: added.organizationId,
      locationId: added.locationId,
      created: added.created,
    };
    const { skeleton } = skeletonAt(this.fleet, index, overrides);
    const filterable: FilterableDevice = {
      id: added.id,
      organizationId,
      locationId: patch?.locationId ?? added.locationId,
      nodeRoleId: skeleton.nodeRoleId,
      nodeClass: added.nodeClass,
      approvalStatus: "APPROVED",
      offline: patch?.offline ?? false,
      created: added.created,
    };
    return {
      id: added.id,
      filterable,
      generate: () => {
        const generated = deviceAt(this.fleet, index, overrides);
        const device = generated.device;
        // A freshly enrolled device: just seen, approved, as described by the control call.
        device.approvalStatus = "APPROVED";
        device.lastContact = added.created;
        device.lastUpdate = added.created;
        if (added.displayName) device.displayName = added.displayName;
        const { system } = generated;
        if (system) {
          if (added.manufacturer) system.manufacturer = added.manufacturer;
          if (added.model) system.model = added.model;
          if (added.serialNumber !== undefined) {
            system.serialNumber = added.serialNumber;
            if ("biosSerialNumber" in system) system.biosSerialNumber = added.serialNumber;
          }
        } else if (device.deviceType === "VMHost") {
          if (added.manufacturer) device.vendor = added.manufacturer;
          if (added.model) device.model = added.model;
          if (added.serialNumber !== undefined) device.serviceTag = added.serialNumber;
        }
        return this.patched(generated, patch, filterable);
      },
    };
  }

  private patched(generated: GeneratedDevice, patch: DevicePatch | undefined, live: FilterableDevice): GeneratedDevice {
    if (!patch) return generated;
    const device = { ...generated.device };
    if (patch.displayName !== undefined) device.displayName = patch.displayName;
    if (patch.offline !== undefined) device.offline = patch.offline;
    if (patch.organizationId !== undefined && patch.organizationId !== generated.skeleton.organizationId) {
      // Moved to another organization: the assignment to a person of the old one ends.
      delete device.assignedOwnerUid;
    }
    device.organizationId = live.organizationId;
    device.locationId = live.locationId;
    return { ...generated, device };
  }

  /** The live device with this id, or null (never existed, deleted, or its organization deleted). */
  liveDevice(id: number): LiveDevice | null {
    const index = indexOfDeviceId(this.fleet, id);
    if (index !== null) return this.liveBase(index);
    const added = this.overlay.added.find((a) => a.id === id);
    return added ? this.liveAdded(added) : null;
  }

  /**
   * A device hidden from lists (a control-API fault): lists and reports skip it, but
   * GET /v2/device/{id} still answers, like a NinjaOne whose list lost a device that exists.
   */
  private hiddenFromLists(id: number): boolean {
    return this.overlay.patches.get(id)?.hiddenFromLists === true;
  }

  /** Listed devices with id > after, ascending, that match the filter. */
  *devicesAfter(after: number, predicate: DevicePredicate): Generator<LiveDevice> {
    const { size } = this.fleet.spec;
    for (let index = firstIndexAfter(this.fleet, after); index < size; index++) {
      const live = this.liveBase(index);
      if (live && !this.hiddenFromLists(live.id) && predicate(live.filterable)) yield live;
    }
    for (const added of this.overlay.added) {
      if (added.id <= after) continue;
      const live = this.liveAdded(added);
      if (live && !this.hiddenFromLists(live.id) && predicate(live.filterable)) yield live;
    }
  }

  devicePage(after: number, pageSize: number, predicate: DevicePredicate, build: (live: LiveDevice) => Json): Json[] {
    const out: Json[] = [];
    if (pageSize <= 0) return out;
    for (const live of this.devicesAfter(after, predicate)) {
      out.push(build(live));
      if (out.length >= pageSize) break;
    }
    return out;
  }

  /** Basic /v2/devices item: the detailed one without hardware, OS and sub-schema fields. */
  static basic(device: Json): Json {
    const keep = [
      "id",
      "uid",
      "assignedOwnerUid",
      "parentDeviceId",
      "organizationId",
      "locationId",
      "nodeClass",
      "nodeRoleId",
      "rolePolicyId",
      "policyId",
      "approvalStatus",
      "offline",
      "displayName",
      "systemName",
      "dnsName",
      "netbiosName",
      "created",
      "lastContact",
      "lastUpdate",
      "tags",
      "maintenance",
      "references",
    ];
    const out: Json = {};
    for (const key of keep) if (device[key] !== undefined) out[key] = device[key];
    return out;
  }

  /** `references` for the requested expansions (fact sheet §4.9). */
  references(live: LiveDevice, generated: GeneratedDevice, expand: ReadonlySet<string>): Json | undefined {
    const refs: Json = {};
    const { organizationId, locationId, nodeRoleId } = live.filterable;
    if (expand.has("organization")) {
      const org = this.fleet.orgById.get(organizationId);
      if (org) refs.organization = this.organizationJson(org);
    }
    if (expand.has("location")) {
      const location = this.locationJson(locationId, false);
      if (location) refs.location = location;
    }
    if (expand.has("role")) {
      const role = this.roleJson(nodeRoleId);
      if (role) refs.role = role;
    }
    if (expand.has("warranty") && generated.warranty) refs.warranty = generated.warranty;
    if (expand.has("assignedOwner") && generated.device.assignedOwnerUid) {
      const { skeleton } = generated;
      const org = this.fleet.orgById.get(skeleton.organizationId);
      if (org && skeleton.person !== null) {
        refs.assignedOwner = this.endUserJson(personAt(this.fleet, org, skeleton.person), [live.id]);
      }
    }
    return Object.keys(refs).length ? refs : undefined;
  }

  // ---- people ----------------------------------------------------------------------------------

  private contactJson(person: Person): Json {
    const json: Json = {
      id: person.contactId,
      organizationId: person.organizationId,
      uid: person.contactUid,
      firstName: person.firstName,
      lastName: person.lastName,
    };
    if (person.email) json.email = person.email;
    if (person.phone) json.phone = person.phone;
    if (person.jobTitle) json.jobTitle = person.jobTitle;
    return json;
  }

  private endUserJson(person: Person, assignedDeviceIds: number[]): Json {
    const json: Json = {
      id: person.endUserId,
      uid: person.endUserUid,
      firstName: person.firstName,
      lastName: person.lastName,
    };
    if (person.email) json.email = person.email;
    if (person.phone) json.phone = person.phone;
    Object.assign(json, {
      enabled: person.enabled,
      administrator: false,
      userType: "END_USER",
      invitationStatus: person.invitationStatus,
      organizationId: person.organizationId,
      deviceIds: assignedDeviceIds,
      assignedDeviceIds,
    });
    return json;
  }

  contacts(): Json[] {
    const out: Json[] = [];
    for (const org of this.liveOrgs()) {
      for (let j = 0; j < org.peopleCount; j++) {
        const person = personAt(this.fleet, org, j);
        if (person.isContact) out.push(this.contactJson(person));
      }
    }
    return out;
  }

  contact(id: number): Json | null {
    const orgIndex = Math.floor((id - 100_000) / 1000);
    const j = (id - 100_000) % 1000;
    const org = this.fleet.orgs[orgIndex];
    if (!org || j < 0 || j >= org.peopleCount || !this.orgExists(org.id)) return null;
    const person = personAt(this.fleet, org, j);
    return person.isContact ? this.contactJson(person) : null;
  }

  /** Devices assigned to each person (`${orgId}:${personIndex}` → device ids), one pass over the fleet. */
  private assignments(onlyOrg?: number): Map<string, number[]> {
    const assigned = new Map<string, number[]>();
    for (let index = 0; index < this.fleet.spec.size; index++) {
      const { skeleton } = skeletonAt(this.fleet, index);
      if (!skeleton.assigned || skeleton.person === null) continue;
      if (onlyOrg !== undefined && skeleton.organizationId !== onlyOrg) continue;
      if (this.overlay.deleted.has(skeleton.id)) continue;
      const moved = this.overlay.patches.get(skeleton.id)?.organizationId;
      if (moved !== undefined && moved !== skeleton.organizationId) continue;
      const key = `${skeleton.organizationId}:${skeleton.person}`;
      const list = assigned.get(key) ?? [];
      list.push(skeleton.id);
      assigned.set(key, list);
    }
    return assigned;
  }

  /** End users of one organization, each with the devices assigned to them. Null: no such org. */
  endUsers(orgId: number): Json[] | null {
    const org = this.fleet.orgById.get(orgId);
    if (!org || !this.orgExists(orgId)) return null;
    const assigned = this.assignments(orgId);
    const out: Json[] = [];
    for (let j = 0; j < org.peopleCount; j++) {
      const person = personAt(this.fleet, org, j);
      if (person.isEndUser) out.push(this.endUserJson(person, assigned.get(`${org.id}:${j}`) ?? []));
    }
    return out;
  }

  /** Every end user of every live organization (GET /v2/users?userType=END_USER, /v2/user/end-users). */
  allEndUsers(shape: "user" | "end-user"): Json[] {
    const assigned = this.assignments();
    const out: Json[] = [];
    for (const org of this.liveOrgs()) {
      for (let j = 0; j < org.peopleCount; j++) {
        const person = personAt(this.fleet, org, j);
        if (!person.isEndUser) continue;
        const devices = assigned.get(`${org.id}:${j}`) ?? [];
        out.push(shape === "user" ? this.endUserJson(person, devices) : this.portalEndUserJson(person, devices));
      }
    }
    return out;
  }

  /** The EndUser schema of /v2/user/end-users (no userType, portal fields instead). */
  private portalEndUserJson(person: Person, assignedDeviceIds: number[]): Json {
    const json: Json = { id: person.endUserId, uid: person.endUserUid, enabled: person.enabled, firstName: person.firstName, lastName: person.lastName };
    if (person.email) json.email = person.email;
    if (person.phone) json.phone = person.phone;
    Object.assign(json, {
      organizationId: person.organizationId,
      fullPortalAccess: person.index % 7 === 0,
      mustChangePw: false,
      mfaConfigured: person.invitationStatus === "REGISTERED" && person.index % 3 !== 0,
      scimUser: person.index % 5 === 0,
      authType: person.index % 5 === 0 ? "SSO" : "NATIVE",
      invitationStatus: person.invitationStatus,
      assignedDeviceIds,
      accessibleDeviceIds: assignedDeviceIds,
    });
    return json;
  }

  /** The MSP's own technicians (GET /v2/users without userType, or userType=TECHNICIAN): never contacts. */
  technicians(): Json[] {
    return [
      { id: 1, uid: "7f1c1a8e-0000-4000-8000-000000000001", firstName: "Demo", lastName: "Technician", email: "demo.technician@ninjaone-sim.test", enabled: true, administrator: true, userType: "TECHNICIAN", invitationStatus: "REGISTERED", deviceIds: [], assignedDeviceIds: [] },
      { id: 2, uid: "7f1c1a8e-0000-4000-8000-000000000002", firstName: "Help", lastName: "Desk", email: "helpdesk@ninjaone-sim.test", enabled: true, administrator: false, userType: "TECHNICIAN", invitationStatus: "REGISTERED", deviceIds: [], assignedDeviceIds: [] },
    ];
  }

  // ---- /v2/queries/* ---------------------------------------------------------------------------

  /** The report's row for a device, or null when the device has none (e.g. no OS for a switch). */
  reportRow(report: QueryReportName, live: LiveDevice, generated: GeneratedDevice): Json | null {
    const deviceId = live.id;
    const timestamp = generated.lastUpdate;
    switch (report) {
      case "computer-systems":
        return generated.device.deviceType === "AgentDevice" && generated.system
          ? { ...generated.system, deviceId, timestamp }
          : null;
      case "operating-systems":
        return generated.device.deviceType === "AgentDevice" && generated.os
          ? { ...generated.os, deviceId, timestamp }
          : null;
      case "logged-on-users":
        return generated.lastLogon ? { ...generated.lastLogon, deviceId } : null;
      case "device-health": {
        const { offline } = live.filterable;
        const row: Json = {
          deviceId,
          healthStatus: offline
            ? "UNKNOWN"
            : deviceId % 11 === 0
            ? "UNHEALTHY"
            : deviceId % 5 === 0
            ? "NEEDS_ATTENTION"
            : "HEALTHY",
          offline,
          alertCount: deviceId % 5 === 0 ? 1 + (deviceId % 3) : 0,
          activeJobCount: 0,
          activeThreatsCount: 0,
          quarantinedThreatsCount: 0,
          blockedThreatsCount: 0,
          failedOSPatchesCount: deviceId % 13 === 0 ? 2 : 0,
          pendingOSPatchesCount: deviceId % 4,
          failedSoftwarePatchesCount: 0,
          pendingSoftwarePatchesCount: deviceId % 3,
          installationIssuesCount: 0,
        };
        if (generated.device.parentDeviceId !== undefined) {
          row.parentDeviceId = generated.device.parentDeviceId;
          row.parentOffline = false;
        }
        if (generated.os?.needsReboot) row.pendingRebootReason = "OS_PATCHES";
        return row;
      }
    }
  }

  /** Rows of a report for live devices after `afterId`, at most `limit`; lastId is where to continue. */
  reportRows(
    report: QueryReportName,
    afterId: number,
    limit: number,
    predicate: DevicePredicate,
    ts: number | undefined,
  ): { rows: Json[]; lastId: number } {
    const rows: Json[] = [];
    let lastId = afterId;
    if (limit <= 0) return { rows, lastId };
    for (const live of this.devicesAfter(afterId, predicate)) {
      const row = this.reportRow(report, live, live.generate());
      lastId = live.id;
      if (!row) continue;
      if (ts !== undefined && typeof row.timestamp === "number" && row.timestamp < ts) continue;
      rows.push(row);
      if (rows.length >= limit) break;
    }
    return { rows, lastId };
  }

  // ---- counts ----------------------------------------------------------------------------------

  counts() {
    const orgs = this.liveOrgs();
    let devices: number;
    const anyHidden = [...this.overlay.patches.values()].some((p) => p.hiddenFromLists === true);
    if (this.overlay.deletedOrgs.size === 0 && !anyHidden) {
      const deletedBase = [...this.overlay.deleted].filter((id) => indexOfDeviceId(this.fleet, id) !== null).length;
      const liveAdded = this.overlay.added.filter((a) => !this.overlay.deleted.has(a.id)).length;
      devices = this.fleet.spec.size - deletedBase + liveAdded;
    } else {
      devices = 0;
      for (const _ of this.devicesAfter(0, () => true)) devices++;
    }
    return {
      organizations: orgs.length,
      locations: orgs.reduce((n, o) => n + o.locationIds.length, 0),
      roles: ROLES.length,
      devices,
      people: orgs.reduce((n, o) => n + o.peopleCount, 0),
    };
  }
}
