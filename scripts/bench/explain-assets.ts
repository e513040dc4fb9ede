// EXPLAIN QUERY PLAN of the queries that read `assets` (issue 14's index diet): runs the Worker's
// own query functions against a recording D1 stub (no data: every query answers empty), then asks
// SQLite for each captured statement's plan against a real database file.
//
//   node --import tsx scripts/bench/explain-assets.ts <sqlite file> [workspace id]
//
// The file: a copy of a local D1 database (e.g. from the bench's --persist-to directory, taken with
// `sqlite3 <db> ".backup copy.sqlite"`). Prints each statement's label, SQL and plan; a plan line
// with "SCAN assets" (no index) or "USE TEMP B-TREE" on a large set is what to look at.
import { execFileSync } from "node:child_process";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../workers/db/schema";
import { countAndListAssets, listAssets } from "../../workers/db/assets";
import { loadAssetPage } from "../../workers/db/asset-page";
import { ASSET_SORTS } from "../../workers/domain/asset-rules";
import { assetReport, devicesByCompanyAll } from "../../workers/db/reports";
import { eolSummary, listEol } from "../../workers/db/eol";
import { customerAssets, customerCounts } from "../../workers/db/customers";
import { contactAssets } from "../../workers/db/contacts";
import { countAssets, assetIdsMatching } from "../../workers/db/device-assignment";
import { assetsById, assetsWithSerials, linkedAssetsInRange, runEventKinds } from "../../workers/sync/devices";
import { dueForWarranty } from "../../workers/sync/warranty";
import { EOL_SORTS } from "../../workers/domain/eol";

const [file, wsArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: explain-assets.ts <sqlite file> [workspace id]");
  process.exit(2);
}
const sqlite = (query: string) => execFileSync("sqlite3", [file, query], { encoding: "utf8" });
const ws = wsArg ?? sqlite("SELECT workspace_id FROM assets GROUP BY workspace_id ORDER BY count(*) DESC LIMIT 1").trim();
const some = (column: string) => sqlite(`SELECT ${column} FROM assets WHERE workspace_id = '${ws}' AND ${column} IS NOT NULL LIMIT 1`).trim();
const customerId = some("customer_id") || "none";
const contactId = some("contact_id") || "none";
const assetId = some("id");

let label = "";
const captured: Array<{ label: string; sql: string; params: unknown[] }> = [];
const statement = (sql: string, params: unknown[] = []) => ({
  bind: (...p: unknown[]) => statement(sql, p),
  async all() {
    captured.push({ label, sql, params });
    return { results: [], success: true, meta: {} };
  },
  async raw() {
    captured.push({ label, sql, params });
    return [];
  },
  async first() {
    captured.push({ label, sql, params });
    return null;
  },
  async run() {
    captured.push({ label, sql, params });
    return { results: [], success: true, meta: { changes: 0 } };
  },
});
const stub = {
  prepare: (sql: string) => statement(sql),
  // A batch's statements are captured like single ones (the asset page, the list's count and page).
  batch: async (statements: Array<ReturnType<typeof statement>>) => Promise.all(statements.map((s) => s.all())),
  exec: async () => ({}),
};
const db = drizzle(stub as unknown as D1Database, { schema });
const now = Date.now();
const run = async (name: string, fn: () => Promise<unknown>) => {
  label = name;
  try {
    await fn();
  } catch {
    // Empty answers make some functions give up half way: the statements sent so far are captured.
  }
};

for (const sort of ASSET_SORTS) await run(`assets list, sort ${sort}`, () => listAssets(db, ws, { filters: {}, sort, limit: 50, now }));
const filters = {
  customer: { customerId },
  contact: { contactId },
  category: { category: "Server" as const },
  status: { status: "in_use" as const },
  source: { source: "manual" as const },
  online: { online: "offline" as const },
  unassigned: { customerId: "unassigned" },
  search: { q: "PC" },
};
for (const [name, f] of Object.entries(filters)) {
  for (const sort of ["name", "-created", "-updated"] as const) await run(`assets list, ${name}, sort ${sort}`, () => countAndListAssets(db, ws, { filters: f, sort, limit: 50, now }));
}
await run("asset page", () => loadAssetPage(db, ws, assetId));
await run("reports", () => assetReport(db, ws, {}, now));
await run("reports, customer", () => assetReport(db, ws, { customerId }, now));
await run("reports, devices by company export", () => devicesByCompanyAll(db, ws, {}, now));
await run("EOL summary", () => eolSummary(db, ws, {}, now));
for (const sort of EOL_SORTS) await run(`EOL page, sort ${sort}`, () => listEol(db, ws, { filters: {}, sort, limit: 50, now }));
await run("customer page assets", () => customerAssets(db, ws, customerId, 20));
await run("customer list counts", () => customerCounts(db, ws, [customerId]));
await run("contact page assets", () => contactAssets(db, ws, contactId));
await run("assign devices count", () => countAssets(db, ws, { customerId }, now));
await run("assign devices ids", () => assetIdsMatching(db, ws, { customerId }, 500, now));
await run("sync: linked assets of a page (light)", () => linkedAssetsInRange(db, ws, 1000, 2000));
await run("sync: full rows of changed assets", () => assetsById(db, ws, [assetId]));
await run("sync: serial candidates", () => assetsWithSerials(db, ws, ["ABC123"]));
await run("sync: run's events of redone assets", () => runEventKinds(db, ws, "run", [assetId]));
await run("warranty: due devices", () => dueForWarranty(db, ws, now, 10));

const literal = (v: unknown) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : typeof v === "boolean" ? (v ? "1" : "0") : `'${String(v).replace(/'/g, "''")}'`);
const seen = new Set<string>();
for (const { label: name, sql, params } of captured) {
  if (!/\bassets\b/.test(sql) || seen.has(sql)) continue;
  seen.add(sql);
  let i = 0;
  const bound = sql.replace(/\?/g, () => literal(params[i++]));
  console.log(`\n### ${name}\n${sql.length > 400 ? sql.slice(0, 400) + " …" : sql}`);
  try {
    console.log(sqlite(`EXPLAIN QUERY PLAN ${bound}`).trim());
  } catch (error) {
    console.log(`(plan failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  }
}
