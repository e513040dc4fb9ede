// Reconciliation fidelity (issue 10): the seven rules, each through the real queue handler against a
// NinjaOne stand-in that behaves unlike our simulator (pages capped, lists that lose devices, serials
// in any case).
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { NODE_CLASSES } from "@workers/domain/categories";
import { serialKey } from "@workers/domain/serials";
import { listOrgMappings, saveOrgMappings } from "@workers/sync/org-mapping";
import { addApiKey, api } from "./asset-fixtures";
import { appFetch, db, makeWorkspace } from "./helpers";
import { addCustomer, addManualAsset, assetsOf, connectWorkspace, device, eventsOf, FakeNinja, syncHarness } from "./sync-fixtures";

async function connectedWorkspace() {
  const ws = await makeWorkspace("owner");
  await connectWorkspace(ws.workspaceId);
  return ws;
}

const assetById = async (workspaceId: string, id: string) =>
  (await db().select().from(schema.assets).where(and(eq(schema.assets.workspaceId, workspaceId), eq(schema.assets.id, id))))[0];

const orgRow = async (workspaceId: string, ninjaOrgId: number) =>
  (
    await db()
      .select()
      .from(schema.ninjaOrganizations)
      .where(and(eq(schema.ninjaOrganizations.workspaceId, workspaceId), eq(schema.ninjaOrganizations.ninjaOrgId, ninjaOrgId)))
  )[0];

describe("rule 1: serials compare without regard to case or surrounding whitespace", () => {
  it("claims hand-typed assets with a mixed-case VMware serial and a padded lower-case serial, across pages, through finalize", async () => {
    const { workspaceId } = await connectedWorkspace();
    const vmware = "VMware-56 4d 9a 1e 2b 7c 3d 4e-5f 60 71 82 93 a4 b5 c6";
    const vmAsset = await addManualAsset(workspaceId, { name: "file server vm", serialNumber: vmware });
    const padded = await addManualAsset(workspaceId, { name: "reception pc", serialNumber: "  pf1abcde  " });
    const placeholder = await addManualAsset(workspaceId, { name: "whitebox", serialNumber: "to be filled by o.e.m." });
    const ninja = new FakeNinja([
      device(1),
      device(2),
      device(3, { serial: "To Be Filled By O.E.M." }),
      device(4, { serial: vmware }), // page 2: the page step finds it, finalize must too
      device(5, { serial: "PF1ABCDE" }),
    ]);
    const run = await syncHarness(ninja, { pageSize: 2 }).sync(workspaceId);
    expect(run).toMatchObject({ status: "succeeded", devicesFound: 5, assetsLinked: 2, assetsCreated: 3 });

    expect(await assetById(workspaceId, vmAsset)).toMatchObject({ ninjaDeviceId: 4, matchedBy: "serial" });
    expect(await assetById(workspaceId, padded)).toMatchObject({ ninjaDeviceId: 5, matchedBy: "serial" });
    // A placeholder identifies nothing, in any case.
    expect(await assetById(workspaceId, placeholder)).toMatchObject({ ninjaDeviceId: null });
    expect(await assetsOf(workspaceId)).toHaveLength(6);
  });

  it("stores one serial key per asset, the same key the sync computes", async () => {
    const { workspaceId } = await connectedWorkspace();
    const samples = ["  pf1abcde  ", "VMware-56 4d\t9a  1e", "abc\n  def", "Ünïcode-x1", "   ", "S/N 123"];
    for (const serial of samples) {
      const id = await addManualAsset(workspaceId, { name: serial, serialNumber: serial });
      const row = await assetById(workspaceId, id);
      expect(row.serialKey, JSON.stringify(serial)).toBe(serialKey(serial));
    }
  });
});

