import { describe, expect, it } from "vitest";
import "~/api";
import { openapiDocument } from "~/lib/openapi.server";
import { addApiKey, addAssets, addContact, addCustomer, addNinjaAsset, addAsset, api, assetRow, getAssetRow } from "./asset-fixtures";
import { db, makeWorkspace } from "./helpers";

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type AssetBody = Record<string, unknown> & { id: string; name: string };
type ListBody = { data: AssetBody[]; nextCursor: string | null };
/** Single-asset answers come as { data: asset }. */
const dataOf = async (res: Response): Promise<AssetBody> => ((await res.json()) as { data: AssetBody }).data;

async function workspaceWithKey(role: Parameters<typeof addApiKey>[1] = "admin") {
  const ws = await makeWorkspace("owner");
  return { ...ws, key: await addApiKey(ws.workspaceId, role) };
}

describe("GET /api/v1/assets", () => {
  it("pages with an opaque cursor: every asset once, names tied on purpose", async () => {
    const { workspaceId, key } = await workspaceWithKey("observer");
    const rows = Array.from({ length: 45 }, (_, i) => assetRow(workspaceId, { name: `PC-${i % 9}`, createdAt: 1_000 + (i % 4) }));
    await addAssets(rows);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = `?limit=10&sort=-created${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await api(`/assets${qs}`, key);
      expect(res.status).toBe(200);
      const body: ListBody = await res.json();
      seen.push(...body.data.map((a) => a.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(45);
    expect(new Set(seen)).toEqual(new Set(rows.map((r) => r.id)));
  });

  it("filters like the page does", async () => {
    const { workspaceId, key } = await workspaceWithKey();
    const acme = await addCustomer(workspaceId, "Acme");
    await addAssets([
      assetRow(workspaceId, { name: "ACME-SERVER", category: "Server", customerId: acme }),
      assetRow(workspaceId, { name: "ACME-MAC", category: "Mac", customerId: acme, serialNumber: "C02XYZ" }),
      assetRow(workspaceId, { name: "LOOSE-PC" }),
    ]);
    await addNinjaAsset(workspaceId, { name: "NINJA-PC", customerId: acme, ninjaOffline: true });
    const names = async (qs: string) => ((await (await api(`/assets?${qs}`, key)).json()) as ListBody).data.map((a) => a.name).sort();
    expect(await names(`customerId=${acme}`)).toEqual(["ACME-MAC", "ACME-SERVER", "NINJA-PC"]);
    expect(await names("customerId=unassigned")).toEqual(["LOOSE-PC"]);
    expect(await names("category=Server")).toEqual(["ACME-SERVER"]);
    expect(await names("source=ninjaone")).toEqual(["NINJA-PC"]);
    expect(await names("source=manual&q=acme")).toEqual(["ACME-MAC", "ACME-SERVER"]);
    expect(await names("q=c02xyz")).toEqual(["ACME-MAC"]);
    expect(await names("online=offline")).toEqual(["NINJA-PC"]);
    expect(await names("status=retired")).toEqual([]);
  });

  it("exposes the NinjaOne link, the match and the synced fields", async () => {
    const { workspaceId, key } = await workspaceWithKey("observer");
    const id = await addNinjaAsset(workspaceId, { ninjaDeviceId: 777, ninjaCreatedAt: Date.parse("2022-01-02T03:04:05Z") });
    const body = await dataOf(await api(`/assets/${id}`, key));
    expect(body).toMatchObject({
      id,
      source: "ninjaone",
      ninjaDeviceId: 777,
      ninjaNodeClass: "WINDOWS_WORKSTATION",
      ninjaOffline: false,
      ninjaLastLoggedInUser: "CORP\\ada",
      ninjaCreatedAt: "2022-01-02T03:04:05.000Z",
      matchedBy: "serial",
      matchReason: "matched existing asset by serial",
    });
    expect(body).not.toHaveProperty("workspaceId");
    expect(body).not.toHaveProperty("ninjaSyncHash");
  });

  it.each([
    ["an unknown sort", "sort=price"],
    ["an unknown category", "category=Toaster"],
    ["a limit over 200", "limit=500"],
    ["a cursor that is not ours", "cursor=garbage!!"],
  ])("answers 400 for %s", async (_label, qs) => {
    const { key } = await workspaceWithKey();
    const res = await api(`/assets?${qs}`, key);
    expect(res.status).toBe(400);
    const body: ErrorBody = await res.json();
    expect(body.error.code).toBe("bad_request");
  });

  it("refuses a cursor made for another sort", async () => {
    const { workspaceId, key } = await workspaceWithKey();
    await addAssets(Array.from({ length: 3 }, (_, i) => assetRow(workspaceId, { name: `A${i}` })));
    const first: ListBody = await (await api("/assets?limit=1&sort=name", key)).json();
    const res = await api(`/assets?limit=1&sort=-updated&cursor=${first.nextCursor}`, key);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.fields?.cursor).toBeDefined();
  });

  it("needs an API key, and a workspace's key sees only its workspace", async () => {
    expect((await api("/assets", null)).status).toBe(401);
    expect((await api("/assets", "core_not-a-real-key-at-all")).status).toBe(401);
    const a = await workspaceWithKey();
    const b = await workspaceWithKey();
    const theirs = await addAsset(b.workspaceId, { name: "B-ONLY" });
    const list: ListBody = await (await api("/assets", a.key)).json();
    expect(list.data.map((x) => x.id)).not.toContain(theirs);
    const res = await api(`/assets/${theirs}`, a.key);
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe("not_found");
    expect((await api("/assets/does-not-exist", a.key)).status).toBe(404);
  });
});

describe("POST /api/v1/assets", () => {
  it("creates a manual asset: 201, Location, defaults for status and category", async () => {
    const { workspaceId, key } = await workspaceWithKey("technician");
    const customerId = await addCustomer(workspaceId, "Acme");
    const res = await api("/assets", key, { method: "POST", json: { name: "API-PC", serialNumber: "S-1", customerId, warrantyEnd: "2030-01-01" } });
    expect(res.status).toBe(201);
    const body = await dataOf(res);
    expect(res.headers.get("Location")).toBe(`/api/v1/assets/${body.id}`);
    expect(body).toMatchObject({ name: "API-PC", status: "in_use", category: "Other", source: "manual", customerId, ninjaDeviceId: null, matchedBy: null });
    expect(await getAssetRow(body.id)).toMatchObject({ workspaceId, name: "API-PC", serialNumber: "S-1" });
  });

  it("answers 422 with a message per field and writes nothing", async () => {
    const { workspaceId, key } = await workspaceWithKey();
    const acme = await addCustomer(workspaceId, "Acme");
    const globexContact = await addContact(workspaceId, await addCustomer(workspaceId, "Globex"), "Gus");
    const cases: Array<[unknown, Record<string, string>]> = [
      [{}, { name: "Name is required." }],
      [{ name: 42 }, { name: "Name is required." }],
      [{ name: "X", status: "lost" }, { status: "Choose a status." }],
      [{ name: "X", warrantyStart: "2025-05-05", warrantyEnd: "2025-05-04" }, { warrantyEnd: "Warranty end must be on or after the warranty start." }],
      [{ name: "X", purchaseDate: "yesterday" }, { purchaseDate: "Purchase date must be a date (YYYY-MM-DD)." }],
      [{ name: "X", customerId: acme, contactId: globexContact }, { contactId: "Gus is not a contact of Acme. Choose one of Acme's contacts." }],
      [{ name: "X", customerId: "nope" }, { customerId: "Choose a customer from this workspace." }],
      [{ name: "X", colour: "red" }, { colour: "Unknown field." }],
      [{ name: "X", ninjaDeviceId: 5 }, { ninjaDeviceId: "Read-only: set by the NinjaOne sync." }],
      [{ name: "X", source: "ninjaone" }, { source: "Read-only: set by the NinjaOne sync." }],
      [{ name: "X", id: "mine" }, { id: "Read-only." }],
      [[1, 2], { _: "The body must be a JSON object." }],
    ];
    for (const [json, fields] of cases) {
      const res = await api("/assets", key, { method: "POST", json });
      expect(res.status).toBe(422);
      const body: ErrorBody = await res.json();
      expect(body.error.code).toBe("validation_failed");
      for (const [field, message] of Object.entries(fields)) expect(body.error.fields?.[field]).toContain(message);
    }
    const mine = await db().query.assets.findMany({ where: (a, { eq }) => eq(a.workspaceId, workspaceId) });
    expect(mine).toEqual([]);
  });

  it("answers 400 for malformed JSON and 415 for a body that is not JSON", async () => {
    const { key } = await workspaceWithKey();
    const bad = await api("/assets", key, { method: "POST", body: "{name:", headers: { "Content-Type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.code).toBe("invalid_json");
    const form = await api("/assets", key, { method: "POST", body: "name=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
  });

  it("refuses an observer's key with 403 and creates nothing", async () => {
    const { workspaceId, key } = await workspaceWithKey("observer");
    const res = await api("/assets", key, { method: "POST", json: { name: "NOPE" } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe("forbidden");
    expect(await db().query.assets.findMany({ where: (a, { eq }) => eq(a.workspaceId, workspaceId) })).toEqual([]);
  });

  it("answers 405 to other methods", async () => {
    const { key } = await workspaceWithKey();
    expect((await api("/assets", key, { method: "DELETE" })).status).toBe(405);
  });
});

describe("PATCH /api/v1/assets/{id}", () => {
  it("changes only the fields sent; null clears one", async () => {
    const { workspaceId, key } = await workspaceWithKey("manager");
    const id = await addAsset(workspaceId, { name: "OLD", model: "M1", notes: "keep me", serialNumber: "S-9" });
    const res = await api(`/assets/${id}`, key, { method: "PATCH", json: { name: "NEW", model: null, status: "in_repair" } });
    expect(res.status).toBe(200);
    expect(await dataOf(res)).toMatchObject({ name: "NEW", model: null, status: "in_repair", notes: "keep me", serialNumber: "S-9" });
  });

  it("refuses a change to a sync-owned field of a NinjaOne asset, accepts the others", async () => {
    const { workspaceId, key } = await workspaceWithKey();
    const acme = await addCustomer(workspaceId, "Acme");
    const id = await addNinjaAsset(workspaceId, { name: "NINJA-PC" });
    const refused = await api(`/assets/${id}`, key, { method: "PATCH", json: { name: "RENAMED", category: "Server", customerId: acme } });
    expect(refused.status).toBe(422);
    const body: ErrorBody = await refused.json();
    expect(body.error.fields).toEqual({
      name: ["Managed by NinjaOne sync: change it in NinjaOne."],
      category: ["Managed by NinjaOne sync: change it in NinjaOne."],
    });
    expect(await getAssetRow(id)).toMatchObject({ name: "NINJA-PC", category: "Workstation", customerId: null });

    const readOnly = await api(`/assets/${id}`, key, { method: "PATCH", json: { ninjaOffline: true, matchReason: "mine" } });
    expect(readOnly.status).toBe(422);
    expect(Object.keys(((await readOnly.json()) as ErrorBody).error.fields ?? {}).sort()).toEqual(["matchReason", "ninjaOffline"]);

    // Sending back the current value is not a change: a GET-modify-PATCH round trip works.
    const ok = await api(`/assets/${id}`, key, { method: "PATCH", json: { name: "NINJA-PC", customerId: acme, installDate: "2024-01-01" } });
    expect(ok.status).toBe(200);
    expect(await dataOf(ok)).toMatchObject({ name: "NINJA-PC", customerId: acme, installDate: "2024-01-01", source: "ninjaone" });
  });

  it("checks the warranty and the contact against the asset as it will be", async () => {
    const { workspaceId, key } = await workspaceWithKey();
    const acme = await addCustomer(workspaceId, "Acme");
    const globex = await addCustomer(workspaceId, "Globex");
    const ada = await addContact(workspaceId, acme, "Ada");
    const id = await addAsset(workspaceId, { warrantyStart: "2025-01-01", customerId: acme, contactId: ada });
    const warranty = await api(`/assets/${id}`, key, { method: "PATCH", json: { warrantyEnd: "2024-12-31" } });
    expect(warranty.status).toBe(422);
    expect(((await warranty.json()) as ErrorBody).error.fields?.warrantyEnd).toBeDefined();
    const move = await api(`/assets/${id}`, key, { method: "PATCH", json: { customerId: globex } });
    expect(move.status).toBe(422);
    expect(((await move.json()) as ErrorBody).error.fields?.contactId?.[0]).toContain("Ada is not a contact of Globex");
    const moveAndClear = await api(`/assets/${id}`, key, { method: "PATCH", json: { customerId: globex, contactId: null } });
    expect(moveAndClear.status).toBe(200);
    expect(await getAssetRow(id)).toMatchObject({ customerId: globex, contactId: null, warrantyStart: "2025-01-01" });
  });

  it("answers 404 across workspaces and 403 to an observer, changing nothing", async () => {
    const a = await workspaceWithKey();
    const b = await workspaceWithKey();
    const theirs = await addAsset(b.workspaceId, { name: "THEIRS" });
    expect((await api(`/assets/${theirs}`, a.key, { method: "PATCH", json: { name: "MINE" } })).status).toBe(404);
    const observer = await addApiKey(b.workspaceId, "observer");
    expect((await api(`/assets/${theirs}`, observer, { method: "PATCH", json: { name: "MINE" } })).status).toBe(403);
    expect(await getAssetRow(theirs)).toMatchObject({ name: "THEIRS" });
  });
});

describe("OpenAPI", () => {
  it("documents the assets endpoints from the handlers' schemas", () => {
    const doc = openapiDocument("http://localhost");
    expect(Object.keys(doc.paths ?? {})).toEqual(expect.arrayContaining(["/assets", "/assets/{id}"]));
    expect(doc.paths?.["/assets"]?.post?.responses?.["201"]).toBeDefined();
    expect(doc.paths?.["/assets/{id}"]?.patch).toBeDefined();
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(["Asset", "AssetCreate", "AssetUpdate"]));
    const parameters = doc.paths?.["/assets"]?.get?.parameters ?? [];
    const names = parameters.map((p) => ("name" in p ? p.name : ""));
    expect(names).toEqual(expect.arrayContaining(["customerId", "category", "status", "source", "q", "sort", "limit", "cursor"]));
  });
});
