// The NinjaOne client against the simulator Durable Object (no network: createNinjaFetch).
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createNinjaClient } from "@workers/ninjaone/client";
import { NinjaError } from "@workers/ninjaone/errors";
import {
  buildAuthorizeUrl,
  clientCredentialsToken,
  exchangeCode,
  readAuthorizeCallback,
  refreshAccessToken,
} from "@workers/ninjaone/oauth";
import type { Device } from "@workers/ninjaone/schemas";
import { REDIRECT_URI, SIM_BASE, connectedClient, fakeSleep, freshSimulator, memoryTokens } from "./ninja-sim";

async function collectDevices(
  client: Awaited<ReturnType<typeof connectedClient>>["client"],
  opts: { pageSize: number; df?: string; expand?: string },
) {
  const devices: Device[] = [];
  let pages = 0;
  for await (const page of client.iterateDevicesDetailed(opts)) {
    pages++;
    expect(page.invalid).toEqual([]);
    devices.push(...page.devices);
  }
  return { devices, pages };
}

async function caught(promise: Promise<unknown>): Promise<NinjaError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NinjaError) return error;
    throw error;
  }
  throw new Error("expected a NinjaError");
}

describe("paging", () => {
  it("pages a 2,500-device fleet 1000 at a time into exactly 2,500 distinct valid devices", async () => {
    const { client } = await connectedClient({ size: 2500 });
    const { devices, pages } = await collectDevices(client, { pageSize: 1000 });
    expect(pages).toBe(4); // 1000 + 1000 + 500, then the empty page that ends the listing
    expect(devices).toHaveLength(2500);
    expect(new Set(devices.map((d) => d.id)).size).toBe(2500);
    const ids = devices.map((d) => d.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it("single pages continue from the cursor the previous page returned (the queue's way)", async () => {
    const { client } = await connectedClient({ size: 250 });
    const first = await client.devicesDetailedPage({ after: 0, pageSize: 100 });
    expect(first.done).toBe(false);
    expect(first.nextAfter).toBe(Math.max(...first.devices.map((d) => d.id)));
    const second = await client.devicesDetailedPage({ after: first.nextAfter, pageSize: 100 });
    const third = await client.devicesDetailedPage({ after: second.nextAfter, pageSize: 100 });
    expect(third.done).toBe(false); // 50 of 100: short, but only an empty page ends a listing
    const fourth = await client.devicesDetailedPage({ after: third.nextAfter, pageSize: 100 });
    expect(fourth).toMatchObject({ done: true, devices: [], nextAfter: third.nextAfter });
    expect(first.devices.length + second.devices.length + third.devices.length).toBe(250);
  });

  it("reads every device and report row from a NinjaOne that serves 100 rows when 1000 were asked", async () => {
    const { sim, client } = await connectedClient({ size: 250 });
    await sim.control("PATCH", "/settings", { maxPageSize: 100 });
    const { devices, pages } = await collectDevices(client, { pageSize: 1000 });
    expect(devices).toHaveLength(250);
    expect(pages).toBe(4);
    const rows = [];
    let reportPages = 0;
    for await (const page of client.iterateQuery("computer-systems", { pageSize: 1000 })) {
      reportPages++;
      rows.push(...page.results);
    }
    await sim.control("PATCH", "/settings", { maxPageSize: 1000 });
    const uncapped = [];
    for await (const page of client.iterateQuery("computer-systems", { pageSize: 1000 })) uncapped.push(...page.results);
    expect(uncapped.length).toBeGreaterThan(100);
    expect(reportPages).toBeGreaterThan(2);
    expect(rows.map((r) => r.deviceId)).toEqual(uncapped.map((r) => r.deviceId));
  });

  it("fails loudly when the server repeats a page instead of advancing", async () => {
    const { sim, client } = await connectedClient({ size: 250 });
    await sim.control("PATCH", "/faults", { pagingBug: "ignore_after" });
    const pages = client.iterateDevicesDetailed({ pageSize: 100 });
    await expect(pages.next()).resolves.toMatchObject({ done: false });
    const error = await caught(pages.next());
    expect(error.kind).toBe("paging");
    expect(error.message).toMatch(/repeated or rewound/);
  });

  it("fails loudly on a repeated query cursor", async () => {
    const { sim, client } = await connectedClient({ size: 250 });
    await sim.control("PATCH", "/faults", { pagingBug: "repeat_cursor" });
    const pages = client.iterateQuery("computer-systems", { pageSize: 20 });
    await pages.next();
    expect((await caught(pages.next())).kind).toBe("paging");
  });

  it("lists organizations and locations past one page, and roles", async () => {
    const { client } = await connectedClient({ size: 30_000 }); // 1,200 organizations
    const orgs = await client.listOrganizations();
    expect(orgs).toHaveLength(1200);
    expect(new Set(orgs.map((o) => o.id)).size).toBe(1200);
    const locations = await client.listLocations();
    expect(locations.length).toBeGreaterThan(1200);
    expect(locations.every((l) => typeof l.organizationId === "number")).toBe(true);
    const roles = await client.listRoles();
    expect(roles.some((r) => r.custom)).toBe(true);
  });

  it("serves a page of a 100,000-device fleet without generating the rest", async () => {
    const { client } = await connectedClient({ size: 100_000 });
    const last = await client.devicesDetailedPage({ after: 111_100, pageSize: 1000 });
    expect(last.devices.length).toBeGreaterThan(0);
    expect((await client.devicesDetailedPage({ after: last.nextAfter, pageSize: 1000 })).done).toBe(true);
    const filtered = await client.devicesDetailedPage({ after: 0, pageSize: 1000, df: "org = 3" });
    expect(filtered.devices.every((d) => d.organizationId === 3)).toBe(true);
  });
});

describe("retries", () => {
  it("waits out a 429 for the Retry-After seconds, then succeeds", async () => {
    const { sim, client, sleeper } = await connectedClient();
    await sim.control("PATCH", "/faults", { next: [{ status: 429, retryAfterSeconds: 7 }] });
    const page = await client.devicesDetailedPage({ after: 0, pageSize: 10 });
    expect(page.devices).toHaveLength(10);
    expect(sleeper.waits).toEqual([7000]);
  });

  it("reads Retry-After as an HTTP date too", async () => {
    const { sim, client, sleeper } = await connectedClient();
    await sim.control("PATCH", "/faults", {
      next: [{ status: 429, retryAfterSeconds: 5, retryAfterFormat: "http-date" }],
    });
    await client.listRoles();
    expect(sleeper.waits).toHaveLength(1);
    expect(sleeper.waits[0]).toBeGreaterThan(3000);
    expect(sleeper.waits[0]).toBeLessThanOrEqual(5000);
  });

  it("backs off exponentially when a 429 has no Retry-After", async () => {
    const { sim, client, sleeper } = await connectedClient();
    await sim.control("PATCH", "/faults", {
      next: [
        { status: 429, retryAfterFormat: "none" },
        { status: 429, retryAfterFormat: "none" },
      ],
    });
    await client.listRoles();
    expect(sleeper.waits).toEqual([750, 1500]); // equal jitter with random() = 0.5: 1 s, 2 s ceilings
  });

  it("stays under a per-token rate limit by waiting for the bucket to refill", async () => {
    const sim = await freshSimulator({ settings: { rateLimit: { enabled: true, requests: 3, perSeconds: 60 } } });
    const tokens = memoryTokens(sim, await sim.connect());
    // The simulator's clock moves when the client "sleeps", so the wait is real to the bucket.
    const sleeper = fakeSleep((ms) => sim.control("POST", "/clock", { advanceSeconds: ms / 1000 }));
    const client = createNinjaClient({
      baseUrl: SIM_BASE,
      tokens: tokens.provider,
      fetch: sim.fetch,
      sleep: sleeper.sleep,
    });
    for (let i = 0; i < 4; i++) await client.listRoles();
    expect(sleeper.waits).toEqual([20_000]); // 3 per 60 s: one request every 20 s
  });

  it("gives up on a rate limit after the bounded attempts, saying when to come back", async () => {
    const { sim, client } = await connectedClient({}, { maxAttempts: 2 });
    await sim.control("PATCH", "/faults", {
      next: [
        { status: 429, retryAfterSeconds: 9 },
        { status: 429, retryAfterSeconds: 9 },
      ],
    });
    const error = await caught(client.listRoles());
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 9000, code: "TOO_MANY_REQUESTS" });
  });

  it("retries 5xx and succeeds, or gives up after maxAttempts", async () => {
    const { sim, client, sleeper } = await connectedClient({}, { maxAttempts: 3 });
    await sim.control("PATCH", "/faults", { next: [{ status: 503 }, { status: 502 }] });
    expect((await client.listRoles()).length).toBeGreaterThan(0);
    expect(sleeper.waits).toHaveLength(2);

    await sim.control("PATCH", "/faults", { next: [500, 500, 500, 500, 500].map((status) => ({ status })) });
    const error = await caught(client.listRoles());
    expect(error).toMatchObject({ kind: "retryable", status: 500, code: "FAILURE" });
    const state = await sim.control<{ faults: { next: unknown[] } }>("GET", "/state");
    expect(state.faults.next).toHaveLength(2); // exactly three attempts were made
  });

  it("times out a slow answer, retries, and reports unreachable in the end", async () => {
    const { sim, client } = await connectedClient({}, { maxAttempts: 2, timeoutMs: 50 });
    await sim.control("PATCH", "/faults", { slowMs: 400 });
    expect((await caught(client.listRoles())).kind).toBe("unreachable");
  });
});

describe("tokens", () => {
  it("refreshes once after a 401 and retries the call", async () => {
    const { sim, client, tokens } = await connectedClient();
    const before = tokens.state.current.accessToken;
    await sim.control("POST", "/tokens/expire");
    const page = await client.devicesDetailedPage({ after: 0, pageSize: 5 });
    expect(page.devices).toHaveLength(5);
    expect(tokens.state.refreshes).toBe(1);
    expect(tokens.state.rejected).toEqual([before]);
    expect(tokens.state.current.accessToken).not.toBe(before);
  });

  it("expires access tokens after their lifetime", async () => {
    const { sim, client, tokens } = await connectedClient({ settings: { accessTokenTtlSeconds: 60 } });
    expect(tokens.state.current.expiresAt - Date.now()).toBeLessThanOrEqual(60_000);
    await sim.control("POST", "/clock", { advanceSeconds: 61 });
    await client.listRoles();
    expect(tokens.state.refreshes).toBe(1);
  });

  it("returns a rotated refresh token and rejects the old one", async () => {
    const sim = await freshSimulator();
    const first = await sim.connect();
    expect(first.refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    const second = await refreshAccessToken({ ...sim.oauth, refreshToken: first.refreshToken ?? "" });
    expect(second.refreshToken).toBeDefined();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const reuse = await caught(refreshAccessToken({ ...sim.oauth, refreshToken: first.refreshToken ?? "" }));
    expect(reuse).toMatchObject({ kind: "reconnect_required", status: 400, code: "invalid_token" });
    await expect(refreshAccessToken({ ...sim.oauth, refreshToken: second.refreshToken ?? "" })).resolves.toBeTruthy();
  });

  it("keeps the same refresh token working when rotation is off", async () => {
    const sim = await freshSimulator({ settings: { rotateRefreshTokens: false } });
    const first = await sim.connect();
    const second = await refreshAccessToken({ ...sim.oauth, refreshToken: first.refreshToken ?? "" });
    expect(second.refreshToken).toBe(first.refreshToken);
    await expect(refreshAccessToken({ ...sim.oauth, refreshToken: first.refreshToken ?? "" })).resolves.toBeTruthy();
  });

  it("a revoked refresh token means reconnect required, surfaced through the API call", async () => {
    const { sim, client } = await connectedClient();
    await sim.control("POST", "/tokens/revoke");
    const error = await caught(client.listRoles());
    expect(error.kind).toBe("reconnect_required");
  });

  it("refresh tokens die after 30 days", async () => {
    const sim = await freshSimulator();
    const tokens = await sim.connect();
    await sim.control("POST", "/clock", { advanceSeconds: 30 * 86_400 + 1 });
    const error = await caught(refreshAccessToken({ ...sim.oauth, refreshToken: tokens.refreshToken ?? "" }));
    expect(error.kind).toBe("reconnect_required");
  });

  it("client credentials give an access token without a refresh token", async () => {
    const sim = await freshSimulator();
    const token = await clientCredentialsToken(sim.oauth);
    expect(token.refreshToken).toBeUndefined();
    expect(token.scope).toBe("monitoring");
    const client = createNinjaClient({
      baseUrl: SIM_BASE,
      fetch: sim.fetch,
      tokens: {
        getAccessToken: async () => token.accessToken,
        refreshAfterUnauthorized: async () => token.accessToken,
      },
    });
    await expect(client.testConnection()).resolves.toMatchObject({ sampleOrganization: { id: 1 } });
  });

  it("a wrong client secret is invalid_client; an unknown client id too", async () => {
    const sim = await freshSimulator();
    expect((await caught(clientCredentialsToken({ ...sim.oauth, clientSecret: "nope" }))).kind).toBe("invalid_client");
    const unknown = await caught(clientCredentialsToken({ ...sim.oauth, clientId: "ghost" }));
    expect(unknown).toMatchObject({ kind: "invalid_client", code: "Client app not exist" });
  });
});

describe("authorization code flow", () => {
  it("the authorize URL leads to a consent page naming the app and the scopes", async () => {
    const sim = await freshSimulator();
    const url = buildAuthorizeUrl({
      baseUrl: SIM_BASE,
      clientId: "core-demo",
      redirectUri: REDIRECT_URI,
      state: "s-1",
    });
    expect(url).toContain("/ws/oauth/authorize?response_type=code&client_id=core-demo");
    expect(new URL(url).searchParams.get("scope")).toBe("monitoring offline_access");
    const page = await sim.fetch(url);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("Core (test) wants to access your NinjaOne account");
    expect(body).toContain("offline_access");
    expect(body).toContain('value="approve"');
    expect(body).toContain('value="deny"');
  });

  it("Deny redirects back with error=access_denied and the state", async () => {
    const sim = await freshSimulator();
    const location = await sim.consent("deny");
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("state-123");
    const callback = readAuthorizeCallback(location);
    expect(callback.ok).toBe(false);
    if (!callback.ok) expect(callback.error.kind).toBe("access_denied");
  });

  it("a code works once: reusing it is invalid_grant", async () => {
    const sim = await freshSimulator();
    const code = (await sim.consent("approve")).searchParams.get("code") ?? "";
    await exchangeCode({ ...sim.oauth, code, redirectUri: REDIRECT_URI });
    const reuse = await caught(exchangeCode({ ...sim.oauth, code, redirectUri: REDIRECT_URI }));
    expect(reuse).toMatchObject({ kind: "invalid_grant", code: "invalid_grant" });
  });

  it("a code expires, and must be exchanged with the same redirect URI", async () => {
    const sim = await freshSimulator();
    const code = (await sim.consent("approve")).searchParams.get("code") ?? "";
    const mismatch = await caught(exchangeCode({ ...sim.oauth, code, redirectUri: `${REDIRECT_URI}/` }));
    expect(mismatch.kind).toBe("invalid_grant");
    const late = (await sim.consent("approve")).searchParams.get("code") ?? "";
    await sim.control("POST", "/clock", { advanceSeconds: 61 });
    expect((await caught(exchangeCode({ ...sim.oauth, code: late, redirectUri: REDIRECT_URI }))).kind).toBe(
      "invalid_grant",
    );
  });

  it("an unregistered redirect URI gets an error page, never a redirect", async () => {
    const sim = await freshSimulator();
    for (const redirect of [`${REDIRECT_URI}/`, "http://core.test:8080/api/integrations/ninja/callback"]) {
      const response = await sim.fetch(
        buildAuthorizeUrl({ baseUrl: SIM_BASE, clientId: "core-demo", redirectUri: redirect, state: "x" }),
        { redirect: "manual" },
      );
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ resultCode: "FAILURE", errorMessage: "HTTP 404 Not Found" });
    }
  });

  it("the permissive dev mode accepts any client and redirect URI", async () => {
    const sim = await freshSimulator({ settings: { permissiveOAuth: true } });
    const location = await sim.consent("approve", { client_id: "anything", redirect_uri: "http://localhost:9999/cb" });
    expect(location.host).toBe("localhost:9999");
    const token = await exchangeCode({
      ...sim.oauth,
      clientId: "anything",
      clientSecret: "whatever",
      code: location.searchParams.get("code") ?? "",
      redirectUri: "http://localhost:9999/cb",
    });
    expect(token.refreshToken).toBeDefined();
  });
});

