// The whole Connect NinjaOne flow against the built-in simulator: a real authorization code from
// its consent endpoint, the token exchange, Test connection, a revoked token, Reconnect, Disconnect.
import { env, SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "@workers/config";
import { decryptSecret } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { loadIntegration } from "@workers/sync/connection";
import { appFetch, db, makeWorkspace, postForm } from "./helpers";

const PAGE = "/settings/integrations/ninjaone";
const CONFIGURE = "/settings/integrations/ninjaone/configure";
const config = readConfig(env);
const SIM = env.NINJAONE_BASE_URL;

function control(path: string, body: unknown, method = "POST") {
  return SELF.fetch(`${SIM}/_control${path}`, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  // The demo app lists the default dev server's redirect URIs; tests run at http://localhost.
  const res = await control(
    "/app",
    {
      clientId: "core-demo",
      clientSecret: "core-demo-secret",
      name: "Core (tests)",
      redirectUris: ["http://localhost/api/integrations/ninja/callback", "http://127.0.0.1/api/integrations/ninja/callback"],
    },
    "PUT",
  );
  expect(res.status).toBe(200);
});

async function addIntegration(cookie: string, clientSecret = "core-demo-secret") {
  const res = await postForm(CONFIGURE, { clientId: "core-demo", clientSecret, region: "us", dashboardDomain: "" }, cookie);
  expect(res.status).toBe(302);
}

/** Click Connect, answer the simulator's consent page, and return where NinjaOne sends the browser back. */
async function authorize(cookie: string, decision: "approve" | "deny") {
  const start = await postForm(PAGE, { intent: "connect" }, cookie);
  const url = new URL(start.headers.get("Location") ?? "");
  const consent = await SELF.fetch(url.toString());
  expect(consent.status).toBe(200);
  const page = await consent.text();
  expect(page).toContain("Approve");
  expect(page).toContain("Deny");
  const answered = await SELF.fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    body: new URLSearchParams([...url.searchParams, ["decision", decision]]),
    redirect: "manual",
  });
  expect(answered.status).toBe(302);
  const back = new URL(answered.headers.get("Location") ?? "");
  expect(back.pathname).toBe("/api/integrations/ninja/callback");
  return back;
}

async function callback(back: URL, cookie: string, origin = "http://localhost") {
  const res = await SELF.fetch(`${origin}${back.pathname}${back.search}`, { headers: { Cookie: cookie }, redirect: "manual" });
  expect(res.status).toBe(302);
  const to = new URL(res.headers.get("Location") ?? "", "http://localhost");
  expect(to.pathname).toBe(PAGE);
  return Object.fromEntries(to.searchParams);
}

async function testConnection(cookie: string) {
  const res = await postForm(PAGE, { intent: "test" }, cookie);
  expect(res.status).toBe(200);
  return res.text();
}

