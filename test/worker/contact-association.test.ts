// Bulk Contact Association (issue 11): the suggestions API, the page's apply (a plain form post, as
// without JavaScript), Apply All High-Confidence, and the sync setting a device's assigned owner.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import "~/api";
import { newId } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { assignContacts } from "@workers/sync/contact-assignments";
import { addApiKey, addAssets, api, getAssetRow, ninjaAssetRow } from "./asset-fixtures";
import { appFetch, db, makeWorkspace, postForm } from "./helpers";
import { addCustomer, connectWorkspace, device, FakeNinja, syncHarness } from "./sync-fixtures";

type Row = { assetId: string; assetName: string; customerId: string | null; suggestions: Array<{ contactId: string; confidence: number; rule: string; ambiguous: boolean }>; account: { system: boolean } | null };
type Page = { data: Row[]; nextCursor: string | null };

async function contact(workspaceId: string, customerId: string, name: string, email: string | null) {
  const id = newId();
  await db().insert(schema.contacts).values({ id, workspaceId, customerId, name, email, createdAt: 1, updatedAt: 1 });
  return id;
}

async function fixture() {
  const ws = await makeWorkspace("owner");
  const acme = await addCustomer(ws.workspaceId, "Acme");
  const globex = await addCustomer(ws.workspaceId, "Globex");
  const jane = await contact(ws.workspaceId, acme, "Jane Smith", "jane.smith@acme.com");
  const zoe = await contact(ws.workspaceId, acme, "Zoë O'Brien", null);
  const john1 = await contact(ws.workspaceId, acme, "John Brown", "john.brown@acme.com");
  const john2 = await contact(ws.workspaceId, acme, "John Brown", "jbrown@acme.com");
  const globexJane = await contact(ws.workspaceId, globex, "Jane Smith", "jane.smith@globex.com");
  const asset = (name: string, user: string, customerId: string | null = acme) =>
    ninjaAssetRow(ws.workspaceId, { name, customerId, ninjaLastLoggedInUser: user, contactId: null });
  const rows = [
    asset("A-JANE", "ACME\\jane.smith"),
    asset("B-ZOE", "AzureAD\\ZoeOBrien"),
    asset("C-ADMIN", "ACME\\Administrator"),
    asset("D-JOHN", "AzureAD\\JohnBrown"),
    asset("E-GLOBEX", "GLOBEX\\jane.smith", globex),
    asset("F-SELF", "F-SELF\\F-SELF"),
    asset("G-NOBODY", "ACME\\b.wayne"),
  ];
  await addAssets(rows);
  const ids = Object.fromEntries(rows.map((r) => [r.name, r.id as string]));
  return { ...ws, acme, globex, jane, zoe, john1, john2, globexJane, ids, key: await addApiKey(ws.workspaceId, "observer") };
}

