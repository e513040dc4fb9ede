// The device sync pipeline through the real queue consumer (issue 5), against a small fake NinjaOne.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { planDevicePage, writeDevicePage } from "@workers/sync/devices";
import { listRunErrors, SyncUnavailableError } from "@workers/sync/runs";
import { db, makeWorkspace } from "./helpers";
import {
  addCustomer,
  addManualAsset,
  assetsOf,
  connectWorkspace,
  device,
  eventsOf,
  FakeNinja,
  finishedRun,
  syncHarness,
} from "./sync-fixtures";

async function connectedWorkspace() {
  const ws = await makeWorkspace("owner");
  await connectWorkspace(ws.workspaceId);
  return ws;
}

const fleet = (n: number, opts: Parameters<typeof device>[1] = {}) => Array.from({ length: n }, (_, i) => device(i + 1, opts));

describe("a full sync of a small fleet", () => {
  it("creates one asset per device with the seed's fields, customer and category", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "  ACME dental ");
    const ninja = new FakeNinja([
      ...fleet(5),
      device(6, { nodeClass: "WINDOWS_SERVER", name: "DC-01", offline: true }),
      device(7, { nodeClass: "VMWARE_VM_HOST", org: 2 }),
    ]);
    ninja.orgs.push({ id: 2, name: "Unknown Org" });
    const h = syncHarness(ninja, { pageSize: 3 });
    const run = await h.sync(workspaceId);

    expect(run.status).toBe("succeeded");
    expect(run.trigger).toBe("manual");
    expect(run).toMatchObject({
      devicesFound: 7,
      assetsCreated: 7,
      assetsUpdated: 0,
      assetsUnchanged: 0,
      orgsMatched: 1,
      orgsUnmatched: 1,
      errorCount: 0,
      pagesDone: 3, // 3 + 3 + 1
    });
    const assets = await assetsOf(workspaceId);
    expect(assets).toHaveLength(7);
    const dc = assets.find((a) => a.ninjaDeviceId === 6);
    expect(dc).toMatchObject({
      name: "DC-01",
      category: "Server",
      status: "available",
      source: "ninjaone",
      manufacturer: "Dell Inc.",
      model: "Latitude 7440",
      serialNumber: "SN000006",
      notes: "Windows 11 Pro",
      customerId: acme,
      matchedBy: "created",
    });
    expect(assets.find((a) => a.ninjaDeviceId === 1)?.status).toBe("in_use");
    const host = assets.find((a) => a.ninjaDeviceId === 7);
    expect(host).toMatchObject({ category: "Virtual Host", customerId: null });
    const org = await db().query.ninjaOrganizations.findFirst({
      where: and(eq(schema.ninjaOrganizations.workspaceId, workspaceId), eq(schema.ninjaOrganizations.ninjaOrgId, 1)),
    });
    expect(org).toMatchObject({ customerId: acme, mappingSource: "auto", deviceCount: 6 });
    expect((await eventsOf(workspaceId)).filter((e) => e.kind === "created")).toHaveLength(7);
  });

  it("writes no asset row at all on a second run over an unchanged fleet", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja(fleet(8));
    const h = syncHarness(ninja, { pageSize: 3 });
    await h.sync(workspaceId);
    const before = await assetsOf(workspaceId);
    const eventsBefore = (await eventsOf(workspaceId)).length;

    const second = await h.sync(workspaceId);
    expect(second).toMatchObject({ status: "succeeded", devicesFound: 8, assetsUnchanged: 8, assetsCreated: 0, assetsUpdated: 0, rowsWritten: 0 });
    expect(await assetsOf(workspaceId)).toEqual(before);
    expect((await eventsOf(workspaceId)).length).toBe(eventsBefore);
  });

  it("returns the active run to a second trigger, and refuses without a connection", async () => {
    const { workspaceId } = await connectedWorkspace();
    const h = syncHarness(new FakeNinja(fleet(2)));
    const first = await h.start(workspaceId);
    const again = await h.start(workspaceId, "scheduled");
    expect(again.id).toBe(first.id);
    expect(again.alreadyActive).toBe(true);
    expect(h.queue).toHaveLength(1);

    const lonely = await makeWorkspace("owner");
    await expect(h.start(lonely.workspaceId)).rejects.toThrow(SyncUnavailableError);
    await expect(h.start(lonely.workspaceId)).rejects.toThrow("NinjaOne not connected");
  });
});

