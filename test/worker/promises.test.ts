// README promises that had no test that would fail if they broke (issue 15). Each test names the
// code it guards; report-security.md lists the mutation tried against each.
import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { readConfig } from "@workers/config";
import { schema } from "@workers/db/client";
import { commitDevicePage, planDevicePage } from "@workers/sync/devices";
import { commitTokens, createTokenProvider, loadIntegration } from "@workers/sync/connection";
import { saveIntegrationSettings } from "@workers/sync/integration-settings";
import { beginConnect, completeConnect } from "@workers/sync/oauth-connect";
import { db, makeWorkspace } from "./helpers";
import { connectWorkspace, device, FakeNinja, finishedRun, syncHarness } from "./sync-fixtures";

const config = readConfig(env);

async function configured() {
  const ws = await makeWorkspace("owner");
  const deps = { db: db(), kv: env.KV, config, workspaceId: ws.workspaceId, now: () => Date.now() };
  await saveIntegrationSettings(deps, { clientId: "client-a", clientSecret: "secret-aaaaaaaaaaaa", region: "us", dashboardDomain: null });
  return { ...ws, deps };
}

async function connected() {
  const ws = await configured();
  const row = await loadIntegration(db(), ws.workspaceId);
  expect(await commitTokens(ws.deps, row!, { accessToken: "AT", refreshToken: "RT", expiresAt: Date.now() + 3600_000 }, { status: "connected", connectedAt: Date.now() })).toBe(true);
  return ws;
}

const tokenJson = (extra: Record<string, unknown> = {}) =>
  Response.json({ access_token: "AT-1", token_type: "Bearer", expires_in: 3600, scope: "monitoring offline_access", ...extra });

/** Start Connect NinjaOne, then come back from NinjaOne with a code, the token endpoint answering `answer`. */
async function connectWith(answer: () => Response | Promise<Response>) {
  const ws = await configured();
  const session = { sessionId: "s1", userId: ws.userId, workspaceId: ws.workspaceId };
  const started = await beginConnect({ db: db(), config, session, origin: "http://localhost", now: Date.now() });
  if (!started.ok) throw new Error("not configured");
  const state = new URL(started.url).searchParams.get("state")!;
  let calls = 0;
  const fetchStub = (async () => {
    calls++;
    return answer();
  }) as unknown as typeof fetch;
  const result = await completeConnect({
    db: db(),
    kv: env.KV,
    config,
    fetch: fetchStub,
    session,
    params: new URLSearchParams({ code: "the-code", state }),
    origin: "http://localhost",
    now: () => Date.now(),
  });
  return { ...ws, result, calls: () => calls };
}

describe("Connect NinjaOne", () => {
  // Guards `if (!tokens.refreshToken) return { ok: false, failure: "no_refresh_token" }` (oauth-connect.ts).
  it("refuses a connect whose token answer has no refresh token, and stores nothing", async () => {
    const { result, workspaceId } = await connectWith(() => tokenJson());
    expect(result).toEqual({ ok: false, failure: "no_refresh_token" });
    const row = await loadIntegration(db(), workspaceId);
    expect(row).toMatchObject({ status: "not_connected", tokenKey: null, connectedAt: null });
  });

  // Guards the single token request of exchangeCode: an authorization code is single-use.
  it.each([
    ["a 503", () => new Response("busy", { status: 503 })],
    ["a 429 with Retry-After", () => new Response("slow down", { status: 429, headers: { "Retry-After": "1" } })],
    ["a network error", () => Promise.reject(new TypeError("network down"))],
  ])("never retries the code exchange: %s is one call and a failure", async (_label, answer) => {
    const { result, calls, workspaceId } = await connectWith(answer);
    expect(result.ok).toBe(false);
    expect(calls()).toBe(1);
    expect((await loadIntegration(db(), workspaceId))?.tokenKey).toBeNull();
  });
});

