// The sync end to end against the built-in NinjaOne simulator: the workspace is connected through
// the real OAuth flow, the real client and token provider talk to the simulator, and every queue
// message goes through the Worker's real queue handler.
import { env, SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { categoryForNodeClass } from "@workers/domain/categories";
import { loadIntegration } from "@workers/sync/connection";
import { db, makeWorkspace, postForm } from "./helpers";
import { assetsOf, finishedRun, syncHarness } from "./sync-fixtures";

const SIM = env.NINJAONE_BASE_URL;
const PAGE = "/settings/integrations/ninjaone";

async function control<T = unknown>(path: string, body?: unknown, method = "POST"): Promise<T> {
  const res = await SELF.fetch(`${SIM}/_control${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json<T>();
  if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

type SimDevice = { id: number; nodeClass: string; displayName?: string; systemName?: string; organizationId: number };

/** Every device of the simulator's fleet, the way NinjaOne lists them. */
async function simulatorDevices(): Promise<SimDevice[]> {
  const token = await SELF.fetch(`${SIM}/ws/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: "core-demo", client_secret: "core-demo-secret", scope: "monitoring" }),
  }).then((r) => r.json<{ access_token: string }>());
  const res = await SELF.fetch(`${SIM}/v2/devices-detailed?pageSize=1000`, { headers: { Authorization: `Bearer ${token.access_token}` } });
  return res.json<SimDevice[]>();
}

beforeAll(async () => {
  await control("/app", {
    clientId: "core-demo",
    clientSecret: "core-demo-secret",
    name: "Core (sync tests)",
    redirectUris: ["http://localhost/api/integrations/ninja/callback"],
  }, "PUT");
});

/** A workspace connected to the simulator the way a person does it: configure, Connect, Approve. */
async function connectedToSimulator(fleet: { size: number; seed?: number }) {
  await control("/faults", undefined, "DELETE");
  await control("/reset", { size: fleet.size, seed: fleet.seed ?? 11, settings: { permissiveOAuth: false } });
  await control("/app", {
    clientId: "core-demo",
    clientSecret: "core-demo-secret",
    name: "Core (sync tests)",
    redirectUris: ["http://localhost/api/integrations/ninja/callback"],
  }, "PUT");
  const ws = await makeWorkspace("owner");
  expect((await postForm(`${PAGE}/configure`, { clientId: "core-demo", clientSecret: "core-demo-secret", region: "us", dashboardDomain: "" }, ws.cookie)).status).toBe(302);
  const start = await postForm(PAGE, { intent: "connect" }, ws.cookie);
  const authorize = new URL(start.headers.get("Location") ?? "");
  const consent = await SELF.fetch(`${authorize.origin}${authorize.pathname}`, {
    method: "POST",
    body: new URLSearchParams([...authorize.searchParams, ["decision", "approve"]]),
    redirect: "manual",
  });
  const back = new URL(consent.headers.get("Location") ?? "");
  const callback = await SELF.fetch(`http://localhost${back.pathname}${back.search}`, { headers: { Cookie: ws.cookie }, redirect: "manual" });
  expect(callback.status).toBe(302);
  expect((await loadIntegration(db(), ws.workspaceId))?.status).toBe("connected");
  return ws;
}

