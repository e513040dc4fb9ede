// The audit log: what is recorded (who, when, what, IP, link), written with the change it records,
// shown to Owners and Admins (paged, filtered, CSV), served by GET /api/v1/audit-events, pruned after a year.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "@workers/crypto";
import { auditStatement, pruneAuditEvents } from "@workers/db/audit";
import { schema } from "@workers/db/client";
import { insertTeammate } from "@workers/db/users";
import { AUDIT_RETENTION_MS } from "@workers/domain/audit";
import worker from "../../workers/app";
import { addUser, appFetch, db, makeWorkspace, postForm, TEST_PASSWORD } from "./helpers";
import { api, makeApiKey } from "./records-helpers";
import { connectWorkspace } from "./sync-fixtures";

const IP = "198.51.100.23";

async function eventsOf(workspaceId: string, kind?: string) {
  return db()
    .select()
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.workspaceId, workspaceId), kind ? eq(schema.auditEvents.kind, kind) : undefined))
    .orderBy(schema.auditEvents.at);
}

function postFrom(path: string, fields: Record<string, string>, cookie: string) {
  return appFetch(path, { method: "POST", body: new URLSearchParams(fields), headers: { "CF-Connecting-IP": IP }, cookie });
}

describe("what the audit log records", () => {
  it("users added, role changes, disabling: who, when, what, IP and a link", async () => {
    const owner = await makeWorkspace("owner");
    const before = Date.now();
    expect((await postFrom("/settings/users", { intent: "add", name: "Terry", email: `terry-${newId().slice(0, 6)}@x.test`, role: "technician", password: "a-fine-long-password" }, owner.cookie)).status).toBe(200);
    const [terry] = await db().select().from(schema.users).where(and(eq(schema.users.workspaceId, owner.workspaceId), eq(schema.users.name, "Terry")));
    await postFrom("/settings/users", { intent: "changeRole", userId: terry.id, role: "manager" }, owner.cookie);
    await postFrom("/settings/users", { intent: "disable", userId: terry.id }, owner.cookie);

    const events = await eventsOf(owner.workspaceId);
    expect(events.map((e) => e.kind)).toEqual(["user.added", "user.role_changed", "user.disabled"]);
    for (const e of events) {
      expect(e).toMatchObject({ actorType: "user", actorId: owner.userId, ip: IP, targetType: "user", targetId: terry.id, link: "/settings/users" });
      expect(e.at).toBeGreaterThanOrEqual(before);
    }
    expect(events[1].summary).toContain("Technician to Manager");
  });

  it("API keys created and revoked", async () => {
    const owner = await makeWorkspace("owner");
    await postFrom("/settings/api-keys", { intent: "create", name: "PSA", role: "observer" }, owner.cookie);
    const [key] = await db().select().from(schema.apiKeys).where(eq(schema.apiKeys.workspaceId, owner.workspaceId));
    await postFrom("/settings/api-keys", { intent: "revoke", keyId: key.id }, owner.cookie);
    await postFrom("/settings/api-keys", { intent: "revoke", keyId: key.id }, owner.cookie); // already revoked: no second event
    const events = await eventsOf(owner.workspaceId);
    expect(events.map((e) => e.kind)).toEqual(["api_key.created", "api_key.revoked"]);
    expect(events[0].summary).toContain("PSA");
    expect(events[1]).toMatchObject({ targetId: key.id, link: "/settings/api-keys" });
  });

  it("sign-in failures and lockouts, with the address they came from", async () => {
    const { workspaceId, email } = await makeWorkspace("observer");
    for (let i = 0; i < 6; i++) {
      await appFetch("/login", { method: "POST", body: new URLSearchParams({ email, password: `wrong-${i}` }), headers: { "CF-Connecting-IP": IP } });
    }
    const failures = await eventsOf(workspaceId, "auth.login_failed");
    expect(failures).toHaveLength(6);
    expect(failures[0]).toMatchObject({ actorType: "anonymous", ip: IP });
    const lockouts = await eventsOf(workspaceId, "auth.lockout");
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0].summary).toContain("this account from this address");
    // A right password clears nothing from the log.
    await appFetch("/login", { method: "POST", body: new URLSearchParams({ email, password: TEST_PASSWORD }), headers: { "CF-Connecting-IP": "192.0.2.50" } });
    expect(await eventsOf(workspaceId, "auth.login_failed")).toHaveLength(6);
  });

  it("the NinjaOne integration configured and disconnected; the device policy saved", async () => {
    const owner = await makeWorkspace("owner");
    await postFrom("/settings/integrations/ninjaone/configure", { clientId: "client-1", clientSecret: "a-client-secret-value", region: "us", dashboardDomain: "" }, owner.cookie);
    await postFrom("/settings/integrations/ninjaone/configure", { clientId: "client-2", clientSecret: "", region: "eu", dashboardDomain: "" }, owner.cookie);
    await postFrom("/settings/integrations/ninjaone", { intent: "disconnect" }, owner.cookie);
    await postFrom("/settings/workspace", { intent: "devicePolicy" }, owner.cookie); // unticked: off
    const events = await eventsOf(owner.workspaceId);
    expect(events.map((e) => e.kind)).toEqual(["integration.configured", "integration.configured", "integration.disconnected", "policy.saved"]);
    expect(events[1].summary).toContain("client ID client-1 → client-2");
    expect(events[1].summary).toContain("region us → eu");
    expect(events[3].summary).toContain("off");
  });

  it("mapping saves and syncs started through the API are attributed to the API key", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const now = Date.now();
    await db().insert(schema.ninjaOrganizations).values({ workspaceId, ninjaOrgId: 7, name: "Acme", updatedAt: now });
    const key = await makeApiKey(workspaceId, "admin");
    expect((await api("/integrations/ninjaone/org-mappings/7", key, { method: "PUT", json: { createCustomer: true } })).status).toBe(200);
    expect((await api("/integrations/ninjaone/sync", key, { method: "POST" })).status).toBe(202);
    expect((await api("/integrations/ninjaone/sync", key, { method: "POST" })).status).toBe(202); // already active: no second event
    const events = await eventsOf(workspaceId);
    expect(events.map((e) => e.kind)).toEqual(["mapping.saved", "sync.started"]);
    const [keyRow] = await db().select().from(schema.apiKeys).where(eq(schema.apiKeys.workspaceId, workspaceId));
    for (const e of events) expect(e).toMatchObject({ actorType: "api_key", actorId: keyRow.id, actorLabel: "API key “admin key”" });
    expect(events[1].link).toMatch(/^\/settings\/integrations\/ninjaone\/runs\//);
  });
});

