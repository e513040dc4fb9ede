#!/usr/bin/env node
// npm run bench: device sync speed through the real local queue and D1, then the read pages.
//
// Builds, starts `wrangler dev` on a fresh local state (temporary directory). For each measured
// case (fleet size × NinjaOne latency) it resets the simulator to that many devices with that much
// latency on every API request (the simulator's slowMs fault), creates a workspace connected to the
// simulator through the real OAuth flow, and times:
//   fetch-only  every NinjaOne request a sync has to make, parsed and discarded: the organization
//               lists together, the contact lists together, then the device pages one after
//               another (the floor any sync pays);
//   first sync  Sync Devices on the empty inventory, queued → finished (the run's own clock);
//   unchanged   a second sync over the unchanged fleet, which must write 0 rows.
// Between measurements the workspace's warranty phase is let finish with the latency off, so its
// work never runs inside a measurement. After the 100,000-device zero-latency case, the read pages
// are measured on that workspace by scripts/bench/reads.mjs (when present).
// Prints a table; the LAST line is one JSON object with every figure. Not part of `npm test`.
//
//   npm run bench                            # 10k and 100k at 0 ms, 10k at 500 ms, then the reads
//   npm run bench -- --sizes 10000           # only these sizes (at 0 ms unless --latency)
//   npm run bench -- --latency 500           # only this latency (at 10,000 unless --sizes)
//   npm run bench -- --sizes 10000 --latency 0,500 --no-reads
//   npm run bench -- --keep-db /tmp/bench.sqlite   # keep a copy of the local D1 database
//   npm run bench -- --simulator inprocess   # the simulator inside the app's workerd (default: its own)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BENCH_CLIENT as CLIENT, build, latestRun as latestRunOf, setUpWorkspace as setUp, simControl, sleep, startWrangler, timedSync as timedSyncOf } from "./bench/harness.mjs";

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const numbers = (text, min, max, what) => {
  const list = text.split(",").map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < min || n > max)) {
    console.error(`${what} takes comma-separated whole numbers from ${min} to ${max}`);
    process.exit(2);
  }
  return list;
};
const sizesArg = flag("--sizes");
const latencyArg = flag("--latency");
/** The measured cases, in order. Without flags: exactly what issue 14's targets need. */
const CASES =
  sizesArg === undefined && latencyArg === undefined
    ? [
        { devices: 10_000, latencyMs: 0 },
        { devices: 100_000, latencyMs: 0 },
        { devices: 10_000, latencyMs: 500 },
      ]
    : numbers(latencyArg ?? "0", 0, 30_000, "--latency").flatMap((latencyMs) =>
        numbers(sizesArg ?? (latencyArg === undefined ? "10000" : "10000"), 10, 100_000, "--sizes").map((devices) => ({ devices, latencyMs })),
      ).sort((a, b) => a.latencyMs - b.latencyMs);
const READS = !args.includes("--no-reads");
/** Keep a copy of the local D1 database (e.g. for scripts/bench/explain-assets.ts). */
const KEEP_DB = flag("--keep-db");
const PAGE_SIZE = 1000;
const PAGES_PER_MESSAGE = Number(process.env.BENCH_PAGES_PER_MESSAGE) || 20; // the Worker's default (workers/config.ts, wrangler.toml)
const RUN_TIMEOUT_MS = 60 * 60 * 1000;
const VERBOSE = args.includes("--verbose");
/**
 * Where NinjaOne's stand-in runs. "separate" (the default): a `wrangler dev` of its own, as the real
 * NinjaOne is another service: its page building never takes the sync's CPU. --simulator inprocess
 * measures it inside the app's workerd, as `npm start` runs it (every simulated page is then built
 * on the thread that writes the pages).
 */
const SIMULATOR = flag("--simulator") ?? "separate";
if (!["separate", "inprocess"].includes(SIMULATOR)) {
  console.error("--simulator takes separate or inprocess");
  process.exit(2);
}

const logName = `core-bench-wrangler-${process.pid}.log`;
console.log(`bench: building… (wrangler's log goes to ${path.join(os.tmpdir(), logName)})`);
build();