describe("Connect NinjaOne against the simulator", () => {
  it("tells the newcomer the demo client, and that the simulator accepts this redirect URI", async () => {
    const { cookie } = await makeWorkspace("owner");
    const html = await (await appFetch(CONFIGURE, { cookie })).text();
    expect(html).toContain("core-demo-secret");
    expect(html).toContain("It already accepts this redirect URI.");
    expect(html).not.toContain("Register it once");
  });

  it("approve: lands back Connected, tokens encrypted in KV, Test connection works", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    await addIntegration(cookie);
    expect(await callback(await authorize(cookie, "approve"), cookie)).toEqual({ connected: "1" });

    const row = await loadIntegration(db(), workspaceId);
    expect(row).toMatchObject({ status: "connected", tokenVersion: 1, statusReason: null });
    const sealed = (await env.KV.get(row!.tokenKey!))!;
    const tokens = JSON.parse(await decryptSecret(sealed, config.tokenEncryptionKey, workspaceId));
    expect(tokens.accessToken.length).toBeGreaterThan(10);
    expect(tokens.refreshToken.length).toBeGreaterThan(10);
    expect(sealed).not.toContain(tokens.accessToken);
    expect(sealed).not.toContain(tokens.refreshToken);

    const html = await (await appFetch(`${PAGE}?connected=1`, { cookie })).text();
    expect(html).toContain("NinjaOne is connected");
    expect(html).toContain('data-state="connected"');
    expect(await testConnection(cookie)).toContain("Connection works");
  });

  it("deny: explained, nothing stored", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    await addIntegration(cookie);
    expect(await callback(await authorize(cookie, "deny"), cookie)).toEqual({ oauth_error: "access_denied" });
    expect(await loadIntegration(db(), workspaceId)).toMatchObject({ status: "not_connected", tokenKey: null });
  });

  it("a wrong client secret is named as such", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    await addIntegration(cookie, "not-the-secret");
    const flash = await callback(await authorize(cookie, "approve"), cookie);
    expect(flash.oauth_error).toBe("invalid_client");
    expect(await (await appFetch(`${PAGE}?oauth_error=invalid_client`, { cookie })).text()).toContain("NinjaOne rejected the client ID or client secret");
    expect((await loadIntegration(db(), workspaceId))?.tokenKey).toBeNull();
  });

  it("a redirect URI that differs at the exchange is named as such", async () => {
    const { cookie } = await makeWorkspace("owner");
    await addIntegration(cookie);
    // Started on http://localhost, finished on http://127.0.0.1: the exchange's redirect_uri differs.
    const flash = await callback(await authorize(cookie, "approve"), cookie, "http://127.0.0.1");
    expect(flash.oauth_error).toBe("redirect_mismatch");
  });

  it("a failed reconnect leaves the working connection alone", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    await addIntegration(cookie);
    await callback(await authorize(cookie, "approve"), cookie);
    const before = await loadIntegration(db(), workspaceId);

    // A real state with a code NinjaOne never issued, then a denial: both fail, neither touches the tokens.
    const back = await authorize(cookie, "approve");
    back.searchParams.set("code", "made-up-code");
    expect((await callback(back, cookie)).oauth_error).toBe("invalid_grant");
    expect(await callback(await authorize(cookie, "deny"), cookie)).toEqual({ oauth_error: "access_denied" });
    expect(await (await appFetch(`${PAGE}?oauth_error=access_denied`, { cookie })).text()).toContain("Your existing connection was not changed.");

    const after = await loadIntegration(db(), workspaceId);
    expect(after).toMatchObject({ status: "connected", tokenKey: before!.tokenKey, tokenVersion: before!.tokenVersion, connectedAt: before!.connectedAt });
    expect(await testConnection(cookie)).toContain("Connection works");
  });

  it("a revoked token shows Needs reconnect with one inbox post, and Reconnect restores it", async () => {
    const { cookie, workspaceId, userId } = await makeWorkspace("owner");
    await addIntegration(cookie);
    await callback(await authorize(cookie, "approve"), cookie);
    expect((await control("/tokens/revoke", {})).status).toBe(200);

    expect(await testConnection(cookie)).toContain("Token revoked or expired");
    expect(await testConnection(cookie)).toContain("Token revoked or expired");
    const flagged = await loadIntegration(db(), workspaceId);
    expect(flagged?.status).toBe("needs_reconnect");
    const page = await (await appFetch(PAGE, { cookie })).text();
    expect(page).toContain('data-state="needs_reconnect"');
    expect(page).toContain("Reconnect");
    const posts = await db()
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.workspaceId, workspaceId), eq(schema.notifications.userId, userId)));
    expect(posts.map((p) => [p.type, p.link])).toEqual([["ninjaone.reconnect", PAGE]]);

    expect(await callback(await authorize(cookie, "approve"), cookie)).toEqual({ connected: "1" });
    expect(await loadIntegration(db(), workspaceId)).toMatchObject({ status: "connected", statusReason: null, tokenVersion: 2 });
    expect(await testConnection(cookie)).toContain("Connection works");
  });

  it("Disconnect deletes the tokens; Test connection then says not connected", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    await addIntegration(cookie);
    await callback(await authorize(cookie, "approve"), cookie);
    const key = (await loadIntegration(db(), workspaceId))!.tokenKey!;
    const res = await postForm(PAGE, { intent: "disconnect" }, cookie);
    expect(res.headers.get("Location")).toBe(`${PAGE}?disconnected=1`);
    expect(await env.KV.get(key)).toBeNull();
    expect(await loadIntegration(db(), workspaceId)).toMatchObject({ status: "not_connected", tokenKey: null, connectedAt: null });
    expect(await testConnection(cookie)).toContain("NinjaOne not connected");
    expect(await (await appFetch(`${PAGE}?disconnected=1`, { cookie })).text()).toContain("Scheduled syncs are paused");
  });
});
