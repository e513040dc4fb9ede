// Issue 16's assets list: the count of the current filter, search inside names and serials (FTS5
// trigram, kept current by the sync and by edits), names in natural order; and issue 14's Reports
// figures kept in report_cache until an asset changes.
import { env } from "cloudflare:test";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { countAssets, listAssets, updateAssetValues } from "@workers/db/assets";
import { schema } from "@workers/db/client";
import { assetReport } from "@workers/db/reports";
import { naturalSortKey } from "@workers/domain/natural-sort";
import { addAssets, addCustomer, assetRow } from "./asset-fixtures";
import { appFetch, db, makeWorkspace } from "./helpers";
import { assetsOf, connectWorkspace, device, FakeNinja, syncHarness } from "./sync-fixtures";

const now = () => Date.now();
const names = async (workspaceId: string, q: string, sort: "name" | "-name" | "created" = "name") =>
  (await listAssets(db(), workspaceId, { filters: { q }, sort, limit: 100, now: now() })).rows.map((r) => r.name);

describe("assets list search", () => {
  it("finds three or more characters anywhere in a name or serial number, in any case", async () => {
    const { workspaceId } = await makeWorkspace("observer");
    const other = await makeWorkspace("observer");
    await addAssets([
      assetRow(workspaceId, { name: "Reception-PC01", serialNumber: "CN0ABC123" }),
      assetRow(workspaceId, { name: "BACKOFFICE-pc02", serialNumber: "XYZ-777" }),
      assetRow(workspaceId, { name: "Laptop Ada", serialNumber: null }),
      assetRow(other.workspaceId, { name: "Reception-PC99", serialNumber: "CN0ABC999" }),
    ]);
    expect(await names(workspaceId, "ception")).toEqual(["Reception-PC01"]);
    expect(await names(workspaceId, "-Pc0")).toEqual(["BACKOFFICE-pc02", "Reception-PC01"]);
    expect(await names(workspaceId, "abc12")).toEqual(["Reception-PC01"]); // inside the serial, lower case
    expect(await names(workspaceId, "z-7")).toEqual(["BACKOFFICE-pc02"]);
    expect(await names(workspaceId, "top a")).toEqual(["Laptop Ada"]);
    expect(await names(workspaceId, "nothing like it")).toEqual([]);
    // Quotes and FTS syntax are searched as text, not parsed.
    expect(await names(workspaceId, '"pc0')).toEqual([]);
    expect(await names(workspaceId, "pc0 OR xyz")).toEqual([]);
    // Never another workspace's asset.
    expect(await names(other.workspaceId, "ception")).toEqual(["Reception-PC99"]);
  });

  it("keeps the index current after a person renames an asset or changes its serial", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    const [id] = await addAssets([assetRow(workspaceId, { name: "OLD-NAME-01", serialNumber: "SER-OLD-1" })]);
    await updateAssetValues(db(), workspaceId, id, { name: "Finance Laptop 7", serialNumber: "SER-NEW-2" }, now());
    expect(await names(workspaceId, "old-na")).toEqual([]);
    expect(await names(workspaceId, "ser-old")).toEqual([]);
    expect(await names(workspaceId, "nance lap")).toEqual(["Finance Laptop 7"]);
    expect(await names(workspaceId, "r-new")).toEqual(["Finance Laptop 7"]);
    await db().delete(schema.assets).where(eq(schema.assets.id, id));
    expect(await names(workspaceId, "nance lap")).toEqual([]);
  });

  it("keeps the index current when a sync renames a device, and an unchanged re-sync writes nothing", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const ninja = new FakeNinja([device(1, { name: "WKS-Alpha-1", serial: "SYNC-SER-1" }), device(2, { name: "WKS-Beta-2", serial: "SYNC-SER-2" })]);
    const h = syncHarness(ninja);
    await h.sync(workspaceId);
    expect(await names(workspaceId, "alpha")).toEqual(["WKS-Alpha-1"]);

    ninja.devices.set(1, device(1, { name: "WKS-Gamma-1", serial: "SYNC-SER-1" }));
    await h.sync(workspaceId);
    expect(await names(workspaceId, "alpha")).toEqual([]);
    expect(await names(workspaceId, "gamma")).toEqual(["WKS-Gamma-1"]);
    expect(await names(workspaceId, "c-ser-2")).toEqual(["WKS-Beta-2"]);
    const assets = await assetsOf(workspaceId);
    expect(assets.map((a) => a.nameSort).sort()).toEqual([naturalSortKey("WKS-Beta-2"), naturalSortKey("WKS-Gamma-1")]);

    const unchanged = await h.sync(workspaceId);
    expect(unchanged).toMatchObject({ assetsUnchanged: 2, rowsWritten: 0 });
  });
});

