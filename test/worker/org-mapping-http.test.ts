// Organization mapping over HTTP: the JSON API (GET/PUT, validation, permissions, workspace scoping)
// and the settings screens (review page, quick panel, device roles) with their form posts.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@workers/db/api-keys";
import { schema } from "@workers/db/client";
import type { Role } from "@workers/domain/permissions";
import { listOrgMappings } from "@workers/sync/org-mapping";
import { openapiDocument } from "~/lib/openapi.server";
import "~/api/index";
import { addUser, appFetch, db, makeWorkspace, postForm } from "./helpers";
import { addCustomer, assetsOf, connectWorkspace, device, FakeNinja, syncHarness } from "./sync-fixtures";

const API = "/api/v1/integrations/ninjaone/org-mappings";

async function apiHeaders(workspaceId: string, userId: string, role: Role = "admin") {
  const { key } = await createApiKey(db(), workspaceId, { name: "test", role, createdBy: userId }, Date.now());
  return { Authorization: `Bearer ${key}` };
}

/** A synced workspace: Acme Dental auto-matched (2 devices), Zebra unmatched (1 device). */
async function syncedWorkspace() {
  const ws = await makeWorkspace("owner");
  await connectWorkspace(ws.workspaceId);
  const acme = await addCustomer(ws.workspaceId, "Acme Dental");
  const beta = await addCustomer(ws.workspaceId, "Beta Builders");
  const ninja = new FakeNinja([device(1, { org: 1 }), device(2, { org: 1 }), device(3, { org: 2 })]);
  ninja.orgs = [
    { id: 1, name: "Acme Dental LLC" },
    { id: 2, name: "Zebra Crossing Cafe" },
  ];
  await syncHarness(ninja).sync(ws.workspaceId);
  return { ...ws, acme, beta };
}

const putJson = (path: string, headers: Record<string, string>, body: unknown) =>
  appFetch(path, { method: "PUT", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("GET /api/v1/integrations/ninjaone/org-mappings", () => {
  it("lists every organization with status, score, suggested and mapped customer", async () => {
    const { workspaceId, userId, acme } = await syncedWorkspace();
    const res = await appFetch(API, { headers: await apiHeaders(workspaceId, userId) });
    expect(res.status).toBe(200);
    const body = await res.json<{ data: Array<Record<string, unknown>>; summary: Record<string, unknown> }>();
    expect(body.data).toEqual([
      expect.objectContaining({
        ninjaOrgId: 1,
        name: "Acme Dental LLC",
        status: "auto",
        statusLabel: "Auto-matched",
        score: 100,
        deviceCount: 2,
        mappingSource: "auto",
        mappedCustomer: { id: acme, name: "Acme Dental", state: "active" },
        suggestedCustomer: { id: acme, name: "Acme Dental" },
        vanishedAt: null,
      }),
      expect.objectContaining({ ninjaOrgId: 2, status: "unmatched", mappedCustomer: null, suggestedCustomer: null }),
    ]);
    expect(body.summary).toEqual({ total: 2, mapped: 0, auto: 1, unmatched: 1, stale: 0, organizationsMatched: 1, organizationsUnmatched: 1, complete: false });
  });

  it("needs integrations:manage (401 without a key, 403 for a technician's key)", async () => {
    const { workspaceId, userId } = await syncedWorkspace();
    expect((await appFetch(API)).status).toBe(401);
    const res = await appFetch(API, { headers: await apiHeaders(workspaceId, userId, "technician") });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
    const put = await putJson(API, await apiHeaders(workspaceId, userId, "manager"), { confirmAllAutoMatched: true });
    expect(put.status).toBe(403);
    expect((await listOrgMappings(db(), workspaceId))[0].status).toBe("auto");
  });

  it("reads one organization, and answers 404 for another workspace's", async () => {
    const { workspaceId, userId } = await syncedWorkspace();
    const stranger = await syncedWorkspace();
    const headers = await apiHeaders(workspaceId, userId);
    const one = await appFetch(`${API}/2`, { headers });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ ninjaOrgId: 2, name: "Zebra Crossing Cafe", status: "unmatched" });
    expect((await appFetch(`${API}/77`, { headers })).status).toBe(404);
    expect((await appFetch(`${API}/not-a-number`, { headers })).status).toBe(404);
    // The stranger's organization 2 is theirs: changing ours leaves theirs alone.
    const put = await putJson(`${API}/2`, headers, { createCustomer: true });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ status: "mapped", mappedCustomer: { name: "Zebra Crossing Cafe", state: "active" } });
    expect((await listOrgMappings(db(), stranger.workspaceId)).find((r) => r.ninjaOrgId === 2)?.status).toBe("unmatched");
  });
});

