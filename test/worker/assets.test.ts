import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { countAndListAssets, countAssets, listAssets, type AssetCursor, type AssetFilters, type AssetSort } from "@workers/db/assets";

const listAssetsAlone = listAssets;
import { createDb, schema } from "@workers/db/client";
import { pruneReportCache } from "@workers/db/read-cache";
import { ASSET_SORTS, UNASSIGNED } from "@workers/domain/asset-rules";
import { naturalSortKey } from "@workers/domain/natural-sort";
import { AGE_FILTERS, WARRANTY_BANDS, ageBand, deviceStartMs, warrantyBand } from "@workers/domain/lifecycle";
import {
  addAsset,
  addAssets,
  addNinjaAsset,
  addContact,
  addCustomer,
  assetIdsInHtml,
  assetRow,
  type AssetRow,
  getAssetRow,
  ninjaAssetRow,
  pagingLink,
} from "./asset-fixtures";
import { appFetch, db, makeWorkspace, postForm, recordingD1 } from "./helpers";

type Row = AssetRow;

const DAY = 86_400_000;
const dayOffset = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
/** The row's age band and warranty band by the domain's rules (the oracle of the SQL filters). */
const ageOf = (r: Row) =>
  ageBand(deviceStartMs({ purchaseDate: r.purchaseDate ?? null, warrantyStart: r.warrantyStart ?? null, ninjaCreatedAt: r.ninjaCreatedAt ?? null }), Date.now());
const warrantyOf = (r: Row) => warrantyBand(r.warrantyEnd ?? null, Date.now());

// Names sort by their natural sort key (ASCII case folded, numbers by value); ids compare as bytes.
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
function compareBy(sort: AssetSort) {
  const desc = sort.startsWith("-");
  const key = sort.replace("-", "");
  return (a: Row, b: Row) => {
    let c = 0;
    if (key === "name") c = naturalSortKey(a.name) < naturalSortKey(b.name) ? -1 : naturalSortKey(a.name) > naturalSortKey(b.name) ? 1 : 0;
    else if (key === "created") c = a.createdAt - b.createdAt;
    else c = a.updatedAt - b.updatedAt;
    if (c === 0) c = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return desc ? -c : c;
  };
}

type ListFn = (d: ReturnType<typeof db>, workspaceId: string, opts: Parameters<typeof listAssets>[2]) => ReturnType<typeof listAssets>;
/** The list page's way: count and list together (countAndListAssets), the page only. */
const listWithCount: ListFn = async (d, workspaceId, opts) => (await countAndListAssets(d, workspaceId, opts)).page;

/** Walk every page forwards, then back again with the "previous" cursors. */
async function walk(workspaceId: string, sort: AssetSort, filters: AssetFilters, limit: number, listAssets: ListFn = listAssetsAlone) {
  const now = Date.now();
  const pages: string[][] = [];
  let cursor: { direction: "after" | "before"; key: AssetCursor } | undefined;
  let last: Awaited<ReturnType<typeof listAssets>> | undefined;
  for (let guard = 0; guard < 100; guard++) {
    last = await listAssets(db(), workspaceId, { filters, sort, limit, cursor, now });
    pages.push(last.rows.map((r) => r.id));
    if (!last.next) break;
    cursor = { direction: "after", key: last.next };
  }
  const backwards: string[][] = [];
  let prev = last?.prev ?? null;
  while (prev) {
    const page = await listAssets(db(), workspaceId, { filters, sort, limit, cursor: { direction: "before", key: prev }, now });
    backwards.unshift(page.rows.map((r) => r.id));
    prev = page.prev;
  }
  return { pages, backwards };
}

