// Tokens: encrypted in KV, refreshed once per workspace however many callers race, rotated
// refresh tokens kept, and a dead refresh token turns into "Needs reconnect" plus one inbox post.
import { env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { readConfig } from "@workers/config";
import { decryptSecret, encryptSecret } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { commitTokens, createTokenProvider, disconnect, loadIntegration, NotConnectedError, REFRESH_EARLY_MS, TOKEN_REUSE_MS } from "@workers/sync/connection";
import { saveIntegrationSettings } from "@workers/sync/integration-settings";
import { NinjaError } from "@workers/ninjaone/errors";
import { addUser, db, makeWorkspace } from "./helpers";

const config = readConfig(env);

async function connectedWorkspace(tokens: { accessToken: string; refreshToken?: string; expiresAt: number }) {
  const ws = await makeWorkspace("owner");
  const deps = { db: db(), kv: env.KV, config, workspaceId: ws.workspaceId, now: () => Date.now() };
  await saveIntegrationSettings(deps, { clientId: "client-a", clientSecret: "secret-aaaaaaaaaaaa", region: "us", dashboardDomain: null });
  const row = await loadIntegration(db(), ws.workspaceId);
  if (!row) throw new Error("integration not saved");
  expect(await commitTokens(deps, row, tokens, { status: "connected", connectedAt: Date.now() })).toBe(true);
  return { ...ws, deps };
}

/** A token endpoint that counts its calls and answers only when released. */
function tokenEndpoint(answer: (body: URLSearchParams, n: number) => Response) {
  let calls = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (!new URL(request.url).pathname.endsWith("/ws/oauth/token")) return new Response("not found", { status: 404 });
    calls++;
    const form = await request.formData();
    const body = new URLSearchParams([...form].map(([k, v]) => [k, String(v)]));
    await gate;
    return answer(body, calls);
  };
  return { fetch: fetch as typeof globalThis.fetch, release, calls: () => calls };
}

const tokenJson = (access: string, refresh?: string) =>
  Response.json({ access_token: access, token_type: "Bearer", expires_in: 3600, scope: "monitoring offline_access", ...(refresh ? { refresh_token: refresh } : {}) });

const quickSleep = () => new Promise<void>((r) => setTimeout(r, 2));

describe("token storage", () => {
  it("keeps tokens in KV encrypted: the stored value contains neither token", async () => {
    const { workspaceId } = await connectedWorkspace({ accessToken: "AT-plain-visible-1", refreshToken: "RT-plain-visible-1", expiresAt: Date.now() + 3600_000 });
    const row = await loadIntegration(db(), workspaceId);
    expect(row?.tokenKey).toMatch(new RegExp(`^ninja:tokens:${workspaceId}:1:`));
    const stored = await env.KV.get(row!.tokenKey!);
    expect(stored).toBeTruthy();
    expect(stored).not.toContain("AT-plain-visible-1");
    expect(stored).not.toContain("RT-plain-visible-1");
    expect(JSON.parse(await decryptSecret(stored!, config.tokenEncryptionKey, workspaceId))).toMatchObject({ accessToken: "AT-plain-visible-1" });
    // Bound to its workspace: the same ciphertext does not open for another one.
    await expect(decryptSecret(stored!, config.tokenEncryptionKey, "another-workspace")).rejects.toThrow();
  });

  it("keeps the client secret encrypted, bound to the workspace", async () => {
    const { workspaceId } = await connectedWorkspace({ accessToken: "a", expiresAt: Date.now() + 3600_000 });
    const row = await loadIntegration(db(), workspaceId);
    expect(row?.clientSecretEnc).not.toContain("secret-aaaaaaaaaaaa");
    expect(await decryptSecret(row!.clientSecretEnc, config.tokenEncryptionKey, workspaceId)).toBe("secret-aaaaaaaaaaaa");
    expect(row?.clientSecretLast4).toBe("aaaa");
  });

  it("hands out a fresh access token without calling NinjaOne", async () => {
    const { deps } = await connectedWorkspace({ accessToken: "AT-fresh", refreshToken: "RT", expiresAt: Date.now() + 3600_000 });
    const endpoint = tokenEndpoint(() => tokenJson("never"));
    endpoint.release();
    const tokens = createTokenProvider({ ...deps, fetch: endpoint.fetch });
    expect(await tokens.getAccessToken()).toBe("AT-fresh");
    expect(endpoint.calls()).toBe(0);
  });

  it("reuses the connection it read for TOKEN_REUSE_MS (one read per burst of requests), then reads again and sees a disconnect", async () => {
    const { deps } = await connectedWorkspace({ accessToken: "AT-fresh", refreshToken: "RT", expiresAt: Date.now() + 3600_000 });
    let clock = Date.now();
    const tokens = createTokenProvider({ ...deps, now: () => clock, fetch: globalThis.fetch });
    expect(await tokens.getAccessToken()).toBe("AT-fresh");
    await disconnect(deps);
    clock += TOKEN_REUSE_MS - 1;
    expect(await tokens.getAccessToken()).toBe("AT-fresh"); // the page after the one just requested
    clock += 1;
    await expect(tokens.getAccessToken()).rejects.toBeInstanceOf(NotConnectedError);
    // A fresh provider (the next message) reads at once.
    await expect(createTokenProvider({ ...deps, fetch: globalThis.fetch }).getAccessToken()).rejects.toBeInstanceOf(NotConnectedError);
  });

  it("says NinjaOne is not connected when there is no integration", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    const tokens = createTokenProvider({ db: db(), kv: env.KV, config, workspaceId, now: () => Date.now(), fetch: globalThis.fetch });
    await expect(tokens.getAccessToken()).rejects.toBeInstanceOf(NotConnectedError);
  });
});

