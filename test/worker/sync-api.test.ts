// Sync over HTTP: the JSON API (POST sync, GET runs) and the settings pages' sync action and run page.
import { describe, expect, it } from "vitest";
import { newId } from "@workers/crypto";
import { schema } from "@workers/db/client";
import type { Role } from "@workers/domain/permissions";
import { appFetch, db, makeWorkspace, postForm } from "./helpers";
import { makeApiKey } from "./records-helpers";
import { connectWorkspace } from "./sync-fixtures";

// Keys act with at most their creator's role: makeApiKey has an active Owner create them.
async function apiKey(workspaceId: string, role: Role = "admin") {
  return { Authorization: `Bearer ${await makeApiKey(workspaceId, role)}` };
}

async function addRun(workspaceId: string, fields: Partial<typeof schema.syncRuns.$inferInsert> = {}) {
  const now = Date.now();
  const id = newId();
  await db().insert(schema.syncRuns).values({ id, workspaceId, trigger: "manual", status: "succeeded", phase: "done", createdAt: now, updatedAt: now, ...fields });
  return id;
}

describe("POST /api/v1/integrations/ninjaone/sync", () => {
  it("says NinjaOne not connected with 409 when there is no connection", async () => {
    const { workspaceId } = await makeWorkspace();
    const res = await appFetch("/api/v1/integrations/ninjaone/sync", { method: "POST", headers: await apiKey(workspaceId) });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "conflict", message: "NinjaOne not connected" } });
  });

  it("answers 202 with the queued run, and with the active run when one is going", async () => {
    const { workspaceId } = await makeWorkspace();
    await connectWorkspace(workspaceId);
    const active = await addRun(workspaceId, { status: "running", phase: "devices", devicesFound: 2000, pagesDone: 2 });
    const res = await appFetch("/api/v1/integrations/ninjaone/sync", { method: "POST", headers: await apiKey(workspaceId) });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ alreadyActive: true, run: { id: active, status: "running", progress: { pagesDone: 2, devicesDone: 2000 } } });

    const other = await makeWorkspace();
    await connectWorkspace(other.workspaceId);
    const fresh = await appFetch("/api/v1/integrations/ninjaone/sync", { method: "POST", headers: await apiKey(other.workspaceId) });
    expect(fresh.status).toBe(202);
    expect(await fresh.json()).toMatchObject({ alreadyActive: false, run: { status: "queued", trigger: "manual", phase: "organizations" } });
  });

  it("needs integrations:manage", async () => {
    const { workspaceId } = await makeWorkspace();
    await connectWorkspace(workspaceId);
    const res = await appFetch("/api/v1/integrations/ninjaone/sync", { method: "POST", headers: await apiKey(workspaceId, "technician") });
    expect(res.status).toBe(403);
    const anonymous = await appFetch("/api/v1/integrations/ninjaone/sync", { method: "POST" });
    expect(anonymous.status).toBe(401);
  });
});

