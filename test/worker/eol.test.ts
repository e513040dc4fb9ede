import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eolScreen, eolSummary, explainEol, listEol, type EolCursor, type EolFilters } from "@workers/db/eol";
import { schema } from "@workers/db/client";
import { eq } from "drizzle-orm";
import { GLOBAL_SCOPE, loadPolicyBook, policiesOf, savePolicies } from "@workers/db/replacement-policies";
import { addMonthsDay, assessDevice } from "@workers/domain/eol";
import { deviceAge, isoDay } from "@workers/domain/lifecycle";
import { addAssets, addCustomer, assetRow, ninjaAssetRow, type AssetRow } from "./asset-fixtures";
import { db, makeWorkspace, recordingD1 } from "./helpers";

let NOW = Date.parse("2026-06-15T12:00:00Z");
const DAY = 86_400_000;
const actor = { id: "user:test", name: "Test" };

async function allRows(workspaceId: string, filters: EolFilters = {}, sort: "due" | "-due" = "due", limit = 7) {
  const rows = [];
  let after: EolCursor | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listEol(db(), workspaceId, { filters, sort, limit, after, now: NOW });
    rows.push(...page.rows);
    if (!page.next) break;
    after = page.next;
  }
  return rows;
}

describe("EOL recommendations in SQL agree with the domain", () => {
  it.each(["2026-06-15", "2026-02-28", "2028-02-29", "2026-03-31"])("on %s classifies, filters and pages every device exactly as assessDevice does, with customer overrides", async (today) => {
    NOW = Date.parse(`${today}T12:00:00Z`);
    const { workspaceId } = await makeWorkspace("observer");
    const acme = await addCustomer(workspaceId, "Acme");
    const globex = await addCustomer(workspaceId, "Globex");
    await savePolicies(db(), workspaceId, acme, [{ category: "Workstation", policy: { maxAgeMonths: 24, warningMonths: 12, replacementCostCents: 90_000 } }], actor, NOW);
    await savePolicies(db(), workspaceId, GLOBAL_SCOPE, [{ category: "Server", policy: { maxAgeMonths: 72, warningMonths: 60, replacementCostCents: 500_000 } }], actor, NOW);
    const rows: AssetRow[] = [];
    const customersCycle = [acme, globex, null];
    const categories = ["Workstation", "Server", "Mac", "Mobile Device"] as const;
    // Basis days around every threshold: 12, 24, 36, 42, 48, 54, 60, 66, 72 months back, ±1 day, in all three basis kinds.
    let i = 0;
    for (const months of [12, 24, 30, 36, 42, 48, 54, 60, 66, 72]) {
      for (const delta of [-1, 0, 1]) {
        const d = new Date(Date.parse(`${addMonthsDay(today, -months)}T00:00:00Z`) + delta * DAY);
        const day = d.toISOString().slice(0, 10);
        const kind = i % 3;
        rows.push(
          ninjaAssetRow(workspaceId, {
            name: `D${String(i).padStart(3, "0")}`,
            customerId: customersCycle[i % 3],
            category: categories[i % 4],
            ninjaOffline: i % 2 === 0,
            purchaseDate: kind === 0 ? day : null,
            warrantyStart: kind === 1 ? day : null,
            ninjaCreatedAt: kind === 2 ? d.getTime() + 13 * 3_600_000 : NOW - DAY,
          }),
        );
        i++;
      }
    }
    rows.push(ninjaAssetRow(workspaceId, { name: "NO-AGE", ninjaCreatedAt: null, customerId: acme }));
    rows.push(assetRow(workspaceId, { name: "RETIRED", status: "retired", purchaseDate: "2010-01-01" }));
    rows.push(assetRow(workspaceId, { name: "INACTIVE", status: "inactive", purchaseDate: "2010-01-01" }));
    await addAssets(rows);

    const book = await loadPolicyBook(db(), workspaceId);
    const expected = new Map<string, string>();
    for (const r of rows) {
      if (r.status === "retired" || r.status === "inactive") continue;
      const policy = policiesOf(book, r.customerId ?? null).find((p) => p.category === r.category)!;
      const age = deviceAge({ purchaseDate: r.purchaseDate ?? null, warrantyStart: r.warrantyStart ?? null, ninjaCreatedAt: r.ninjaCreatedAt ?? null }, NOW);
      expected.set(r.id, assessDevice(age?.since ?? null, policy, isoDay(NOW)).classification);
    }

    const all = await allRows(workspaceId);
    expect(all.map((r) => r.assetId).sort()).toEqual([...expected.keys()].sort());
    for (const r of all) expect(r.assessment.classification, r.name).toBe(expected.get(r.assetId));
    // Sorted by due date, unknown ages last; the reverse sort is the same set.
    const dues = all.map((r) => r.assessment.dueDate ?? "9999");
    expect(dues).toEqual([...dues].sort());
    expect(all[all.length - 1].name).toBe("NO-AGE");
    expect((await allRows(workspaceId, {}, "-due", 5)).length).toBe(all.length);

    for (const classification of ["overdue", "approaching", "compliant", "unknown"] as const) {
      const filtered = await allRows(workspaceId, { classification });
      expect(filtered.map((r) => r.assetId).sort()).toEqual([...expected].filter(([, c]) => c === classification).map(([id]) => id).sort());
    }
    const acmeWorkstations = await allRows(workspaceId, { customerId: acme, category: "Workstation" });
    expect(acmeWorkstations.length).toBeGreaterThan(0);
    for (const r of acmeWorkstations) expect(r.policy).toMatchObject({ source: "customer", maxAgeMonths: 24 });
    const offline = await allRows(workspaceId, { online: "offline" });
    expect(offline.every((r) => r.ninjaOffline === true)).toBe(true);

    const summary = await eolSummary(db(), workspaceId, {}, NOW);
    const count = (c: string) => [...expected.values()].filter((v) => v === c).length;
    expect(summary.counts).toEqual({ overdue: count("overdue"), approaching: count("approaching"), compliant: count("compliant"), unknown: count("unknown") });
    expect(summary.total).toBe(expected.size);
    expect(summary.costsSet).toBe(true);
    expect(summary.quarters).toHaveLength(8);
    // Every device due from this quarter on within two years is in a quarter bar.
    const quarterStart = `${today.slice(0, 5)}${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
    const windowEnd = addMonthsDay(quarterStart, 24);
    const inWindow = all.filter((r) => r.assessment.dueDate && r.assessment.dueDate >= quarterStart && r.assessment.dueDate < windowEnd);
    expect(summary.quarters.reduce((t, q) => t + q.devices, 0)).toBe(inWindow.length);
  });

  it("reads the assets from the covering report index and looks policies up by index", async () => {
    const { workspaceId } = await makeWorkspace("observer");
    const customerIds = [];
    for (let c = 0; c < 5; c++) customerIds.push(await addCustomer(workspaceId, `Customer ${c}`));
    await addAssets(customerIds.map((customerId) => ninjaAssetRow(workspaceId, { customerId })));
    for (const customerId of customerIds) {
      await savePolicies(db(), workspaceId, customerId, [{ category: "Workstation", policy: { maxAgeMonths: 24, warningMonths: 12, replacementCostCents: null } }], actor, NOW);
    }
    const plan = (await explainEol(db(), workspaceId, { filters: { classification: "overdue" }, sort: "due", limit: 50, now: NOW })).join("\n");
    expect(plan).toMatch(/SEARCH assets USING COVERING INDEX assets_ws_report_idx/);
    expect(plan).not.toMatch(/SCAN assets/);
  });
});

describe("the EOL screen's reads", () => {
  it("reads a kept page and summary in one round trip, the same as listEol and eolSummary, and never a stale one", async () => {
    const { workspaceId } = await makeWorkspace("observer");
    const acme = await addCustomer(workspaceId, "Acme");
    const today = isoDay(Date.now());
    await addAssets(
      Array.from({ length: 30 }, (_, i) =>
        ninjaAssetRow(workspaceId, { name: `EOL-${String(i).padStart(2, "0")}`, customerId: i % 2 ? acme : null, purchaseDate: addMonthsDay(today, -6 * i), category: i % 3 ? "Workstation" : "Server" }),
      ),
    );
    // Later than the assets' writes by more than the 15 s during which nothing is kept.
    const now = Date.now() + 60_000;
    const q = { filters: {}, sort: "due" as const, limit: 10, now };
    const expected = async () => ({ page: await listEol(db(), workspaceId, q), summary: await eolSummary(db(), workspaceId, {}, now) });

    const cold = await eolScreen(db(), workspaceId, q, {});
    expect(cold).toEqual(await expected());
    const { d, batches, singles } = recordingD1();
    const warm = await eolScreen(d, workspaceId, q, {});
    expect(warm).toEqual(cold);
    expect(batches).toHaveLength(1); // policies, kept page and summary, the page's assets
    expect(singles()).toBe(0);
    // The next page, kept too.
    const second = { ...q, after: cold.page.next! };
    expect(await eolScreen(db(), workspaceId, second, {})).toEqual({ page: await listEol(db(), workspaceId, second), summary: cold.summary });

    // A policy change: the figures kept for the old policies are not read.
    await savePolicies(db(), workspaceId, GLOBAL_SCOPE, [{ category: "Workstation", policy: { maxAgeMonths: 12, warningMonths: 6, replacementCostCents: 100_000 } }], actor, now);
    const changed = await eolScreen(db(), workspaceId, q, {});
    expect(changed.summary.counts).not.toEqual(cold.summary.counts);
    expect(changed).toEqual(await expected());
    // Names are read fresh from the assets, not kept.
    const first = changed.page.rows[0];
    await db().update(schema.assets).set({ name: "Renamed" }).where(eq(schema.assets.id, first.assetId));
    expect((await eolScreen(db(), workspaceId, q, {})).page.rows[0]).toMatchObject({ assetId: first.assetId, name: "Renamed" });
  });
});