/** --keep-db: a copy of the local D1 database, taken on exit before the temporary state is removed. */
function keepDb(persist) {
  if (!KEEP_DB) return;
  const dir = path.join(persist, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite") : undefined;
  if (file) spawnSync("sqlite3", [path.join(dir, file), `.backup '${KEEP_DB}'`], { stdio: "inherit" });
}

const server = await startWrangler({
  vars: { SYNC_PAGE_SIZE: String(PAGE_SIZE), WARRANTY_PAUSE_SECONDS: "0", SYNC_PAGES_PER_MESSAGE: String(PAGES_PER_MESSAGE) },
  logName,
  beforeCleanUp: keepDb,
  simulator: SIMULATOR,
});
const { base, sim } = server;
const control = (method, pathname, body) => simControl(sim, method, pathname, body);

/** The signed-in client of the current case's workspace. */
let client;
const setUpWorkspace = async () => {
  client = await setUp({ base, sim });
};
const latestRun = () => latestRunOf(client);

/** Sync Devices, then poll until the run has finished; the time is the run's own (queued → finished). */
const timedSync = () =>
  timedSyncOf(client, {
    timeoutMs: RUN_TIMEOUT_MS,
    pollMs: 100,
    onProgress: VERBOSE ? (run) => console.log(`    ${run.status}/${run.phase}: ${run.progress.pagesDone} pages, ${run.progress.devicesDone} devices`) : undefined,
  });


/**
 * Let the latest run's warranty phase end (latency off meanwhile) so its per-device calls never
 * run inside the next measurement. The time spent here is not measured.
 */
async function settleWarranty(latencyMs) {
  if (latencyMs) await control("PATCH", "/faults", { slowMs: 0 });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const run = await latestRun();
    if (!run || run.status !== "succeeded" || run.phase === "done") break;
    if (Date.now() > deadline) throw new Error("the warranty phase did not end in 10 minutes");
    await sleep(250);
  }
  if (latencyMs) await control("PATCH", "/faults", { slowMs: latencyMs });
}