describe("rule 2: device categories follow seed 003", () => {
  it("files all 33 node classes by the seed's table, NMS as Network Device, and a role override still refines", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja(NODE_CLASSES.map((nodeClass, i) => device(i + 1, { nodeClass, serial: null })));
    await syncHarness(ninja, { pageSize: 10 }).sync(workspaceId);
    const byClass = new Map((await assetsOf(workspaceId)).map((a) => [a.ninjaNodeClass, a.category]));
    expect(byClass.size).toBe(33);
    for (const nodeClass of NODE_CLASSES) {
      if (nodeClass.startsWith("NMS_")) expect(byClass.get(nodeClass), nodeClass).toBe("Network Device");
    }
    expect(byClass.get("WINDOWS_SERVER")).toBe("Server");
    expect(byClass.get("VMWARE_VM_GUEST")).toBe("Virtual Machine");

    // A workspace refines it with a Device Role override.
    ninja.roles.push({ id: 300, name: "NMS servers", nodeClass: "NMS_SERVER" });
    await db().insert(schema.ninjaRoles).values({ workspaceId, ninjaRoleId: 300, name: "NMS servers", nodeClass: "NMS_SERVER", categoryOverride: "Server" });
    ninja.devices.set(100, device(100, { nodeClass: "NMS_SERVER", role: 300, serial: null }));
    await syncHarness(ninja, { pageSize: 50 }).sync(workspaceId);
    expect((await assetsOf(workspaceId)).find((a) => a.ninjaDeviceId === 100)?.category).toBe("Server");
  });
});

describe("rule 3: serial matching stays inside the device's customer", () => {
  it("never claims another customer's asset: creates the device's own and records a serial clash", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const beta = await addCustomer(workspaceId, "Beta Logistics");
    const betaAsset = await addManualAsset(workspaceId, { name: "beta laptop", serialNumber: "CLASH001", customerId: beta });
    const unmappedClash = await addManualAsset(workspaceId, { name: "beta desktop", serialNumber: "CLASH002", customerId: beta });
    const free = await addManualAsset(workspaceId, { name: "spare", serialNumber: "FREE0001" });
    const ninja = new FakeNinja([
      device(1, { serial: "CLASH001" }), // Acme's device, Beta's asset
      device(2, { serial: "FREE0001" }), // an asset with no customer: claimed
      device(3, { serial: "CLASH002", org: 2 }), // organization without a customer: claims only customer-less assets
    ]);
    ninja.orgs.push({ id: 2, name: "Zzyzx Unmapped" });
    const run = await syncHarness(ninja, { pageSize: 2 }).sync(workspaceId);
    expect(run).toMatchObject({ status: "succeeded", assetsCreated: 2, assetsLinked: 1, serialClashes: 2 });

    expect(await assetById(workspaceId, betaAsset)).toMatchObject({ customerId: beta, ninjaDeviceId: null });
    expect(await assetById(workspaceId, unmappedClash)).toMatchObject({ customerId: beta, ninjaDeviceId: null });
    expect(await assetById(workspaceId, free)).toMatchObject({ customerId: acme, ninjaDeviceId: 2 });
    const created = (await assetsOf(workspaceId)).find((a) => a.ninjaDeviceId === 1);
    expect(created).toMatchObject({ customerId: acme, serialNumber: "CLASH001", matchedBy: "created" });
    expect(created?.matchReason).toMatch(/another customer/);

    const clashes = await db().select().from(schema.syncSerialClashes).where(eq(schema.syncSerialClashes.runId, run.id));
    expect(clashes.map((c) => [c.ninjaDeviceId, c.customerId, c.otherAssetId, c.otherCustomerId]).sort()).toEqual([
      [1, acme, betaAsset, beta],
      [3, null, unmappedClash, beta],
    ]);

    // The API lists them with both assets and both customers.
    const key = await addApiKey(workspaceId, "observer");
    const res = await api(`/sync-runs/${run.id}`, key);
    expect(res.status).toBe(200);
    const body = await res.json<{ counters: { serialClashes: number }; serialClashes: Array<Record<string, unknown>> }>();
    expect(body.counters.serialClashes).toBe(2);
    expect(body.serialClashes).toContainEqual(
      expect.objectContaining({
        ninjaDeviceId: 1,
        serial: "CLASH001",
        asset: { id: created?.id, name: "PC-1" },
        customer: { id: acme, name: "Acme Dental" },
        otherAsset: { id: betaAsset, name: "beta laptop" },
        otherCustomer: { id: beta, name: "Beta Logistics" },
      }),
    );
  });
});

describe("rule 4: a listing ends only on an empty page", () => {
  it("syncs every device from a NinjaOne that serves 2 rows when 5 were asked, and inactivates nothing on the next run", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja(Array.from({ length: 7 }, (_, i) => device(i + 1)));
    ninja.pageCap = 2;
    const h = syncHarness(ninja, { pageSize: 5 });
    const first = await h.sync(workspaceId);
    expect(first).toMatchObject({ status: "succeeded", devicesFound: 7, assetsCreated: 7 });
    const second = await h.sync(workspaceId);
    expect(second).toMatchObject({ status: "succeeded", devicesFound: 7, assetsUnchanged: 7, assetsInactivated: 0, devicesConfirmedDeleted: 0 });
    expect((await assetsOf(workspaceId)).every((a) => a.status === "in_use" && a.ninjaDeletedAt === null)).toBe(true);
  });
});