describe("written in the same transaction as the change", () => {
  it("a change that fails leaves no event (adding a teammate whose e-mail is taken)", async () => {
    const owner = await makeWorkspace("owner");
    const actor = { type: "user" as const, id: owner.userId, label: "Owner" };
    const result = await insertTeammate(
      db(),
      owner.workspaceId,
      { name: "Dup", email: owner.email, role: "observer", passwordHash: "x" },
      { type: "welcome", title: "Hi" },
      Date.now(),
      { actor, ip: null, kind: "user.added", summary: "Added Dup" },
    );
    expect(result).toEqual({ ok: false, reason: "email_taken" });
    expect(await eventsOf(owner.workspaceId)).toEqual([]);
  });

  it("a refused change leaves no event (disabling the last Owner)", async () => {
    const owner = await makeWorkspace("owner");
    const admin = await addUser(owner.workspaceId, "admin");
    expect((await postFrom("/settings/users", { intent: "disable", userId: owner.userId }, admin.cookie)).status).toBeGreaterThanOrEqual(400);
    expect(await eventsOf(owner.workspaceId)).toEqual([]);
  });
});

async function seedEvents(workspaceId: string, count: number, kind: "user.added" | "sync.started" = "user.added", actorId = "u1") {
  const base = Date.now() - 60_000;
  for (let i = 0; i < count; i++) {
    await auditStatement(db(), {
      workspaceId,
      kind,
      actor: { type: "user", id: actorId, label: `Actor ${actorId}` },
      summary: i === 0 ? "=HYPERLINK(\"http://evil\")" : `Event ${i}`,
      ip: IP,
      target: { type: "user", id: `t${i}`, link: "/settings/users" },
      now: base + i,
    });
  }
}

