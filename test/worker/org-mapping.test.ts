// Organization → customer mapping through the real sync pipeline (issue 6): auto-matching in the
// organizations step, statuses (incl. stale), saving (all or nothing, assets move), device role
// overrides honoured by a sync, and the review notifications' daily dedup.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { afterSyncNotifications } from "@workers/sync/mapping-review";
import { listOrgMappings, liveOrgCounters, saveOrgMappings, summarizeOrgMappings, type OrgMappingSave } from "@workers/sync/org-mapping";
import { listRoleSettings, saveRoleSettings } from "@workers/sync/role-mapping";
import { addUser, db, makeWorkspace } from "./helpers";
import { addCustomer, assetsOf, connectWorkspace, device, eventsOf, FakeNinja, syncHarness } from "./sync-fixtures";

async function connectedWorkspace() {
  const ws = await makeWorkspace("owner");
  await connectWorkspace(ws.workspaceId);
  return ws;
}

const save = (workspaceId: string, input: Partial<OrgMappingSave>) =>
  saveOrgMappings(db(), workspaceId, { mappings: [], confirmAllAutoMatched: false, ...input }, Date.now());

async function statuses(workspaceId: string) {
  const rows = await listOrgMappings(db(), workspaceId);
  return Object.fromEntries(rows.map((r) => [r.name, r.status]));
}

async function orgRow(workspaceId: string, ninjaOrgId: number) {
  const row = (await listOrgMappings(db(), workspaceId)).find((r) => r.ninjaOrgId === ninjaOrgId);
  if (!row) throw new Error(`org ${ninjaOrgId} not found`);
  return row;
}

/** Four organizations: an exact match (legal suffix aside), a strong fuzzy match, a false friend, a stranger. */
function fourOrgFleet() {
  const ninja = new FakeNinja([device(1, { org: 1 }), device(2, { org: 1 }), device(3, { org: 2 }), device(4, { org: 3 }), device(5, { org: 4 })]);
  ninja.orgs = [
    { id: 1, name: "Acme Dental, Inc." },
    { id: 2, name: "Harbor Freight Logistics" },
    { id: 3, name: "Acme Legal" },
    { id: 4, name: "Zebra Crossing Cafe" },
  ];
  return ninja;
}

describe("the sync's organizations step matches organizations to customers by fuzzy name", () => {
  it("auto-matches exact and strong matches, suggests nothing for false friends, and files devices under the match", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "ACME Dental");
    const harbour = await addCustomer(workspaceId, "Harbour Freight Logistics Ltd");
    const h = syncHarness(fourOrgFleet());
    const run = await h.sync(workspaceId);

    expect(await statuses(workspaceId)).toEqual({
      "Acme Dental, Inc.": "auto",
      "Harbor Freight Logistics": "auto",
      "Acme Legal": "unmatched",
      "Zebra Crossing Cafe": "unmatched",
    });
    expect(await orgRow(workspaceId, 1)).toMatchObject({ customerId: acme, mappingSource: "auto", matchScore: 100, deviceCount: 2 });
    expect((await orgRow(workspaceId, 2)).matchScore).toBeGreaterThanOrEqual(90);
    expect((await orgRow(workspaceId, 3)).customerId).toBeNull();
    expect(run).toMatchObject({ orgsMatched: 2, orgsUnmatched: 2 });

    const assets = await assetsOf(workspaceId);
    expect(assets.filter((a) => a.customerId === acme).map((a) => a.ninjaDeviceId)).toEqual([1, 2]);
    expect(assets.find((a) => a.ninjaDeviceId === 3)?.customerId).toBe(harbour);
    expect(assets.find((a) => a.ninjaDeviceId === 4)?.customerId).toBeNull(); // Acme Legal is not Acme Dental
  });

  it("keeps a person's mapping and a deliberate 'no customer' over the matcher on later syncs", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const zebra = await addCustomer(workspaceId, "Zebra Holdings");
    const h = syncHarness(fourOrgFleet());
    await h.sync(workspaceId);
    const saved = await save(workspaceId, { mappings: [{ ninjaOrgId: 1, customerId: null }, { ninjaOrgId: 4, customerId: zebra }] });
    expect(saved.ok).toBe(true);

    await h.sync(workspaceId);
    expect(await orgRow(workspaceId, 1)).toMatchObject({ customerId: null, mappingSource: "confirmed", status: "unmatched", leftUnmapped: true });
    expect(await orgRow(workspaceId, 4)).toMatchObject({ customerId: zebra, mappingSource: "confirmed", status: "mapped" });
    const assets = await assetsOf(workspaceId);
    expect(assets.find((a) => a.ninjaDeviceId === 1)?.customerId).toBeNull();
    expect(assets.find((a) => a.ninjaDeviceId === 5)?.customerId).toBe(zebra);
    expect(assets.some((a) => a.customerId === acme)).toBe(false);
  });
});

