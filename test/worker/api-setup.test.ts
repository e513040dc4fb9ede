// Issue 16 "The API covers setup too": the NinjaOne integration (write-only secret, connection
// state, connect over the API, disconnect, schedule), workspace settings, device roles, /meta,
// API key management and a sync run's "all work finished" — permissions, validation and
// cross-workspace ids for each.
import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@workers/db/api-keys";
import { schema } from "@workers/db/client";
import type { Role } from "@workers/domain/permissions";
import { loadIntegration } from "@workers/sync/connection";
import { queuedRunRow } from "@workers/sync/runs";
import { addUser, appFetch, db, makeWorkspace } from "./helpers";
import { api } from "./records-helpers";

type Body = {
  data?: any;
  key?: string;
  error?: { code: string; message: string; fields?: Record<string, string[]> };
  [k: string]: unknown;
};
const json = async (res: Response): Promise<Body> => {
  expect(res.headers.get("Content-Type") ?? "").toContain("application/json");
  return (await res.json()) as Body;
};

/** A workspace whose owner made a key of the given role (keys carry their creator, as in Settings). */
async function setup(role: Role = "owner") {
  const ws = await makeWorkspace("owner");
  const { key, id } = await createApiKey(db(), ws.workspaceId, { name: `${role} key`, role, createdBy: ws.userId }, Date.now());
  return { ...ws, key, keyId: id };
}

const SETTINGS = { clientId: "core-demo", clientSecret: "core-demo-secret", region: "us" };

beforeAll(async () => {
  const res = await SELF.fetch(`${env.NINJAONE_BASE_URL}/_control/app`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      clientId: "core-demo",
      clientSecret: "core-demo-secret",
      name: "Core (tests)",
      redirectUris: ["http://localhost/api/integrations/ninja/callback"],
    }),
  });
  expect(res.status).toBe(200);
});