describe("PUT /api/v1/integrations/ninjaone/org-mappings", () => {
  it("saves mappings, moves the assets and returns the new state", async () => {
    const { workspaceId, userId, beta } = await syncedWorkspace();
    const res = await putJson(API, await apiHeaders(workspaceId, userId), { mappings: [{ ninjaOrgId: 1, customerId: beta }, { ninjaOrgId: 2, createCustomer: true }] });
    expect(res.status).toBe(200);
    const body = await res.json<{ saved: Record<string, unknown>; summary: Record<string, unknown> }>();
    expect(body.saved).toMatchObject({ mapped: 2, confirmed: 0, assetsMoved: 3, createdCustomers: [{ name: "Zebra Crossing Cafe" }] });
    expect(body.summary).toMatchObject({ mapped: 2, complete: true });
    const assets = await assetsOf(workspaceId);
    expect(assets.filter((a) => a.ninjaOrgId === 1).every((a) => a.customerId === beta)).toBe(true);
  });

  it("answers 422 with the fields at fault and saves nothing", async () => {
    const { workspaceId, userId, beta } = await syncedWorkspace();
    const other = await makeWorkspace("owner");
    const theirs = await addCustomer(other.workspaceId, "Not Yours");
    const headers = await apiHeaders(workspaceId, userId);
    const before = await listOrgMappings(db(), workspaceId);

    const invalid = await putJson(API, headers, { mappings: [{ ninjaOrgId: 1, customerId: beta }, { ninjaOrgId: 2, customerId: theirs }] });
    expect(invalid.status).toBe(422);
    const body = await invalid.json<{ error: { code: string; message: string; fields: Record<string, string[]> } }>();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields).toEqual({ "mappings.1.customerId": ["That customer does not exist in this workspace (it may have been deleted)."] });
    expect(await listOrgMappings(db(), workspaceId)).toEqual(before);

    const shape = await putJson(API, headers, { mappings: [{ ninjaOrgId: "one", customerId: 5 }, { ninjaOrgId: 2 }] });
    expect(shape.status).toBe(422);
    const shapeFields = (await shape.json<{ error: { fields: Record<string, string[]> } }>()).error.fields;
    expect(Object.keys(shapeFields).sort()).toEqual(["mappings.0.customerId", "mappings.0.ninjaOrgId", "mappings.1.customerId"]);

    expect((await putJson(API, headers, {})).status).toBe(422);
    expect((await appFetch(API, { method: "PUT", headers: { ...headers, "Content-Type": "application/json" }, body: "{" })).status).toBe(400);
    const single = await putJson(`${API}/1`, headers, { customerId: theirs });
    expect(single.status).toBe(422);
    expect((await single.json<{ error: { fields: Record<string, string[]> } }>()).error.fields).toHaveProperty("customerId");
    expect(await listOrgMappings(db(), workspaceId)).toEqual(before);
  });

  it("is described in the OpenAPI document", () => {
    const doc = openapiDocument("http://localhost");
    expect(Object.keys(doc.paths ?? {})).toEqual(expect.arrayContaining(["/integrations/ninjaone/org-mappings", "/integrations/ninjaone/org-mappings/{ninjaOrgId}"]));
    expect(doc.paths?.["/integrations/ninjaone/org-mappings"]?.put?.responses).toHaveProperty("422");
  });
});

