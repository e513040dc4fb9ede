#!/usr/bin/env node
// Development driver of the reads benchmark: builds, starts `wrangler dev` on a fresh local state,
// signs up, connects the built-in NinjaOne simulator through OAuth, resets it to 100,000 devices,
// syncs them, then runs benchReads (scripts/bench/reads.mjs) and prints its figures.
//
//   node scripts/bench/reads-dev.mjs                       # fresh state, 100,000 devices
//   node scripts/bench/reads-dev.mjs --devices 10000       # a smaller fleet
//   node scripts/bench/reads-dev.mjs --state /tmp/reads    # keep the synced state there; a later run
//                                                          # with the same --state skips sign-up, sync and
//                                                          # customers (new migrations are applied to it)
//   node scripts/bench/reads-dev.mjs --only 'assets'       # only the page variants matching a regex
//   node scripts/bench/reads-dev.mjs --no-build            # reuse build/
//   --login <email>: a kept state whose marker was lost (signs in as its bench user);
//   --existing-customers N: a kept state that has N customers already (building stopped half-way);
//   --plain-customers: make the missing customers without mapping organizations to them
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_PASSWORD, build, setUpWorkspace, simControl, startWrangler, timedSync } from "./harness.mjs";
import { benchReads } from "./reads.mjs";

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const devices = Number(flag("--devices") ?? 100_000);
const stateDir = flag("--state");
const only = flag("--only") ? new RegExp(flag("--only")) : undefined;

if (!args.includes("--no-build")) {
  console.log("reads-dev: building…");
  build();
}
if (stateDir) mkdirSync(stateDir, { recursive: true });
const marker = stateDir ? path.join(stateDir, "reads-dev.json") : null;
const kept = marker && existsSync(marker) ? JSON.parse(readFileSync(marker, "utf8")) : null;

const server = await startWrangler({ persist: stateDir, vars: { SYNC_PAGE_SIZE: "1000" }, logName: "core-reads-dev-wrangler.log" });
console.log(`reads-dev: wrangler dev on ${server.base} (log: ${path.join(os.tmpdir(), "core-reads-dev-wrangler.log")})`);
await server.waitReady();

let cookie;
if (!kept && flag("--login")) {
  // A state whose marker was lost: sign in as its bench user (the password setUpWorkspace uses).
  const res = await fetch(`${server.base}/login`, { method: "POST", body: new URLSearchParams({ email: flag("--login"), password: BENCH_PASSWORD }), redirect: "manual" });
  cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`sign-in answered ${res.status}`);
  if (marker) writeFileSync(marker, JSON.stringify({ cookie, devices, customers: false }));
} else if (kept) {
  cookie = kept.cookie;
  console.log(`reads-dev: reusing the synced workspace in ${stateDir} (${kept.devices.toLocaleString("en-US")} devices)`);
} else {
  await simControl(server.sim, "POST", "/reset", { size: devices });
  const client = await setUpWorkspace(server);
  cookie = client.cookie;
  console.log(`reads-dev: syncing ${devices.toLocaleString("en-US")} devices…`);
  const sync = await timedSync(client, { onProgress: (run) => console.log(`  ${run.status}/${run.phase}: ${run.progress.devicesDone} devices`) });
  console.log(`reads-dev: synced in ${(sync.ms / 1000).toFixed(1)} s (${sync.run.counters.assetsCreated} created)`);
  if (marker) writeFileSync(marker, JSON.stringify({ cookie, devices, customers: false }));
}

// A kept state has its customers once a run got past building them.
const results = await benchReads({ base: server.base, cookie, customers: kept?.customers ? 0 : 4000, existingCustomers: Number(flag("--existing-customers") ?? 0), mapOrganizations: !args.includes("--plain-customers"), only, onCustomersBuilt: () => marker && writeFileSync(marker, JSON.stringify({ cookie, devices, customers: true })) });
const slow = results.filter((r) => r.p95Ms > 50);
console.log(`\n${results.length} page variants; ${slow.length} over 50 ms p95${slow.length ? `: ${slow.map((r) => r.page).join(", ")}` : ""}`);
console.log(JSON.stringify({ reads: results.map(({ page, p50Ms, p95Ms }) => ({ page, p50Ms, p95Ms })) }));
server.stop();
process.exit(0);