describe("GET/PUT /integrations/ninjaone", () => {
  it("adds the integration, never returns the secret, keeps it when omitted, and reports the state", async () => {
    const { key, workspaceId } = await setup("admin");
    const empty = await json(await api("/integrations/ninjaone", key));
    expect(empty.data).toMatchObject({ configured: false, state: "not_configured", clientSecretStored: false, redirectUri: "http://localhost/api/integrations/ninja/callback" });

    const created = await api("/integrations/ninjaone", key, { method: "PUT", json: { ...SETTINGS, clientSecret: "s3cr3t-value-WXYZ", dashboardDomain: "Support.Example.com" } });
    expect(created.status).toBe(201);
    const text = await created.clone().text();
    expect(text).not.toContain("s3cr3t");
    expect(text).not.toContain("WXYZ");
    expect((await json(created)).data).toMatchObject({ configured: true, state: "not_connected", stateReason: null, clientId: "core-demo", region: "us", dashboardDomain: "support.example.com", clientSecretStored: true });
    const before = (await loadIntegration(db(), workspaceId))!.clientSecretEnc;

    const kept = await api("/integrations/ninjaone", key, { method: "PUT", json: { clientId: "core-demo", region: "us", clientSecret: null, dashboardDomain: null } });
    expect(kept.status).toBe(200);
    expect((await json(kept)).data.dashboardDomain).toBeNull();
    expect((await loadIntegration(db(), workspaceId))!.clientSecretEnc).toBe(before);

    await db().update(schema.integrations).set({ status: "needs_reconnect", statusReason: "NinjaOne refused the refresh token." }).where(eq(schema.integrations.workspaceId, workspaceId));
    const got = await json(await api("/integrations/ninjaone", key));
    expect(got.data).toMatchObject({ state: "needs_reconnect", stateReason: "NinjaOne refused the refresh token." });
    expect(JSON.stringify(got)).not.toContain("secret-value");
  });

  it("refuses bad input with 422 field errors and writes nothing", async () => {
    const { key, workspaceId } = await setup();
    const noSecret = await api("/integrations/ninjaone", key, { method: "PUT", json: { clientId: "core-demo", region: "us" } });
    expect(noSecret.status).toBe(422);
    expect(Object.keys((await json(noSecret)).error?.fields ?? {})).toContain("clientSecret");
    const bad = await api("/integrations/ninjaone", key, { method: "PUT", json: { ...SETTINGS, region: "mars", dashboardDomain: "https://x.example.com/path" } });
    expect(bad.status).toBe(422);
    expect(Object.keys((await json(bad)).error?.fields ?? {}).sort()).toEqual(["dashboardDomain", "region"]);
    expect((await api("/integrations/ninjaone", key, { method: "PUT", body: "{nope" })).status).toBe(400);
    expect(await loadIntegration(db(), workspaceId)).toBeNull();
  });

  it.each(["manager", "technician", "observer"] as Role[])("refuses a %s key (403) on every integration route", async (role) => {
    const { key, workspaceId } = await setup(role);
    const calls: Array<[string, string, unknown?]> = [
      ["/integrations/ninjaone", "GET"],
      ["/integrations/ninjaone", "PUT", SETTINGS],
      ["/integrations/ninjaone/connect", "POST"],
      ["/integrations/ninjaone/disconnect", "POST"],
      ["/integrations/ninjaone/schedule", "GET"],
      ["/integrations/ninjaone/schedule", "PUT", { frequency: "daily" }],
      ["/integrations/ninjaone/device-roles", "GET"],
      ["/integrations/ninjaone/device-roles", "PUT", { roles: [{ ninjaRoleId: 1, categoryOverride: null, markInactive: "default" }] }],
      ["/api-keys", "GET"],
      ["/api-keys", "POST", { name: "x", role: "observer" }],
      ["/workspace/settings", "PUT", { name: "Hijacked" }],
    ];
    for (const [path, method, body] of calls) {
      const res = await api(path, key, { method, json: body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await json(res)).error?.code).toBe("forbidden");
    }
    expect(await loadIntegration(db(), workspaceId)).toBeNull();
    const [ws] = await db().select().from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
    expect(ws.name).not.toBe("Hijacked");
  });

  it("only ever sees its own workspace's integration", async () => {
    const a = await setup();
    await api("/integrations/ninjaone", a.key, { method: "PUT", json: { ...SETTINGS, clientId: "alpha-client-123" } });
    const b = await setup();
    const got = await json(await api("/integrations/ninjaone", b.key));
    expect(got.data.state).toBe("not_configured");
    expect(JSON.stringify(got)).not.toContain("alpha-client-123");
    expect((await api("/integrations/ninjaone/disconnect", b.key, { method: "POST" })).status).toBe(409);
    expect((await api("/integrations/ninjaone/connect", b.key, { method: "POST" })).status).toBe(409);
  });
});

/** Answer the simulator's consent page for an authorization URL; returns the callback URL. */
async function approve(authorizationUrl: string) {
  const url = new URL(authorizationUrl);
  const answered = await SELF.fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    body: new URLSearchParams([...url.searchParams, ["decision", "approve"]]),
    redirect: "manual",
  });
  expect(answered.status).toBe(302);
  const back = new URL(answered.headers.get("Location") ?? "");
  expect(back.pathname).toBe("/api/integrations/ninja/callback");
  return `${back.pathname}${back.search}`;
}
const flash = (res: Response) => Object.fromEntries(new URL(res.headers.get("Location") ?? "", "http://localhost").searchParams);