describe("statuses", () => {
  it("turns Stale when the mapped customer is archived or deleted, or when the organization leaves NinjaOne", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const harbour = await addCustomer(workspaceId, "Harbour Freight Logistics");
    const zebra = await addCustomer(workspaceId, "Zebra Crossing Cafe");
    const ninja = fourOrgFleet();
    const h = syncHarness(ninja);
    await h.sync(workspaceId);
    expect(await save(workspaceId, { confirmAllAutoMatched: true })).toMatchObject({ ok: true, confirmed: 3 });
    expect(await statuses(workspaceId)).toMatchObject({ "Acme Dental, Inc.": "mapped", "Harbor Freight Logistics": "mapped", "Zebra Crossing Cafe": "mapped" });

    await db().update(schema.customers).set({ archivedAt: Date.now() }).where(eq(schema.customers.id, acme));
    await db().delete(schema.customers).where(eq(schema.customers.id, harbour));
    expect(await orgRow(workspaceId, 1)).toMatchObject({ status: "stale", customerState: "archived", customerName: "Acme Dental" });
    expect(await orgRow(workspaceId, 2)).toMatchObject({ status: "stale", customerState: "deleted" });
    expect(await liveOrgCounters(db(), workspaceId)).toEqual({ matched: 1, unmatched: 3, total: 4 });

    // A sync keeps the person's (now stale) mapping and files the devices under no customer.
    ninja.orgs = ninja.orgs.filter((o) => o.id !== 4); // Zebra leaves NinjaOne
    ninja.devices.delete(5);
    const run = await h.sync(workspaceId);
    expect(await statuses(workspaceId)).toEqual({
      "Acme Dental, Inc.": "stale",
      "Harbor Freight Logistics": "stale",
      "Acme Legal": "unmatched",
      "Zebra Crossing Cafe": "stale",
    });
    expect((await orgRow(workspaceId, 4)).vanishedAt).not.toBeNull();
    expect(run).toMatchObject({ orgsMatched: 0, orgsUnmatched: 3 });
    expect((await assetsOf(workspaceId)).find((a) => a.ninjaDeviceId === 1)?.customerId).toBeNull();

    // Back in NinjaOne: its mapping holds again.
    ninja.orgs.push({ id: 4, name: "Zebra Crossing Cafe" });
    await h.sync(workspaceId);
    expect(await orgRow(workspaceId, 4)).toMatchObject({ status: "mapped", customerId: zebra, vanishedAt: null });
  });

  it("re-matches an auto-match whose customer was archived on the next sync", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const h = syncHarness(fourOrgFleet());
    await h.sync(workspaceId);
    await db().update(schema.customers).set({ archivedAt: Date.now() }).where(eq(schema.customers.id, acme));
    expect((await orgRow(workspaceId, 1)).status).toBe("stale");
    await h.sync(workspaceId);
    expect(await orgRow(workspaceId, 1)).toMatchObject({ status: "unmatched", customerId: null });
  });

  it("summarises the workspace: complete only when every organization is Mapped", async () => {
    const { workspaceId } = await connectedWorkspace();
    await addCustomer(workspaceId, "Acme Dental");
    const ninja = new FakeNinja([device(1, { org: 1 })]);
    ninja.orgs = [{ id: 1, name: "Acme Dental" }];
    await syncHarness(ninja).sync(workspaceId);
    expect(summarizeOrgMappings(await listOrgMappings(db(), workspaceId))).toMatchObject({ complete: false, needingAttention: 0, matched: 1 });
    await save(workspaceId, { confirmAllAutoMatched: true });
    expect(summarizeOrgMappings(await listOrgMappings(db(), workspaceId))).toMatchObject({ complete: true, total: 1 });
  });
});

