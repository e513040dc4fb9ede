// The simulator's fleet generator and device filter: deterministic, and as messy as real fleets.
import { describe, expect, it } from "vitest";
import { PLACEHOLDER_SERIALS } from "@workers/simulator/catalog";
import { DeviceFilterError, parseDeviceFilter, type FilterableDevice } from "@workers/simulator/df";
import { deviceAt, deviceIdAt, firstIndexAfter, fleetFor, indexOfDeviceId } from "@workers/simulator/fleet";
import { FleetView, Overlay } from "@workers/simulator/view";

const ANCHOR = 1_751_023_400; // 2025-06-27
const YEAR = 365.25 * 86_400;

function sample(size: number, seed = 11) {
  const fleet = fleetFor({ seed, size, anchor: ANCHOR });
  return { fleet, devices: Array.from({ length: size }, (_, i) => deviceAt(fleet, i)) };
}

describe("fleet generator", () => {
  const { fleet, devices } = sample(4000);

  it("is deterministic in (seed, size, anchor) and differs by seed", () => {
    const again = fleetFor({ seed: 11, size: 4000, anchor: ANCHOR + 0 });
    expect(JSON.stringify(deviceAt(again, 1234))).toBe(JSON.stringify(devices[1234]));
    const other = fleetFor({ seed: 12, size: 4000, anchor: ANCHOR });
    expect(JSON.stringify(deviceAt(other, 1234))).not.toBe(JSON.stringify(devices[1234]));
  });

  it("spreads the devices over one organization per 25 devices, or over as many as the reset asks", () => {
    expect(fleet.orgs).toHaveLength(160);
    const many = fleetFor({ seed: 11, size: 10_000, anchor: ANCHOR, organizations: 4000 });
    expect(many.orgs).toHaveLength(4000);
    expect(new Set(many.orgs.map((o) => o.name)).size).toBe(4000);
    const used = new Set(Array.from({ length: 10_000 }, (_, i) => deviceAt(many, i).skeleton.organizationId));
    expect(used.size).toBeGreaterThan(1000);
    expect(fleetFor({ seed: 11, size: 10_000, anchor: ANCHOR }).orgs).toHaveLength(400);
  });

  it("ids ascend with gaps and map back to indexes", () => {
    expect(deviceIdAt(0)).toBe(1001);
    expect(deviceIdAt(9) - deviceIdAt(8)).toBe(2);
    expect(indexOfDeviceId(fleet, deviceIdAt(2500))).toBe(2500);
    expect(indexOfDeviceId(fleet, deviceIdAt(9) - 1)).toBeNull();
    expect(firstIndexAfter(fleet, deviceIdAt(99))).toBe(100);
    expect(firstIndexAfter(fleet, 10_000_000)).toBe(4000);
  });

  it("has workstations as the bulk and every class present", () => {
    const counts = new Map<string, number>();
    for (const d of devices) counts.set(d.skeleton.nodeClass, (counts.get(d.skeleton.nodeClass) ?? 0) + 1);
    expect(counts.size).toBe(33);
    expect(counts.get("WINDOWS_WORKSTATION") ?? 0).toBeGreaterThan(1500);
    expect(counts.get("NMS_IPSLA") ?? 0).toBeLessThan(40);
  });

  it("names organizations with case, punctuation, accent, legal-suffix and spacing variants", () => {
    const big = fleetFor({ seed: 5, size: 20_000, anchor: ANCHOR });
    const names = big.orgs.map((o) => o.name);
    expect(names[0]).toMatch(/^acme/i);
    expect(names.some((n) => n !== n.trim())).toBe(true);
    expect(names.some((n) => /[À-ž]/.test(n))).toBe(true);
    expect(names.some((n) => /\b(Inc\.?|LLC|Ltd\.?|GmbH|Incorporated|Limited)$/.test(n.trim()))).toBe(true);
    expect(names.some((n) => n.length > 4 && n === n.toUpperCase())).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it("has real serials, placeholders, clones sharing a serial and serial-less devices", () => {
    const serials = devices.map((d) => d.system?.serialNumber).filter((s): s is string => !!s);
    expect(serials.some((s) => /^[0-9A-Z]{7}$/.test(s))).toBe(true); // Dell service tags
    expect(serials.some((s) => PLACEHOLDER_SERIALS.includes(s))).toBe(true);
    const real = serials.filter((s) => !PLACEHOLDER_SERIALS.includes(s) && s !== "");
    const counts = new Map<string, number>();
    for (const s of real) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect([...counts.values()].some((n) => n > 1)).toBe(true);
    expect(devices.some((d) => d.device.nodeClass === "VMWARE_VM_GUEST" && !d.device.system)).toBe(true);
    expect(devices.some((d) => d.device.nodeClass === "CLOUD_MONITOR_TARGET" && !d.device.system)).toBe(true);
    expect(devices.some((d) => d.device.deviceType === "AgentDevice" && d.system?.serialNumber === undefined)).toBe(
      true,
    );
  });

  it("has last-logged-in users in every format", () => {
    const users = devices.map((d) => d.device.lastLoggedInUser).filter((u): u is string => typeof u === "string");
    expect(users.some((u) => /^[A-Z0-9]+\\[a-z.]+$/.test(u))).toBe(true); // DOMAIN\jsmith
    expect(users.some((u) => /^AzureAD\\[A-Z][A-Za-z]+$/.test(u))).toBe(true);
    expect(users.some((u) => /^[a-z.0-9]+@[a-z0-9.]+$/.test(u))).toBe(true);
    expect(users.some((u) => /Administrator|\\admin$|\\localadmin$/.test(u))).toBe(true);
  });

  it("spreads ages over 0 to 8 years, warranties over every band, and some devices offline", () => {
    const ages = devices.map((d) => (ANCHOR - d.skeleton.created) / YEAR);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(8.01);
    expect(ages.filter((a) => a > 5).length).toBeGreaterThan(50);
    const ends = devices.map((d) => d.warranty?.endDate);
    expect(ends.some((e) => e !== undefined && e > ANCHOR + 90 * 86_400)).toBe(true); // active
    expect(ends.some((e) => e !== undefined && e > ANCHOR && e <= ANCHOR + 90 * 86_400)).toBe(true); // expiring
    expect(ends.some((e) => e !== undefined && e < ANCHOR)).toBe(true); // expired
    expect(devices.some((d) => d.device.deviceType === "AgentDevice" && !d.warranty)).toBe(true); // missing
    const offline = devices.filter((d) => d.device.offline).length;
    expect(offline).toBeGreaterThan(200);
    expect(offline).toBeLessThan(2000);
  });

  it("omits absent fields instead of sending null, and keeps fractional timestamps", () => {
    const text = JSON.stringify(devices.map((d) => d.device));
    expect(text).not.toContain("null");
    expect(devices.some((d) => !Number.isInteger(d.device.created))).toBe(true);
  });

  it("assigns devices to end users of the same organization", () => {
    const view = new FleetView(fleet.spec, new Overlay());
    const assigned = devices.filter((d) => d.device.assignedOwnerUid);
    expect(assigned.length).toBeGreaterThan(50);
    const first = assigned[0].device;
    const users = view.endUsers(assigned[0].skeleton.organizationId) ?? [];
    const owner = users.find((u) => u.uid === first.assignedOwnerUid);
    expect(owner?.assignedDeviceIds).toContain(first.id);
  });

  it("serves every end user across organizations with the mess a contact sync meets", () => {
    const view = new FleetView(fleet.spec, new Overlay());
    const users = view.allEndUsers("user");
    const portal = view.allEndUsers("end-user");
    expect(users.length).toBe(portal.length);
    expect(new Set(users.map((u) => u.organizationId)).size).toBeGreaterThan(3);
    expect(users.every((u) => u.userType === "END_USER")).toBe(true);
    expect(portal.every((u) => !("userType" in u) && typeof u.authType === "string")).toBe(true);
    const people = [...users, ...view.contacts()];
    expect(people.some((p) => p.email === undefined)).toBe(true); // missing e-mail
    const emails = people.flatMap((p) => (typeof p.email === "string" && p.email.startsWith("info@") ? [p.email] : []));
    expect(emails.length).toBeGreaterThan(emails.length > 0 ? new Set(emails).size : 0); // shared mailbox
    expect(people.some((p) => /[^\x00-\x7f]/.test(`${p.firstName}${p.lastName}`))).toBe(true); // unicode names
    // The same human in two organizations: same name and e-mail, different organization and uid.
    const byEmail = new Map<string, Set<unknown>>();
    for (const p of people) if (typeof p.email === "string" && !p.email.startsWith("info@")) byEmail.set(p.email, new Set([...(byEmail.get(p.email) ?? []), p.organizationId]));
    expect([...byEmail.values()].some((orgs) => orgs.size > 1)).toBe(true);
    // Every assigned owner is an end user of the list.
    const uids = new Set(users.map((u) => u.uid));
    const owners = devices.flatMap((d) => (typeof d.device.assignedOwnerUid === "string" ? [d.device.assignedOwnerUid] : []));
    expect(owners.length).toBeGreaterThan(50);
    expect(owners.every((uid) => uids.has(uid))).toBe(true);
  });

  it("logs people on as DOMAIN\\user, AzureAD\\FirstLast, user@domain, .\\user and bare names", () => {
    const users = devices.flatMap((d) => (typeof d.device.lastLoggedInUser === "string" ? [d.device.lastLoggedInUser] : []));
    expect(users.some((u) => /^[A-Z0-9-]+\\[a-z.]+$/.test(u) && !u.startsWith("."))).toBe(true);
    expect(users.some((u) => /^AzureAD\\[A-Z][a-z]+[A-Z]/.test(u))).toBe(true);
    expect(users.some((u) => /^[a-z0-9.]+@/.test(u))).toBe(true);
    expect(users.some((u) => /^\.\\[a-z.]+$/.test(u) && u !== ".\\Administrator")).toBe(true);
    expect(users.some((u) => /^[a-z][a-z.]+$/.test(u) && !["admin", "root", "ubuntu", "deploy"].includes(u))).toBe(true);
    expect(users).toContain("Administrator");
  });

  it("a mutation log moves, renames, deletes and adds devices", () => {
    const overlay = Overlay.from([
      {
        kind: "device.patch",
        id: 1001,
        displayName: "Renamed",
        organizationId: 2,
        locationId: fleet.orgById.get(2)?.locationIds[0],
      },
      { kind: "device.delete", id: 1002 },
      {
        kind: "device.add",
        id: fleet.maxBaseId + 1,
        ordinal: 0,
        nodeClass: "MAC",
        organizationId: 1,
        locationId: 10,
        created: ANCHOR,
      },
      { kind: "org.rename", id: 1, name: "Acme, Inc." },
    ]);
    const view = new FleetView(fleet.spec, overlay);
    expect(view.liveDevice(1001)?.generate().device).toMatchObject({ displayName: "Renamed", organizationId: 2 });
    expect(view.liveDevice(1002)).toBeNull();
    expect(view.liveDevice(fleet.maxBaseId + 1)?.generate().device.nodeClass).toBe("MAC");
    expect(view.organization(1, false)?.name).toBe("Acme, Inc.");
    expect(view.counts().devices).toBe(4000);
  });
});

describe("device filter (df)", () => {
  const device: FilterableDevice = {
    id: 42,
    organizationId: 3,
    locationId: 12,
    nodeRoleId: 2,
    nodeClass: "WINDOWS_SERVER",
    approvalStatus: "APPROVED",
    offline: true,
    created: Date.parse("2024-06-01T00:00:00Z") / 1000,
  };
  const matches = (df: string) => parseDeviceFilter(df)(device);

  it.each([
    ["org = 3", true],
    ["org=3", true],
    ["org = 4", false],
    ["org in (1, 3)", true],
    ["organization in (1,2)", false],
    ["org != 5", true],
    ["org nin (3, 6)", false],
    ["loc = 12", true],
    ["role in (2)", true],
    ["id in (41, 42)", true],
    ["class = WINDOWS_SERVER", true],
    ["class eq WINDOWS_SERVER", true],
    ["class in (WINDOWS_WORKSTATION,MAC,LINUX_WORKSTATION)", false],
    ["status = APPROVED", true],
    ["offline", true],
    ["online", false],
    ["created after 2024-01-01", true],
    ["created before 2024-01-01", false],
    ["org = 3 AND class = WINDOWS_SERVER AND offline", true],
    ["org = 3 AND online", false],
    ["", true],
  ])("%s → %s", (df, expected) => {
    expect(matches(df)).toBe(expected);
  });

  it.each([
    "org = 3 and offline",
    "class = windows_server",
    "org = x",
    "org in (1, 2",
    "group 5",
    "tagId in (1)",
    "org = 3 OR org = 4",
    "AND offline",
  ])("refuses %s", (df) => {
    expect(() => parseDeviceFilter(df)).toThrow(DeviceFilterError);
  });
});