describe("POST /integrations/ninjaone/connect and /disconnect", () => {
  it("returns a single-use authorization URL that the key's creator finishes in the browser; disconnect removes it", async () => {
    const { key, workspaceId, cookie, userId } = await setup("admin");
    await api("/integrations/ninjaone", key, { method: "PUT", json: SETTINGS });
    const started = await api("/integrations/ninjaone/connect", key, { method: "POST" });
    expect(started.status).toBe(200);
    const { data } = await json(started);
    expect(data.completeAs.userId).toBe(userId);
    expect(new URL(data.authorizationUrl).pathname).toMatch(/\/oauth\/authorize$/);
    expect(Date.parse(data.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    const [state] = await db().select().from(schema.oauthStates).where(eq(schema.oauthStates.workspaceId, workspaceId));
    expect(state).toMatchObject({ userId, sessionId: null });

    const back = await approve(data.authorizationUrl);
    // Another user of the workspace cannot finish it.
    const other = await addUser(workspaceId, "owner");
    expect(flash(await appFetch(back, { cookie: other.cookie }))).toEqual({ oauth_error: "state_other_session" });
    // The creator, in any of their sessions, can; once.
    expect(flash(await appFetch(back, { cookie }))).toEqual({ connected: "1" });
    expect(flash(await appFetch(back, { cookie }))).toEqual({ oauth_error: "state_reused" });
    expect((await json(await api("/integrations/ninjaone", key))).data).toMatchObject({ state: "connected" });

    const off = await api("/integrations/ninjaone/disconnect", key, { method: "POST" });
    expect(off.status).toBe(200);
    expect((await json(off)).data).toMatchObject({ state: "not_connected", connectedAt: null });
    expect((await loadIntegration(db(), workspaceId))?.tokenKey).toBeNull();
  });

  it("refuses the browser step once the key is revoked", async () => {
    const { key, keyId, workspaceId, cookie } = await setup("owner");
    await api("/integrations/ninjaone", key, { method: "PUT", json: SETTINGS });
    const { data } = await json(await api("/integrations/ninjaone/connect", key, { method: "POST" }));
    const back = await approve(data.authorizationUrl);
    await db().update(schema.apiKeys).set({ revokedAt: Date.now() }).where(eq(schema.apiKeys.id, keyId));
    expect(flash(await appFetch(back, { cookie }))).toEqual({ oauth_error: "state_key_revoked" });
    expect((await loadIntegration(db(), workspaceId))?.status).toBe("not_connected");
  });

  it("gives no authorization URL once the key's creator is demoted or disabled (the key acts with the creator's current role)", async () => {
    const ws = await makeWorkspace("owner");
    const admin = await addUser(ws.workspaceId, "admin");
    const { key } = await createApiKey(db(), ws.workspaceId, { name: "k", role: "admin", createdBy: admin.userId }, Date.now());
    await api("/integrations/ninjaone", key, { method: "PUT", json: SETTINGS });
    await db().update(schema.users).set({ role: "manager" }).where(eq(schema.users.id, admin.userId));
    const res = await api("/integrations/ninjaone/connect", key, { method: "POST" });
    expect(res.status).toBe(403);
    expect((await json(res)).error?.message).toContain("capped at its creator's current role");
    await db().update(schema.users).set({ role: "admin", disabledAt: Date.now() }).where(eq(schema.users.id, admin.userId));
    const disabled = await api("/integrations/ninjaone/connect", key, { method: "POST" });
    expect(disabled.status).toBe(401);
    expect(await db().select().from(schema.oauthStates).where(eq(schema.oauthStates.workspaceId, ws.workspaceId))).toHaveLength(0);
  });
});

describe("GET/PUT /integrations/ninjaone/schedule", () => {
  it("saves a frequency with its next time, validates, and needs the integration", async () => {
    const { key } = await setup();
    expect((await api("/integrations/ninjaone/schedule", key)).status).toBe(409);
    expect((await api("/integrations/ninjaone/schedule", key, { method: "PUT", json: { frequency: "daily" } })).status).toBe(409);
    await api("/integrations/ninjaone", key, { method: "PUT", json: SETTINGS });
    expect((await json(await api("/integrations/ninjaone/schedule", key))).data).toMatchObject({ frequency: "manual", nextSyncAt: null, connection: "not_connected" });
    const bad = await api("/integrations/ninjaone/schedule", key, { method: "PUT", json: { frequency: "fortnightly" } });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error?.fields?.frequency).toBeDefined();
    const saved = await json(await api("/integrations/ninjaone/schedule", key, { method: "PUT", json: { frequency: "daily" } }));
    expect(saved.data.frequency).toBe("daily");
    const next = Date.parse(saved.data.nextSyncAt);
    expect(next).toBeGreaterThan(Date.now() - 1000);
    expect(next).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
    expect((await json(await api("/integrations/ninjaone/schedule", key))).data.frequency).toBe("daily");
  });
});

describe("GET/PUT /workspace/settings", () => {
  it("reads for every role, changes with settings:manage, validates the time zone; new teammates start in it", async () => {
    const { key, workspaceId } = await setup("admin");
    const [creator] = await db().select().from(schema.users).where(eq(schema.users.workspaceId, workspaceId));
    const observer = (await createApiKey(db(), workspaceId, { name: "o", role: "observer", createdBy: creator.id }, Date.now())).key;
    expect((await json(await api("/workspace/settings", observer))).data).toMatchObject({ name: "Test MSP", markInactiveOnDelete: true, timeZone: "UTC" });
    const bad = await api("/workspace/settings", key, { method: "PUT", json: { timeZone: "Mars/Olympus", markInactiveOnDelete: "maybe", extra: 1 } });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error?.fields).toBeDefined();
    expect((await api("/workspace/settings", key, { method: "PUT", json: {} })).status).toBe(422);
    const saved = await api("/workspace/settings", key, { method: "PUT", json: { timeZone: "Europe/Berlin", markInactiveOnDelete: false } });
    expect(saved.status).toBe(200);
    expect((await json(saved)).data).toMatchObject({ name: "Test MSP", markInactiveOnDelete: false, timeZone: "Europe/Berlin" });
    const other = await setup();
    expect((await json(await api("/workspace/settings", other.key))).data.timeZone).toBe("UTC");
    // A teammate added now starts in Europe/Berlin (Settings › Users).
    const owner = (await db().select().from(schema.users).where(eq(schema.users.workspaceId, workspaceId)))[0];
    const { insertTeammate } = await import("@workers/db/users");
    const added = await insertTeammate(db(), workspaceId, { name: "New", email: `new-${owner.id}@example.test`, role: "technician", passwordHash: "x" }, { type: "welcome", title: "Hi" }, Date.now());
    expect(added.ok).toBe(true);
    const [mate] = await db().select().from(schema.users).where(eq(schema.users.id, added.ok ? added.userId : ""));
    expect(mate.timeZone).toBe("Europe/Berlin");
  });
});