describe("assets list: keyset paging", () => {
  let workspaceId: string;
  let cookie: string;
  let rows: Row[];
  let acme: string;
  let globex: string;
  let ada: string;

  beforeAll(async () => {
    ({ workspaceId, cookie } = await makeWorkspace("observer"));
    acme = await addCustomer(workspaceId, "Acme");
    globex = await addCustomer(workspaceId, "Globex");
    ada = await addContact(workspaceId, acme, "Ada");
    const base = Date.now() - 10_000_000;
    const categories = ["Workstation", "Server", "Mac", "Network Device"] as const;
    const statuses = ["in_use", "available", "in_repair", "retired"] as const;
    // 120 assets, 30 names used 4 times each in different cases, created/updated times with ties:
    // only the id tie-break keeps the order total.
    rows = Array.from({ length: 120 }, (_, i) => {
      const stem = `Device-${String(i % 30).padStart(2, "0")}`;
      const name = [stem, stem.toLowerCase(), stem.toUpperCase(), stem][Math.floor(i / 30)];
      return assetRow(workspaceId, {
        name,
        serialNumber: `SN-${String(i).padStart(5, "0")}`,
        category: categories[i % 4],
        status: statuses[i % 3],
        customerId: i % 5 === 0 ? null : i % 2 ? acme : globex,
        contactId: i % 7 === 0 ? ada : null,
        source: i % 3 === 0 ? "ninjaone" : "manual",
        ninjaDeviceId: i % 3 === 0 ? 10_000 + i : null,
        ninjaOffline: i % 3 === 0 ? i % 2 === 0 : null,
        createdAt: base + Math.floor(i / 3) * 1000,
        updatedAt: base + (i % 40) * 1000,
        // Age basis and warranty end spread over every band (days from today, never on a band's edge):
        // a purchase date, else a warranty start, else NinjaOne's first sight, else none.
        purchaseDate: i % 4 === 0 ? dayOffset(-(i * 23 + 5)) : null,
        warrantyStart: i % 4 === 1 ? dayOffset(-(i * 19 + 7)) : null,
        ninjaCreatedAt: i % 3 === 0 ? Date.now() - (i * 29 + 11.5) * DAY : null,
        warrantyEnd: i % 6 === 5 ? null : dayOffset((i % 11) * 20 - 75),
      });
    });
    await addAssets(rows);
  });

  it.each(ASSET_SORTS.map((s) => [s]))("sort %s returns every asset exactly once, in order, both ways", async (sort) => {
    const { pages, backwards } = await walk(workspaceId, sort, {}, 25);
    const ids = pages.flat();
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    expect(ids).toEqual([...rows].sort(compareBy(sort)).map((r) => r.id));
    expect(pages.map((p) => p.length)).toEqual([25, 25, 25, 25, 20]);
    // Going back from the last page shows the same pages again.
    expect(backwards).toEqual(pages.slice(0, -1));
  });

  type Ids = { acme: string; globex: string; ada: string };
  const filterCases: Array<[string, (ids: Ids) => AssetFilters, (r: Row, ids: Ids) => boolean]> = [
    ["customer", (x) => ({ customerId: x.acme }), (r, x) => r.customerId === x.acme],
    ["no customer", () => ({ customerId: "unassigned" }), (r) => r.customerId === null],
    ["category", () => ({ category: "Server" }), (r) => r.category === "Server"],
    ["status", () => ({ status: "in_repair" }), (r) => r.status === "in_repair"],
    ["source", () => ({ source: "ninjaone" }), (r) => r.source === "ninjaone"],
    ["contact", (x) => ({ contactId: x.ada }), (r, x) => r.contactId === x.ada],
    ["no contact", () => ({ contactId: "unassigned" }), (r) => r.contactId === null],
    ["offline", () => ({ online: "offline" }), (r) => r.ninjaOffline === true],
    ...AGE_FILTERS.map((age): (typeof filterCases)[number] => [`age ${age}`, () => ({ age }), (r) => ageOf(r) === age]),
    ...WARRANTY_BANDS.map((warranty): (typeof filterCases)[number] => [`warranty ${warranty}`, () => ({ warranty }), (r) => warrantyOf(r) === warranty]),
    ["NinjaOne + age 5+", () => ({ source: "ninjaone", age: "5+" }), (r) => r.source === "ninjaone" && ageOf(r) === "5+"],
    ["NinjaOne + warranty expiring", () => ({ source: "ninjaone", warranty: "expiring" }), (r) => r.source === "ninjaone" && warrantyOf(r) === "expiring"],
    ["category + status", () => ({ category: "Mac", status: "available" }), (r) => r.category === "Mac" && r.status === "available"],
    ["customer + status", (x) => ({ customerId: x.globex, status: "in_use" }), (r, x) => r.customerId === x.globex && r.status === "in_use"],
    ["search by name prefix, any case", () => ({ q: "DEVICE-1" }), (r) => fold(r.name).startsWith("device-1")],
    ["search by exact serial, typed in lower case", () => ({ q: "sn-00042" }), (r) => r.serialNumber === "SN-00042"],
  ];

  it.each(filterCases)("filter %s: the page's count-and-list batch pages and counts as listAssets and countAssets do", async (_label, filtersFor, match) => {
    const ids = { acme, globex, ada };
    const expected = rows.filter((r) => match(r, ids));
    for (const sort of ASSET_SORTS) {
      const { pages, backwards } = await walk(workspaceId, sort, filtersFor(ids), 7, listWithCount);
      expect(pages.flat()).toEqual([...expected].sort(compareBy(sort)).map((r) => r.id));
      expect(backwards).toEqual(pages.slice(0, -1));
    }
    const { count } = await countAndListAssets(db(), workspaceId, { filters: filtersFor(ids), sort: "-updated", limit: 7, now: Date.now() });
    const { count: n, capped } = await countAssets(db(), workspaceId, filtersFor(ids), Date.now());
    expect(count).toEqual({ count: n, capped });
    expect(count.count).toBe(expected.length);
  });

  it.each(filterCases)("filter %s: each matching asset once across pages, for every sort", async (_label, filtersFor, match) => {
    const ids = { acme, globex, ada };
    const expected = rows.filter((r) => match(r, ids));
    expect(expected.length).toBeGreaterThan(0);
    for (const sort of ASSET_SORTS) {
      const { pages, backwards } = await walk(workspaceId, sort, filtersFor(ids), 7);
      expect(pages.flat()).toEqual([...expected].sort(compareBy(sort)).map((r) => r.id));
      expect(backwards).toEqual(pages.slice(0, -1));
    }
  });

  it("finds part of a serial anywhere in it, and a one- or two-character search only at the start of a name", async () => {
    const page = await listAssets(db(), workspaceId, { filters: { q: "n-0004" }, sort: "name", limit: 50, now: Date.now() });
    expect(page.rows.map((r) => r.serialNumber).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `SN-0004${i}`));
    expect((await listAssets(db(), workspaceId, { filters: { q: "SN" }, sort: "name", limit: 50, now: Date.now() })).rows).toEqual([]);
    expect((await listAssets(db(), workspaceId, { filters: { q: "de" }, sort: "name", limit: 200, now: Date.now() })).rows).toHaveLength(120);
  });

  it("the page's Next and Previous links walk the same keyset", async () => {
    const expected = [...rows].sort(compareBy("-updated")).map((r) => r.id);
    let path: string | null = "/assets?sort=-updated";
    const seen: string[] = [];
    const htmls: string[] = [];
    while (path) {
      const res = await appFetch(path.startsWith("?") ? `/assets${path}` : path, { cookie });
      expect(res.status).toBe(200);
      const html = await res.text();
      htmls.push(html);
      seen.push(...assetIdsInHtml(html));
      path = pagingLink(html, "Next page");
    }
    expect(htmls).toHaveLength(3);
    expect(seen).toEqual(expected);
    expect(htmls[2]).toContain("Showing 20 of 120 assets");
    const back = pagingLink(htmls[2], "Previous");
    expect(back).toContain("sort=-updated");
    const previous = await (await appFetch(back!.startsWith("?") ? `/assets${back}` : back!, { cookie })).text();
    expect(assetIdsInHtml(previous)).toEqual(expected.slice(50, 100));
  });

  it("ignores a cursor that does not parse or belongs to another sort", async () => {
    const res = await appFetch("/assets?sort=name&after=not-a-cursor", { cookie });
    expect(res.status).toBe(200);
    expect(assetIdsInHtml(await res.text())).toEqual([...rows].sort(compareBy("name")).slice(0, 50).map((r) => r.id));
    const bad = await appFetch("/assets?status=nonsense&category=Spaceship", { cookie });
    expect(bad.status).toBe(200);
  });
});

