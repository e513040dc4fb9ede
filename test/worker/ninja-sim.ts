// Worker-test helpers for the NinjaOne simulator: a private simulator instance per test, its control
// API, the OAuth dance done in code, an in-memory TokenProvider and a fake sleep.
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { createNinjaClient, type NinjaClientOptions, type TokenProvider } from "@workers/ninjaone/client";
import { exchangeCode, refreshAccessToken, type TokenSet } from "@workers/ninjaone/oauth";
import { createNinjaFetch } from "@workers/simulator";

/** Matches createNinjaFetch's rule: a base whose path is the simulator prefix goes to the Durable Object. */
export const SIM_BASE = "http://localhost:8787/ninjaone-sim";
export const DEMO_CLIENT_ID = "core-demo";
export const DEMO_CLIENT_SECRET = "core-demo-secret";
export const REDIRECT_URI = "http://core.test/api/integrations/ninja/callback";

export type Sim = Awaited<ReturnType<typeof freshSimulator>>;

/**
 * A reset simulator (fleet of `size`, the demo app allowing REDIRECT_URI). By default a private
 * instance; pass instance "default" to drive the one the app's own code reaches through
 * createNinjaFetch(env, config.ninjaBaseUrl).
 */
export async function freshSimulator(
  options: { size?: number; seed?: number; settings?: Record<string, unknown>; instance?: string } = {},
) {
  const fetch = createNinjaFetch(env, SIM_BASE, { instance: options.instance ?? `test-${crypto.randomUUID()}` });

  async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${SIM_BASE}/_control${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  await control("POST", "/reset", { seed: options.seed ?? 7, size: options.size ?? 250, settings: options.settings });
  await control("PUT", "/app", {
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    name: "Core (test)",
    redirectUris: [REDIRECT_URI],
  });

  /** Approve (or deny) on the consent page; returns the Location NinjaOne redirects to. */
  async function consent(decision: "approve" | "deny", params: Record<string, string> = {}): Promise<URL> {
    const response = await fetch(`${SIM_BASE}/ws/oauth/authorize`, {
      method: "POST",
      body: new URLSearchParams({
        response_type: "code",
        client_id: DEMO_CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        scope: "monitoring offline_access",
        state: "state-123",
        decision,
        ...params,
      }),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    return new URL(response.headers.get("Location") ?? "");
  }

  const oauth = { baseUrl: SIM_BASE, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, fetch, now: Date.now };

  /** The whole authorization-code flow: consent approved, code exchanged. */
  async function connect(): Promise<TokenSet> {
    const location = await consent("approve");
    return exchangeCode({ ...oauth, code: location.searchParams.get("code") ?? "", redirectUri: REDIRECT_URI });
  }

  return { fetch, control, consent, connect, oauth };
}

/** A TokenProvider holding tokens in memory, refreshing like the production one must (persisting rotation). */
export function memoryTokens(sim: Sim, initial: TokenSet) {
  const state = { current: initial, refreshes: 0, rejected: [] as string[] };
  const provider: TokenProvider = {
    async getAccessToken() {
      return state.current.accessToken;
    },
    async refreshAfterUnauthorized(rejected) {
      state.refreshes++;
      state.rejected.push(rejected);
      const next = await refreshAccessToken({ ...sim.oauth, refreshToken: state.current.refreshToken ?? "" });
      state.current = { ...next, refreshToken: next.refreshToken ?? state.current.refreshToken };
      return state.current.accessToken;
    },
  };
  return { provider, state };
}

/** A sleep that waits for nothing and remembers what it was asked to wait. */
export function fakeSleep(onSleep?: (ms: number) => Promise<void>) {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
      await onSleep?.(ms);
    },
  };
}

/** A connected client against a fresh simulator. */
export async function connectedClient(
  simOptions: Parameters<typeof freshSimulator>[0] = {},
  clientOptions: Partial<NinjaClientOptions> = {},
) {
  const sim = await freshSimulator(simOptions);
  const tokens = memoryTokens(sim, await sim.connect());
  const sleeper = fakeSleep();
  const client = createNinjaClient({
    baseUrl: SIM_BASE,
    tokens: tokens.provider,
    fetch: sim.fetch,
    sleep: sleeper.sleep,
    random: () => 0.5,
    ...clientOptions,
  });
  return { sim, client, tokens, sleeper };
}
