// Shared pieces of the benchmarks (scripts/bench.mjs and the scripts in scripts/bench/): build, start
// `wrangler dev` on a local state directory, sign up, connect the built-in NinjaOne simulator
// through the real OAuth flow, reset the simulator, run a sync to its end, and time page loads.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { localVars, quietWranglerEnv, varArgs } from "../local-vars.mjs";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** `npm run build`, exiting the process with its output when it fails. */
export function build() {
  const result = spawnSync("npm", ["run", "build"], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    process.exit(1);
  }
}

/**
 * Applies the migrations to `persist` (a fresh temporary directory unless given: a kept one is
 * reused, e.g. a synced fleet between development runs) and starts `wrangler dev` on it.
 * Returns { base, sim, persist, stop, waitReady, log() }; the process is stopped on exit.
 */
export async function startWrangler({ persist, vars = {}, logName = "core-bench-wrangler.log", beforeCleanUp, simulator = "inprocess" } = {}) {
  // simulator "separate": NinjaOne's stand-in runs in a `wrangler dev` (a workerd process) of its
  // own, as the real NinjaOne runs on its own servers, and the app's NINJAONE_BASE_URL points at
  // it. In process (the default, as `npm start` runs it), the simulator builds its pages on the
  // same workerd thread as the sync it answers, so its CPU is counted as the sync's.
  const sim = simulator === "separate" ? await launchWrangler({ vars: {}, logName: logName.replace(/(\.log)?$/, "-simulator.log"), ready: "/ninjaone-sim/_control/state" }) : null;
  const app = await launchWrangler({
    persist,
    // The app's own simulator is off then: its NinjaOne calls go over HTTP, as to the real one.
    vars: { ...(sim ? { NINJAONE_SIMULATOR: "off", NINJAONE_BASE_URL: `${sim.base}/ninjaone-sim` } : {}), ...vars },
    logName,
    beforeCleanUp,
    ready: "/login",
    port: Number(process.env.BENCH_PORT) || undefined,
  });
  const stop = () => {
    app.stop();
    sim?.stop();
  };
  const waitReady = async () => {
    await Promise.all([app.waitReady(), sim?.waitReady()]);
  };
  return { ...app, sim: `${(sim ?? app).base}/ninjaone-sim`, stop, waitReady, log: () => (sim ? `${sim.log().slice(-4000)}\n${app.log()}` : app.log()) };
}

/**
 * NODE_ENV for the bundles `wrangler dev` builds: "production" (what `wrangler deploy` ships), so
 * React and Remix run their production builds, as they do for users; wrangler's default outside
 * `deploy` is "development", whose extra checks and warnings take about half of a page's render.
 * BENCH_NODE_ENV=development (or NODE_ENV set for the process) measures the development build.
 */
const bundleNodeEnv = () => process.env.BENCH_NODE_ENV ?? (process.env.NODE_ENV || "production");

/**
 * One `wrangler dev` on local state (`persist`, or a temporary directory removed on exit) with the
 * migrations applied. Returns { base, persist, logFile, stop, waitReady, log() }.
 */