describe("Settings > Audit log", () => {
  it("Owners and Admins see it; others get 403 and no link", async () => {
    const owner = await makeWorkspace("owner");
    await seedEvents(owner.workspaceId, 1);
    expect((await appFetch("/settings/audit-log", { cookie: owner.cookie })).status).toBe(200);
    const admin = await addUser(owner.workspaceId, "admin");
    expect((await appFetch("/settings/audit-log", { cookie: admin.cookie })).status).toBe(200);
    for (const role of ["manager", "technician", "observer"] as const) {
      const other = await addUser(owner.workspaceId, role);
      expect((await appFetch("/settings/audit-log", { cookie: other.cookie })).status).toBe(403);
      expect((await appFetch("/settings/audit-log.csv", { cookie: other.cookie })).status).toBe(403);
      expect(await (await appFetch("/settings/users", { cookie: other.cookie })).text()).not.toContain("Audit log");
    }
  });

  it("pages 50 at a time, filters by kind and actor, never shows another workspace", async () => {
    const owner = await makeWorkspace("owner");
    const other = await makeWorkspace("owner", "Other MSP");
    await seedEvents(owner.workspaceId, 55, "user.added", "u1");
    await seedEvents(owner.workspaceId, 3, "sync.started", "u2");
    await seedEvents(other.workspaceId, 2, "sync.started", "u9");

    const first = await (await appFetch("/settings/audit-log", { cookie: owner.cookie })).text();
    // 50 rows: the 3 newest (sync.started; one summary is the HYPERLINK one) and 47 of user.added.
    expect(first.match(/Event \d+<\/span>/g)?.length).toBe(49);
    const next = /href="[^"]*\?cursor=([A-Za-z0-9_-]+)"/.exec(first)?.[1];
    expect(next).toBeTruthy();
    const second = await (await appFetch(`/settings/audit-log?cursor=${next}`, { cookie: owner.cookie })).text();
    expect(second).toContain("Event 1<");
    expect(second).not.toContain("Actor u9");

    const syncs = await (await appFetch("/settings/audit-log?kind=sync.started", { cookie: owner.cookie })).text();
    expect(syncs.match(/Actor u2/g)?.length).toBeGreaterThanOrEqual(3);
    expect(syncs).not.toContain("Event 54");
    const byActor = await (await appFetch("/settings/audit-log?actor=u2", { cookie: owner.cookie })).text();
    expect(byActor).not.toContain("Event 54");
    expect((await appFetch("/settings/audit-log?kind=nope", { cookie: owner.cookie })).status).toBe(400);
  });

  it("exports the filtered log as CSV, defusing spreadsheet formulas", async () => {
    const owner = await makeWorkspace("owner");
    await seedEvents(owner.workspaceId, 3, "user.added", "u1");
    await seedEvents(owner.workspaceId, 2, "sync.started", "u2");
    const res = await appFetch("/settings/audit-log.csv", { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="core-audit-log-\d{4}-\d\d-\d\d\.csv"/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("time_utc,kind,actor_type,actor_id,actor,summary,ip,target_type,target_id,link");
    expect(lines).toHaveLength(6);
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil"")"`))).toBe(true);
    const filtered = (await (await appFetch("/settings/audit-log.csv?kind=sync.started", { cookie: owner.cookie })).text()).trim().split("\r\n");
    expect(filtered).toHaveLength(3);
  });
});

describe("GET /api/v1/audit-events", () => {
  it("lists events with cursors for an Owner/Admin key, 403 for others, and is in the OpenAPI document", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await seedEvents(workspaceId, 5, "user.added", "u1");
    await seedEvents(workspaceId, 2, "sync.started", "u2");
    const key = await makeApiKey(workspaceId, "admin");
    const res = await api("/audit-events?limit=4", key);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Array<Record<string, unknown>>; nextCursor: string | null };
    expect(body.data).toHaveLength(4);
    expect(body.data[0]).toMatchObject({ kind: "sync.started", actor: { type: "user", id: "u2" }, ip: IP, target: { type: "user", link: "/settings/users" } });
    expect(body.nextCursor).toBeTruthy();
    const rest = (await (await api(`/audit-events?limit=4&cursor=${body.nextCursor}`, key)).json()) as { data: unknown[]; nextCursor: string | null };
    expect(rest.data).toHaveLength(3);
    expect(rest.nextCursor).toBeNull();
    const kinds = (await (await api("/audit-events?kind=sync.started", key)).json()) as { data: unknown[] };
    expect(kinds.data).toHaveLength(2);
    expect((await api("/audit-events?kind=bogus", key)).status).toBe(400);
    expect((await api("/audit-events", await makeApiKey(workspaceId, "manager"))).status).toBe(403);
    const doc = (await (await api("/openapi.json", null)).json()) as { paths: Record<string, unknown> };
    expect(doc.paths).toHaveProperty("/audit-events");
  });
});

describe("retention", () => {
  it("the cron deletes events older than a year and keeps the rest", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    const now = Date.now();
    const actor = { type: "system" as const };
    await auditStatement(db(), { workspaceId, kind: "sync.started", actor, summary: "old", now: now - AUDIT_RETENTION_MS - 60_000 });
    await auditStatement(db(), { workspaceId, kind: "sync.started", actor, summary: "recent", now: now - AUDIT_RETENTION_MS + 3600_000 });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "*/5 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await eventsOf(workspaceId)).map((e) => e.summary)).toEqual(["recent"]);
    expect(await pruneAuditEvents(db(), now)).toBe(0);
  });
});