describe("saving mappings", () => {
  it("moves an organization's assets to the new customer, with an event each, and the next sync leaves them there", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const other = await addCustomer(workspaceId, "Acme Dental Group Holdings West");
    const h = syncHarness(fourOrgFleet());
    await h.sync(workspaceId);
    const result = await save(workspaceId, { mappings: [{ ninjaOrgId: 1, customerId: other }] });
    expect(result).toMatchObject({ ok: true, mapped: 1, assetsMoved: 2 });

    const moved = (await assetsOf(workspaceId)).filter((a) => a.ninjaOrgId === 1);
    expect(moved.map((a) => a.customerId)).toEqual([other, other]);
    const events = (await eventsOf(workspaceId)).filter((e) => e.kind === "moved");
    expect(events).toHaveLength(2);
    expect(events[0].summary).toBe("Moved from Acme Dental to Acme Dental Group Holdings West: its NinjaOne organization Acme Dental, Inc. was mapped to Acme Dental Group Holdings West");
    expect(JSON.parse(events[0].changes ?? "{}")).toEqual({ customerId: [acme, other] });
    expect(await liveOrgCounters(db(), workspaceId)).toMatchObject({ matched: 1, unmatched: 3 });

    const next = await h.sync(workspaceId);
    expect(next).toMatchObject({ assetsUnchanged: 5, assetsUpdated: 0, rowsWritten: 0 });
    expect((await assetsOf(workspaceId)).filter((a) => a.ninjaOrgId === 1).map((a) => a.customerId)).toEqual([other, other]);
  });

  it("creates a customer from an organization's trimmed name and maps it (one customer for a shared name)", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = fourOrgFleet();
    ninja.orgs[3] = { id: 4, name: "  Zebra Crossing Cafe  " };
    await syncHarness(ninja).sync(workspaceId);
    const result = await save(workspaceId, { mappings: [{ ninjaOrgId: 4, createCustomer: true }] });
    expect(result).toMatchObject({ ok: true, mapped: 1, assetsMoved: 1, createdCustomers: [{ name: "Zebra Crossing Cafe" }] });
    const customers = await db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId));
    expect(customers.map((c) => c.name)).toEqual(["Zebra Crossing Cafe"]);
    expect(await orgRow(workspaceId, 4)).toMatchObject({ status: "mapped", customerId: customers[0].id });
    expect((await assetsOf(workspaceId)).find((a) => a.ninjaDeviceId === 5)?.customerId).toBe(customers[0].id);

    // Its name is now taken: creating it again is refused.
    const again = await save(workspaceId, { mappings: [{ ninjaOrgId: 3, customerId: null }, { ninjaOrgId: 4, createCustomer: true }] });
    expect(again).toMatchObject({ ok: false, fields: { "mappings.1.createCustomer": ["A customer named “Zebra Crossing Cafe” already exists: pick it instead."] } });
  });

  it("saves nothing when any change is invalid, and says which", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const archived = await addCustomer(workspaceId, "Old Client", true);
    const stranger = await makeWorkspace("owner");
    const theirs = await addCustomer(stranger.workspaceId, "Their Customer");
    await syncHarness(fourOrgFleet()).sync(workspaceId);
    const before = { orgs: await listOrgMappings(db(), workspaceId), assets: await assetsOf(workspaceId), events: (await eventsOf(workspaceId)).length };

    const result = await save(workspaceId, {
      mappings: [
        { ninjaOrgId: 3, createCustomer: true }, // valid
        { ninjaOrgId: 4, customerId: acme }, // valid
        { ninjaOrgId: 2, customerId: theirs }, // another workspace's customer
        { ninjaOrgId: 1, customerId: archived },
        { ninjaOrgId: 99, customerId: acme },
        { ninjaOrgId: 4, customerId: null }, // listed twice
      ],
      confirmAllAutoMatched: true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fields).sort()).toEqual(["mappings.2.customerId", "mappings.3.customerId", "mappings.4.ninjaOrgId", "mappings.5.ninjaOrgId"]);
    expect(result.fields["mappings.3.customerId"]).toEqual(["Old Client is archived: pick an active customer, or restore it first."]);
    expect(result.byOrg[2]).toMatch(/does not exist in this workspace/);
    expect(result.message).toMatch(/^Nothing was saved: 4 mappings need attention/);

    expect(await listOrgMappings(db(), workspaceId)).toEqual(before.orgs);
    expect(await assetsOf(workspaceId)).toEqual(before.assets);
    expect((await eventsOf(workspaceId)).length).toBe(before.events);
    const customers = await db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId));
    expect(customers).toHaveLength(2); // no "Acme Legal" was created
  });

  it("confirms every auto-match at once without moving anything", async () => {
    const { workspaceId } = await connectedWorkspace();
    await addCustomer(workspaceId, "Acme Dental");
    await addCustomer(workspaceId, "Harbour Freight Logistics");
    await syncHarness(fourOrgFleet()).sync(workspaceId);
    const result = await save(workspaceId, { confirmAllAutoMatched: true });
    expect(result).toMatchObject({ ok: true, confirmed: 2, mapped: 0, assetsMoved: 0 });
    expect(await statuses(workspaceId)).toMatchObject({ "Acme Dental, Inc.": "mapped", "Harbor Freight Logistics": "mapped", "Acme Legal": "unmatched" });
  });

  it("never touches another workspace's organizations", async () => {
    const a = await connectedWorkspace();
    const b = await connectedWorkspace();
    const bCustomer = await addCustomer(b.workspaceId, "Bee Customer");
    await syncHarness(fourOrgFleet()).sync(a.workspaceId);
    await syncHarness(fourOrgFleet()).sync(b.workspaceId);
    const result = await save(b.workspaceId, { mappings: [{ ninjaOrgId: 1, customerId: bCustomer }] });
    expect(result).toMatchObject({ ok: true, assetsMoved: 2 });
    expect((await assetsOf(a.workspaceId)).every((asset) => asset.customerId === null)).toBe(true);
    expect((await orgRow(a.workspaceId, 1)).status).toBe("unmatched");
  });
});