describe("changing the client ID or region removes the connection", () => {
  // Guards `if (identityChanged && hadConnection) await disconnect(...)` (integration-settings.ts).
  it.each([
    ["client ID", { clientId: "client-b", region: "us" as const }],
    ["region", { clientId: "client-a", region: "eu" as const }],
  ])("a new %s: not connected, tokens deleted from KV", async (_label, change) => {
    const ws = await connected();
    const before = await loadIntegration(db(), ws.workspaceId);
    expect(await env.KV.get(before!.tokenKey!)).not.toBeNull();
    const saved = await saveIntegrationSettings(ws.deps, { ...change, clientSecret: null, dashboardDomain: null });
    expect(saved).toEqual({ ok: true, created: false, connectionReset: true });
    const after = await loadIntegration(db(), ws.workspaceId);
    expect(after).toMatchObject({ status: "not_connected", tokenKey: null, ...change });
    expect(await env.KV.get(before!.tokenKey!)).toBeNull();
  });

  it("only the dashboard domain: the connection stays", async () => {
    const ws = await connected();
    await saveIntegrationSettings(ws.deps, { clientId: "client-a", region: "us", clientSecret: null, dashboardDomain: "acme.rmmservice.com" });
    expect(await loadIntegration(db(), ws.workspaceId)).toMatchObject({ status: "connected" });
  });
});

describe("single-flight refresh inside one isolate", () => {
  // Guards the in-isolate registry `inflight` (connection.ts refreshOnce): callers in one isolate share
  // one refresh promise; they do not fall back to polling the D1 lease (which would also end with one
  // token call, so counting calls cannot tell the two apart).
  it("a second caller joins the first refresh without waiting on the D1 lease", async () => {
    const ws = await connected();
    const row = await loadIntegration(db(), ws.workspaceId);
    await commitTokens(ws.deps, row!, { accessToken: "AT-old", refreshToken: "RT-old", expiresAt: Date.now() - 1 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const fetchStub = (async () => {
      calls++;
      await gate;
      return tokenJson({ refresh_token: "RT-new" });
    }) as unknown as typeof fetch;
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      await new Promise((r) => setTimeout(r, 2));
    };
    const inflight = new Map<string, Promise<string>>();
    const a = createTokenProvider({ ...ws.deps, fetch: fetchStub, sleep, inflight });
    const b = createTokenProvider({ ...ws.deps, fetch: fetchStub, sleep, inflight });
    const both = Promise.all([a.getAccessToken(), b.getAccessToken()]);
    await new Promise((r) => setTimeout(r, 30));
    release();
    expect(await both).toEqual(["AT-1", "AT-1"]);
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });
});

describe("sync delivery", () => {
  // Guards `if (expected && attempts > 1) await send(expected)` (consumer.ts).
  it("a retried message re-sends the step the run waits for after a crash between commit and send", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const h = syncHarness(new FakeNinja([device(1), device(2), device(3), device(4)]), { pageSize: 3 });
    const run = await h.start(workspaceId);
    const organizations = h.queue.shift()!.body;
    await h.deliver(organizations); // committed: phase contacts...
    h.queue.length = 0; // ...but the send of the next message was lost in the crash
    await h.deliver(organizations, 1); // a plain duplicate re-sends nothing
    expect(h.queue).toEqual([]);
    await h.deliver(organizations, 2); // Queues retries the crashed delivery
    expect(h.queue.map((m) => m.body)).toEqual([{ kind: "sync", runId: run.id, workspaceId, step: "contacts" }]);
    await h.drain();
    expect(await finishedRun(workspaceId, run.id)).toMatchObject({ status: "succeeded", devicesFound: 4 });
  });

  // Guards the upsert of sync_run_pages in commitDevicePage (devices.ts): a page committed again
  // replaces its row, so the run's counters are the last result, never the sum of both.
  it("a page committed twice replaces its counters instead of adding them", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const ninja = new FakeNinja([device(1), device(2), device(3), device(4)]);
    const h = syncHarness(ninja, { pageSize: 3 });
    const run = await h.start(workspaceId);
    await h.deliver(h.queue.shift()!.body); // organizations
    const running = await finishedRun(workspaceId, run.id);
    const first = await planDevicePage(db(), ninja, running, 0, 3, Date.now());
    await commitDevicePage(db(), first, 10, Date.now(), 0);
    const second = { ...first, counters: { ...first.counters, created: 1, unchanged: 2 } };
    await commitDevicePage(db(), second, 4, Date.now(), 0);

    const pages = await db().select().from(schema.syncRunPages).where(eq(schema.syncRunPages.runId, run.id));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ created: 1, unchanged: 2, rowsWritten: 4 });
    expect(await finishedRun(workspaceId, run.id)).toMatchObject({ pagesDone: 1, devicesFound: 3, assetsCreated: 1, assetsUnchanged: 2, rowsWritten: 4 });
  });
});