describe("at-least-once delivery", () => {
  it("counts a redelivered page once", async () => {
    const { workspaceId } = await connectedWorkspace();
    const h = syncHarness(new FakeNinja(fleet(5)), { pageSize: 3 });
    const run = await h.start(workspaceId);
    await h.drain(2); // organizations, contacts → first devices message queued
    const firstPage = h.queue[0].body;
    await h.deliver(firstPage); // page 1 done
    await h.deliver(firstPage); // a duplicate: dropped
    await h.deliver(firstPage, 2); // a retry of a delivery whose work was committed: re-sends the next step
    await h.drain();
    const done = await finishedRun(workspaceId, run.id);
    expect(done).toMatchObject({ status: "succeeded", devicesFound: 5, assetsCreated: 5, pagesDone: 2 });
    expect(await assetsOf(workspaceId)).toHaveLength(5);
    expect((await eventsOf(workspaceId)).length).toBe(5);
  });

  it("redoes a page whose writes landed but whose checkpoint did not (crash in between)", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja(fleet(5));
    const h = syncHarness(ninja, { pageSize: 3 });
    const run = await h.start(workspaceId);
    await h.drain(2); // organizations, contacts
    const pageMessage = h.queue.shift();
    expect(pageMessage?.body).toMatchObject({ step: "devices", after: 0 });
    // The consumer wrote the page's assets, then died before committing counters and checkpoint.
    const current = await finishedRun(workspaceId, run.id);
    const plan = await planDevicePage(db(), ninja, current, 0, 3, Date.now());
    await writeDevicePage(db(), plan);
    expect(await assetsOf(workspaceId)).toHaveLength(3);

    // Queues redelivers the message.
    const result = await h.deliver(pageMessage?.body, 2);
    expect(result.explicitAcks).toHaveLength(1);
    await h.drain();
    const done = await finishedRun(workspaceId, run.id);
    expect(done).toMatchObject({ status: "succeeded", devicesFound: 5, assetsCreated: 5, assetsUnchanged: 0 });
    expect(await assetsOf(workspaceId)).toHaveLength(5);
    expect((await eventsOf(workspaceId)).length).toBe(5);
  });
});

describe("errors", () => {
  it("retries a rate-limited page with NinjaOne's Retry-After, then finishes", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja(fleet(4));
    const h = syncHarness(ninja, { pageSize: 3 });
    const run = await h.start(workspaceId);
    await h.drain(2); // organizations, contacts
    ninja.fail("rate_limited", { retryAfterMs: 42_000, on: "devices", times: 3 });
    const page = h.queue.shift()?.body;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await h.deliver(page, attempt);
      expect(result.retryMessages).toHaveLength(1);
      expect(result.retryDelays).toEqual([42]);
    }
    expect((await finishedRun(workspaceId, run.id)).lastError).toContain("rate_limited");
    await h.deliver(page, 4);
    await h.drain();
    expect(await finishedRun(workspaceId, run.id)).toMatchObject({ status: "succeeded", assetsCreated: 4, lastError: null });
  });

  it("backs off exponentially when NinjaOne gives no Retry-After", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja(fleet(2));
    const h = syncHarness(ninja);
    await h.start(workspaceId);
    ninja.fail("retryable", { on: "organizations", times: 2 });
    const first = h.queue.shift()?.body;
    expect((await h.deliver(first, 1)).retryDelays).toEqual([10]);
    expect((await h.deliver(first, 2)).retryDelays).toEqual([20]);
  });

  it("fails the run when NinjaOne needs a reconnect", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja(fleet(4));
    const h = syncHarness(ninja, { pageSize: 3 });
    const run = await h.start(workspaceId);
    await h.drain(2);
    ninja.fail("reconnect_required", { on: "devices" });
    const result = await h.deliver(h.queue.shift()?.body);
    expect(result.explicitAcks).toHaveLength(1);
    const failed = await finishedRun(workspaceId, run.id);
    expect(failed.status).toBe("failed");
    expect(failed.failureReason).toMatch(/reconnect/i);
    expect(h.queue).toHaveLength(0);
  });

  it("records a malformed device record as a run error and syncs the rest", async () => {
    const { workspaceId } = await connectedWorkspace();
    const broken = { ...device(3), offline: "sometimes" };
    const ninja = new FakeNinja([device(1), device(2), broken, device(4)]);
    const run = await syncHarness(ninja, { pageSize: 3 }).sync(workspaceId);
    expect(run).toMatchObject({ status: "succeeded", devicesFound: 4, assetsCreated: 3, errorCount: 1 });
    const errors = await listRunErrors(db(), workspaceId, run.id);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ninjaDeviceId: 3, kind: "device_invalid" });
    expect(errors[0].message).toContain("offline");
  });

  it("fails the run with the last error when its message is dead-lettered", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja(fleet(2));
    const h = syncHarness(ninja);
    const run = await h.start(workspaceId);
    ninja.fail("unreachable", { on: "organizations" });
    const message = h.queue.shift()?.body;
    await h.deliver(message, 1);
    await h.deliver(message, 6, true);
    const failed = await finishedRun(workspaceId, run.id);
    expect(failed.status).toBe("failed");
    expect(failed.failureReason).toContain("Gave up on step organizations");
    expect(failed.failureReason).toContain("unreachable");
  });

  it("drops a message that is not a sync message", async () => {
    const h = syncHarness(new FakeNinja());
    const result = await h.deliver({ kind: "sync", runId: 42 });
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(0);
  });
});