describe("assets list count", () => {
  it("counts the current filter and search, and stops at the cap", async () => {
    const { workspaceId, cookie } = await makeWorkspace("observer");
    const acme = await addCustomer(workspaceId, "Acme");
    await addAssets(
      Array.from({ length: 60 }, (_, i) =>
        assetRow(workspaceId, { name: `Desk ${i}`, serialNumber: `DSK-${1000 + i}`, customerId: i % 3 === 0 ? acme : null, status: i < 5 ? "retired" : "in_use" }),
      ),
    );
    const count = async (filters: Parameters<typeof countAssets>[2], cap?: number) => {
      const { count: n, capped, rowids } = await countAssets(db(), workspaceId, filters, now(), cap);
      if (rowids) expect(rowids).toHaveLength(n); // few matches come with their rowids
      return { count: n, capped };
    };
    expect(await count({})).toEqual({ count: 60, capped: false });
    expect(await count({ customerId: acme })).toEqual({ count: 20, capped: false });
    expect(await count({ customerId: "unassigned", status: "retired" })).toEqual({ count: 3, capped: false });
    expect(await count({ q: "dsk-100" })).toEqual({ count: 10, capped: false }); // DSK-1000 … DSK-1009
    expect(await count({ q: "DSK-100", customerId: acme })).toEqual({ count: 4, capped: false });
    expect(await count({}, 50)).toEqual({ count: 50, capped: true });

    const html = await (await appFetch(`/assets?customerId=${acme}`, { cookie })).text();
    expect(html).toContain("Showing 20 of 20 assets");
    const searched = await (await appFetch("/assets?q=sk-1000", { cookie })).text();
    expect(searched).toContain("Showing 1 of 1 asset<"); // DSK-1000 only
  });
});

describe("assets list of a rare filter", () => {
  it("reads the few matches the count found, and still checks them: a row changed since the count is not listed", async () => {
    const { workspaceId } = await makeWorkspace("observer");
    const rows = Array.from({ length: 30 }, (_, i) => assetRow(workspaceId, { name: `Box ${i}`, status: i < 4 ? "retired" : "in_use" }));
    await addAssets(rows);
    const filters = { status: "retired" as const };
    const count = await countAssets(db(), workspaceId, filters, now());
    expect(count).toMatchObject({ count: 4, capped: false });
    expect(count.rowids).toHaveLength(4);
    const list = (c = count) => listAssets(db(), workspaceId, { filters, sort: "name", limit: 50, now: now(), count: c });
    expect((await list()).rows.map((r) => r.name)).toEqual(["Box 0", "Box 1", "Box 2", "Box 3"]);
    // Between the count and the list another request puts one back in use.
    await updateAssetValues(db(), workspaceId, rows[1].id!, { status: "in_use" }, now());
    expect((await list()).rows.map((r) => r.name)).toEqual(["Box 0", "Box 2", "Box 3"]);
    // Rowids of another workspace's assets never show here.
    const other = await makeWorkspace("observer");
    await addAssets([assetRow(other.workspaceId, { name: "Theirs", status: "retired" })]);
    const theirs = await countAssets(db(), other.workspaceId, filters, now());
    expect((await list(theirs)).rows).toEqual([]);
  });
});

describe("natural name order", () => {
  it("sorts numbers inside names by value, both ways, and pages through them", async () => {
    const { workspaceId } = await makeWorkspace("observer");
    const ordered = ["pc 2", "PC 9", "PC 10", "PC 10.2", "pc 10.10", "PC 100", "Server"];
    await addAssets([...ordered].reverse().map((name) => assetRow(workspaceId, { name })));
    expect(await names(workspaceId, "")).toEqual(ordered);
    expect(await names(workspaceId, "", "-name")).toEqual([...ordered].reverse());
    const first = await listAssets(db(), workspaceId, { filters: {}, sort: "name", limit: 3, now: now() });
    const second = await listAssets(db(), workspaceId, { filters: {}, sort: "name", limit: 3, now: now(), cursor: { direction: "after", key: first.next! } });
    expect([...first.rows, ...second.rows].map((r) => r.name)).toEqual(ordered.slice(0, 6));
    // Searches sort the same way.
    expect(await names(workspaceId, "pc ")).toEqual(ordered.slice(0, 6));
  });

  it("the migration's SQL backfill computes the same key as naturalSortKey", async () => {
    const { workspaceId } = await makeWorkspace("observer");
    const samples = ["PC 10.10", "pc 10.2", "Srv007x", "", "0", "000", "A1B22C333", "Ärzte 9", "x" + "1".repeat(120), "MiXeD-Case 0042 tail", "007", "9 lives"];
    const ids = await addAssets(samples.map((name) => assetRow(workspaceId, { name, nameSort: null })));
    const migration = (env.TEST_MIGRATIONS as Array<{ name: string; queries: string[] }>).find((m) => m.name.includes("report_cache_and_search"));
    // The backfill statement as the migration runs it: from its WITH to the end of its UPDATE.
    const text = migration?.queries.join("\n") ?? "";
    const backfill = /WITH RECURSIVE walk[\s\S]*?WHERE assets\.id = keyed\.id/.exec(text)?.[0];
    expect(backfill).toBeDefined();
    await env.DB.prepare(backfill!).run();
    const rows = await db().select({ id: schema.assets.id, name: schema.assets.name, nameSort: schema.assets.nameSort }).from(schema.assets).where(eq(schema.assets.workspaceId, workspaceId));
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) expect([row.name, row.nameSort]).toEqual([row.name, naturalSortKey(row.name)]);
  });
});