describe("rule 5: nothing is marked deleted on absence alone", () => {
  it("keeps a device the list left out while its own URL answers, flags it after two runs, and inactivates one that answers 404", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja(Array.from({ length: 5 }, (_, i) => device(i + 1)));
    const h = syncHarness(ninja, { pageSize: 2 });
    await h.sync(workspaceId);

    ninja.hidden.add(2); // still in NinjaOne, missing from the list
    ninja.devices.delete(4); // really gone
    ninja.deviceErrors.set(5, "permanent"); // answers, with an error that is not a 404
    ninja.hidden.add(5);
    const second = await h.sync(workspaceId);
    expect(second).toMatchObject({ status: "succeeded", devicesConfirmedDeleted: 1, devicesKeptUnlisted: 2, assetsInactivated: 1 });
    const assets = await assetsOf(workspaceId);
    const by = (id: number) => assets.find((a) => a.ninjaDeviceId === id);
    expect(by(2)).toMatchObject({ status: "in_use", ninjaDeletedAt: null, ninjaUnlistedRuns: 1 });
    expect(by(5)).toMatchObject({ status: "in_use", ninjaDeletedAt: null, ninjaUnlistedRuns: 1 });
    expect(by(4)).toMatchObject({ status: "inactive" });
    expect(by(4)?.ninjaDeletedAt).not.toBeNull();

    const third = await h.sync(workspaceId);
    expect(third).toMatchObject({ devicesKeptUnlisted: 2, devicesConfirmedDeleted: 0 });
    expect((await assetsOf(workspaceId)).find((a) => a.ninjaDeviceId === 2)).toMatchObject({ status: "in_use", ninjaUnlistedRuns: 2 });

    // Listed again: the flag clears.
    ninja.hidden.delete(2);
    await h.sync(workspaceId);
    expect((await assetsOf(workspaceId)).find((a) => a.ninjaDeviceId === 2)).toMatchObject({ ninjaUnlistedRuns: 0 });
  });

  it("confirms nothing on a transient error: the check is retried, the asset stays", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja(Array.from({ length: 3 }, (_, i) => device(i + 1)));
    const h = syncHarness(ninja, { pageSize: 2 });
    await h.sync(workspaceId);
    ninja.devices.delete(3);
    const run = await h.start(workspaceId);
    for (let i = 0; i < 10 && h.queue.length && h.queue[0].body.step !== "deletions"; i++) await h.drain(1);
    const check = h.queue.shift();
    expect(check?.body.step).toBe("deletions");
    ninja.deviceErrors.set(3, "retryable");
    const result = await h.deliver(check?.body, 1);
    expect(result.retryMessages).toHaveLength(1);
    expect((await assetsOf(workspaceId)).find((a) => a.ninjaDeviceId === 3)).toMatchObject({ status: "in_use", ninjaDeletedAt: null });
    ninja.deviceErrors.delete(3);
    await h.deliver(check?.body, 2);
    await h.drain();
    const done = await db().query.syncRuns.findFirst({ where: eq(schema.syncRuns.id, run.id) });
    expect(done).toMatchObject({ status: "succeeded", devicesConfirmedDeleted: 1 });
  });
});

describe("rule 6: an applied mapping sticks to the organization's id", () => {
  it("keeps an auto-matched customer when the organization is renamed, until the customer is archived", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const ninja = new FakeNinja([device(1), device(2)]);
    const h = syncHarness(ninja, { pageSize: 5 });
    await h.sync(workspaceId);
    expect(await orgRow(workspaceId, 1)).toMatchObject({ customerId: acme, mappingSource: "auto" });

    ninja.orgs[0] = { id: 1, name: "Northwind Holdings" };
    await h.sync(workspaceId);
    expect(await orgRow(workspaceId, 1)).toMatchObject({ name: "Northwind Holdings", customerId: acme, mappingSource: "auto" });
    expect((await assetsOf(workspaceId)).map((a) => a.customerId)).toEqual([acme, acme]);

    // Archiving the customer ends it: Stale at once, matched afresh by the next sync.
    await db().update(schema.customers).set({ archivedAt: Date.now() }).where(eq(schema.customers.id, acme));
    expect((await listOrgMappings(db(), workspaceId)).find((o) => o.ninjaOrgId === 1)?.status).toBe("stale");
    await h.sync(workspaceId);
    expect(await orgRow(workspaceId, 1)).toMatchObject({ customerId: null });
    expect((await assetsOf(workspaceId)).map((a) => a.customerId)).toEqual([null, null]);
  });
});