describe("GET /api/v1/sync-runs", () => {
  it("lists the workspace's runs newest first, in pages", async () => {
    const { workspaceId } = await makeWorkspace();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await addRun(workspaceId, { createdAt: 1_000 + i, devicesFound: i }));
    await addRun((await makeWorkspace()).workspaceId);
    const headers = await apiKey(workspaceId, "observer");
    const first = await appFetch("/api/v1/sync-runs?limit=2", { headers });
    expect(first.status).toBe(200);
    const page1 = await first.json<{ data: Array<{ id: string }>; nextCursor: string | null }>();
    expect(page1.data.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page1.nextCursor).toBeTruthy();
    const second = await appFetch(`/api/v1/sync-runs?limit=2&cursor=${page1.nextCursor}`, { headers });
    const page2 = await second.json<{ data: Array<{ id: string }>; nextCursor: string | null }>();
    expect(page2.data.map((r) => r.id)).toEqual([ids[0]]);
    expect(page2.nextCursor).toBeNull();
    expect((await appFetch("/api/v1/sync-runs?limit=0", { headers })).status).toBe(400);
  });

  it("reads one run with its counters and errors, only in its own workspace", async () => {
    const { workspaceId } = await makeWorkspace();
    const runId = await addRun(workspaceId, { devicesFound: 10, assetsCreated: 9, errorCount: 1, startedAt: 5_000, finishedAt: 6_000 });
    await db().insert(schema.syncRunErrors).values({
      id: `${runId}:0:7`,
      runId,
      workspaceId,
      ninjaDeviceId: 7,
      kind: "device_invalid",
      message: "Device record failed validation: offline: expected boolean",
      createdAt: 5_500,
    });
    const res = await appFetch(`/api/v1/sync-runs/${runId}`, { headers: await apiKey(workspaceId, "observer") });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: runId,
      status: "succeeded",
      startedAt: "1970-01-01T00:00:05.000Z",
      counters: { devicesFound: 10, assetsCreated: 9, errors: 1 },
      errors: [{ ninjaDeviceId: 7, kind: "device_invalid", message: expect.stringContaining("offline") }],
    });
    const stranger = await makeWorkspace();
    expect((await appFetch(`/api/v1/sync-runs/${runId}`, { headers: await apiKey(stranger.workspaceId) })).status).toBe(404);
  });
});

describe("settings pages", () => {
  it("Sync Devices without a connection says NinjaOne not connected, with a link to connect", async () => {
    const { cookie } = await makeWorkspace("owner");
    const res = await postForm("/settings/integrations/ninjaone/sync", {}, cookie);
    expect(res.headers.get("Location")).toBeNull();
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("NinjaOne not connected");
    expect(html).toContain('href="/settings/integrations/ninjaone"');
  });

  it("Sync Devices starts a run and goes back to the NinjaOne page; technicians may not", async () => {
    const { workspaceId, cookie } = await makeWorkspace("admin");
    await connectWorkspace(workspaceId);
    const res = await postForm("/settings/integrations/ninjaone/sync", {}, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/settings/integrations/ninjaone");
    const runs = await db().query.syncRuns.findMany({ where: (r, { eq }) => eq(r.workspaceId, workspaceId) });
    expect(runs).toHaveLength(1);
    expect(runs[0].trigger).toBe("manual");

    const tech = await makeWorkspace("technician");
    await connectWorkspace(tech.workspaceId);
    expect((await postForm("/settings/integrations/ninjaone/sync", {}, tech.cookie)).status).toBe(403);
  });

  it("serves the latest run as JSON for the progress bar", async () => {
    const { workspaceId, cookie } = await makeWorkspace("owner");
    const runId = await addRun(workspaceId, { status: "running", phase: "devices", pagesDone: 3, devicesFound: 3000, devicesExpected: 10000 });
    const res = await appFetch("/settings/integrations/ninjaone/sync-status", { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ latest: { id: runId, status: "running", progress: { pagesDone: 3, devicesDone: 3000, devicesExpected: 10000 } } });
  });

  it("shows a run's errors on its page", async () => {
    const { workspaceId, cookie } = await makeWorkspace("owner");
    const runId = await addRun(workspaceId, { errorCount: 1, startedAt: Date.now(), finishedAt: Date.now() });
    await db().insert(schema.syncRunErrors).values({
      id: `${runId}:0:4242`,
      runId,
      workspaceId,
      ninjaDeviceId: 4242,
      kind: "device_invalid",
      message: "Device record failed validation: id: expected number",
      createdAt: Date.now(),
    });
    const res = await appFetch(`/settings/integrations/ninjaone/runs/${runId}`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("4242");
    expect(html).toContain("Invalid device record");
    expect((await appFetch(`/settings/integrations/ninjaone/runs/nope`, { cookie })).status).toBe(404);
  });
});
