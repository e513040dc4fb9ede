// Client rules that need a misbehaving server the simulator does not imitate: a scripted fetch.
import { describe, expect, it, vi } from "vitest";
import { checkKeysetPage, createNinjaClient, parseRecords, type TokenProvider } from "@workers/ninjaone/client";
import { NinjaError } from "@workers/ninjaone/errors";
import { DeviceSchema } from "@workers/ninjaone/schemas";
import { backoffDelay, parseRetryAfter } from "@workers/ninjaone/http";
import { buildAuthorizeUrl, refreshAccessToken } from "@workers/ninjaone/oauth";
import { ninjaBaseUrl } from "@workers/ninjaone/regions";

type Scripted = { status?: number; body?: unknown; headers?: Record<string, string>; throws?: Error };

function scriptedFetch(script: Scripted[]) {
  const requests: Request[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    const next = script.shift();
    if (!next) throw new Error(`unexpected request ${request.url}`);
    if (next.throws) throw next.throws;
    return new Response(typeof next.body === "string" ? next.body : JSON.stringify(next.body ?? []), {
      status: next.status ?? 200,
      headers: next.headers,
    });
  };
  return { fetch, requests };
}

const staticTokens: TokenProvider = {
  getAccessToken: async () => "token-1",
  refreshAfterUnauthorized: async () => "token-2",
};

function client(script: Scripted[], extra: Partial<Parameters<typeof createNinjaClient>[0]> = {}) {
  const scripted = scriptedFetch(script);
  const waits: number[] = [];
  const c = createNinjaClient({
    baseUrl: "https://eu.ninjarmm.com",
    tokens: staticTokens,
    fetch: scripted.fetch,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0,
    ...extra,
  });
  return { client: c, requests: scripted.requests, waits };
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

describe("regions and URLs", () => {
  it("maps regions to hosts and lets NINJAONE_BASE_URL win", () => {
    expect(ninjaBaseUrl("us")).toBe("https://app.ninjarmm.com");
    expect(ninjaBaseUrl("oc")).toBe("https://oc.ninjarmm.com");
    expect(ninjaBaseUrl("eu", "http://localhost:8787/ninjaone-sim/")).toBe("http://localhost:8787/ninjaone-sim");
  });

  it("builds the authorize URL under a base path", () => {
    const url = new URL(
      buildAuthorizeUrl({
        baseUrl: "http://localhost:8787/ninjaone-sim",
        clientId: "c",
        redirectUri: "http://x/cb",
        state: "s",
      }),
    );
    expect(url.pathname).toBe("/ninjaone-sim/ws/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "c",
      redirect_uri: "http://x/cb",
      scope: "monitoring offline_access",
      state: "s",
    });
  });
});

describe("requests", () => {
  it("sends the bearer token, pageSize and after to /v2", async () => {
    const { client: c, requests } = client([{ body: [{ id: 5, name: "A" }] }, { body: [] }]);
    await c.listOrganizations();
    expect(requests[0].url).toBe("https://eu.ninjarmm.com/v2/organizations?pageSize=1000&after=0");
    // A short page is not the end: the listing ends on the empty page after it.
    expect(requests[1].url).toBe("https://eu.ninjarmm.com/v2/organizations?pageSize=1000&after=5");
    expect(requests).toHaveLength(2);
    expect(requests[0].headers.get("Authorization")).toBe("Bearer token-1");
  });

  it("reports a bad device with its id and keeps the rest of the page", async () => {
    const { client: c } = client([
      {
        body: [
          { id: 1, displayName: "ok" },
          { id: 2, system: { serialNumber: 7 } },
          { displayName: "no id" },
          { id: 4 },
        ],
      },
    ]);
    const page = await c.devicesDetailedPage({ after: 0, pageSize: 10 });
    expect(page.devices.map((d) => d.id)).toEqual([1, 4]);
    expect(page.invalid.map((i) => i.id)).toEqual([2, null]);
    expect(page.invalid[0].error).toMatch(/system\.serialNumber/);
    expect(page).toMatchObject({ nextAfter: 4, done: false }); // short, not empty: there may be more
  });

  it("sends invalid organizations to onInvalidRecord instead of failing", async () => {
    const invalid: unknown[] = [];
    const { client: c } = client([{ body: [{ id: 1, name: "A" }, { id: 2 }] }, { body: [] }], {
      onInvalidRecord: (r) => invalid.push(r),
    });
    expect((await c.listOrganizations()).map((o) => o.id)).toEqual([1]);
    expect(invalid).toEqual([{ id: 2, error: expect.stringMatching(/name/), endpoint: "GET /v2/organizations" }]);
  });

  it("validates a devices page's records when they are first read: its cursor is known before", async () => {
    const { client: c } = client([{ body: [{ id: 1, displayName: "ok" }, { id: 2, system: { serialNumber: 7 } }] }]);
    const spy = vi.spyOn(DeviceSchema, "safeParse");
    try {
      const page = await c.devicesDetailedPage({ after: 0, pageSize: 10 });
      expect(page).toMatchObject({ nextAfter: 2, done: false });
      expect(spy).not.toHaveBeenCalled();
      expect(page.invalid.map((i) => i.id)).toEqual([2]);
      expect(page.devices.map((d) => d.id)).toEqual([1]);
      expect(spy).toHaveBeenCalledTimes(2); // once per record, however often the page is read
    } finally {
      spy.mockRestore();
    }
  });

  it("parseRecords with consume lets go of each raw record once validated (the caller's raw page is not read again)", () => {
    const raw: unknown[] = [{ id: 1, displayName: "ok" }, { id: 2, system: { serialNumber: 7 } }];
    const kept = [...raw];
    expect(parseRecords(kept, DeviceSchema).items).toHaveLength(1);
    expect(kept).toEqual(raw);
    const { items, invalid } = parseRecords(raw, DeviceSchema, undefined, { consume: true });
    expect(items.map((d) => d.id)).toEqual([1]);
    expect(invalid.map((r) => r.id)).toEqual([2]);
    expect(raw).toEqual([undefined, undefined]);
  });

  it("the next cursor comes from raw ids, even of records that failed validation", async () => {
    const { client: c } = client([{ body: [{ id: 1 }, { id: 9, created: "yesterday" }] }]);
    expect((await c.devicesDetailedPage({ after: 0, pageSize: 2 })).nextAfter).toBe(9);
  });
});