describe("rule 7: what a person typed is never overwritten", () => {
  it("keeps a person's notes, with the OS on a sync-owned line, through two syncs and an OS upgrade", async () => {
    const { workspaceId } = await connectedWorkspace();
    const claimed = await addManualAsset(workspaceId, { name: "ceo laptop", serialNumber: "NOTE0001" });
    await db().update(schema.assets).set({ notes: "Bought at MediaMarkt" }).where(eq(schema.assets.id, claimed));
    const ninja = new FakeNinja([device(1, { serial: "NOTE0001" }), device(2)]);
    const h = syncHarness(ninja, { pageSize: 5 });
    await h.sync(workspaceId);
    expect(await assetById(workspaceId, claimed)).toMatchObject({ notes: "Bought at MediaMarkt\nWindows 11 Pro", ninjaOsName: "Windows 11 Pro" });
    const created = (await assetsOf(workspaceId)).find((a) => a.ninjaDeviceId === 2);
    expect(created?.notes).toBe("Windows 11 Pro"); // seed 003: Notes = OS name

    // People edit Notes on synced assets (API); the OS shows as its own field.
    const key = await addApiKey(workspaceId, "admin");
    const edit1 = await api(`/assets/${claimed}`, key, { method: "PATCH", json: { notes: "Bought at MediaMarkt, 3 years warranty\nWindows 11 Pro" } });
    expect(edit1.status).toBe(200);
    expect((await edit1.json<{ data: { osName: string | null } }>()).data.osName).toBe("Windows 11 Pro");
    const edit2 = await api(`/assets/${created?.id}`, key, { method: "PATCH", json: { notes: "Spare for reception" } });
    expect(edit2.status).toBe(200);

    ninja.devices.set(1, device(1, { serial: "NOTE0001", os: "Windows 11 Enterprise" }));
    ninja.devices.set(2, device(2, { os: "Windows 11 Enterprise" }));
    await h.sync(workspaceId);
    await h.sync(workspaceId);
    expect(await assetById(workspaceId, claimed)).toMatchObject({
      notes: "Bought at MediaMarkt, 3 years warranty\nWindows 11 Enterprise",
      ninjaOsName: "Windows 11 Enterprise",
    });
    // The person removed the OS line: their text stays, the OS is still on the asset's own field.
    expect(await assetById(workspaceId, created?.id ?? "")).toMatchObject({ notes: "Spare for reception", ninjaOsName: "Windows 11 Enterprise" });
  });

  it("keeps a customer set by hand while the organization has no mapping; a later mapping wins and the history says so", async () => {
    const { workspaceId } = await connectedWorkspace();
    const beta = await addCustomer(workspaceId, "Beta Logistics");
    const ninja = new FakeNinja([device(1, { org: 2 }), device(2, { org: 2 })]);
    ninja.orgs = [{ id: 2, name: "Zzyzx Unmapped" }];
    const h = syncHarness(ninja, { pageSize: 5 });
    await h.sync(workspaceId);
    const asset = (await assetsOf(workspaceId)).find((a) => a.ninjaDeviceId === 1);
    expect(asset?.customerId).toBeNull();

    const key = await addApiKey(workspaceId, "admin");
    expect((await api(`/assets/${asset?.id}`, key, { method: "PATCH", json: { customerId: beta } })).status).toBe(200);
    ninja.devices.set(1, device(1, { org: 2, name: "RENAMED-1" })); // a change, so the sync writes the row
    await h.sync(workspaceId);
    await h.sync(workspaceId);
    expect(await assetById(workspaceId, asset?.id ?? "")).toMatchObject({ name: "RENAMED-1", customerId: beta });

    // A person confirms the organization has no customer: the hand-set customer still stays.
    const leftUnmapped = await saveOrgMappings(db(), workspaceId, { mappings: [{ ninjaOrgId: 2, customerId: null }], confirmAllAutoMatched: false }, Date.now());
    expect(leftUnmapped.ok).toBe(true);
    await h.sync(workspaceId);
    expect(await assetById(workspaceId, asset?.id ?? "")).toMatchObject({ customerId: beta });

    // The organization gets a customer: the mapping wins.
    const gamma = await addCustomer(workspaceId, "Gamma Retail");
    const saved = await saveOrgMappings(db(), workspaceId, { mappings: [{ ninjaOrgId: 2, customerId: gamma }], confirmAllAutoMatched: false }, Date.now());
    expect(saved.ok).toBe(true);
    await h.sync(workspaceId);
    expect(await assetById(workspaceId, asset?.id ?? "")).toMatchObject({ customerId: gamma });
    const history = (await eventsOf(workspaceId)).filter((e) => e.assetId === asset?.id && e.kind === "moved");
    expect(history.at(-1)?.summary).toMatch(/Beta Logistics.*Gamma Retail/);
    expect(history.at(-1)?.summary).toMatch(/set by hand/);
  });
});