describe("Settings › Workspace time zone (the same setting in the UI)", () => {
  it("lets an admin set it, refuses a technician, and rejects a made-up zone", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    const admin = await addUser(workspaceId, "admin");
    const tech = await addUser(workspaceId, "technician");
    const post = (cookie: string, zone: string) =>
      appFetch("/settings/workspace", { method: "POST", cookie, body: new URLSearchParams({ intent: "workspaceTimeZone", workspaceTimeZone: zone }) });
    expect((await post(tech.cookie, "Asia/Tokyo")).status).toBe(403);
    expect((await post(admin.cookie, "Mars/Olympus")).status).toBe(400);
    expect((await post(admin.cookie, "Asia/Tokyo")).status).toBe(200);
    const [ws] = await db().select().from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
    expect(ws.timeZone).toBe("Asia/Tokyo");
  });
});

describe("GET/PUT /integrations/ninjaone/device-roles", () => {
  it("lists roles with their default category, saves all or nothing, never another workspace's role", async () => {
    const { key, workspaceId } = await setup();
    const other = await setup();
    await db().insert(schema.ninjaRoles).values([
      { workspaceId, ninjaRoleId: 11, name: "Kiosk", nodeClass: "WINDOWS_WORKSTATION" },
      { workspaceId, ninjaRoleId: 12, name: "Edge", nodeClass: "NMS_ROUTER" },
      { workspaceId: other.workspaceId, ninjaRoleId: 99, name: "Theirs", nodeClass: "MAC" },
    ]);
    const list = await json(await api("/integrations/ninjaone/device-roles", key));
    expect(list.data.map((r: { name: string }) => r.name)).toEqual(["Edge", "Kiosk"]);
    expect(list.data[1]).toMatchObject({ ninjaRoleId: 11, defaultCategory: "Workstation", categoryOverride: null, markInactive: "default" });

    const foreign = await api("/integrations/ninjaone/device-roles", key, {
      method: "PUT",
      json: { roles: [{ ninjaRoleId: 11, categoryOverride: "Other", markInactive: "no" }, { ninjaRoleId: 99, categoryOverride: null, markInactive: "yes" }] },
    });
    expect(foreign.status).toBe(422);
    expect(Object.keys((await json(foreign)).error?.fields ?? {})).toEqual(["roles.1.ninjaRoleId"]);
    const bad = await api("/integrations/ninjaone/device-roles", key, { method: "PUT", json: { roles: [{ ninjaRoleId: 11, categoryOverride: "Toaster", markInactive: "default" }] } });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error?.fields?.["roles.0.categoryOverride"]).toBeDefined();
    const rows = await db().select().from(schema.ninjaRoles).where(eq(schema.ninjaRoles.ninjaRoleId, 11));
    expect(rows[0].categoryOverride).toBeNull();

    const saved = await json(await api("/integrations/ninjaone/device-roles", key, { method: "PUT", json: { roles: [{ ninjaRoleId: 11, categoryOverride: "Other", markInactive: "no" }] } }));
    expect(saved.changed).toBe(1);
    expect(saved.data.find((r: { ninjaRoleId: number }) => r.ninjaRoleId === 11)).toMatchObject({ categoryOverride: "Other", markInactive: "no" });
    const theirs = await db().select().from(schema.ninjaRoles).where(eq(schema.ninjaRoles.workspaceId, other.workspaceId));
    expect(theirs[0]).toMatchObject({ categoryOverride: null, markInactiveOnDelete: null });
  });
});