describe("device data", () => {
  it("df filters: org, class lists, offline/online, AND", async () => {
    const { client } = await connectedClient({ size: 600 });
    const { devices: all } = await collectDevices(client, { pageSize: 1000 });
    const count = (df: string) => collectDevices(client, { pageSize: 1000, df }).then((r) => r.devices);

    const org2 = await count("org = 2");
    expect(org2.length).toBe(all.filter((d) => d.organizationId === 2).length);
    expect(org2.length).toBeGreaterThan(0);

    const servers = await count("class in (WINDOWS_SERVER, LINUX_SERVER)");
    expect(servers.map((d) => d.id)).toEqual(
      all.filter((d) => d.nodeClass === "WINDOWS_SERVER" || d.nodeClass === "LINUX_SERVER").map((d) => d.id),
    );

    const offline = await count("offline");
    expect(offline.length).toBe(all.filter((d) => d.offline).length);
    expect(offline.length).toBeGreaterThan(0);

    const combined = await count("org in (1, 2) AND class = WINDOWS_WORKSTATION AND online");
    expect(combined.map((d) => d.id)).toEqual(
      all
        .filter((d) => [1, 2].includes(d.organizationId ?? 0) && d.nodeClass === "WINDOWS_WORKSTATION" && !d.offline)
        .map((d) => d.id),
    );
  });

  it("a filter NinjaOne cannot parse answers 500 with a resultCode body", async () => {
    const { client } = await connectedClient({}, { maxAttempts: 1 });
    for (const df of ["class = windows_server", "org = 1 and offline", "tag = x"]) {
      const error = await caught(client.devicesDetailedPage({ after: 0, pageSize: 10, df }));
      expect(error).toMatchObject({ kind: "retryable", status: 500, code: "FAILURE" });
    }
  });

  it("queries page with a cursor over a snapshot that later fleet changes do not disturb", async () => {
    const { sim, client } = await connectedClient({ size: 2500 });
    const { devices } = await collectDevices(client, { pageSize: 1000 });
    const expected = devices.filter((d) => d.lastLoggedInUser).map((d) => d.id);

    const pages = client.iterateQuery("logged-on-users", { pageSize: 300 });
    const first = await pages.next();
    if (first.done) throw new Error("no first page");
    expect(first.value.cursor).toMatchObject({ offset: 0, count: 300 });
    // Change the fleet mid-way: the report keeps reading the snapshot it started from.
    await sim.control("DELETE", `/devices/${expected[expected.length - 1]}`);
    await sim.control("POST", "/devices", { organizationId: 1, nodeClass: "WINDOWS_WORKSTATION" });

    const rows = [...first.value.results];
    const offsets = [first.value.cursor?.offset];
    for await (const page of pages) {
      rows.push(...page.results);
      offsets.push(page.cursor?.offset);
    }
    expect(rows.map((r) => r.deviceId)).toEqual(expected);
    expect(offsets.slice(0, 3)).toEqual([0, 300, 600]);
    expect(rows.find((r) => r.deviceId === expected[0])?.userName).toBe(
      devices.find((d) => d.id === expected[0])?.lastLoggedInUser,
    );
  });

  it("an expired query cursor is refused", async () => {
    const { sim, client } = await connectedClient({}, { maxAttempts: 1 });
    const first = await client.queryPage("computer-systems", { pageSize: 10 });
    await sim.control("POST", "/clock", { advanceSeconds: 601 });
    const error = await caught(client.queryPage("computer-systems", { pageSize: 10, cursor: first.next ?? undefined }));
    expect(error).toMatchObject({ kind: "permanent", status: 400 });
  });

  it("warranty comes only with expand=warranty; on the list it is a simulator setting", async () => {
    const { sim, client } = await connectedClient();
    const withWarranty = (page: { devices: Device[] }) => page.devices.filter((d) => d.references?.warranty);
    const expanded = await client.devicesDetailedPage({ after: 0, pageSize: 250, expand: "warranty" });
    expect(withWarranty(expanded).length).toBeGreaterThan(0);
    const plain = await client.devicesDetailedPage({ after: 0, pageSize: 250 });
    expect(withWarranty(plain)).toEqual([]);

    const id = withWarranty(expanded)[0].id;
    expect(await client.deviceWarranty(id)).toEqual({
      startDate: withWarranty(expanded)[0].references?.warranty?.startDate,
      endDate: withWarranty(expanded)[0].references?.warranty?.endDate,
    });
    expect((await client.getDevice(id))?.references).toBeUndefined();

    await sim.control("PATCH", "/settings", { listWarranty: false });
    const off = await client.devicesDetailedPage({ after: 0, pageSize: 250, expand: "warranty" });
    expect(withWarranty(off)).toEqual([]);
    expect(await client.deviceWarranty(id)).not.toBeNull(); // the single-device call still has it
  });

  it("VM hosts carry serviceTag/vendor/model; serial-less and placeholder devices exist", async () => {
    const { client } = await connectedClient({ size: 2500 });
    const { devices } = await collectDevices(client, { pageSize: 1000 });
    const host = devices.find((d) => d.nodeClass === "VMWARE_VM_HOST");
    expect(host).toMatchObject({ deviceType: "VMHost", serviceTag: expect.any(String), vendor: expect.any(String) });
    expect(host?.system).toBeUndefined();
    expect(devices.some((d) => d.nodeClass === "VMWARE_VM_GUEST" && !d.system)).toBe(true);
    expect(
      devices.some(
        (d) => d.system?.serialNumber === "To be filled by O.E.M." || d.system?.serialNumber === "Default string",
      ),
    ).toBe(true);
    expect(devices.every((d) => !Object.values(d).includes(null))).toBe(true);
    expect(devices.some((d) => !Number.isInteger(d.created))).toBe(true);
  });

  it("single device, last logged-on user, and 404 for a device that is gone", async () => {
    const { sim, client } = await connectedClient();
    const page = await client.devicesDetailedPage({ after: 0, pageSize: 250 });
    const agent = page.devices.find((d) => d.lastLoggedInUser);
    if (!agent) throw new Error("the fleet has no device with a last logged-in user");
    expect((await client.lastLoggedOnUser(agent.id))?.userName).toBe(agent.lastLoggedInUser);
    await sim.control("DELETE", `/devices/${agent.id}`);
    expect(await client.getDevice(agent.id)).toBeNull();
    expect(await client.lastLoggedOnUser(agent.id)).toBeNull();
  });

  it("control API mutations show in the API: rename, move, add, org rename and delete", async () => {
    const { sim, client } = await connectedClient();
    const [device] = (await client.devicesDetailedPage({ after: 0, pageSize: 1, df: "org = 1" })).devices;
    await sim.control("PATCH", `/devices/${device.id}`, { displayName: "Renamed PC", organizationId: 2 });
    const moved = await client.getDevice(device.id);
    expect(moved).toMatchObject({ displayName: "Renamed PC", organizationId: 2 });
    expect(moved?.assignedOwnerUid).toBeUndefined();

    const added = await sim.control<{ id: number }>("POST", "/devices", {
      organizationId: 3,
      nodeClass: "WINDOWS_WORKSTATION",
      displayName: "NEW-PC-01",
      serialNumber: "ABC1234",
    });
    const fetched = await client.getDevice(added.id);
    expect(fetched).toMatchObject({ displayName: "NEW-PC-01", organizationId: 3, system: { serialNumber: "ABC1234" } });
    const last = await client.devicesDetailedPage({ after: added.id - 1, pageSize: 10 });
    expect(last.devices.map((d) => d.id)).toEqual([added.id]);

    await sim.control("PATCH", "/organizations/3", { name: "Acme, Inc." });
    expect((await client.listOrganizations()).find((o) => o.id === 3)?.name).toBe("Acme, Inc.");
    await sim.control("DELETE", "/organizations/3");
    expect((await client.listOrganizations()).some((o) => o.id === 3)).toBe(false);
    expect(await client.getDevice(added.id)).toBeNull();
    const rest = await collectDevices(client, { pageSize: 1000 });
    expect(rest.devices.some((d) => d.organizationId === 3)).toBe(false);
  });

  it("contacts and end users, with devices assigned to end users", async () => {
    const { client } = await connectedClient({ size: 600 });
    const contacts = await client.listContacts();
    expect(contacts.length).toBeGreaterThan(0);
    // The simulator's mess (issue 11): some contacts have no e-mail; those that do have a real one.
    expect(contacts.every((c) => c.email === undefined || c.email.includes("@"))).toBe(true);
    expect(contacts.some((c) => c.email === undefined)).toBe(true);
    const everyone = await client.listAllEndUsers();
    expect(new Set(everyone.map((u) => u.organizationId)).size).toBeGreaterThan(1);

    const { devices } = await collectDevices(client, { pageSize: 1000 });
    const assigned = devices.filter((d) => d.assignedOwnerUid);
    expect(assigned.length).toBeGreaterThan(0);
    const orgId = assigned[0].organizationId ?? 0;
    const users = await client.listEndUsers(orgId);
    const byUid = new Map(users.map((u) => [u.uid, u]));
    for (const device of assigned.filter((d) => d.organizationId === orgId)) {
      expect(byUid.get(device.assignedOwnerUid)?.assignedDeviceIds).toContain(device.id);
    }
    expect(users.every((u) => u.userType === "END_USER" && u.organizationId === orgId)).toBe(true);
  });
});

describe("the simulator mounted in the app", () => {
  it("answers under /ninjaone-sim through the app's own fetch, with the demo app accepting this origin's callback", async () => {
    const origin = "http://localhost:8799";
    const callback = `${origin}/api/integrations/ninja/callback`;
    const url = buildAuthorizeUrl({
      baseUrl: `${origin}/ninjaone-sim`,
      clientId: "core-demo",
      redirectUri: callback,
      state: "s",
    });
    const page = await SELF.fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Core (demo) wants to access your NinjaOne account");
    const elsewhere = await SELF.fetch(
      buildAuthorizeUrl({
        baseUrl: `${origin}/ninjaone-sim`,
        clientId: "core-demo",
        redirectUri: `${origin}/other`,
        state: "s",
      }),
    );
    expect(elsewhere.status).toBe(404);
    const api = await SELF.fetch(`${origin}/ninjaone-sim/v2/organizations`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({
      error: "not_authenticated",
      error_description: "Invalid credentials",
      error_code: 10,
    });
  });
});