describe("GET /api/v1/integrations/ninjaone/contact-suggestions", () => {
  it("lists unassigned NinjaOne assets with suggestions from their customer's contacts only", async () => {
    const f = await fixture();
    const res = await api("/integrations/ninjaone/contact-suggestions?limit=50", f.key);
    expect(res.status).toBe(200);
    const body: Page = await res.json();
    const by = Object.fromEntries(body.data.map((r) => [r.assetName, r]));
    expect(Object.keys(by).sort()).toEqual(["A-JANE", "B-ZOE", "C-ADMIN", "D-JOHN", "E-GLOBEX", "F-SELF", "G-NOBODY"]);
    expect(by["A-JANE"].suggestions[0]).toMatchObject({ contactId: f.jane, confidence: 95, rule: "email_local" });
    expect(by["B-ZOE"].suggestions[0]).toMatchObject({ contactId: f.zoe, confidence: 90, rule: "full_name" });
    expect(by["E-GLOBEX"].suggestions.map((s) => s.contactId)).toEqual([f.globexJane]);
    expect(by["C-ADMIN"]).toMatchObject({ suggestions: [], account: { system: true } });
    expect(by["F-SELF"]).toMatchObject({ suggestions: [], account: { system: true } });
    expect(by["D-JOHN"].suggestions.every((s) => s.ambiguous && s.confidence < 80)).toBe(true);
    expect(by["G-NOBODY"].suggestions).toEqual([]);
  });

  it("filters by customer and confidence, pages with a cursor, and answers 400 for bad filters", async () => {
    const f = await fixture();
    const high: Page = await (await api("/integrations/ninjaone/contact-suggestions?minConfidence=80", f.key)).json();
    expect(high.data.map((r) => r.assetName).sort()).toEqual(["A-JANE", "B-ZOE", "E-GLOBEX"]);
    const globex: Page = await (await api(`/integrations/ninjaone/contact-suggestions?customerId=${f.globex}`, f.key)).json();
    expect(globex.data.map((r) => r.assetName)).toEqual(["E-GLOBEX"]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await (await api(`/integrations/ninjaone/contact-suggestions?limit=2${cursor ? `&cursor=${cursor}` : ""}`, f.key)).json();
      seen.push(...page.data.map((r) => r.assetName));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 20);
    expect(seen).toEqual(["A-JANE", "B-ZOE", "C-ADMIN", "D-JOHN", "E-GLOBEX", "F-SELF", "G-NOBODY"]);
    for (const bad of ["minConfidence=101", "minConfidence=abc", "limit=0", "cursor=%%%"]) {
      const res = await api(`/integrations/ninjaone/contact-suggestions?${bad}`, f.key);
      expect(res.status, bad).toBe(400);
    }
    expect((await api("/integrations/ninjaone/contact-suggestions", null)).status).toBe(401);
  });

  it("never shows another workspace's assets or contacts", async () => {
    const f = await fixture();
    const other = await makeWorkspace("owner");
    const key = await addApiKey(other.workspaceId, "observer");
    const body: Page = await (await api("/integrations/ninjaone/contact-suggestions", key)).json();
    expect(body.data).toEqual([]);
    const foreign: Page = await (await api(`/integrations/ninjaone/contact-suggestions?customerId=${f.acme}`, key)).json();
    expect(foreign.data).toEqual([]);
  });
});