describe("GET /meta", () => {
  it("gives categories, statuses and every node class with its category from the domain table", async () => {
    const { key } = await setup("observer");
    const { data } = await json(await api("/meta", key));
    expect(data.assetCategories).toContain("Virtual Host");
    expect(data.assetStatuses).toContainEqual({ value: "in_use", label: "In use" });
    expect(data.nodeClasses).toContainEqual({ nodeClass: "MAC_SERVER", label: expect.any(String), category: "Server" });
    expect(data.nodeClasses).toContainEqual({ nodeClass: "VMWARE_VM_HOST", label: "VMware Host", category: "Virtual Host" });
    expect(data.ticketStatuses.map((s: { value: string }) => s.value)).toContain("in_progress");
    expect((await api("/meta", null)).status).toBe(401);
  });
});

describe("/api-keys", () => {
  it("creates a key at or below the caller's role, shows the secret once, lists and revokes", async () => {
    const { key, workspaceId, userId } = await setup("admin");
    const tooHigh = await api("/api-keys", key, { method: "POST", json: { name: "Root", role: "owner" } });
    expect(tooHigh.status).toBe(403);
    expect((await json(tooHigh)).error?.fields?.role).toBeDefined();
    const invalid = await api("/api-keys", key, { method: "POST", json: { name: "", role: "god" } });
    expect(invalid.status).toBe(422);
    expect(Object.keys((await json(invalid)).error?.fields ?? {}).sort()).toEqual(["name", "role"]);

    const created = await api("/api-keys", key, { method: "POST", json: { name: "CI", role: "technician" } });
    expect(created.status).toBe(201);
    const body = await json(created);
    expect(body.key).toMatch(/^core_[0-9a-f]{8}_/);
    expect(body.data).toMatchObject({ name: "CI", role: "technician", revokedAt: null, createdBy: "owner user" });
    const [row] = await db().select().from(schema.apiKeys).where(eq(schema.apiKeys.id, body.data.id));
    expect(row.createdBy).toBe(userId);
    // The new key works with its own role.
    expect((await api("/customers", body.key!)).status).toBe(200);
    expect((await api("/api-keys", body.key!)).status).toBe(403);

    const list = await json(await api("/api-keys", key));
    expect(list.data.map((k: { name: string }) => k.name)).toContain("CI");
    expect(JSON.stringify(list)).not.toContain(body.key);

    const revoked = await api(`/api-keys/${body.data.id}`, key, { method: "DELETE" });
    expect(revoked.status).toBe(200);
    expect((await json(revoked)).data.revokedAt).not.toBeNull();
    expect((await api("/customers", body.key!)).status).toBe(401);
    expect((await api(`/api-keys/${body.data.id}`, key, { method: "DELETE" })).status).toBe(200);
    expect((await api(`/api-keys/${body.data.id}`, key)).status).toBe(405);

    // Another workspace's key id is not found, and stays valid.
    const other = await setup();
    const otherKeyId = other.keyId;
    expect((await api(`/api-keys/${otherKeyId}`, key, { method: "DELETE" })).status).toBe(404);
    expect((await api("/customers", other.key)).status).toBe(200);
    expect((await json(await api("/api-keys", key))).data.every((k: { id: string }) => k.id !== otherKeyId)).toBe(true);
    expect(workspaceId).not.toBe(other.workspaceId);
  });

  it("lets an Owner key make Owner keys", async () => {
    const { key } = await setup("owner");
    expect((await api("/api-keys", key, { method: "POST", json: { name: "Root", role: "owner" } })).status).toBe(201);
  });
});

