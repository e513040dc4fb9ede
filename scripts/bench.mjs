#!/usr/bin/env node
// npm run bench: device sync speed through the real local queue and D1.
//
// Builds, starts `wrangler dev` on a fresh local state (temporary directory), creates a workspace
// and connects it to the built-in NinjaOne simulator through the real OAuth flow, then for each
// fleet size: resets the simulator to that many devices, times a full sync (Sync Devices, then
// polling the run until it has finished), times fetching the same fleet page by page and
// discarding it (the floor any sync has to pay), and times a second sync over the unchanged fleet,
// which must write 0 rows. Then, on that workspace, times the EOL Recommendations: the page
// (first page of the recommendations, the summary cards and the 8-quarter chart), a filtered and
// reverse-sorted page, the next page by cursor, and the whole CSV export streamed. Prints a table;
// the last line is one JSON object with every figure. Not part of `npm test`.
//
//   npm run bench                      # 1,000 / 10,000 / 100,000 devices
//   npm run bench -- --sizes 1000,5000 # other sizes
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { localVars, quietWranglerEnv, varArgs } from "./local-vars.mjs";

const args = process.argv.slice(2);
const sizesArg = args.includes("--sizes") ? args[args.indexOf("--sizes") + 1] : "1000,10000,100000";
const SIZES = sizesArg.split(",").map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n >= 10 && n <= 100_000);
if (SIZES.length === 0) {
  console.error("--sizes takes comma-separated fleet sizes from 10 to 100000");
  process.exit(2);
}
const PAGE_SIZE = 1000;
const RUN_TIMEOUT_MS = 60 * 60 * 1000;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms) => (ms / 1000).toFixed(2);

console.log("bench: building… (wrangler's log goes to " + path.join(os.tmpdir(), "core-bench-wrangler.log") + ")");
const build = spawnSync("npm", ["run", "build"], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
if (build.status !== 0) {
  console.error(build.stdout, build.stderr);
  process.exit(1);
}

const port = Number(process.env.BENCH_PORT) || (await freePort());
const base = `http://127.0.0.1:${port}`;
const sim = `${base}/ninjaone-sim`;
const persist = mkdtempSync(path.join(os.tmpdir(), "core-bench-"));

const migrate = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
  stdio: ["ignore", "pipe", "pipe"],
  encoding: "utf8",
});
if (migrate.status !== 0) {
  console.error(migrate.stdout, migrate.stderr);
  process.exit(1);
}

const wrangler = spawn(
  "npx",
  [
    "wrangler", "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persist,
    ...varArgs({ ...localVars(base), SYNC_PAGE_SIZE: String(PAGE_SIZE) }), "--show-interactive-dev-session=false",
  ],
  { stdio: ["ignore", "pipe", "pipe"], detached: true, env: { ...process.env, ...quietWranglerEnv } },
);
let log = "";
const logFile = path.join(os.tmpdir(), "core-bench-wrangler.log");
writeFileSync(logFile, "");
const keep = (d) => {
  log = (log + d).slice(-20_000);
  appendFileSync(logFile, d);
};
wrangler.stdout.on("data", keep);
wrangler.stderr.on("data", keep);
function stop() {
  try {
    process.kill(-wrangler.pid, "SIGTERM");
  } catch {}
}
process.on("exit", () => {
  stop();
  rmSync(persist, { recursive: true, force: true });
});
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