describe("fail-closed paging", () => {
  it.each([
    ["duplicate ids", [{ id: 3 }, { id: 3 }], 0],
    ["an id not after the cursor", [{ id: 10 }, { id: 11 }], 10],
    ["a full page of records without ids", [{ x: 1 }, { x: 2 }], 0],
  ])("refuses %s", (_, raw, after) => {
    expect(() => checkKeysetPage("GET /v2/devices", raw, after, 2)).toThrow(NinjaError);
  });

  it("a short page is not the end (NinjaOne may serve fewer rows than asked); only an empty page is", () => {
    expect(checkKeysetPage("x", [{ id: 7 }], 5, 2)).toEqual({ nextAfter: 7, done: false });
    expect(checkKeysetPage("x", [], 5, 2)).toEqual({ nextAfter: 5, done: true });
  });

  it("refuses a short page whose ids do not advance: no cursor to continue from", () => {
    expect(() => checkKeysetPage("x", [{ name: "no id" }], 5, 2)).toThrow(NinjaError);
  });

  it("a query page that is full but has no cursor is refused", async () => {
    const { client: c } = client([{ body: { results: [{ deviceId: 1 }, { deviceId: 2 }] } }]);
    expect((await caught(c.queryPage("logged-on-users", { pageSize: 2 }))).kind).toBe("paging");
  });

  it("refuses page sizes above 1000 (a silently capped page would look like the end)", async () => {
    const { client: c } = client([]);
    await expect(c.devicesDetailedPage({ after: 0, pageSize: 5000 })).rejects.toThrow(RangeError);
  });
});

describe("error classification", () => {
  it("retries network failures, then reports unreachable", async () => {
    const { client: c, waits } = client(
      [{ throws: new TypeError("fetch failed") }, { throws: new TypeError("fetch failed") }],
      {
        maxAttempts: 2,
      },
    );
    expect((await caught(c.listRoles())).kind).toBe("unreachable");
    expect(waits).toEqual([500]);
  });

  it("does not sleep through a Retry-After longer than allowed: the queue should come back later", async () => {
    const { client: c, waits } = client([{ status: 429, headers: { "Retry-After": "3600" }, body: {} }]);
    expect(await caught(c.listRoles())).toMatchObject({ kind: "rate_limited", retryAfterMs: 3_600_000 });
    expect(waits).toEqual([]);
  });

  it("a 401 for a missing scope is not fixed by a refresh", async () => {
    let refreshed = 0;
    const { client: c } = client([{ status: 401, body: { error: "insufficient_privileges" } }], {
      tokens: { getAccessToken: async () => "t", refreshAfterUnauthorized: async () => (refreshed++, "t2") },
    });
    expect(await caught(c.listRoles())).toMatchObject({ kind: "unauthorized", code: "insufficient_privileges" });
    expect(refreshed).toBe(0);
  });

  it("a second 401 after the refresh is unauthorized; other 4xx are permanent", async () => {
    const { client: c } = client([
      { status: 401, body: { error: "not_authenticated", error_code: 10 } },
      { status: 401, body: { error: "not_authenticated", error_code: 10 } },
      { status: 403, body: { resultCode: "FAILURE", errorMessage: "Forbidden" } },
    ]);
    expect((await caught(c.listRoles())).kind).toBe("unauthorized");
    expect(await caught(c.listRoles())).toMatchObject({ kind: "permanent", status: 403, code: "FAILURE" });
  });

  it("a 2xx that is not JSON is permanent", async () => {
    const { client: c } = client([{ body: "<html>maintenance</html>" }]);
    expect((await caught(c.listRoles())).kind).toBe("permanent");
  });

  it("refresh answered invalid_grant means reconnect required", async () => {
    const scripted = scriptedFetch([{ status: 400, body: { error: "invalid_grant" } }]);
    const error = await caught(
      refreshAccessToken({
        baseUrl: "https://app.ninjarmm.com",
        clientId: "c",
        clientSecret: "s",
        refreshToken: "r",
        fetch: scripted.fetch,
        now: () => 0,
      }),
    );
    expect(error.kind).toBe("reconnect_required");
    const body = new URLSearchParams(await scripted.requests[0].text());
    expect(scripted.requests[0].headers.get("Content-Type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(body)).toEqual({
      grant_type: "refresh_token",
      client_id: "c",
      client_secret: "s",
      refresh_token: "r",
    });
  });

  it("Retry-After: seconds, HTTP dates, garbage; backoff doubles up to the cap", () => {
    expect(parseRetryAfter("30", 0)).toBe(30_000);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:10 GMT", 4000)).toBe(6000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 1 };
    expect([1, 2, 3, 7, 12].map((n) => backoffDelay(n, policy))).toEqual([1000, 2000, 4000, 60_000, 60_000]);
  });
});