describe("sync against the NinjaOne simulator", () => {
  it("creates one asset per device with the right category, then writes nothing on an unchanged second run", async () => {
    const { workspaceId } = await connectedToSimulator({ size: 60 });
    const devices = await simulatorDevices();
    const h = syncHarness("real", { pageSize: 25 });
    const run = await h.sync(workspaceId);
    expect(run).toMatchObject({ status: "succeeded", devicesFound: devices.length, assetsCreated: devices.length, errorCount: 0, pagesDone: 3 });
    const assets = await assetsOf(workspaceId);
    expect(assets.map((a) => a.ninjaDeviceId)).toEqual(devices.map((d) => d.id));
    for (const d of devices) {
      const asset = assets.find((a) => a.ninjaDeviceId === d.id);
      expect(asset?.category).toBe(categoryForNodeClass(d.nodeClass));
      expect(asset?.source).toBe("ninjaone");
    }
    const orgs = await db().select().from(schema.ninjaOrganizations).where(eq(schema.ninjaOrganizations.workspaceId, workspaceId));
    expect(orgs.length).toBeGreaterThan(0);
    expect(run.orgsUnmatched).toBe(orgs.length); // no customers in this workspace yet

    const second = await h.sync(workspaceId);
    expect(second).toMatchObject({ status: "succeeded", assetsUnchanged: devices.length, assetsCreated: 0, assetsUpdated: 0, rowsWritten: 0 });
    expect(await assetsOf(workspaceId)).toEqual(assets);
  });

  it("follows renames, moves and deletions made in NinjaOne", async () => {
    const { workspaceId } = await connectedToSimulator({ size: 30 });
    const devices = await simulatorDevices();
    const h = syncHarness("real", { pageSize: 10 });
    await h.sync(workspaceId);
    const [a, b, c] = devices;
    const otherOrg = devices.find((d) => d.organizationId !== b.organizationId)?.organizationId ?? b.organizationId;
    await control(`/devices/${a.id}`, { displayName: "RENAMED-IN-NINJA" }, "PATCH");
    await control(`/devices/${b.id}`, { organizationId: otherOrg }, "PATCH");
    await control(`/devices/${c.id}`, undefined, "DELETE");
    const run = await h.sync(workspaceId);
    expect(run).toMatchObject({ status: "succeeded", devicesFound: devices.length - 1, assetsInactivated: 1 });
    expect(run.assetsUpdated).toBeGreaterThanOrEqual(2);
    const assets = await assetsOf(workspaceId);
    expect(assets.find((x) => x.ninjaDeviceId === a.id)?.name).toBe("RENAMED-IN-NINJA");
    expect(assets.find((x) => x.ninjaDeviceId === b.id)?.ninjaOrgId).toBe(otherOrg);
    expect(assets.find((x) => x.ninjaDeviceId === c.id)?.status).toBe("inactive");
  });

  it("retries a page after a 429 storm with NinjaOne's Retry-After, then finishes", async () => {
    const { workspaceId } = await connectedToSimulator({ size: 30 });
    const h = syncHarness("real", { pageSize: 10 });
    const run = await h.start(workspaceId);
    await h.drain(2); // organizations and contacts: the first page waits
    await control("/faults", { rate429: 1, retryAfterSeconds: 120 }, "PATCH");
    const page = h.queue.shift()?.body;
    const storm = await h.deliver(page, 1);
    expect(storm.retryMessages).toHaveLength(1);
    expect(storm.retryDelays).toEqual([120]);
    expect((await finishedRun(workspaceId, run.id)).status).toBe("running");
    await control("/faults", undefined, "DELETE");
    await h.deliver(page, 2);
    await h.drain();
    expect(await finishedRun(workspaceId, run.id)).toMatchObject({ status: "succeeded", devicesFound: 30, assetsCreated: 30 });
  });

  it("rides out short 429 bursts inside the client without retrying the message", async () => {
    const { workspaceId } = await connectedToSimulator({ size: 20 });
    await control("/faults", { next: [{ status: 429, retryAfterSeconds: 0 }, { status: 503 }, { status: 429, retryAfterSeconds: 0 }] }, "PATCH");
    const run = await syncHarness("real", { pageSize: 10 }).sync(workspaceId);
    expect(run).toMatchObject({ status: "succeeded", devicesFound: 20, assetsCreated: 20 });
  });

  it("refreshes an access token that expires mid-run and carries on", async () => {
    const { workspaceId } = await connectedToSimulator({ size: 30 });
    const before = await loadIntegration(db(), workspaceId);
    const h = syncHarness("real", { pageSize: 10 });
    const run = await h.start(workspaceId);
    await h.drain(2);
    await control("/tokens/expire");
    await h.drain();
    expect(await finishedRun(workspaceId, run.id)).toMatchObject({ status: "succeeded", devicesFound: 30, assetsCreated: 30 });
    const after = await loadIntegration(db(), workspaceId);
    expect(after?.status).toBe("connected");
    expect(after?.tokenVersion).toBeGreaterThan(before?.tokenVersion ?? 0);
  });

  it("fails the run and asks for a reconnect when NinjaOne refuses the refresh token", async () => {
    const { workspaceId } = await connectedToSimulator({ size: 30 });
    const h = syncHarness("real", { pageSize: 10 });
    const run = await h.start(workspaceId);
    await h.drain(2);
    await control("/tokens/revoke", {});
    const result = await h.deliver(h.queue.shift()?.body);
    expect(result.explicitAcks).toHaveLength(1);
    const failed = await finishedRun(workspaceId, run.id);
    expect(failed.status).toBe("failed");
    expect(failed.failureReason).toMatch(/reconnect/i);
    expect((await loadIntegration(db(), workspaceId))?.status).toBe("needs_reconnect");
    const notes = await db()
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.workspaceId, workspaceId), eq(schema.notifications.type, "ninjaone.reconnect")));
    expect(notes.length).toBe(1);
    // A new sync is refused until someone reconnects.
    await expect(h.start(workspaceId)).rejects.toThrow(/reconnect/i);
  });
});