async function waitReady() {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/login`)).status === 200) return;
    } catch {}
    if (wrangler.exitCode !== null) break;
    await sleep(500);
  }
  throw new Error(`wrangler dev did not become ready:\n${log.slice(-4000)}`);
}

let cookie = "";
async function app(pathname, init = {}) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  return fetch(`${base}${pathname}`, { ...init, headers, redirect: "manual" });
}
const form = (fields) => ({ method: "POST", body: new URLSearchParams(fields) });

async function control(method, pathname, body) {
  const res = await fetch(`${sim}/_control${pathname}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`simulator ${method} ${pathname}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const CLIENT = { clientId: "core-bench", clientSecret: "core-bench-secret" };

async function setUpWorkspace() {
  const setup = await app("/setup", form({ workspaceName: "Bench MSP", name: "Bench Owner", email: `bench-${Date.now()}@example.test`, password: "a-very-good-password" }));
  if (setup.status !== 302) throw new Error(`setup answered ${setup.status}`);
  cookie = (setup.headers.get("Set-Cookie") ?? "").split(";")[0];
  const redirectUri = `${base}/api/integrations/ninja/callback`;
  await control("PUT", "/app", { ...CLIENT, name: "Core (bench)", redirectUris: [redirectUri, redirectUri.replace("127.0.0.1", "localhost")] });
  const configure = await app("/settings/integrations/ninjaone/configure", form({ ...CLIENT, region: "us" }));
  if (configure.status !== 302) throw new Error(`configure answered ${configure.status}`);
  const connect = await app("/settings/integrations/ninjaone", form({ intent: "connect" }));
  const authorize = new URL(connect.headers.get("Location") ?? "");
  const consent = await fetch(`${authorize.origin}${authorize.pathname}`, {
    method: "POST",
    body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), decision: "approve" }),
    redirect: "manual",
  });
  const callback = new URL(consent.headers.get("Location") ?? "");
  const done = await app(`${callback.pathname}${callback.search}`);
  if (done.status !== 302) throw new Error(`callback answered ${done.status}`);
  const state = await app("/settings/integrations/ninjaone/sync-status");
  if (state.status !== 200) throw new Error(`not signed in (sync-status ${state.status})`);
}

async function latestRun() {
  const res = await app("/settings/integrations/ninjaone/sync-status");
  if (res.status !== 200) throw new Error(`sync-status answered ${res.status}`);
  return (await res.json()).latest;
}

const VERBOSE = args.includes("--verbose");

/** Sync Devices, then poll until the run has finished; the time is the run's own (queued → finished). */
async function timedSync() {
  const before = await latestRun();
  const res = await app("/settings/integrations/ninjaone/sync", form({}));
  if (res.status !== 302) throw new Error(`Sync Devices answered ${res.status}: ${await res.text()}`);
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let lastReport = Date.now();
  while (Date.now() < deadline) {
    const asked = Date.now();
    const run = await latestRun();
    if (VERBOSE && Date.now() - lastReport > 10_000 && run) {
      lastReport = Date.now();
      console.log(`    ${run.status}/${run.phase}: ${run.progress.pagesDone} pages, ${run.progress.devicesDone} devices (status answered in ${Date.now() - asked} ms)`);
    }
    if (run && run.id !== before?.id && (run.status === "succeeded" || run.status === "failed")) {
      if (run.status === "failed") throw new Error(`sync failed: ${run.failureReason}`);
      return { ms: run.finishedAt - run.createdAt, run };
    }
    await sleep(200);
  }
  throw new Error("sync did not finish in time");
}

/** Page through the same fleet with the same page size and expansion, parse it, discard it. */
async function timedFetchOnly() {
  const token = await fetch(`${sim}/ws/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, scope: "monitoring" }),
  }).then((r) => r.json());
  const started = performance.now();
  let after = 0;
  let devices = 0;
  for (;;) {
    const res = await fetch(`${sim}/v2/devices-detailed?pageSize=${PAGE_SIZE}&after=${after}&expand=warranty`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    if (!res.ok) throw new Error(`devices-detailed answered ${res.status}`);
    const page = await res.json();
    devices += page.length;
    if (page.length < PAGE_SIZE) break;
    after = Math.max(...page.map((d) => d.id));
  }
  return { ms: performance.now() - started, devices };
}

