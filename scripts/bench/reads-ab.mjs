#!/usr/bin/env node
// Before/after of the reads benchmark on a busy machine: two `wrangler dev`s side by side, one
// request to each in turn (the order alternating), so load from other work hits both alike. A
// plain reads-dev.mjs run moves by 30-50 % between runs when the 2 cores are shared.
//
//   node scripts/bench/reads-ab.mjs --before-dir /tmp/core-before --before-state /tmp/reads-before \
//        --after-state /tmp/reads-state [--runs 20] [--only 'assets']
//
// --before-dir: a built checkout of the code before (e.g. `git archive <commit> | tar -x -C dir`,
//   node_modules linked, `npm run build` there). --before-state / --after-state: two copies of a
//   state kept by `reads-dev.mjs --state` (its reads-dev.json gives the session cookie; the copy
//   for "before" must not hold migrations the old code lacks: drop them from it first). This
//   checkout (built) serves "after". Prints p50 / p95 server time (Server-Timing) per variant and,
//   last, one JSON line.
// --before-node-env / --after-node-env VALUE: NODE_ENV for that side's `wrangler dev`, which bundles
//   React and Remix by it ("development" unless set; `wrangler deploy` uses "production"). With the
//   same code on both sides this measures what the development builds add.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { quantile, startWrangler } from "./harness.mjs";
import { readVariants } from "./reads.mjs";

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const beforeDir = flag("--before-dir");
const beforeState = flag("--before-state");
const afterState = flag("--after-state");
if (!beforeDir || !beforeState || !afterState) {
  console.error("usage: reads-ab.mjs --before-dir DIR --before-state DIR --after-state DIR [--runs N] [--only REGEX]");
  process.exit(2);
}
const runs = Number(flag("--runs") ?? 20);
const only = flag("--only") ? new RegExp(flag("--only")) : null;
const { cookie } = JSON.parse(readFileSync(path.join(afterState, "reads-dev.json"), "utf8"));
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// startWrangler runs wrangler in the current directory: the old checkout for "before".
// startWrangler passes this process's environment to wrangler: set NODE_ENV per side.
const setNodeEnv = (value) => {
  if (value) process.env.NODE_ENV = value;
  else delete process.env.NODE_ENV;
};
const initialNodeEnv = process.env.NODE_ENV;
setNodeEnv(flag("--before-node-env") ?? initialNodeEnv);
process.chdir(beforeDir);
const before = await startWrangler({ persist: beforeState, vars: { SYNC_PAGE_SIZE: "1000" }, logName: "core-reads-ab-before.log" });
process.chdir(here);
setNodeEnv(flag("--after-node-env") ?? initialNodeEnv);
const after = await startWrangler({ persist: afterState, vars: { SYNC_PAGE_SIZE: "1000" }, logName: "core-reads-ab-after.log" });
await Promise.all([before.waitReady(), after.waitReady()]);

const get = async (base, pathname) => {
  const res = await fetch(`${base}${pathname}`, { headers: { Cookie: cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${base}${pathname} answered ${res.status}: ${body.slice(0, 300)}`);
  const timing = res.headers.get("Server-Timing") ?? "";
  return { ms: Number(/\bapp;dur=([\d.]+)/.exec(timing)?.[1]), renderMs: Number(/\brender;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN), body };
};

const results = [];
for (const [page, pathname] of await readVariants((p) => get(after.base, p))) {
  if (only && !only.test(page)) continue;
  for (let i = 0; i < 2; i++) {
    await get(before.base, pathname);
    await get(after.base, pathname);
  }
  const a = [];
  const b = [];
  const ra = [];
  const rb = [];
  const take = (times, renders, r) => {
    times.push(r.ms);
    if (!Number.isNaN(r.renderMs)) renders.push(r.renderMs);
  };
  for (let i = 0; i < runs; i++) {
    if (i % 2) {
      take(a, ra, await get(before.base, pathname));
      take(b, rb, await get(after.base, pathname));
    } else {
      take(b, rb, await get(after.base, pathname));
      take(a, ra, await get(before.base, pathname));
    }
  }
  const row = { page, beforeP50: Math.round(quantile(a, 0.5)), beforeP95: Math.round(quantile(a, 0.95)), afterP50: Math.round(quantile(b, 0.5)), afterP95: Math.round(quantile(b, 0.95)) };
  results.push(row);
  // The render part (`Server-Timing: render;dur=`, app/entry.server.tsx) when both sides send it.
  const renders = ra.length && rb.length ? `   render p50 ${Math.round(quantile(ra, 0.5))} → ${Math.round(quantile(rb, 0.5))} ms` : "";
  console.log(`  ${page.padEnd(40)} before ${String(row.beforeP50).padStart(5)} / ${String(row.beforeP95).padStart(5)} ms   after ${String(row.afterP50).padStart(5)} / ${String(row.afterP95).padStart(5)} ms${renders}`);
}
console.log(JSON.stringify({ ab: results }));
before.stop();
after.stop();
process.exit(0);