describe("reconciliation fidelity against the simulator (issue 10)", () => {
  it("pages a NinjaOne that caps pages at 100 when 1000 were asked: every device synced, nothing inactivated next run", async () => {
    const { workspaceId } = await connectedToSimulator({ size: 250 });
    await control("/settings", { maxPageSize: 100 }, "PATCH");
    const h = syncHarness("real", { pageSize: 1000 });
    const first = await h.sync(workspaceId);
    expect(first).toMatchObject({ status: "succeeded", devicesFound: 250, errorCount: 0 });
    expect(first.assetsCreated + first.assetsLinked).toBe(250);
    const second = await h.sync(workspaceId);
    expect(second).toMatchObject({ status: "succeeded", devicesFound: 250, assetsInactivated: 0, devicesConfirmedDeleted: 0, devicesKeptUnlisted: 0 });
    expect((await assetsOf(workspaceId)).filter((a) => a.ninjaDeletedAt !== null)).toHaveLength(0);
  }, 30_000); // two syncs of 250 devices: slow on a loaded machine

  it("keeps a device hidden from the lists that still answers on its own URL", async () => {
    const { workspaceId } = await connectedToSimulator({ size: 30 });
    const [hidden, deleted] = await simulatorDevices();
    const h = syncHarness("real", { pageSize: 10 });
    await h.sync(workspaceId);
    await control(`/devices/${hidden.id}`, { hiddenFromLists: true }, "PATCH");
    await control(`/devices/${deleted.id}`, undefined, "DELETE");
    const run = await h.sync(workspaceId);
    expect(run).toMatchObject({ status: "succeeded", devicesFound: 28, devicesKeptUnlisted: 1, devicesConfirmedDeleted: 1 });
    const assets = await assetsOf(workspaceId);
    expect(assets.find((a) => a.ninjaDeviceId === hidden.id)).toMatchObject({ ninjaDeletedAt: null, ninjaUnlistedRuns: 1 });
    expect(assets.find((a) => a.ninjaDeviceId === deleted.id)?.ninjaDeletedAt).not.toBeNull();
  }, 20_000);

  it("generates mixed-case and padded serials, and a hand-typed asset in another case is claimed", async () => {
    const { workspaceId } = await connectedToSimulator({ size: 250 });
    const devices = (await simulatorDevices()) as Array<SimDevice & { system?: { serialNumber?: string }; serviceTag?: string }>;
    const serials = devices.flatMap((d) => [d.system?.serialNumber, d.serviceTag]).filter((s): s is string => typeof s === "string" && s.length > 3);
    expect(serials.some((s) => s !== s.trim())).toBe(true);
    expect(serials.some((s) => /[a-z]/.test(s) && /\d/.test(s) && !s.startsWith("VMware-"))).toBe(true);
    expect(serials.some((s) => s.startsWith("VMware-"))).toBe(true);
    const target = devices.find((d) => {
      const s = d.system?.serialNumber;
      return typeof s === "string" && /[a-z]/.test(s) && !s.startsWith("VMware-") && serials.filter((x) => x.trim().toUpperCase() === s.trim().toUpperCase()).length === 1;
    });
    expect(target).toBeDefined();
    // Typed by hand in a case of its own (neither upper nor lower), with stray spaces.
    const typed = ` ${[...(target?.system?.serialNumber ?? "").trim()].map((c, i) => (i % 2 ? c.toLowerCase() : c.toUpperCase())).join("")} `;
    const now = Date.now();
    const id = crypto.randomUUID();
    await db().insert(schema.assets).values({ id, workspaceId, name: "typed by hand", serialNumber: typed, status: "in_use", category: "Workstation", source: "manual", createdAt: now, updatedAt: now });
    await syncHarness("real", { pageSize: 100 }).sync(workspaceId);
    const claimed = (await assetsOf(workspaceId)).find((a) => a.id === id);
    expect(claimed).toMatchObject({ ninjaDeviceId: target?.id, matchedBy: "serial" });
  }, 30_000);
});