describe("a sync run says when all its work is finished", () => {
  it("reports allWorkFinished only after the warranty pass (phase done) or a failure", async () => {
    const { key, workspaceId } = await setup("observer");
    const now = Date.now();
    const run = { ...queuedRunRow(workspaceId, "manual", now, null), status: "succeeded" as const, phase: "warranty", finishedAt: now, warrantyTotal: 500, warrantyChecked: 120 };
    await db().insert(schema.syncRuns).values(run);
    const warranty = await json(await api(`/sync-runs/${run.id}`, key));
    expect(warranty).toMatchObject({
      status: "succeeded",
      finishedAt: new Date(now).toISOString(),
      allWorkFinished: false,
      allWorkFinishedAt: null,
      stage: "Checking warranties: 120 of 500",
      warranty: { total: 500, done: 120, finishedAt: null },
    });
    await db().update(schema.syncRuns).set({ phase: "done", warrantyChecked: 500, updatedAt: now + 5000 }).where(eq(schema.syncRuns.id, run.id));
    const done = await json(await api(`/sync-runs/${run.id}`, key));
    expect(done).toMatchObject({
      allWorkFinished: true,
      allWorkFinishedAt: new Date(now + 5000).toISOString(),
      stage: "Finished",
      warranty: { total: 500, done: 500, finishedAt: new Date(now + 5000).toISOString() },
    });
    // The list says the same.
    const listed = await json(await api("/sync-runs", key));
    expect(listed.data[0]).toMatchObject({ id: run.id, warranty: { total: 500, done: 500 } });
    // Another workspace's run id is a 404.
    const other = await setup("owner");
    expect((await api(`/sync-runs/${run.id}`, other.key)).status).toBe(404);
  });
});

describe("OpenAPI document", () => {
  it("documents every setup route", async () => {
    const doc = (await (await appFetch("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    const expected: Array<[string, string[]]> = [
      ["/integrations/ninjaone", ["get", "put"]],
      ["/integrations/ninjaone/connect", ["post"]],
      ["/integrations/ninjaone/disconnect", ["post"]],
      ["/integrations/ninjaone/schedule", ["get", "put"]],
      ["/integrations/ninjaone/device-roles", ["get", "put"]],
      ["/workspace/settings", ["get", "put"]],
      ["/meta", ["get"]],
      ["/api-keys", ["get", "post"]],
      ["/api-keys/{id}", ["delete"]],
    ];
    for (const [path, methods] of expected) expect(Object.keys(doc.paths[path] ?? {}).sort(), path).toEqual(methods);
    expect(JSON.stringify(doc)).toContain("allWorkFinished");
    const runSchema = (doc as unknown as { components: { schemas: Record<string, { properties: Record<string, { properties?: Record<string, unknown> }> }> } }).components.schemas.SyncRun;
    expect(Object.keys(runSchema?.properties.warranty?.properties ?? {}).sort()).toEqual(["done", "finishedAt", "total"]);
  });
});