describe("rule 7 through a sync-time match", () => {
  it("an organization auto-matched by a later sync takes over a hand-set customer, and the history says so", async () => {
    const { workspaceId } = await connectedWorkspace();
    const beta = await addCustomer(workspaceId, "Beta Logistics");
    const ninja = new FakeNinja([device(1, { org: 2 })]);
    ninja.orgs = [{ id: 2, name: "Zzyzx Holdings" }];
    const h = syncHarness(ninja, { pageSize: 5 });
    await h.sync(workspaceId);
    const [asset] = await assetsOf(workspaceId);
    const key = await addApiKey(workspaceId, "admin");
    expect((await api(`/assets/${asset.id}`, key, { method: "PATCH", json: { customerId: beta } })).status).toBe(200);
    await h.sync(workspaceId);
    expect(await assetById(workspaceId, asset.id)).toMatchObject({ customerId: beta, customerSource: "person" });

    const zzyzx = await addCustomer(workspaceId, "Zzyzx Holdings");
    await h.sync(workspaceId);
    expect(await assetById(workspaceId, asset.id)).toMatchObject({ customerId: zzyzx, customerSource: "sync" });
    const moved = (await eventsOf(workspaceId)).filter((e) => e.assetId === asset.id && e.kind === "moved");
    expect(moved.at(-1)?.summary).toMatch(/Moved from Beta Logistics to Zzyzx Holdings: its NinjaOne organization's mapping replaces the customer set by hand/);
  });
});

describe("what people see", () => {
  it("the run page lists serial clashes and unlisted devices confirmed deleted vs kept; the asset page and list show the OS and the flag", async () => {
    const { workspaceId, cookie } = await connectedWorkspace();
    const beta = await addCustomer(workspaceId, "Beta Logistics");
    await addCustomer(workspaceId, "Acme Dental");
    await addManualAsset(workspaceId, { name: "beta laptop", serialNumber: "CLASH001", customerId: beta });
    const ninja = new FakeNinja([device(1, { serial: "CLASH001" }), device(2), device(3)]);
    const h = syncHarness(ninja, { pageSize: 5 });
    const first = await h.sync(workspaceId);
    const html = async (path: string) => (await (await appFetch(path, { cookie })).text()).replaceAll("<!-- -->", "");
    const runPage = await html(`/settings/integrations/ninjaone/runs/${first.id}`);
    expect(runPage).toContain("Serial clashes (1)");
    expect(runPage).toContain("beta laptop");
    expect(runPage).toContain("Beta Logistics");

    ninja.hidden.add(2);
    ninja.devices.delete(3);
    await h.sync(workspaceId);
    const third = await h.sync(workspaceId);
    const thirdPage = await html(`/settings/integrations/ninjaone/runs/${third.id}`);
    expect(thirdPage).toMatch(/0 confirmed deleted.*1 kept as they were/s);

    const hidden = (await assetsOf(workspaceId)).find((a) => a.ninjaDeviceId === 2);
    const assetPage = await (await appFetch(`/assets/${hidden?.id}`, { cookie })).text();
    expect(assetPage).toContain("Operating system");
    expect(assetPage).toContain("Needs a look");
    const list = await (await appFetch("/assets?os=1", { cookie })).text();
    expect(list).toContain("Operating system</th>");
    expect(list).toContain("Windows 11 Pro");
    expect(await (await appFetch("/assets", { cookie })).text()).not.toContain("Operating system</th>");
  });
});
