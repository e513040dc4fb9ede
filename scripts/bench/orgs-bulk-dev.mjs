#!/usr/bin/env node
// "Create customers for all unmatched organizations" at scale, under `wrangler dev`: builds, starts
// `wrangler dev` on a fresh local state, signs up, connects the simulator, resets it to a fleet of
// `--devices` devices over `--orgs` organizations, syncs it, then times the preview page (GET) and
// the create (every POST until nothing is left), and checks that every organization got a customer.
//
//   node scripts/bench/orgs-bulk-dev.mjs                          # 10,000 devices over 4,000 organizations
//   node scripts/bench/orgs-bulk-dev.mjs --devices 100000         # the reads bench's fleet (4,000 organizations)
//   node scripts/bench/orgs-bulk-dev.mjs --orgs 10000 --no-build
import { build, setUpWorkspace, simControl, startWrangler, timedSync } from "./harness.mjs";
import { createCustomersForAllOrganizations, CREATE_CUSTOMERS } from "./reads.mjs";

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const devices = Number(flag("--devices") ?? 10_000);
const organizations = Number(flag("--orgs") ?? 4_000);

if (!args.includes("--no-build")) {
  console.log("orgs-bulk: building…");
  build();
}
const server = await startWrangler({ vars: { SYNC_PAGE_SIZE: "1000" }, logName: "core-orgs-bulk-wrangler.log" });
await server.waitReady();
await simControl(server.sim, "POST", "/reset", { size: devices, organizations });
const client = await setUpWorkspace(server);
console.log(`orgs-bulk: syncing ${devices.toLocaleString("en-US")} devices over ${organizations.toLocaleString("en-US")} organizations…`);
const sync = await timedSync(client);
console.log(`orgs-bulk: synced in ${(sync.ms / 1000).toFixed(1)} s`);

// The preview, three times (the first warms the Worker up).
const previews = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const res = await client.app(CREATE_CUSTOMERS);
  const html = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`preview answered ${res.status}: ${html.slice(0, 300)}`);
  previews.push({ ms, kb: Buffer.byteLength(html) / 1024 });
}
const preview = previews.slice(1).reduce((a, b) => (a.ms > b.ms ? a : b));
console.log(`orgs-bulk: preview ${(preview.ms / 1000).toFixed(2)} s (slowest of 2 warm loads), ${preview.kb.toFixed(0)} KB`);

const started = performance.now();
const made = await createCustomersForAllOrganizations(client, { log: (line) => console.log(line) });
const createS = (performance.now() - started) / 1000;
console.log(`orgs-bulk: create ${createS.toFixed(2)} s: ${made.mapped.toLocaleString("en-US")} organizations, ${made.created.toLocaleString("en-US")} customers, ${made.moved.toLocaleString("en-US")} devices moved, ${made.posts} posts`);

// What is left: the mapping page's counts.
const page = await (await client.app("/settings/integrations/ninjaone/mappings")).text();
const count = (id) => Number((new RegExp(`data-testid="count-${id}"[^>]*>([\\d,]+)<`).exec(page)?.[1] ?? "NaN").replace(/,/g, ""));
console.log(`orgs-bulk: mapped ${count("mapped")}, auto ${count("auto")}, unmatched ${count("unmatched")}`);
console.log(JSON.stringify({ devices, organizations, previewS: Number((preview.ms / 1000).toFixed(2)), previewKB: Math.round(preview.kb), createS: Number(createS.toFixed(2)), posts: made.posts, mapped: count("mapped"), unmatched: count("unmatched") }));
server.stop();
process.exit(0);
