// The NinjaOne simulator, mounted by the app's own Worker at /ninjaone-sim when
// NINJAONE_SIMULATOR = "on". Its state lives in one Durable Object instance.
import { NinjaSimulator, SIMULATOR_PREFIX } from "./durable-object";

export { NinjaSimulator, SIMULATOR_PREFIX };

export const SIMULATOR_INSTANCE = "default";

export function simulatorEnabled(env: Pick<Env, "NINJAONE_SIMULATOR">): boolean {
  return env.NINJAONE_SIMULATOR === "on";
}

function simulatorStub(env: Env, instance = SIMULATOR_INSTANCE) {
  return env.NINJA_SIMULATOR.get(env.NINJA_SIMULATOR.idFromName(instance));
}

/** For workers/app.ts: the simulator's answer when the request is for it, else null. */
export function routeToSimulator(request: Request, env: Env): Promise<Response> | null {
  if (!simulatorEnabled(env)) return null;
  const { pathname } = new URL(request.url);
  if (pathname !== SIMULATOR_PREFIX && !pathname.startsWith(`${SIMULATOR_PREFIX}/`)) return null;
  return simulatorStub(env).fetch(request);
}

/**
 * The fetch the NinjaOne client should use. When the simulator is on and `baseUrl` points at it
 * (its path is the simulator prefix), requests under that base go straight to the Durable Object,
 * with no network hop (a Worker cannot fetch its own dev server reliably). Everything else goes
 * to the global fetch. `instance` picks another simulator (own fleet, tokens and settings): tests
 * use it to stay independent of each other; the browser-facing mount always uses the default one.
 */
export function createNinjaFetch(
  env: Env,
  baseUrl: string | undefined,
  options: { instance?: string } = {},
): typeof fetch {
  const base = baseUrl?.replace(/\/+$/, "");
  let simulated = false;
  if (base && simulatorEnabled(env)) {
    try {
      simulated = new URL(base).pathname.replace(/\/+$/, "") === SIMULATOR_PREFIX;
    } catch {
      simulated = false;
    }
  }
  if (!simulated || !base) return (input, init) => fetch(input, init);
  return async (input, init) => {
    const request = new Request(input, init);
    if (request.url === base || request.url.startsWith(`${base}/`) || request.url.startsWith(`${base}?`)) {
      return simulatorStub(env, options.instance).fetch(request);
    }
    return fetch(request);
  };
}