describe("which asset a device becomes (seed 000)", () => {
  it("links a unique trustworthy serial to the one unlinked asset that has it", async () => {
    const { workspaceId } = await connectedWorkspace();
    const manual = await addManualAsset(workspaceId, { name: "Reception laptop", serialNumber: "sn000002" });
    const run = await syncHarness(new FakeNinja(fleet(3)), { pageSize: 2 }).sync(workspaceId);
    expect(run).toMatchObject({ assetsCreated: 2, assetsUpdated: 1, assetsLinked: 1 });
    const linked = (await assetsOf(workspaceId)).find((a) => a.id === manual);
    expect(linked).toMatchObject({ ninjaDeviceId: 2, matchedBy: "serial", name: "PC-2", source: "ninjaone" });
    expect(linked?.matchReason).toContain("matched existing asset by serial");
  });

  it("merges nothing when devices on different pages share the serial", async () => {
    const { workspaceId } = await connectedWorkspace();
    const manual = await addManualAsset(workspaceId, { name: "Clone source", serialNumber: "CLONE-42" });
    const ninja = new FakeNinja([device(1, { serial: "CLONE-42" }), device(2), device(3), device(4), device(5, { serial: "clone-42" })]);
    const run = await syncHarness(ninja, { pageSize: 2 }).sync(workspaceId);
    expect(run).toMatchObject({ status: "succeeded", assetsCreated: 5, assetsLinked: 0 });
    const assets = await assetsOf(workspaceId);
    expect(assets.find((a) => a.id === manual)?.ninjaDeviceId).toBeNull();
    const clones = assets.filter((a) => a.ninjaDeviceId === 1 || a.ninjaDeviceId === 5);
    expect(clones.map((a) => a.matchedBy)).toEqual(["created", "created"]);
    expect(clones[0].matchReason).toContain("shared by 2 devices");
  });

  it("matches a device without a trustworthy serial by name within its customer", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const other = await addCustomer(workspaceId, "Other Co");
    const mine = await addManualAsset(workspaceId, { name: "front-desk ", customerId: acme });
    const theirs = await addManualAsset(workspaceId, { name: "FRONT-DESK", customerId: other });
    const ninja = new FakeNinja([device(1, { name: "Front-Desk", serial: "To be filled by O.E.M." }), device(2, { serial: null })]);
    const run = await syncHarness(ninja).sync(workspaceId);
    expect(run).toMatchObject({ assetsLinked: 1, assetsCreated: 1 });
    const assets = await assetsOf(workspaceId);
    expect(assets.find((a) => a.id === mine)).toMatchObject({ ninjaDeviceId: 1, matchedBy: "name", name: "Front-Desk" });
    expect(assets.find((a) => a.id === theirs)?.ninjaDeviceId).toBeNull();
  });
});