describe("the mapping screens", () => {
  const PAGE = "/settings/integrations/ninjaone/mappings";
  const PANEL = "/settings/integrations/ninjaone/map";

  it("are for owners and admins only", async () => {
    const { workspaceId, cookie } = await syncedWorkspace();
    const admin = await addUser(workspaceId, "admin");
    for (const role of ["manager", "technician", "observer"] as const) {
      const user = await addUser(workspaceId, role);
      for (const path of [PAGE, PANEL, "/settings/integrations/ninjaone/roles"]) {
        expect((await appFetch(path, { cookie: user.cookie })).status, `${role} GET ${path}`).toBe(403);
      }
      const post = await postForm(PAGE, { "rows[0].org": "2", "rows[0].initial": "", "rows[0].customer": "__new__" }, user.cookie);
      expect(post.status).toBe(403);
    }
    expect((await appFetch(PAGE, { cookie: admin.cookie })).status).toBe(200);
    expect((await appFetch(PAGE)).status).toBe(302); // signed out: to the login page
    const page = await appFetch(PAGE, { cookie });
    const html = await page.text();
    expect(html).toContain("Acme Dental LLC");
    expect(html).toContain("Zebra Crossing Cafe");
    expect(html).toContain("Save Mappings");
    expect((await listOrgMappings(db(), workspaceId)).find((r) => r.ninjaOrgId === 2)?.status).toBe("unmatched");
  });

  it("saves the review form: confirm, pick, create; only touched rows change", async () => {
    const { workspaceId, cookie, acme } = await syncedWorkspace();
    const res = await postForm(
      `${PAGE}?status=all`,
      {
        "rows[0].org": "1",
        "rows[0].initial": acme,
        "rows[0].customer": acme,
        "rows[0].confirm": "on",
        "rows[1].org": "2",
        "rows[1].initial": "",
        "rows[1].customer": "__new__",
      },
      cookie,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${PAGE}?status=all&saved=1.1.0.1.1`);
    const rows = await listOrgMappings(db(), workspaceId);
    expect(rows.map((r) => [r.name, r.status, r.customerName])).toEqual([
      ["Acme Dental LLC", "mapped", "Acme Dental"],
      ["Zebra Crossing Cafe", "mapped", "Zebra Crossing Cafe"],
    ]);
    const done = await (await appFetch(`${PAGE}?saved=1.1.0.1.1`, { cookie })).text();
    expect(done).toContain("All 2 organizations are mapped");
    expect(done).toContain("1 customer created");
  });

  it("without JavaScript, resolves a customer name typed in the search box, and a bad name saves nothing", async () => {
    const { workspaceId, cookie, beta } = await syncedWorkspace();
    const bad = await postForm(
      PANEL,
      { "rows[0].org": "2", "rows[0].initial": "", "rows[0].customer": "", "rows[0].find": "Nobody Inc" },
      cookie,
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("No active customer is named “Nobody Inc”.");
    expect((await listOrgMappings(db(), workspaceId)).find((r) => r.ninjaOrgId === 2)?.customerId).toBeNull();

    const good = await postForm(PANEL, { "rows[0].org": "2", "rows[0].initial": "", "rows[0].customer": "", "rows[0].find": "  beta builders " }, cookie);
    expect(good.status).toBe(302);
    expect(good.headers.get("Location")).toBe(`${PANEL}?saved=0.1.0.0.1`);
    expect((await listOrgMappings(db(), workspaceId)).find((r) => r.ninjaOrgId === 2)?.customerId).toBe(beta);
  });

  it("without JavaScript, Create customer from this organization saves the page and creates it", async () => {
    const { workspaceId, cookie, acme } = await syncedWorkspace();
    const res = await postForm(
      PAGE,
      { "rows[0].org": "1", "rows[0].initial": acme, "rows[0].customer": acme, "rows[1].org": "2", "rows[1].initial": "", "rows[1].customer": "", create: "2" },
      cookie,
    );
    expect(res.status).toBe(302);
    const rows = await listOrgMappings(db(), workspaceId);
    expect(rows.map((r) => [r.ninjaOrgId, r.status, r.customerName])).toEqual([
      [1, "auto", "Acme Dental"], // untouched: still awaiting review
      [2, "mapped", "Zebra Crossing Cafe"],
    ]);
  });

  it("a failing save keeps everything as it was and says why", async () => {
    const { workspaceId, cookie, beta } = await syncedWorkspace();
    await db().update(schema.customers).set({ archivedAt: Date.now() }).where(eq(schema.customers.id, beta));
    const before = await listOrgMappings(db(), workspaceId);
    const res = await postForm(
      PAGE,
      {
        "rows[0].org": "1",
        "rows[0].initial": "",
        "rows[0].customer": "__new__",
        "rows[1].org": "2",
        "rows[1].initial": "",
        "rows[1].customer": beta,
      },
      cookie,
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Beta Builders is archived");
    expect(await listOrgMappings(db(), workspaceId)).toEqual(before);
    expect((await db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId))).map((c) => c.name).sort()).toEqual(["Acme Dental", "Beta Builders"]);
  });

  it("the NinjaOne page shows the Organization Mapping card and live matched/unmatched counts", async () => {
    const { workspaceId, cookie, beta } = await syncedWorkspace();
    const before = await (await appFetch("/settings/integrations/ninjaone", { cookie })).text();
    expect(before).toContain("Organization Mapping");
    expect(before).toContain("Map Organizations");
    expect(before).toContain("Review Mappings");
    expect(before).toMatch(/data-testid="stat-orgs-unmatched"[^>]*>1</);
    await postForm(PAGE, { "rows[0].org": "2", "rows[0].initial": "", "rows[0].customer": beta }, cookie);
    const after = await (await appFetch("/settings/integrations/ninjaone", { cookie })).text();
    expect(after).toMatch(/data-testid="stat-orgs-matched"[^>]*>2</);
    expect(after).toMatch(/data-testid="stat-orgs-unmatched"[^>]*>0</);
    // The quick panel renders over the same page.
    const panel = await (await appFetch(PANEL, { cookie })).text();
    expect(panel).toContain('id="map-orgs-title"');
    expect(panel).toContain("Device Sync");
  });

  it("the Device Roles tab saves category overrides and the inactive setting", async () => {
    const { workspaceId, cookie } = await syncedWorkspace();
    const page = await (await appFetch("/settings/integrations/ninjaone/roles", { cookie })).text();
    expect(page).toContain("Windows Desktop");
    expect(page).toContain("Mark configuration inactive if corresponding NinjaOne device is deleted");
    const bad = await postForm("/settings/integrations/ninjaone/roles", { "roles[0].id": "100", "roles[0].category": "Toaster", "roles[0].inactive": "yes" }, cookie);
    expect(bad.status).toBe(422);
    const ok = await postForm("/settings/integrations/ninjaone/roles", { "roles[0].id": "100", "roles[0].category": "Server", "roles[0].inactive": "no" }, cookie);
    expect(ok.status).toBe(302);
    const [role] = await db().select().from(schema.ninjaRoles).where(eq(schema.ninjaRoles.workspaceId, workspaceId));
    expect(role).toMatchObject({ categoryOverride: "Server", markInactiveOnDelete: false });
  });
});
