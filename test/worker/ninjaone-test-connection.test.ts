// Test connection: success, or the exact problem in words an admin can act on.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { readConfig } from "@workers/config";
import { NinjaError } from "@workers/ninjaone/errors";
import { commitTokens, describeConnectionProblem, loadIntegration, NotConnectedError, testConnection } from "@workers/sync/connection";
import { saveIntegrationSettings } from "@workers/sync/integration-settings";
import { db, makeWorkspace } from "./helpers";

const config = readConfig(env);

describe("Test connection", () => {
  it("names an unreachable region or domain, quickly", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    // Nothing listens on port 9: the connection is refused.
    const unreachable = { ...config, ninjaBaseUrl: "http://127.0.0.1:9/nowhere" };
    const deps = { db: db(), kv: env.KV, config: unreachable, env, workspaceId, now: () => Date.now() };
    await saveIntegrationSettings(deps, { clientId: "c", clientSecret: "s-123456789012", region: "eu", dashboardDomain: null });
    await commitTokens(deps, (await loadIntegration(db(), workspaceId))!, { accessToken: "AT", refreshToken: "RT", expiresAt: Date.now() + 3600_000 }, { status: "connected", connectedAt: Date.now() });
    const result = await testConnection({ ...deps, retry: { sleep: async () => {} } });
    expect(result).toMatchObject({ ok: false, problem: "unreachable" });
    expect(result.message).toContain("Region or domain unreachable");
    expect(result.message).toContain("http://127.0.0.1:9/nowhere");
    // Unreachable is not a revoked token: the connection keeps its status.
    expect((await loadIntegration(db(), workspaceId))?.status).toBe("connected");
  });

  it("says NinjaOne is not connected before the first connect", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    const result = await testConnection({ db: db(), kv: env.KV, config, env, workspaceId, now: () => Date.now() });
    expect(result).toEqual({ ok: false, problem: "not_connected", message: expect.stringContaining("NinjaOne not connected") });
  });

  it.each([
    [new NinjaError("reconnect_required", "x"), "reconnect", "Token revoked or expired"],
    [new NinjaError("unreachable", "x"), "unreachable", "Region or domain unreachable"],
    [new NinjaError("rate_limited", "x", { status: 429 }), "rate_limited", "rate limiting"],
    [new NinjaError("unauthorized", "x", { status: 401 }), "refused", "Monitoring scope"],
    [new NinjaError("permanent", "NinjaOne answered 404 to GET /v2/organizations"), "failed", "404 to GET /v2/organizations"],
    [new NotConnectedError(), "not_connected", "NinjaOne not connected"],
  ])("explains %s", (error, problem, says) => {
    const result = describeConnectionProblem(error, "https://eu.ninjarmm.com");
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ problem });
    expect(result.message).toContain(says);
  });
});