describe("the Bulk Contact Association page", () => {
  it("Apply Selected works as a plain form post: the chosen rows, atomically, with who and which rule", async () => {
    const f = await fixture();
    const page = await appFetch("/settings/integrations/ninjaone/contacts", { cookie: f.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("A-JANE");
    expect(html).toContain("No contact — skip for now");
    const res = await postForm(
      "/settings/integrations/ninjaone/contacts",
      {
        intent: "apply-selected",
        "rows[0].assetId": f.ids["A-JANE"],
        "rows[0].choice": f.jane,
        "rows[1].assetId": f.ids["D-JOHN"],
        "rows[1].choice": "",
        "rows[1].override": "jbrown@acme.com", // typed without JavaScript
        "rows[2].assetId": f.ids["C-ADMIN"],
        "rows[2].choice": "",
      },
      f.cookie,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("assigned=2");
    expect(await getAssetRow(f.ids["A-JANE"])).toMatchObject({ contactId: f.jane, contactSource: "person" });
    expect(await getAssetRow(f.ids["D-JOHN"])).toMatchObject({ contactId: f.john2 });
    expect((await getAssetRow(f.ids["C-ADMIN"]))?.contactId).toBeNull();
    const events = await db().select().from(schema.assetEvents).where(eq(schema.assetEvents.assetId, f.ids["A-JANE"]));
    expect(events[0]).toMatchObject({ kind: "assigned", actorType: "user", actorId: f.userId, rule: "Bulk Contact Association: username = e-mail local part (95%)" });
  });

  it("one bad row assigns nothing and says which row", async () => {
    const f = await fixture();
    const res = await postForm(
      "/settings/integrations/ninjaone/contacts",
      {
        intent: "apply-selected",
        "rows[0].assetId": f.ids["A-JANE"],
        "rows[0].choice": f.jane,
        "rows[1].assetId": f.ids["E-GLOBEX"],
        "rows[1].choice": f.jane, // an Acme contact for a Globex device
      },
      f.cookie,
    );
    expect(res.status).toBe(422);
    expect((await getAssetRow(f.ids["A-JANE"]))?.contactId).toBeNull();
  });

  it("Apply All High-Confidence assigns every ≥ 80 % unambiguous match, across pages, in one step", async () => {
    const f = await fixture();
    const res = await postForm("/settings/integrations/ninjaone/contacts", { intent: "apply-high" }, f.cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("assigned=3");
    expect((await getAssetRow(f.ids["A-JANE"]))?.contactId).toBe(f.jane);
    expect((await getAssetRow(f.ids["B-ZOE"]))?.contactId).toBe(f.zoe);
    expect((await getAssetRow(f.ids["E-GLOBEX"]))?.contactId).toBe(f.globexJane);
    expect((await getAssetRow(f.ids["D-JOHN"]))?.contactId).toBeNull();
  });

  it("is refused to an observer", async () => {
    const ws = await makeWorkspace("observer");
    expect((await appFetch("/settings/integrations/ninjaone/contacts", { cookie: ws.cookie })).status).toBe(403);
    expect((await postForm("/settings/integrations/ninjaone/contacts", { intent: "apply-high" }, ws.cookie)).status).toBe(403);
  });
});

describe("a device's assigned owner in NinjaOne", () => {
  it("sets the asset's contact when the owner is a linked contact, and never overrides a person's choice", async () => {
    const ws = await makeWorkspace("owner");
    await connectWorkspace(ws.workspaceId);
    await addCustomer(ws.workspaceId, "Acme Dental");
    const ninja = new FakeNinja([{ ...device(1), assignedOwnerUid: "u-jane" }, { ...device(2), assignedOwnerUid: "u-ghost" }, device(3)]);
    ninja.endUsers = [
      { id: 501, uid: "u-jane", firstName: "Jane", lastName: "Smith", email: "jane@acme.com", organizationId: 1 },
      { id: 502, uid: "u-bob", firstName: "Bob", lastName: "Jones", email: "bob@acme.com", organizationId: 1 },
    ];
    const h = syncHarness(ninja);
    await h.sync(ws.workspaceId);
    const contacts = await db().select().from(schema.contacts).where(eq(schema.contacts.workspaceId, ws.workspaceId));
    const jane = contacts.find((c) => c.name === "Jane Smith");
    const bob = contacts.find((c) => c.name === "Bob Jones");
    const assets = await db().select().from(schema.assets).where(eq(schema.assets.workspaceId, ws.workspaceId)).orderBy(schema.assets.ninjaDeviceId);
    expect(assets.map((a) => [a.contactId, a.contactSource])).toEqual([[jane?.id, "ninjaone"], [null, null], [null, null]]);
    const events = await db().select().from(schema.assetEvents).where(eq(schema.assetEvents.assetId, assets[0].id));
    expect(events.filter((e) => e.kind === "assigned")).toHaveLength(1);

    // A second run changes nothing and writes no second history line.
    await h.sync(ws.workspaceId);
    expect((await db().select().from(schema.assetEvents).where(eq(schema.assetEvents.assetId, assets[0].id))).filter((e) => e.kind === "assigned")).toHaveLength(1);

    // NinjaOne reassigns device 1 to Bob: the sync follows (it set the contact itself).
    ninja.devices.set(1, { ...device(1), assignedOwnerUid: "u-bob" });
    await h.sync(ws.workspaceId);
    expect(await getAssetRow(assets[0].id)).toMatchObject({ contactId: bob?.id, contactSource: "ninjaone" });

    // A person picks Jane by hand: later syncs keep her although NinjaOne says Bob.
    const done = await assignContacts(db(), { workspaceId: ws.workspaceId, actor: { type: "user", id: ws.userId, name: "owner" }, assignments: [{ assetId: assets[0].id, contactId: jane?.id ?? "" }], rule: "test", now: Date.now() });
    expect(done.ok).toBe(true);
    await h.sync(ws.workspaceId);
    expect(await getAssetRow(assets[0].id)).toMatchObject({ contactId: jane?.id, contactSource: "person" });
  });
});