describe("changes in NinjaOne", () => {
  it("renames, moves, inactivates a deleted device and reactivates it when it returns", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const beta = await addCustomer(workspaceId, "Beta Labs");
    const ninja = new FakeNinja(fleet(4));
    ninja.orgs.push({ id: 2, name: "Beta Labs" });
    const h = syncHarness(ninja, { pageSize: 2 });
    await h.sync(workspaceId);

    ninja.devices.set(1, { ...device(1), displayName: "PC-1-RENAMED" });
    ninja.devices.set(2, device(2, { org: 2 }));
    ninja.devices.delete(3);
    const second = await h.sync(workspaceId);
    expect(second).toMatchObject({ assetsUpdated: 2, assetsUnchanged: 1, assetsInactivated: 1, devicesFound: 3 });
    let assets = await assetsOf(workspaceId);
    expect(assets.find((a) => a.ninjaDeviceId === 1)?.name).toBe("PC-1-RENAMED");
    expect(assets.find((a) => a.ninjaDeviceId === 2)?.customerId).toBe(beta);
    expect(assets.find((a) => a.ninjaDeviceId === 3)).toMatchObject({ status: "inactive", customerId: acme });
    const events = await eventsOf(workspaceId);
    const kinds = events.filter((e) => e.runId === second.id).map((e) => e.kind).sort();
    expect(kinds).toEqual(["inactivated", "moved", "renamed"]);
    expect(events.find((e) => e.kind === "moved")?.summary).toContain("from Acme Dental to Beta Labs");

    // An unchanged third run does not touch the inactive asset again.
    const third = await h.sync(workspaceId);
    expect(third).toMatchObject({ assetsInactivated: 0, rowsWritten: 0 });

    ninja.devices.set(3, device(3));
    const fourth = await h.sync(workspaceId);
    expect(fourth).toMatchObject({ assetsReactivated: 1, assetsUpdated: 1 });
    assets = await assetsOf(workspaceId);
    expect(assets.find((a) => a.ninjaDeviceId === 3)).toMatchObject({ status: "in_use", ninjaDeletedAt: null });
  });

  it("leaves a deleted device's asset as it was when the setting is off", async () => {
    const { workspaceId } = await connectedWorkspace();
    await db().update(schema.workspaces).set({ markInactiveOnDelete: false }).where(eq(schema.workspaces.id, workspaceId));
    const ninja = new FakeNinja(fleet(2));
    const h = syncHarness(ninja);
    await h.sync(workspaceId);
    ninja.devices.delete(2);
    const run = await h.sync(workspaceId);
    expect(run.assetsInactivated).toBe(0);
    const asset = (await assetsOf(workspaceId)).find((a) => a.ninjaDeviceId === 2);
    expect(asset?.status).toBe("in_use");
    expect(asset?.ninjaDeletedAt).not.toBeNull();
  });

  it("honours a device role's inactive-on-delete override", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja([device(1, { role: 100 }), device(2, { role: 200 })]);
    ninja.roles.push({ id: 200, name: "Kiosk", nodeClass: "WINDOWS_WORKSTATION" });
    const h = syncHarness(ninja);
    await h.sync(workspaceId);
    await db()
      .update(schema.ninjaRoles)
      .set({ markInactiveOnDelete: false })
      .where(and(eq(schema.ninjaRoles.workspaceId, workspaceId), eq(schema.ninjaRoles.ninjaRoleId, 200)));
    ninja.devices.clear();
    const run = await h.sync(workspaceId);
    expect(run.assetsInactivated).toBe(1);
    const assets = await assetsOf(workspaceId);
    expect(assets.map((a) => [a.ninjaDeviceId, a.status])).toEqual([
      [1, "inactive"],
      [2, "in_use"],
    ]);
  });
});

describe("warranty phase", () => {
  it("fills warranty dates by per-device calls after the run succeeded, and skips recently checked devices", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja([device(1), device(2), device(3, { warranty: { startDate: 1_700_000_000, endDate: 1_800_000_000 } })]);
    ninja.warranties.set(1, { startDate: 1_672_531_200, endDate: 1_767_225_600 });
    const h = syncHarness(ninja);
    const run = await h.sync(workspaceId);
    expect(ninja.calls.warranty).toBe(2); // device 3's warranty came with the list
    const done = await finishedRun(workspaceId, run.id);
    // The pass counted what it set out to check before its first batch (the progress: "Checking warranties: 2 of 2").
    expect(done).toMatchObject({ status: "succeeded", phase: "done", warrantyChecked: 2, warrantyUpdated: 1, warrantyTotal: 2 });
    const assets = await assetsOf(workspaceId);
    expect(assets.map((a) => [a.warrantyStart, a.warrantyEnd])).toEqual([
      ["2023-01-01", "2026-01-01"],
      [null, null],
      ["2023-11-14", "2027-01-15"],
    ]);
    const again = await h.sync(workspaceId);
    expect(ninja.calls.warranty).toBe(2);
    expect(await finishedRun(workspaceId, again.id)).toMatchObject({ phase: "done", warrantyChecked: 0, warrantyTotal: 0 });
  });

  it("never fails the sync when warranty lookups fail", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja(fleet(2));
    const h = syncHarness(ninja);
    const run = await h.start(workspaceId);
    // One page of devices and the empty page that ends the listing, in one message (10 pages per message).
    expect(await h.drain(4)).toEqual(["organizations", "contacts", "devices", "finalize"]);
    ninja.fail("permanent", { on: "other", times: 1 }); // device 1: NinjaOne refuses
    ninja.fail("rate_limited", { on: "other", times: 1 }); // device 2: rate limited, the phase stops
    await h.drain();
    const done = await finishedRun(workspaceId, run.id);
    expect(done).toMatchObject({ status: "succeeded", phase: "done", assetsCreated: 2, warrantyChecked: 1 });
    const errors = await listRunErrors(db(), workspaceId, run.id);
    expect(errors.map((e) => [e.kind, e.ninjaDeviceId])).toEqual([["warranty", 1]]);
  });
});