describe("assets list: count and list in one batch", () => {
  it("lists a filter with more than 2,000 matches by walking the sort index, and a rare one from the batch, as listAssets does", async () => {
    const { workspaceId } = await makeWorkspace("observer");
    const base = Date.now() - 10_000_000;
    await addAssets(
      Array.from({ length: 2_060 }, (_, i) =>
        assetRow(workspaceId, {
          name: `SRV-${String(i).padStart(4, "0")}`,
          serialNumber: `D-${i}`,
          category: i < 2_040 ? "Server" : "Mac",
          status: i % 400 === 0 ? "retired" : "in_use",
          createdAt: base + i,
          updatedAt: base + (i % 97) * 1000,
        }),
      ),
    );
    const now = Date.now();
    for (const filters of [{ category: "Server" }, { status: "retired" }, { category: "Mac", status: "in_use" }] satisfies AssetFilters[]) {
      for (const sort of ["-updated", "created", "name"] satisfies AssetSort[]) {
        const first = await countAndListAssets(db(), workspaceId, { filters, sort, limit: 50, now });
        const { count: n, capped } = await countAssets(db(), workspaceId, filters, now);
        expect(first.count).toEqual({ count: n, capped });
        expect(first.page).toEqual(await listAssets(db(), workspaceId, { filters, sort, limit: 50, now }));
        if (!first.page.next) continue;
        const cursor = { direction: "after" as const, key: first.page.next };
        const second = await countAndListAssets(db(), workspaceId, { filters, sort, limit: 50, now, cursor });
        expect(second.page).toEqual(await listAssets(db(), workspaceId, { filters, sort, limit: 50, now, cursor }));
        const back = { direction: "before" as const, key: second.page.prev! };
        expect((await countAndListAssets(db(), workspaceId, { filters, sort, limit: 50, now, cursor: back })).page).toEqual(first.page);
      }
    }
    expect((await countAssets(db(), workspaceId, { category: "Server" }, now)).rowids).toBeUndefined(); // the dense case was reached
  });

  it("counts and lists in one D1 round trip, keeps the count until an asset changes, and the plan the count does not choose reads no row", async () => {
    const { workspaceId } = await makeWorkspace("observer");
    await addAssets(
      Array.from({ length: 2_100 }, (_, i) =>
        assetRow(workspaceId, {
          name: `WS-${String(i).padStart(4, "0")}`,
          category: i < 2_050 ? "Workstation" : "Server",
          status: i % 700 === 0 ? "retired" : i % 3 === 1 ? "available" : "in_use",
          createdAt: Date.now() - i * 1000,
          updatedAt: Date.now() - (i % 37) * 1000,
        }),
      ),
    );
    // Later than the assets' last write by more than the 15 s during which no count is kept.
    const now = Date.now() + 60_000;
    const cases: Array<[AssetFilters, AssetSort, number]> = [
      [{}, "name", 2_100], // the list needs no count: count and list side by side
      [{ category: "Workstation" }, "-updated", 2_050], // common: the walk
      [{ status: "retired" }, "name", 3], // rare: by rowid
      [{ status: "available" }, "-updated", 699], // between: the sort index walked against the matches' rowids
    ];
    for (const [filters, sort, total] of cases) {
      for (const visit of ["first", "again"] as const) {
        const { d, batches, singles } = recordingD1();
        const { count, page } = await countAndListAssets(d, workspaceId, { filters, sort, limit: 50, now });
        expect(count).toEqual({ count: total, capped: false });
        expect(page.rows).toEqual((await listAssets(db(), workspaceId, { filters, sort, limit: 50, now })).rows);
        expect(batches).toHaveLength(1); // one round trip, and no other statement
        expect(singles()).toBe(0);
        const [keep, counting, ...lists] = batches[0];
        if (visit === "first") expect(keep).toBeGreaterThanOrEqual(total); // counted once, and kept
        else expect(keep + counting).toBeLessThanOrEqual(4); // the kept count: a cache row, not the index
        if (lists.length === 1) continue;
        // The other plans read nothing: their guard (the kept count, or the matches up to 501
        // and 2,001 index entries) fails first.
        const chosen = total <= 500 ? 0 : total <= 2_000 ? 1 : 2;
        lists.forEach((read, plan) => {
          if (plan !== chosen) expect(read, `plan ${plan} of ${JSON.stringify(filters)}`).toBeLessThanOrEqual(visit === "first" ? Math.min(total, 2_001) + Math.min(total, 501) : 4);
        });
      }
    }

    // The middle plan pages forwards and back as listAssets does, for every sort.
    for (const sort of ASSET_SORTS) {
      const { pages, backwards } = await walk(workspaceId, sort, { status: "available" }, 50, listWithCount);
      expect(pages).toEqual((await walk(workspaceId, sort, { status: "available" }, 50)).pages);
      expect(pages.flat()).toHaveLength(699);
      expect(backwards).toEqual(pages.slice(0, -1)); // back from the last page to the first
    }

    // An asset written, added or deleted drops the kept counts (the report_cache triggers).
    const ids = await db().select({ id: schema.assets.id }).from(schema.assets).where(eq(schema.assets.workspaceId, workspaceId)).limit(3);
    const countOf = async (filters: AssetFilters) => (await countAndListAssets(db(), workspaceId, { filters, sort: "name", limit: 50, now })).count.count;
    await db().update(schema.assets).set({ category: "Server" }).where(eq(schema.assets.id, ids[0].id));
    expect(await countOf({ category: "Workstation" })).toBe(2_049);
    await addAsset(workspaceId, { category: "Workstation", updatedAt: Date.now() - 120_000 });
    expect(await countOf({ category: "Workstation" })).toBe(2_050);
    expect(await countOf({})).toBe(2_101);
    await db().delete(schema.assets).where(eq(schema.assets.id, ids[1].id));
    expect(await countOf({})).toBe(2_100);

    // The cron's maintenance lets go of counts kept over an hour ago, in every workspace.
    const kept = () => db().select({ key: schema.reportCache.key }).from(schema.reportCache).where(eq(schema.reportCache.workspaceId, workspaceId));
    await countOf({ status: "retired" });
    expect((await kept()).length).toBeGreaterThan(0);
    expect(await pruneReportCache(db(), now + 30 * 60_000)).toBe(0);
    expect(await pruneReportCache(db(), now + 61 * 60_000)).toBeGreaterThan(0);
    expect(await kept()).toEqual([]);
    expect(await countOf({ status: "retired" })).toBe(3);

    // A search, a contact or an age band is counted every time (the triggers do not watch names or
    // contacts; an age band's limits move with the clock): no statement keeps it.
    for (const filters of [{ q: "WS-00" }, { contactId: UNASSIGNED }, { age: "0-1" }] satisfies AssetFilters[]) {
      const { d, batches } = recordingD1();
      await countAndListAssets(d, workspaceId, { filters, sort: "-created", limit: 50, now });
      expect(batches[0]).toHaveLength(4); // the count and the three plans, no keeping
    }
  });
});

