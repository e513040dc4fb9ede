// Settings > Integrations > NinjaOne: who may see it, the settings form, and the OAuth `state`
// rules of Connect NinjaOne (forged, reused, expired, another session).
import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { randomToken, sha256Hex } from "@workers/crypto";
import { schema } from "@workers/db/client";
import type { Role } from "@workers/domain/permissions";
import { loadIntegration } from "@workers/sync/connection";
import { addUser, appFetch, db, makeWorkspace, postForm } from "./helpers";

const PAGE = "/settings/integrations/ninjaone";
const CONFIGURE = "/settings/integrations/ninjaone/configure";
const CALLBACK = "/api/integrations/ninja/callback";

async function addIntegration(cookie: string, fields: Partial<Record<string, string>> = {}) {
  const res = await postForm(
    CONFIGURE,
    { clientId: "core-demo", clientSecret: "core-demo-secret", region: "eu", dashboardDomain: "", ...fields } as Record<string, string>,
    cookie,
  );
  return res;
}

/** Click Connect NinjaOne: returns the state handed to NinjaOne. */
async function startConnect(cookie: string) {
  const res = await postForm(PAGE, { intent: "connect" }, cookie);
  expect(res.status).toBe(302);
  const authorize = new URL(res.headers.get("Location") ?? "");
  return { authorize, state: authorize.searchParams.get("state") ?? "" };
}

function flashOf(res: Response) {
  expect(res.status).toBe(302);
  const to = new URL(res.headers.get("Location") ?? "", "http://localhost");
  expect(to.pathname).toBe(PAGE);
  return Object.fromEntries(to.searchParams);
}

describe("who may manage integrations", () => {
  const readers: Role[] = ["observer", "technician", "manager"];
  it.each(readers)("the role %s gets 403 on every integration page, action and the callback", async (role) => {
    const owner = await makeWorkspace("owner");
    expect((await addIntegration(owner.cookie)).status).toBe(302);
    const { cookie } = await addUser(owner.workspaceId, role);
    for (const path of ["/settings/integrations", PAGE, CONFIGURE, `${CALLBACK}?code=x&state=y`]) {
      expect((await appFetch(path, { cookie })).status, path).toBe(403);
    }
    for (const intent of ["connect", "test", "disconnect", "sync"]) {
      expect((await postForm(PAGE, { intent }, cookie)).status, intent).toBe(403);
    }
    expect((await addIntegration(cookie, { clientId: "hijack" })).status).toBe(403);
    expect((await loadIntegration(db(), owner.workspaceId))?.clientId).toBe("core-demo");
  });

  it.each(["owner", "admin"] as Role[])("the role %s sees the pages", async (role) => {
    const owner = await makeWorkspace("owner");
    const { cookie } = await addUser(owner.workspaceId, role);
    for (const path of ["/settings/integrations", PAGE, CONFIGURE]) expect((await appFetch(path, { cookie })).status, path).toBe(200);
  });

  it("never shows another workspace's integration", async () => {
    const a = await makeWorkspace("owner", "Alpha MSP");
    await addIntegration(a.cookie, { clientId: "alpha-client-id-123" });
    const b = await makeWorkspace("owner", "Beta MSP");
    for (const path of ["/settings/integrations", PAGE, CONFIGURE]) {
      const html = await (await appFetch(path, { cookie: b.cookie })).text();
      expect(html, path).not.toContain("alpha-client-id-123");
    }
    expect(await (await appFetch("/settings/integrations", { cookie: b.cookie })).text()).toContain("Not configured");
    // Beta's Connect finds nothing to connect, and Beta's state cannot complete Alpha's flow.
    expect(flashOf(await postForm(PAGE, { intent: "connect" }, b.cookie))).toEqual({ oauth_error: "not_configured" });
    const { state } = await startConnect(a.cookie);
    expect(flashOf(await appFetch(`${CALLBACK}?code=abc&state=${state}`, { cookie: b.cookie }))).toEqual({ oauth_error: "state_other_session" });
  });
});

describe("the integration settings form", () => {
  it("stores the client and never shows the secret again", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    const res = await addIntegration(cookie, { clientSecret: "s3cr3t-value-WXYZ", dashboardDomain: "Support.Example-MSP.com" });
    expect(flashOf(res)).toEqual({ saved: "created" });
    const row = await loadIntegration(db(), workspaceId);
    expect(row).toMatchObject({ clientId: "core-demo", region: "eu", dashboardDomain: "support.example-msp.com", status: "not_connected", clientSecretLast4: "WXYZ" });
    for (const path of [PAGE, CONFIGURE, "/settings/integrations"]) {
      const html = await (await appFetch(path, { cookie })).text();
      expect(html, path).not.toContain("s3cr3t-value");
    }
    expect(await (await appFetch(PAGE, { cookie })).text()).toContain("Not connected");
  });

  it("keeps the stored secret when the field is left empty, replaces it when typed", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    await addIntegration(cookie, { clientSecret: "first-secret-1111" });
    const before = (await loadIntegration(db(), workspaceId))!.clientSecretEnc;
    expect(flashOf(await addIntegration(cookie, { clientSecret: "", dashboardDomain: "acme.rmmservice.com" }))).toEqual({ saved: "updated" });
    const kept = await loadIntegration(db(), workspaceId);
    expect(kept?.clientSecretEnc).toBe(before);
    expect(kept?.dashboardDomain).toBe("acme.rmmservice.com");
    await addIntegration(cookie, { clientSecret: "second-secret-2222" });
    expect((await loadIntegration(db(), workspaceId))?.clientSecretLast4).toBe("2222");
  });

  it("refuses a dashboard domain with a scheme or a path, and a missing secret, writing nothing", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    const bad = await addIntegration(cookie, { dashboardDomain: "https://support.example-msp.com/portal" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("without https:// or a path");
    const noSecret = await addIntegration(cookie, { clientSecret: "" });
    expect(noSecret.status).toBe(400);
    expect(await noSecret.text()).toContain("Client Secret is required.");
    const badRegion = await addIntegration(cookie, { region: "mars" });
    expect(badRegion.status).toBe(400);
    expect(await loadIntegration(db(), workspaceId)).toBeNull();
  });

  it("shows the exact redirect URI, scopes and grant types to tick", async () => {
    const { cookie } = await makeWorkspace("owner");
    const html = await (await appFetch(CONFIGURE, { cookie })).text();
    expect(html).toContain('value="http://localhost/api/integrations/ninja/callback"');
    for (const text of ["Monitoring (required)", "Authorization code", "Client credentials", "Refresh token", "API Services (machine-to-machine)"]) {
      expect(html).toContain(text);
    }
    expect(html).toContain("(NINJAONE_BASE_URL)");
    // This test file never registered http://localhost with the simulator: the page says how.
    expect(html).toContain("Register it once");
    expect(html).toContain(`curl -X PUT ${env.NINJAONE_BASE_URL}/_control/app`);
  });
});