describe("device roles", () => {
  it("a sync files a role's devices under its category override and follows a change of it", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja([device(1, { role: 100 }), device(2, { role: 200 }), device(3, { role: 200, nodeClass: "WINDOWS_SERVER" })]);
    ninja.roles.push({ id: 200, name: "Kiosk", nodeClass: "WINDOWS_WORKSTATION" });
    const h = syncHarness(ninja);
    await h.sync(workspaceId);
    expect((await listRoleSettings(db(), workspaceId)).roles.map((r) => [r.name, r.defaultCategory, r.assetCount])).toEqual([
      ["Kiosk", "Workstation", 2],
      ["Windows Desktop", "Workstation", 1],
    ]);

    expect(await saveRoleSettings(db(), workspaceId, [{ ninjaRoleId: 200, categoryOverride: "Other", markInactive: "default" }])).toEqual({ ok: true, changed: 1 });
    const run = await h.sync(workspaceId);
    expect(run).toMatchObject({ assetsUpdated: 2, assetsUnchanged: 1 });
    const categories = (await assetsOf(workspaceId)).map((a) => [a.ninjaDeviceId, a.category]);
    expect(categories).toEqual([
      [1, "Workstation"],
      [2, "Other"],
      [3, "Other"],
    ]);

    await saveRoleSettings(db(), workspaceId, [{ ninjaRoleId: 200, categoryOverride: null, markInactive: "default" }]);
    await h.sync(workspaceId);
    expect((await assetsOf(workspaceId)).map((a) => a.category)).toEqual(["Workstation", "Workstation", "Server"]);
  });

  it("a deleted device's asset is marked inactive per its role, else per the workspace default", async () => {
    const { workspaceId } = await connectedWorkspace();
    const ninja = new FakeNinja([device(1, { role: 100 }), device(2, { role: 200 }), device(3, { role: 300 })]);
    ninja.roles.push({ id: 200, name: "Keep", nodeClass: "WINDOWS_WORKSTATION" }, { id: 300, name: "Retire", nodeClass: "WINDOWS_WORKSTATION" });
    const h = syncHarness(ninja);
    await h.sync(workspaceId);
    await db().update(schema.workspaces).set({ markInactiveOnDelete: false }).where(eq(schema.workspaces.id, workspaceId));
    const saved = await saveRoleSettings(db(), workspaceId, [
      { ninjaRoleId: 200, categoryOverride: null, markInactive: "no" },
      { ninjaRoleId: 300, categoryOverride: null, markInactive: "yes" },
    ]);
    expect(saved).toEqual({ ok: true, changed: 2 });
    expect((await listRoleSettings(db(), workspaceId)).roles.map((r) => [r.name, r.markInactive])).toEqual([
      ["Keep", "no"],
      ["Retire", "yes"],
      ["Windows Desktop", "default"],
    ]);

    ninja.devices.clear();
    const run = await h.sync(workspaceId);
    expect(run.assetsInactivated).toBe(1);
    const status = Object.fromEntries((await assetsOf(workspaceId)).map((a) => [a.ninjaDeviceId, a.status]));
    expect(status).toEqual({ 1: "in_use", 2: "in_use", 3: "inactive" }); // 1 follows the workspace default: leave as it is
  });

  it("refuses roles of another workspace and saves nothing", async () => {
    const { workspaceId } = await connectedWorkspace();
    await syncHarness(new FakeNinja([device(1)])).sync(workspaceId);
    const result = await saveRoleSettings(db(), workspaceId, [
      { ninjaRoleId: 100, categoryOverride: "Server", markInactive: "yes" },
      { ninjaRoleId: 555, categoryOverride: null, markInactive: "no" },
    ]);
    expect(result).toMatchObject({ ok: false, byRole: { 555: expect.stringMatching(/No NinjaOne device role 555/) } });
    expect((await listRoleSettings(db(), workspaceId)).roles[0]).toMatchObject({ categoryOverride: null, markInactive: "default" });
  });
});