describe("assets pages", () => {
  it("tells an empty workspace how to start, and a filtered one that nothing matches", async () => {
    const { workspaceId, cookie } = await makeWorkspace("observer");
    const empty = await (await appFetch("/assets", { cookie })).text();
    expect(empty).toContain("No assets yet");
    expect(empty).not.toContain("New asset"); // an observer gets no create button
    await addAsset(workspaceId, { name: "Laptop" });
    const none = await (await appFetch("/assets?q=zzz", { cookie })).text();
    expect(none).toContain("No assets match these filters");
    const found = await (await appFetch("/assets?q=lap", { cookie })).text();
    expect(found).toContain("Laptop");
  });

  it("shows NinjaOne assets with a badge and their online state", async () => {
    const { workspaceId, cookie } = await makeWorkspace("technician");
    await addAssets([ninjaAssetRow(workspaceId, { name: "NINJA-ON", ninjaOffline: false }), assetRow(workspaceId, { name: "HAND-MADE" })]);
    const html = await (await appFetch("/assets", { cookie })).text();
    expect(html).toContain(">NinjaOne</span>");
    expect(html).toMatch(/NINJA-ON[\s\S]*Online/);
    expect(html).toContain("Added by hand");
    const filtered = await (await appFetch("/assets?source=manual", { cookie })).text();
    expect(filtered).toContain("HAND-MADE");
    expect(filtered).not.toContain("NINJA-ON");
  });

  it("shows a NinjaOne asset's device fields, why it was matched and its sync changes newest first", async () => {
    const { workspaceId, cookie } = await makeWorkspace("observer");
    const id = await addNinjaAsset(workspaceId, { name: "FRONT-DESK", ninjaDeviceId: 4242, ninjaOrgId: 9 });
    await db().insert(schema.ninjaOrganizations).values({ workspaceId, ninjaOrgId: 9, name: "Acme HQ", updatedAt: Date.now() });
    const t = Date.now();
    await db().insert(schema.assetEvents).values([
      { id: crypto.randomUUID(), workspaceId, assetId: id, kind: "created", summary: "Created from NinjaOne device 4242", createdAt: t - 2000 },
      { id: crypto.randomUUID(), workspaceId, assetId: id, kind: "updated", summary: "Renamed in NinjaOne", changes: JSON.stringify({ name: ["OLD-NAME", "FRONT-DESK"] }), createdAt: t - 1000 },
    ]);
    const html = await (await appFetch(`/assets/${id}`, { cookie })).text();
    expect(html).toContain("4242");
    expect(html).toContain("Acme HQ (id 9)");
    expect(html).toContain("WINDOWS_WORKSTATION");
    expect(html).toContain("CORP\\ada");
    expect(html).toContain("Matched by serial number");
    expect(html).toContain("matched existing asset by serial");
    expect(html).toContain("1-2 yr");
    expect(html.indexOf("Renamed in NinjaOne")).toBeLessThan(html.indexOf("Created from NinjaOne device 4242"));
    expect(html).toContain(": OLD-NAME → FRONT-DESK");
    expect(html).not.toContain(">Delete<"); // synced assets cannot be deleted, and observers change nothing
  });

  it("shows the names of its customer, contact, NinjaOne organization, location and role and the policy that applies, all from its own workspace", async () => {
    const { workspaceId, cookie } = await makeWorkspace("admin");
    const other = await makeWorkspace("admin");
    const acme = await addCustomer(workspaceId, "Acme Dental");
    const gus = await addContact(workspaceId, acme, "Gus Grant");
    const now = Date.now();
    for (const [ws, suffix] of [[workspaceId, "here"], [other.workspaceId, "ELSEWHERE"]] as const) {
      await db().insert(schema.ninjaOrganizations).values({ workspaceId: ws, ninjaOrgId: 9, name: `Org ${suffix}`, updatedAt: now });
      await db().insert(schema.ninjaLocations).values({ workspaceId: ws, ninjaLocationId: 7, ninjaOrgId: 9, name: `Location ${suffix}` });
      await db().insert(schema.ninjaRoles).values({ workspaceId: ws, ninjaRoleId: 3, name: `Role ${suffix}` });
      await db().insert(schema.replacementPolicies).values([
        { workspaceId: ws, scope: "global", category: "Workstation", maxAgeMonths: 60, warningMonths: 6, updatedAt: now },
        // The other workspace's override for the same customer id must not apply here.
        { workspaceId: ws, scope: acme, category: "Workstation", maxAgeMonths: ws === workspaceId ? 48 : 12, warningMonths: 6, updatedAt: now },
      ]);
    }
    const id = await addNinjaAsset(workspaceId, { category: "Workstation", customerId: acme, contactId: gus, ninjaOrgId: 9, ninjaLocationId: 7, ninjaRoleId: 3 });
    const html = await (await appFetch(`/assets/${id}`, { cookie })).text();
    expect(html).toContain(`href="/customers/${acme}"`);
    expect(html).toContain("Acme Dental");
    expect(html).toContain("Gus Grant");
    expect(html).toContain("Org here (id 9)");
    expect(html).toContain("Location here (id 7)");
    expect(html).toContain("Role here (id 3)");
    expect(html).toContain("Workstation: 48 months, the customer&#x27;s override");
    expect(html).not.toContain("ELSEWHERE");

    const loose = await addNinjaAsset(workspaceId, { category: "Workstation", serialNumber: "NJ-LOOSE", ninjaDeviceId: 777, ninjaOrgId: 9 });
    const looseHtml = await (await appFetch(`/assets/${loose}`, { cookie })).text();
    expect(looseHtml).toContain("Workstation: 60 months, global policy");
    expect(looseHtml).not.toContain("Location here");

    // Another workspace's asset is not found, and neither is nonsense.
    expect((await appFetch(`/assets/${id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await appFetch(`/assets/${"x".repeat(101)}`, { cookie })).status).toBe(404);
  });

  it("says so when a NinjaOne asset has no sync changes yet", async () => {
    const { workspaceId, cookie } = await makeWorkspace("admin");
    const id = await addNinjaAsset(workspaceId);
    const html = await (await appFetch(`/assets/${id}`, { cookie })).text();
    expect(html).toContain("No sync has changed this asset yet");
  });
});

describe("creating and editing assets", () => {
  it("creates an asset from the form and shows it", async () => {
    const { workspaceId, cookie } = await makeWorkspace("technician");
    const customerId = await addCustomer(workspaceId, "Acme");
    const contactId = await addContact(workspaceId, customerId, "Ada");
    const res = await postForm(
      "/assets/new",
      {
        name: "  RECEPTION-PC  ",
        category: "Workstation",
        status: "available",
        manufacturer: "HP",
        model: "EliteDesk",
        serialNumber: "HP123",
        notes: "",
        customerId,
        contactId,
        purchaseDate: "2024-02-01",
        installDate: "",
        warrantyStart: "2024-02-01",
        warrantyEnd: "2027-02-01",
      },
      cookie,
    );
    expect(res.status).toBe(302);
    const id = res.headers.get("Location")!.replace("/assets/", "");
    const row = await getAssetRow(id);
    expect(row).toMatchObject({
      workspaceId,
      name: "RECEPTION-PC",
      source: "manual",
      status: "available",
      customerId,
      contactId,
      notes: null,
      installDate: null,
      warrantyEnd: "2027-02-01",
    });
    const page = await (await appFetch(`/assets/${id}`, { cookie })).text();
    expect(page).toContain("RECEPTION-PC");
    expect(page).toContain("Acme");
  });

  it("refuses bad input with field messages and writes nothing", async () => {
    const { workspaceId, cookie } = await makeWorkspace("owner");
    const acme = await addCustomer(workspaceId, "Acme");
    const globex = await addCustomer(workspaceId, "Globex");
    const globexContact = await addContact(workspaceId, globex, "Gus");
    const other = await makeWorkspace("owner");
    const foreignCustomer = await addCustomer(other.workspaceId, "Elsewhere");
    const cases: Array<[Record<string, string>, string]> = [
      [{ name: "", category: "Mac", status: "in_use" }, "Name is required."],
      [{ name: "X", category: "Toaster", status: "in_use" }, "Choose a category."],
      [{ name: "X", category: "Mac", status: "in_use", purchaseDate: "31/12/2024" }, "Purchase date must be a date (YYYY-MM-DD)."],
      [{ name: "X", category: "Mac", status: "in_use", warrantyStart: "2025-01-02", warrantyEnd: "2025-01-01" }, "Warranty end must be on or after the warranty start."],
      [{ name: "X", category: "Mac", status: "in_use", customerId: acme, contactId: globexContact }, "Gus is not a contact of Acme."],
      [{ name: "X", category: "Mac", status: "in_use", customerId: foreignCustomer }, "Choose a customer from this workspace."],
      [{ name: "X".repeat(201), category: "Mac", status: "in_use" }, "Name must be at most 200 characters."],
    ];
    for (const [fields, message] of cases) {
      const res = await postForm("/assets/new", fields, cookie);
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(message);
    }
    const mine = await db().query.assets.findMany({ where: (a, { eq }) => eq(a.workspaceId, workspaceId) });
    expect(mine).toEqual([]);
  });

  it("edits a manual asset, and on a NinjaOne asset refuses the sync-owned fields but saves the rest", async () => {
    const { workspaceId, cookie } = await makeWorkspace("manager");
    const acme = await addCustomer(workspaceId, "Acme");
    const manual = await addAsset(workspaceId, { name: "OLD", category: "Mac" });
    const ok = await postForm(`/assets/${manual}/edit`, { name: "NEW", category: "Server", status: "retired", customerId: acme }, cookie);
    expect(ok.status).toBe(302);
    expect(await getAssetRow(manual)).toMatchObject({ name: "NEW", category: "Server", status: "retired", customerId: acme });

    const synced = await addNinjaAsset(workspaceId, { name: "NINJA-1" });
    const form = await (await appFetch(`/assets/${synced}/edit`, { cookie })).text();
    expect(form).toContain("Managed by NinjaOne sync");
    expect(form).not.toContain('name="name"');
    const refused = await postForm(`/assets/${synced}/edit`, { name: "HIJACKED", status: "retired", customerId: acme }, cookie);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Managed by NinjaOne sync");
    expect(await getAssetRow(synced)).toMatchObject({ name: "NINJA-1", status: "in_use", customerId: null });

    // Notes are the person's on a synced asset too: the form shows and sends them.
    expect(form).toContain('name="notes"');
    const saved = await postForm(`/assets/${synced}/edit`, { customerId: acme, purchaseDate: "2023-03-01", notes: "Windows 11 Pro\nDesk 4" }, cookie);
    expect(saved.status).toBe(302);
    expect(await getAssetRow(synced)).toMatchObject({
      name: "NINJA-1",
      manufacturer: "Dell Inc.",
      notes: "Windows 11 Pro\nDesk 4",
      customerId: acme,
      customerSource: "person",
      purchaseDate: "2023-03-01",
    });
  });

  it("always offers the asset's current contact in the form, even one that no longer fits", async () => {
    const { workspaceId, cookie } = await makeWorkspace("technician");
    const acme = await addCustomer(workspaceId, "Acme");
    const gus = await addContact(workspaceId, await addCustomer(workspaceId, "Globex"), "Gus Moved");
    const id = await addAsset(workspaceId, { customerId: acme, contactId: gus });
    const form = await (await appFetch(`/assets/${id}/edit`, { cookie })).text();
    expect(form).toContain("Gus Moved");
    const res = await postForm(`/assets/${id}/edit`, { name: "PC", category: "Mac", status: "in_use", customerId: acme, contactId: gus }, cookie);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Gus Moved is not a contact of Acme.");
  });

  it("deletes a manual asset after confirmation, never a NinjaOne one", async () => {
    const { workspaceId, cookie } = await makeWorkspace("technician");
    const manual = await addAsset(workspaceId, { name: "BIN-ME" });
    const confirm = await (await appFetch(`/assets/${manual}?delete`, { cookie })).text();
    expect(confirm).toContain("Delete BIN-ME?");
    const res = await postForm(`/assets/${manual}`, { intent: "delete" }, cookie);
    expect(res.status).toBe(302);
    expect(await getAssetRow(manual)).toBeUndefined();

    const synced = await addNinjaAsset(workspaceId);
    const refused = await postForm(`/assets/${synced}`, { intent: "delete" }, cookie);
    expect(refused.status).toBe(409);
    expect(await getAssetRow(synced)).toBeDefined();
  });
});

describe("asset permissions and workspaces", () => {
  it("lets an observer read but change nothing", async () => {
    const { workspaceId, cookie } = await makeWorkspace("observer");
    const id = await addAsset(workspaceId, { name: "LOOK-ONLY" });
    expect((await appFetch("/assets", { cookie })).status).toBe(200);
    expect((await appFetch(`/assets/${id}`, { cookie })).status).toBe(200);
    expect((await appFetch("/assets/new", { cookie })).status).toBe(403);
    expect((await appFetch(`/assets/${id}/edit`, { cookie })).status).toBe(403);
    expect((await postForm("/assets/new", { name: "NOPE", category: "Mac", status: "in_use" }, cookie)).status).toBe(403);
    expect((await postForm(`/assets/${id}/edit`, { name: "CHANGED", category: "Mac", status: "in_use" }, cookie)).status).toBe(403);
    expect((await postForm(`/assets/${id}`, { intent: "delete" }, cookie)).status).toBe(403);
    expect(await getAssetRow(id)).toMatchObject({ name: "LOOK-ONLY" });
    const mine = await db().query.assets.findMany({ where: (a, { eq }) => eq(a.workspaceId, workspaceId) });
    expect(mine).toHaveLength(1);
  });

  it("answers 404 for another workspace's asset, everywhere", async () => {
    const mine = await makeWorkspace("owner");
    const theirs = await makeWorkspace("owner");
    const id = await addAsset(theirs.workspaceId, { name: "THEIR-SECRET" });
    const theirCustomer = await addCustomer(theirs.workspaceId, "Their customer");
    await addAsset(theirs.workspaceId, { name: "THEIR-OTHER", customerId: theirCustomer });
    expect((await appFetch(`/assets/${id}`, { cookie: mine.cookie })).status).toBe(404);
    expect((await appFetch(`/assets/${id}/edit`, { cookie: mine.cookie })).status).toBe(404);
    expect((await postForm(`/assets/${id}/edit`, { name: "MINE", category: "Mac", status: "in_use" }, mine.cookie)).status).toBe(404);
    expect((await postForm(`/assets/${id}`, { intent: "delete" }, mine.cookie)).status).toBe(404);
    expect(await getAssetRow(id)).toMatchObject({ name: "THEIR-SECRET" });
    const list = await (await appFetch(`/assets?customerId=${theirCustomer}`, { cookie: mine.cookie })).text();
    expect(list).not.toContain("THEIR-");
    const options = await appFetch(`/assets/contact-options?customerId=${theirCustomer}`, { cookie: mine.cookie });
    expect(await options.text()).not.toContain("Their");
  });
});