describe("Connect NinjaOne and the callback's state check", () => {
  it("redirects to the region's authorize URL with a single-use state kept only as a hash", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    await addIntegration(cookie);
    const { authorize, state } = await startConnect(cookie);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${env.NINJAONE_BASE_URL}/ws/oauth/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "core-demo",
      redirect_uri: "http://localhost/api/integrations/ninja/callback",
      scope: "monitoring offline_access",
    });
    expect(state.length).toBeGreaterThanOrEqual(40);
    const rows = await db().select().from(schema.oauthStates).where(eq(schema.oauthStates.workspaceId, workspaceId));
    expect(rows).toHaveLength(1);
    expect(rows[0].stateHash).toBe(await sha256Hex(state));
    expect(JSON.stringify(rows)).not.toContain(state);
    expect(rows[0].expiresAt - rows[0].createdAt).toBe(10 * 60_000);
  });

  it("rejects a missing or forged state and stores nothing", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    await addIntegration(cookie);
    await startConnect(cookie);
    expect(flashOf(await appFetch(`${CALLBACK}?code=abc`, { cookie }))).toEqual({ oauth_error: "state_missing" });
    expect(flashOf(await appFetch(`${CALLBACK}?code=abc&state=forged-state-value`, { cookie }))).toEqual({ oauth_error: "state_unknown" });
    const row = await loadIntegration(db(), workspaceId);
    expect(row).toMatchObject({ status: "not_connected", tokenKey: null, tokenVersion: 0 });
  });

  it("rejects a reused state", async () => {
    const { cookie } = await makeWorkspace("owner");
    await addIntegration(cookie);
    const { state } = await startConnect(cookie);
    // The first use is spent even though NinjaOne's answer was a denial.
    expect(flashOf(await appFetch(`${CALLBACK}?error=access_denied&state=${state}`, { cookie }))).toEqual({ oauth_error: "access_denied" });
    expect(flashOf(await appFetch(`${CALLBACK}?code=abc&state=${state}`, { cookie }))).toEqual({ oauth_error: "state_reused" });
  });

  it("rejects an expired state", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    await addIntegration(cookie);
    const { state } = await startConnect(cookie);
    await db().update(schema.oauthStates).set({ expiresAt: Date.now() - 1 }).where(eq(schema.oauthStates.workspaceId, workspaceId));
    expect(flashOf(await appFetch(`${CALLBACK}?code=abc&state=${state}`, { cookie }))).toEqual({ oauth_error: "state_expired" });
  });

  it("rejects a state started in another session, even the same user's, and leaves it usable", async () => {
    const owner = await makeWorkspace("owner");
    await addIntegration(owner.cookie);
    const admin = await addUser(owner.workspaceId, "admin");
    const { state } = await startConnect(owner.cookie);
    expect(flashOf(await appFetch(`${CALLBACK}?code=abc&state=${state}`, { cookie: admin.cookie }))).toEqual({ oauth_error: "state_other_session" });
    // The same person signed in on another browser.
    const token = randomToken();
    await db().insert(schema.sessions).values({ id: await sha256Hex(token), userId: owner.userId, workspaceId: owner.workspaceId, expiresAt: Date.now() + 3600_000, createdAt: Date.now() });
    expect(flashOf(await appFetch(`${CALLBACK}?code=abc&state=${state}`, { cookie: `core_session=${token}` }))).toEqual({ oauth_error: "state_other_session" });
    const [row] = await db().select().from(schema.oauthStates).where(eq(schema.oauthStates.stateHash, await sha256Hex(state)));
    expect(row.usedAt).toBeNull();
  });

  it("explains a denial on the NinjaOne page", async () => {
    const { cookie } = await makeWorkspace("owner");
    await addIntegration(cookie);
    const html = await (await appFetch(`${PAGE}?oauth_error=access_denied`, { cookie })).text();
    expect(html).toContain("NinjaOne authorization was denied");
  });

  it("sends signed-out visitors of the callback to log in", async () => {
    const res = await appFetch(`${CALLBACK}?code=abc&state=xyz`);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("/login");
  });
});