describe("refresh", () => {
  it("refreshes 5 minutes before expiry and keeps a rotated refresh token", async () => {
    const { deps, workspaceId } = await connectedWorkspace({ accessToken: "AT-old", refreshToken: "RT-old", expiresAt: Date.now() + REFRESH_EARLY_MS - 1000 });
    const seen: string[] = [];
    const endpoint = tokenEndpoint((body) => {
      seen.push(`${body.get("grant_type")} ${body.get("refresh_token")} ${body.get("client_secret")}`);
      return tokenJson("AT-new", "RT-rotated");
    });
    endpoint.release();
    const tokens = createTokenProvider({ ...deps, fetch: endpoint.fetch });
    expect(await tokens.getAccessToken()).toBe("AT-new");
    expect(seen).toEqual(["refresh_token RT-old secret-aaaaaaaaaaaa"]);
    const row = await loadIntegration(db(), workspaceId);
    expect(row?.tokenVersion).toBe(2);
    const stored = JSON.parse(await decryptSecret((await env.KV.get(row!.tokenKey!))!, config.tokenEncryptionKey, workspaceId));
    expect(stored).toMatchObject({ accessToken: "AT-new", refreshToken: "RT-rotated" });
    expect(row?.refreshLockUntil).toBeNull();
  });

  it("keeps the old refresh token when NinjaOne does not rotate it", async () => {
    const { deps, workspaceId } = await connectedWorkspace({ accessToken: "AT-old", refreshToken: "RT-keep", expiresAt: Date.now() - 1 });
    const endpoint = tokenEndpoint(() => tokenJson("AT-new"));
    endpoint.release();
    await createTokenProvider({ ...deps, fetch: endpoint.fetch }).getAccessToken();
    const row = await loadIntegration(db(), workspaceId);
    const stored = JSON.parse(await decryptSecret((await env.KV.get(row!.tokenKey!))!, config.tokenEncryptionKey, workspaceId));
    expect(stored).toMatchObject({ accessToken: "AT-new", refreshToken: "RT-keep" });
  });

  it("makes one token call for two concurrent refreshes in one isolate", async () => {
    const { deps } = await connectedWorkspace({ accessToken: "AT-old", refreshToken: "RT-old", expiresAt: Date.now() - 1 });
    const endpoint = tokenEndpoint((_b, n) => tokenJson(`AT-new-${n}`, `RT-new-${n}`));
    const a = createTokenProvider({ ...deps, fetch: endpoint.fetch });
    const b = createTokenProvider({ ...deps, fetch: endpoint.fetch });
    const both = Promise.all([a.getAccessToken(), b.getAccessToken()]);
    await new Promise((r) => setTimeout(r, 20));
    endpoint.release();
    expect(await both).toEqual(["AT-new-1", "AT-new-1"]);
    expect(endpoint.calls()).toBe(1);
  });

  it("makes one token call for two concurrent refreshes in two isolates (D1 lease)", async () => {
    const { deps, workspaceId } = await connectedWorkspace({ accessToken: "AT-old", refreshToken: "RT-old", expiresAt: Date.now() - 1 });
    const endpoint = tokenEndpoint((_b, n) => tokenJson(`AT-new-${n}`, `RT-new-${n}`));
    // Separate single-flight maps: nothing shared but D1 and KV, as between two isolates.
    const a = createTokenProvider({ ...deps, fetch: endpoint.fetch, inflight: new Map(), sleep: quickSleep });
    const b = createTokenProvider({ ...deps, fetch: endpoint.fetch, inflight: new Map(), sleep: quickSleep });
    const both = Promise.all([a.getAccessToken(), b.getAccessToken()]);
    await new Promise((r) => setTimeout(r, 30));
    // While the first refresh is in flight, the lease is visibly held.
    const held = await loadIntegration(db(), workspaceId);
    expect(held?.refreshLockUntil).toBeGreaterThan(Date.now());
    endpoint.release();
    expect(await both).toEqual(["AT-new-1", "AT-new-1"]);
    expect(endpoint.calls()).toBe(1);
  });

  it("after a 401, refreshes once, and not at all when someone already replaced the rejected token", async () => {
    const { deps } = await connectedWorkspace({ accessToken: "AT-rejected", refreshToken: "RT", expiresAt: Date.now() + 3600_000 });
    const endpoint = tokenEndpoint(() => tokenJson("AT-after-401", "RT-2"));
    endpoint.release();
    const tokens = createTokenProvider({ ...deps, fetch: endpoint.fetch });
    expect(await tokens.refreshAfterUnauthorized("AT-rejected")).toBe("AT-after-401");
    expect(await tokens.refreshAfterUnauthorized("AT-rejected")).toBe("AT-after-401");
    expect(endpoint.calls()).toBe(1);
  });

  it("turns a refused refresh into Needs reconnect and tells owners and admins once", async () => {
    const { deps, workspaceId, userId } = await connectedWorkspace({ accessToken: "AT", refreshToken: "RT-dead", expiresAt: Date.now() - 1 });
    const admin = await addUser(workspaceId, "admin");
    const technician = await addUser(workspaceId, "technician");
    const endpoint = tokenEndpoint(() => new Response(JSON.stringify({ error: "invalid_token" }), { status: 400, headers: { "Content-Type": "application/json" } }));
    endpoint.release();
    const tokens = createTokenProvider({ ...deps, fetch: endpoint.fetch });
    const first = await tokens.getAccessToken().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(NinjaError);
    expect((first as NinjaError).kind).toBe("reconnect_required");
    // The next call fails fast on the stored status: no second spend of a dead token, no second post.
    const second = await tokens.getAccessToken().catch((e: unknown) => e);
    expect((second as NinjaError).kind).toBe("reconnect_required");
    expect(endpoint.calls()).toBe(1);

    const row = await loadIntegration(db(), workspaceId);
    expect(row?.status).toBe("needs_reconnect");
    expect(row?.statusReason).toContain("invalid_token");
    const posts = await db()
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.workspaceId, workspaceId), eq(schema.notifications.type, "ninjaone.reconnect")));
    expect(posts.map((p) => p.userId).sort()).toEqual([userId, admin.userId].sort());
    expect(posts.every((p) => p.link === "/settings/integrations/ninjaone")).toBe(true);
    expect(posts.some((p) => p.userId === technician.userId)).toBe(false);
  });

  it("asks for a reconnect, not a crash, when TOKEN_ENCRYPTION_KEY has changed", async () => {
    const { deps, workspaceId } = await connectedWorkspace({ accessToken: "AT", refreshToken: "RT", expiresAt: Date.now() + 3600_000 });
    // Tokens sealed by a deployment that used another key.
    const otherKey = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
    const key = `ninja:tokens:${workspaceId}:9:foreign`;
    await env.KV.put(key, await encryptSecret(JSON.stringify({ accessToken: "AT", expiresAt: Date.now() + 3600_000 }), otherKey, workspaceId));
    await db().update(schema.integrations).set({ tokenKey: key, tokenVersion: 9 }).where(eq(schema.integrations.workspaceId, workspaceId));
    const endpoint = tokenEndpoint(() => tokenJson("never"));
    endpoint.release();
    const tokens = createTokenProvider({ ...deps, fetch: endpoint.fetch });
    const error = await tokens.getAccessToken().catch((e: unknown) => e);
    expect((error as NinjaError).kind).toBe("reconnect_required");
    const row = await loadIntegration(db(), workspaceId);
    expect(row?.status).toBe("needs_reconnect");
    expect(row?.statusReason).toContain("TOKEN_ENCRYPTION_KEY");
    expect(endpoint.calls()).toBe(0);
  });
});