/** GET a page of the app as the bench user; the time includes the full body. */
async function timedGet(pathname) {
  const started = performance.now();
  const res = await app(pathname);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${pathname} answered ${res.status}: ${body.slice(0, 300)}`);
  return { ms: performance.now() - started, body };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The EOL Recommendations on the synced fleet: page loads (median of 3) and the full CSV. */
async function timedReads() {
  const times = async (pathname) => {
    const runs = [];
    let body = "";
    for (let i = 0; i < 3; i++) ({ ms: runs[i], body } = await timedGet(pathname));
    return { ms: median(runs), body };
  };
  const page = await times("/assets/eol");
  const next = /href="[^"?]*\?([^"]*cursor=[^"]*)"[^>]*>Next page/.exec(page.body);
  const nextPage = next ? await times(`/assets/eol?${next[1].replace(/&amp;/g, "&")}`) : null;
  const filtered = await times("/assets/eol?classification=overdue&sort=-due&online=offline");
  const csv = await timedGet("/exports/eol.csv");
  const csvRows = csv.body.trim().split("\r\n").length - 1;
  // Assets in service (retired and inactive ones are left out): the four summary cards' sum.
  const inService = [...page.body.matchAll(/data-testid="eol-count-\w+"[\s\S]*?<dd[^>]*>([\d,]+)<\/dd>/g)].reduce((t, m) => t + Number(m[1].replace(/,/g, "")), 0);
  return { eolPageMs: page.ms, eolNextPageMs: nextPage?.ms ?? null, eolFilteredMs: filtered.ms, eolCsvMs: csv.ms, eolCsvRows: csvRows, eolInService: inService };
}

await waitReady();
const rows = [];
for (const size of SIZES) {
  console.log(`bench: ${size.toLocaleString("en-US")} devices…`);
  await control("POST", "/reset", { size });
  // A workspace of its own per size: the first sync starts from an empty inventory.
  cookie = "";
  await setUpWorkspace();
  const first = await timedSync();
  const fetchOnly = await timedFetchOnly();
  const second = await timedSync();
  const reads = await timedReads();
  rows.push({ size, first, fetchOnly, second, reads });
  console.log(
    `  sync ${seconds(first.ms)} s (${first.run.counters.devicesFound} devices, ${first.run.counters.assetsCreated} created, ` +
      `${first.run.counters.rowsWritten} rows), fetch-only ${seconds(fetchOnly.ms)} s, unchanged run ${seconds(second.ms)} s (${second.run.counters.rowsWritten} rows)`,
  );
}

const header = ["devices", "sync s", "fetch-only s", "ratio", "pages", "created", "updated", "inactive", "rows written", "2nd run s", "2nd unchanged", "2nd rows written"];
const table = rows.map(({ size, first, fetchOnly, second }) => [
  size.toLocaleString("en-US"),
  seconds(first.ms),
  seconds(fetchOnly.ms),
  (first.ms / fetchOnly.ms).toFixed(1) + "×",
  String(first.run.progress.pagesDone),
  first.run.counters.assetsCreated.toLocaleString("en-US"),
  first.run.counters.assetsUpdated.toLocaleString("en-US"),
  first.run.counters.assetsInactivated.toLocaleString("en-US"),
  first.run.counters.rowsWritten.toLocaleString("en-US"),
  seconds(second.ms),
  second.run.counters.assetsUnchanged.toLocaleString("en-US"),
  second.run.counters.rowsWritten.toLocaleString("en-US"),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => "| " + cells.map((c, i) => c.padStart(widths[i])).join(" | ") + " |";
console.log(`\nDevice sync bench (page size ${PAGE_SIZE}, wrangler dev, local D1 and Queues, ${os.cpus().length} CPUs)\n`);
console.log(line(header));
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
for (const r of table) console.log(line(r));
console.log("\nsync s: run queued → finished (server clock). fetch-only: the same pages fetched and parsed from the simulator, nothing written.");
console.log("rows written: asset and asset-event rows (D1 `changes`); the unchanged run must write 0.");

const readHeader = ["devices", "EOL page ms", "next page ms", "filtered ms", "CSV s", "CSV rows", "in service"];
const readTable = rows.map(({ size, reads }) => [
  size.toLocaleString("en-US"),
  reads.eolPageMs.toFixed(0),
  reads.eolNextPageMs === null ? "-" : reads.eolNextPageMs.toFixed(0),
  reads.eolFilteredMs.toFixed(0),
  seconds(reads.eolCsvMs),
  reads.eolCsvRows.toLocaleString("en-US"),
  reads.eolInService.toLocaleString("en-US"),
]);
const readWidths = readHeader.map((h, i) => Math.max(h.length, ...readTable.map((r) => r[i].length)));
const readLine = (cells) => "| " + cells.map((c, i) => c.padStart(readWidths[i])).join(" | ") + " |";
console.log(`\nEOL Recommendations reads (median of 3 page loads over HTTP, server-rendered; CSV: the whole export streamed)\n`);
console.log(readLine(readHeader));
console.log("|" + readWidths.map((w) => "-".repeat(w + 2)).join("|") + "|");
for (const r of readTable) console.log(readLine(r));

const failures = rows.filter(
  (r) => r.second.run.counters.rowsWritten !== 0 || r.first.run.counters.devicesFound !== r.fetchOnly.devices || r.reads.eolCsvRows !== r.reads.eolInService,
);
if (failures.length) {
  console.error(`\nFAILED: ${failures.map((r) => r.size).join(", ")}: the unchanged run wrote rows, the sync missed devices, or the EOL CSV missed rows.`);
  process.exit(1);
}
// The last line: every figure as one JSON object (for scripts comparing runs).
console.log(
  JSON.stringify({
    sync: rows.map(({ size, first, fetchOnly, second }) => ({
      devices: size,
      syncMs: Math.round(first.ms),
      fetchOnlyMs: Math.round(fetchOnly.ms),
      rowsWritten: first.run.counters.rowsWritten,
      unchangedRunMs: Math.round(second.ms),
      unchangedRowsWritten: second.run.counters.rowsWritten,
    })),
    reads: rows.map(({ size, reads }) => ({
      devices: size,
      eolPageMs: Math.round(reads.eolPageMs),
      eolNextPageMs: reads.eolNextPageMs === null ? null : Math.round(reads.eolNextPageMs),
      eolFilteredMs: Math.round(reads.eolFilteredMs),
      eolCsvMs: Math.round(reads.eolCsvMs),
      eolCsvRows: reads.eolCsvRows,
      eolInService: reads.eolInService,
    })),
  }),
);
stop();