describe("mapping review notifications", () => {
  const day1 = Date.UTC(2026, 10, 23, 8, 0);
  const hour = 3600_000;

  async function notificationsOf(workspaceId: string) {
    return db()
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.workspaceId, workspaceId))
      .orderBy(schema.notifications.createdAt);
  }

  it("posts one of each type per admin per UTC day, however many syncs run", async () => {
    const { workspaceId, userId: ownerId } = await connectedWorkspace();
    const admin = await addUser(workspaceId, "admin");
    await addUser(workspaceId, "technician");
    let now = day1;
    const h = syncHarness(fourOrgFleet(), { now: () => now });
    for (let i = 0; i < 3; i++) {
      await h.sync(workspaceId); // hourly syncs
      now += hour;
    }
    let notes = await notificationsOf(workspaceId);
    expect(notes.map((n) => [n.type, n.userId]).sort()).toEqual(
      [
        ["ninjaone.contact_assignment", admin.userId],
        ["ninjaone.contact_assignment", ownerId],
        ["ninjaone.org_mapping", admin.userId],
        ["ninjaone.org_mapping", ownerId],
      ].sort(),
    );
    const mapping = notes.find((n) => n.type === "ninjaone.org_mapping");
    expect(mapping).toMatchObject({
      title: "4 NinjaOne organizations need a customer",
      link: "/settings/integrations/ninjaone/mappings",
      dedupKey: "ninjaone.org_mapping:2026-11-23",
    });
    expect(notes.find((n) => n.type === "ninjaone.contact_assignment")).toMatchObject({
      title: "5 NinjaOne devices have no contact",
      link: "/settings/integrations/ninjaone/contacts",
      dedupKey: "ninjaone.contact_assignment:2026-11-23",
    });

    // The next UTC day: one more of each.
    now = Date.UTC(2026, 10, 24, 0, 5);
    await h.sync(workspaceId);
    await h.sync(workspaceId);
    notes = await notificationsOf(workspaceId);
    expect(notes).toHaveLength(8);
    expect(notes.filter((n) => n.dedupKey === "ninjaone.org_mapping:2026-11-24")).toHaveLength(2);
  });

  it("stays quiet when every organization has a customer (or was left without one on purpose) and every device a contact", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const ninja = new FakeNinja([device(1, { org: 1 }), device(2, { org: 2 })]);
    ninja.orgs = [
      { id: 1, name: "Acme Dental" },
      { id: 2, name: "Internal Lab" },
    ];
    await syncHarness(ninja).sync(workspaceId);
    await save(workspaceId, { mappings: [{ ninjaOrgId: 1, customerId: acme }, { ninjaOrgId: 2, customerId: null }] });
    const contactId = crypto.randomUUID();
    await db()
      .update(schema.assets)
      .set({ contactId })
      .where(and(eq(schema.assets.workspaceId, workspaceId), eq(schema.assets.source, "ninjaone")));
    await db().delete(schema.notifications).where(eq(schema.notifications.workspaceId, workspaceId));

    expect(await afterSyncNotifications(db(), workspaceId, Date.now())).toEqual({ orgMapping: 0, contactAssignment: 0 });
    expect(await notificationsOf(workspaceId)).toHaveLength(0);
  });

  it("counts a stale mapping as needing attention", async () => {
    const { workspaceId } = await connectedWorkspace();
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const ninja = new FakeNinja([device(1, { org: 1 })]);
    ninja.orgs = [{ id: 1, name: "Acme Dental" }];
    await syncHarness(ninja).sync(workspaceId);
    await save(workspaceId, { confirmAllAutoMatched: true });
    await db().delete(schema.customers).where(eq(schema.customers.id, acme));
    const posted = await afterSyncNotifications(db(), workspaceId, Date.UTC(2030, 0, 1));
    expect(posted.orgMapping).toBe(1);
    const [note] = (await notificationsOf(workspaceId)).filter((n) => n.dedupKey === "ninjaone.org_mapping:2030-01-01");
    expect(note).toMatchObject({ title: "1 NinjaOne organization needs a customer" });
    expect(note.body).toMatch(/1 stale/);
  });
});