async function launchWrangler({ persist, vars, logName, beforeCleanUp, ready, port: fixedPort }) {
  const port = fixedPort || (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const temporary = !persist;
  const dir = persist ?? mkdtempSync(path.join(os.tmpdir(), "core-bench-"));
  const migrate = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", dir], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  const wrangler = spawn(
    "npx",
    ["wrangler", "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", dir, ...varArgs({ ...localVars(base), ...vars }), "--show-interactive-dev-session=false"],
    { stdio: ["ignore", "pipe", "pipe"], detached: true, env: { ...process.env, ...quietWranglerEnv, NODE_ENV: bundleNodeEnv() } },
  );
  let log = "";
  const logFile = path.join(os.tmpdir(), logName);
  writeFileSync(logFile, "");
  const keep = (d) => {
    log = (log + d).slice(-20_000);
    appendFileSync(logFile, d);
  };
  wrangler.stdout.on("data", keep);
  wrangler.stderr.on("data", keep);
  const stop = () => {
    try {
      process.kill(-wrangler.pid, "SIGTERM");
    } catch {}
  };
  process.on("exit", () => {
    stop();
    beforeCleanUp?.(dir); // e.g. the bench's --keep-db copy, before a temporary state is removed
    if (temporary) rmSync(dir, { recursive: true, force: true });
  });
  process.on("SIGINT", () => process.exit(130));
  process.on("SIGTERM", () => process.exit(143));
  const waitReady = async () => {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${base}${ready}`)).status === 200) return;
      } catch {}
      if (wrangler.exitCode !== null) break;
      await sleep(500);
    }
    throw new Error(`wrangler dev did not become ready:\n${log.slice(-4000)}`);
  };
  return { base, persist: dir, logFile, stop, waitReady, log: () => log };
}

/** A signed-in client of the app: `app(pathname, init)` sends the session cookie, never follows redirects. */
export function appClient(base, cookie = "") {
  const client = {
    cookie,
    async app(pathname, init = {}) {
      const headers = new Headers(init.headers);
      if (client.cookie) headers.set("Cookie", client.cookie);
      return fetch(`${base}${pathname}`, { ...init, headers, redirect: "manual" });
    },
  };
  return client;
}

export const form = (fields) => ({ method: "POST", body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields) });

/** The simulator's control API (reset, app registration, faults). */
export async function simControl(sim, method, pathname, body, attempt = 1) {
  let res;
  try {
    res = await fetch(`${sim}/_control${pathname}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // Once, on a loaded machine, workerd dropped the connection of a 100,000-device reset and
    // came back: the control calls are idempotent, so try again (never a measured call).
    if (attempt >= 4) throw error;
    console.log(`  simulator ${method} ${pathname}: ${error instanceof Error ? error.message : error}; trying again`);
    await sleep(3000);
    return simControl(sim, method, pathname, body, attempt + 1);
  }
  const json = await res.json();
  if (!res.ok) throw new Error(`simulator ${method} ${pathname}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export const BENCH_CLIENT = { clientId: "core-bench", clientSecret: "core-bench-secret" };
export const BENCH_PASSWORD = "a-very-good-password";

/** Signs up a new workspace and connects it to the simulator; returns the client (with its cookie). */
export async function setUpWorkspace({ base, sim }) {
  const client = appClient(base);
  const setup = await client.app(
    "/setup",
    form({ workspaceName: "Bench MSP", name: "Bench Owner", email: `bench-${Date.now()}@example.test`, password: BENCH_PASSWORD }),
  );
  if (setup.status !== 302) throw new Error(`setup answered ${setup.status}`);
  client.cookie = (setup.headers.get("Set-Cookie") ?? "").split(";")[0];
  const redirectUri = `${base}/api/integrations/ninja/callback`;
  await simControl(sim, "PUT", "/app", { ...BENCH_CLIENT, name: "Core (bench)", redirectUris: [redirectUri, redirectUri.replace("127.0.0.1", "localhost")] });
  const configure = await client.app("/settings/integrations/ninjaone/configure", form({ ...BENCH_CLIENT, region: "us" }));
  if (configure.status !== 302) throw new Error(`configure answered ${configure.status}`);
  const connect = await client.app("/settings/integrations/ninjaone", form({ intent: "connect" }));
  const authorize = new URL(connect.headers.get("Location") ?? "");
  const consent = await fetch(`${authorize.origin}${authorize.pathname}`, {
    method: "POST",
    body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), decision: "approve" }),
    redirect: "manual",
  });
  const callback = new URL(consent.headers.get("Location") ?? "");
  const done = await client.app(`${callback.pathname}${callback.search}`);
  if (done.status !== 302) throw new Error(`callback answered ${done.status}`);
  const state = await client.app("/settings/integrations/ninjaone/sync-status");
  if (state.status !== 200) throw new Error(`not signed in (sync-status ${state.status})`);
  return client;
}

/**
 * The latest run, as the Integrations page polls it. Under `wrangler dev` a request now and then
 * gets no answer at all (README, Decisions: the local queue stall), or its connection is reset; the
 * poll is idempotent, so one that has not answered in 20 s or whose connection dropped is asked
 * again rather than failing or hanging the bench.
 */
export async function latestRun(client) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await client.app("/settings/integrations/ninjaone/sync-status", { signal: AbortSignal.timeout(20_000) });
      if (res.status !== 200) throw new Error(`sync-status answered ${res.status}`);
      return (await res.json()).latest;
    } catch (error) {
      // A dropped connection ("fetch failed", ECONNRESET from wrangler's proxy) is asked again too.
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      const dropped = error instanceof TypeError && error.message === "fetch failed";
      if (attempt >= 5 || !(timedOut || dropped)) throw error;
      console.log(`  sync-status ${timedOut ? "did not answer in 20 s" : `failed (${error.cause?.code ?? error.message})`}; asking again`);
      if (dropped) await sleep(1000);
    }
  }
}

/** Sync Devices, then poll until the run has finished; the time is the run's own (queued → finished). */
export async function timedSync(client, { timeoutMs = 60 * 60 * 1000, onProgress, pollMs = 200 } = {}) {
  const before = await latestRun(client);
  // No answer in 60 s (see latestRun): the run was most likely queued; the polling below finds it.
  const res = await client.app("/settings/integrations/ninjaone/sync", { ...form({}), signal: AbortSignal.timeout(60_000) }).catch((error) => {
    if (error instanceof Error && error.name === "TimeoutError") return null;
    throw error;
  });
  if (res && res.status !== 302) throw new Error(`Sync Devices answered ${res.status}: ${await res.text()}`);
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  while (Date.now() < deadline) {
    const run = await latestRun(client);
    if (onProgress && run && Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      onProgress(run);
    }
    if (run && run.id !== before?.id && (run.status === "succeeded" || run.status === "failed")) {
      if (run.status === "failed") throw new Error(`sync failed: ${run.failureReason}`);
      return { ms: run.finishedAt - run.createdAt, run };
    }
    await sleep(pollMs);
  }
  throw new Error("sync did not finish in time");
}

/** The value at quantile q (0–1) of some timings, nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