describe("Reports kept in report_cache", () => {
  const hourAgo = Date.now() - 3_600_000;
  const cached = async (workspaceId: string) =>
    (await db().select().from(schema.reportCache).where(eq(schema.reportCache.workspaceId, workspaceId))).length;

  it("answers from the cache, and recomputes after any asset change, by a person or by plain SQL", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    // Written an hour ago: nothing is being written now, so the report may be kept.
    const [a, b] = await addAssets([
      assetRow(workspaceId, { name: "One", category: "Server", createdAt: hourAgo, updatedAt: hourAgo }),
      assetRow(workspaceId, { name: "Two", category: "Server", createdAt: hourAgo, updatedAt: hourAgo }),
    ]);
    const servers = async () => (await assetReport(db(), workspaceId, {}, now())).byCategory.find((c) => c.category === "Server")?.count;
    expect(await servers()).toBe(2);
    expect(await cached(workspaceId)).toBe(1);
    expect(await servers()).toBe(2);

    await updateAssetValues(db(), workspaceId, a, { category: "Workstation" }, now());
    expect(await cached(workspaceId)).toBe(0);
    expect(await servers()).toBe(1);
    // A write that does not touch updated_at still empties the cache (the trigger, not the writer, keeps it right).
    await db().run(sql`UPDATE assets SET updated_at = ${hourAgo} WHERE workspace_id = ${workspaceId}`);
    expect(await servers()).toBe(1);
    expect(await cached(workspaceId)).toBe(1);
    await db().run(sql`UPDATE assets SET category = 'Mac' WHERE id = ${b}`);
    expect(await cached(workspaceId)).toBe(0);
    expect(await servers()).toBe(0);
    // A new asset and a deleted one too.
    await db().run(sql`UPDATE assets SET updated_at = ${hourAgo} WHERE workspace_id = ${workspaceId}`);
    expect(await servers()).toBe(0);
    await addAssets([assetRow(workspaceId, { name: "Three", category: "Server", createdAt: hourAgo, updatedAt: hourAgo })]);
    expect(await servers()).toBe(1);
    await db().delete(schema.assets).where(eq(schema.assets.name, "Three"));
    expect(await servers()).toBe(0);
  });

  it("does not keep figures computed while assets are being written, and keeps workspaces apart", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    const other = await makeWorkspace("owner");
    await addAssets([assetRow(workspaceId, { name: "Fresh" }), assetRow(other.workspaceId, { name: "Old", createdAt: hourAgo, updatedAt: hourAgo })]);
    await assetReport(db(), workspaceId, {}, now());
    expect(await cached(workspaceId)).toBe(0); // an asset was written just now
    await assetReport(db(), other.workspaceId, {}, now());
    expect(await cached(other.workspaceId)).toBe(1);
    await addAssets([assetRow(workspaceId, { name: "Another" })]);
    expect(await cached(other.workspaceId)).toBe(1); // another workspace's write leaves it alone
  });

  it("shows a renamed customer at once (names are never kept)", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    const acme = await addCustomer(workspaceId, "Acme");
    await addAssets([assetRow(workspaceId, { name: "A", customerId: acme, createdAt: hourAgo, updatedAt: hourAgo })]);
    expect((await assetReport(db(), workspaceId, {}, now())).byCustomer[0]?.name).toBe("Acme");
    await db().update(schema.customers).set({ name: "Acme Renamed" }).where(eq(schema.customers.id, acme));
    expect(await cached(workspaceId)).toBe(1);
    expect((await assetReport(db(), workspaceId, {}, now())).byCustomer[0]?.name).toBe("Acme Renamed");
  });
});