async function simToken() {
  const token = await fetch(`${sim}/ws/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, scope: "monitoring" }),
  }).then((r) => r.json());
  return token.access_token;
}

/**
 * Every NinjaOne request a sync makes, parsed and discarded, with the most overlap a sync can
 * have: the three organization lists together, the two contact lists together, the device pages
 * one after another (each needs the last id of the one before). Lists end on an empty page.
 */
async function timedFetchOnly() {
  const token = await simToken();
  const get = async (pathname) => {
    const res = await fetch(`${sim}/v2${pathname}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${pathname} answered ${res.status}`);
    return res.json();
  };
  const pagedList = async (pathname) => {
    let after = 0;
    for (;;) {
      const page = await get(`${pathname}?pageSize=${PAGE_SIZE}&after=${after}`);
      if (page.length === 0) return;
      after = Math.max(...page.map((r) => r.id));
    }
  };
  const started = performance.now();
  await Promise.all([pagedList("/organizations"), pagedList("/locations"), get("/roles")]);
  await Promise.all([get("/user/end-users"), get("/contacts")]);
  let after = 0;
  let devices = 0;
  for (;;) {
    const page = await get(`/devices-detailed?pageSize=${PAGE_SIZE}&after=${after}&expand=warranty`);
    if (page.length === 0) break;
    devices += page.length;
    after = Math.max(...page.map((d) => d.id));
  }
  return { ms: performance.now() - started, devices };
}

const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), "bench", "memory-probe.ts");

/**
 * A Workers isolate's memory limit. V8 sizes its collections to the heap limit: under Node's
 * default (gigabytes) garbage piles up between major collections and the peak says more about
 * Node's heuristics than about the message; with the isolate's limit it collects as workerd would.
 */
const ISOLATE_HEAP_LIMIT_MB = 128;

/**
 * Peak heap of one device-sync message's work, replayed under Node (scripts/bench/memory-probe.ts)
 * with the isolate's heap limit; also printed: the same replay under Node's default limit.
 */
function peakHeapMB(devices) {
  if (!existsSync(PROBE)) return null;
  const run = (flags) => {
    const probe = spawnSync(process.execPath, [...flags, "--expose-gc", "--import", "tsx", PROBE, sim, CLIENT.clientId, CLIENT.clientSecret, String(PAGE_SIZE), String(PAGES_PER_MESSAGE)], {
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
    if (probe.status !== 0) throw new Error(`memory probe failed (${devices}): ${probe.stderr.slice(-2000)}`);
    return JSON.parse(probe.stdout.trim().split("\n").at(-1));
  };
  const result = run([`--max-old-space-size=${ISOLATE_HEAP_LIMIT_MB}`]);
  const unbounded = run([]);
  console.log(
    `  memory probe: ${result.peakHeapMB} MB for the message (${result.absolutePeakHeapMB} MB with the ${result.baselineHeapMB} MB of loaded modules) ` +
      `under the isolate's ${ISOLATE_HEAP_LIMIT_MB} MB limit; ${unbounded.peakHeapMB} MB under Node's default limit (garbage not yet collected)`,
  );
  return result.peakHeapMB;
}

await server.waitReady();
const results = [];
let reads = [];
let readsNote = READS ? "skipped: no 100,000-device zero-latency case was measured" : "skipped: --no-reads";
for (const { devices, latencyMs } of CASES) {
  console.log(`bench: ${devices.toLocaleString("en-US")} devices at ${latencyMs} ms per NinjaOne request…`);
  await control("POST", "/reset", { size: devices });
  await control("PATCH", "/faults", { slowMs: latencyMs });
  // A workspace of its own per case: the first sync starts from an empty inventory.
  await setUpWorkspace();
  const fetchOnly = await timedFetchOnly();
  const first = await timedSync();
  await settleWarranty(latencyMs);
  const second = await timedSync();
  await settleWarranty(latencyMs);
  await control("PATCH", "/faults", { slowMs: 0 });
  const heap = peakHeapMB(devices);
  const row = {
    devices,
    latencyMs,
    fullS: +(first.ms / 1000).toFixed(2),
    fetchOnlyS: +(fetchOnly.ms / 1000).toFixed(2),
    ratio: +(first.ms / fetchOnly.ms).toFixed(3),
    unchangedS: +(second.ms / 1000).toFixed(2),
    unchangedRatio: +(second.ms / fetchOnly.ms).toFixed(3),
    rowsWrittenUnchanged: second.run.counters.rowsWritten,
    perDeviceMs: +(first.ms / devices).toFixed(4),
    peakHeapMB: heap,
    // Not in the JSON: checks and table-only figures.
    _first: first.run,
    _second: second.run,
    _fetched: fetchOnly.devices,
  };
  results.push(row);
  console.log(
    `  fetch-only ${row.fetchOnlyS} s, first sync ${row.fullS} s (${first.run.counters.devicesFound} devices, ${first.run.counters.assetsCreated} created, ` +
      `${first.run.counters.rowsWritten} rows), unchanged ${row.unchangedS} s (${row.rowsWrittenUnchanged} rows), peak heap ${heap} MB`,
  );
  if (READS && devices === 100_000 && latencyMs === 0) {
    const module = path.join(path.dirname(fileURLToPath(import.meta.url)), "bench", "reads.mjs");
    if (!existsSync(module)) {
      readsNote = "skipped: scripts/bench/reads.mjs is not there";
      console.log(`bench: reads ${readsNote}`);
    } else {
      console.log("bench: reads at 100,000 assets…");
      try {
        const { benchReads } = await import(pathToFileURL(module).href);
        reads = await benchReads({ base, cookie: client.cookie, log: (line) => console.log(`  ${line}`) });
        readsNote = "";
      } catch (error) {
        readsNote = `failed: ${error instanceof Error ? error.message : String(error)}`;
        console.error(`bench: reads ${readsNote}`);
      }
    }
  }
}

const header = ["devices", "latency ms", "fetch-only s", "first sync s", "ratio", "per device ms", "created", "rows written", "unchanged s", "ratio ", "unchanged rows", "peak heap MB"];
const table = results.map((r) => [
  r.devices.toLocaleString("en-US"),
  String(r.latencyMs),
  r.fetchOnlyS.toFixed(2),
  r.fullS.toFixed(2),
  r.ratio.toFixed(2) + "×",
  r.perDeviceMs.toFixed(3),
  r._first.counters.assetsCreated.toLocaleString("en-US"),
  r._first.counters.rowsWritten.toLocaleString("en-US"),
  r.unchangedS.toFixed(2),
  r.unchangedRatio.toFixed(2) + "×",
  r.rowsWrittenUnchanged.toLocaleString("en-US"),
  String(r.peakHeapMB),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => "| " + cells.map((c, i) => c.padStart(widths[i])).join(" | ") + " |";
console.log(`\nDevice sync bench (page size ${PAGE_SIZE}, wrangler dev, local D1 and Queues, ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? "?"})\n`);
console.log(line(header));
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
for (const r of table) console.log(line(r));
console.log("\nfirst sync / unchanged: run queued → finished (server clock). fetch-only: every NinjaOne request of a sync, fetched and parsed, nothing written.");
console.log("rows written: asset and asset-event rows (D1 `changes`); the unchanged run must write 0. peak heap: one device message's work under Node (README › Performance).");
const zero = (n) => results.find((r) => r.devices === n && r.latencyMs === 0);
if (zero(10_000) && zero(100_000)) console.log(`per-device cost 100k / 10k: ${(zero(100_000).perDeviceMs / zero(10_000).perDeviceMs).toFixed(2)}× (target ≤ 1.2×)`);
if (reads.length) {
  console.log("\nReads at 100,000 assets (scripts/bench/reads.mjs)\n");
  for (const r of reads) console.log(`  ${String(r.page).padEnd(40)} p50 ${Number(r.p50Ms).toFixed(1)} ms  p95 ${Number(r.p95Ms).toFixed(1)} ms`);
} else console.log(`\nreads ${readsNote}`);

const failures = results.filter((r) => r.rowsWrittenUnchanged !== 0 || r._first.counters.devicesFound !== r._fetched);
if (failures.length) console.error(`\nFAILED: ${failures.map((r) => `${r.devices}@${r.latencyMs}`).join(", ")}: the unchanged run wrote rows or the sync missed devices.`);
server.stop();
// The last line: every figure as one JSON object (for scripts comparing runs).
console.log(JSON.stringify({ results: results.map(({ _first, _second, _fetched, ...r }) => r), reads: reads.map(({ page, p50Ms, p95Ms }) => ({ page, p50Ms, p95Ms })) }));
process.exitCode = failures.length ? 1 : 0;
