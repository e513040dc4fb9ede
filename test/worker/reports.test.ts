import { beforeAll, describe, expect, it } from "vitest";
import { listAssets } from "@workers/db/assets";
import { assetReport } from "@workers/db/reports";
import { ageBand, deviceStartMs, warrantyBand, yearsBefore } from "@workers/domain/lifecycle";
import { addAssets, addCustomer, assetRow, ninjaAssetRow, type AssetRow } from "./asset-fixtures";
import { appFetch, db, makeWorkspace } from "./helpers";

const NOW = Date.parse("2026-06-15T12:00:00Z");
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("asset report figures (known data set)", () => {
  let workspaceId: string;
  let acme: string;
  let globex: string;

  beforeAll(async () => {
    ({ workspaceId } = await makeWorkspace("observer"));
    acme = await addCustomer(workspaceId, "Acme");
    globex = await addCustomer(workspaceId, "Globex");
    const online = { ninjaOffline: false, status: "in_use" } as const;
    const offline = { ninjaOffline: true, status: "available" } as const;
    await addAssets([
      ninjaAssetRow(workspaceId, { ...online, customerId: acme, category: "Workstation", ninjaCreatedAt: NOW - 180 * DAY, warrantyEnd: isoDay(NOW + 200 * DAY) }),
      ninjaAssetRow(workspaceId, { ...offline, customerId: acme, category: "Workstation", ninjaCreatedAt: yearsBefore(NOW, 1), warrantyEnd: isoDay(NOW) }),
      ninjaAssetRow(workspaceId, { ...online, customerId: acme, category: "Server", ninjaCreatedAt: NOW - 912 * DAY, warrantyEnd: isoDay(NOW - DAY) }),
      ninjaAssetRow(workspaceId, { ...offline, customerId: globex, category: "Server", ninjaCreatedAt: null, purchaseDate: isoDay(NOW - 4 * 365 * DAY) }),
      ninjaAssetRow(workspaceId, { ...online, customerId: globex, category: "Mac", ninjaCreatedAt: NOW - 6 * 366 * DAY, warrantyEnd: isoDay(NOW + 90 * DAY) }),
      ninjaAssetRow(workspaceId, { ...offline, customerId: null, category: "Network Device", ninjaCreatedAt: null, warrantyEnd: isoDay(NOW + 91 * DAY) }),
      assetRow(workspaceId, { customerId: acme, category: "Workstation", status: "available", purchaseDate: isoDay(NOW - 2 * 365 * DAY) }),
      assetRow(workspaceId, { customerId: null, category: "Other", status: "retired" }),
    ]);
  });

  it("counts everything by category, status, customer, and the NinjaOne devices by company, age and warranty", async () => {
    const r = await assetReport(db(), workspaceId, {}, NOW);
    expect(r.totalAssets).toBe(8);
    expect(Object.fromEntries(r.byCategory.map((c) => [c.category, c.count]))).toEqual({
      Workstation: 3,
      Server: 2,
      Mac: 1,
      "Virtual Host": 0,
      "Virtual Machine": 0,
      "Cloud Service": 0,
      "Network Device": 1,
      "Mobile Device": 0,
      Other: 1,
    });
    expect(Object.fromEntries(r.byStatus.map((s) => [s.status, s.count]))).toEqual({ in_use: 3, available: 4, in_repair: 0, inactive: 0, retired: 1 });
    expect(r.byCustomer).toEqual([
      { customerId: acme, name: "Acme", count: 4 },
      { customerId: null, name: "No customer", count: 2 },
      { customerId: globex, name: "Globex", count: 2 },
    ].sort((a, b) => b.count - a.count || String(a.customerId ?? "").localeCompare(String(b.customerId ?? ""))));
    expect(r.otherCustomers).toBe(0);
    expect(r.devices).toEqual({ total: 6, online: 3, offline: 3 });
    expect(r.companies).toEqual([
      { customerId: acme, name: "Acme", total: 3, online: 2, offline: 1, types: [{ category: "Workstation", count: 2 }, { category: "Server", count: 1 }] },
      { customerId: globex, name: "Globex", total: 2, online: 1, offline: 1, types: [{ category: "Server", count: 1 }, { category: "Mac", count: 1 }] },
      { customerId: null, name: "No customer", total: 1, online: 0, offline: 1, types: [{ category: "Network Device", count: 1 }] },
    ]);
    expect(Object.fromEntries(r.ageBands.map((a) => [a.band, a.count]))).toEqual({ "0-1": 1, "1-2": 1, "2-3": 1, "3-5": 1, "5+": 1, unknown: 1 });
    // Four devices' ages come only from NinjaOne's first sight of them (no purchase date or warranty start).
    expect(r.estimatedAges).toBe(4);
    expect(Object.fromEntries(r.warranty.map((w) => [w.band, w.count]))).toEqual({ active: 2, expiring: 2, expired: 1, none: 1 });
  });

  it("filters by customer, device type and online status", async () => {
    const acmeOnly = await assetReport(db(), workspaceId, { customerId: acme }, NOW);
    expect(acmeOnly.totalAssets).toBe(4);
    expect(acmeOnly.devices).toEqual({ total: 3, online: 2, offline: 1 });
    const unassigned = await assetReport(db(), workspaceId, { customerId: "unassigned" }, NOW);
    expect(unassigned.totalAssets).toBe(2);
    const servers = await assetReport(db(), workspaceId, { category: "Server" }, NOW);
    expect(servers.totalAssets).toBe(2);
    expect(Object.fromEntries(servers.warranty.map((w) => [w.band, w.count]))).toEqual({ active: 0, expiring: 0, expired: 1, none: 1 });
    const off = await assetReport(db(), workspaceId, { online: "offline" }, NOW);
    expect(off.totalAssets).toBe(3); // manual assets have no online state
    expect(off.devices).toEqual({ total: 3, online: 0, offline: 3 });
    expect(Object.fromEntries(off.ageBands.map((a) => [a.band, a.count]))).toMatchObject({ "1-2": 1, "3-5": 1, unknown: 1 });
  });

  it("drills down to exactly the devices a band counts", async () => {
    const list = async (filters: Parameters<typeof listAssets>[2]["filters"]) =>
      (await listAssets(db(), workspaceId, { filters: { source: "ninjaone", ...filters }, sort: "name", limit: 50, now: NOW })).rows;
    expect(await list({ age: "1-2" })).toHaveLength(1);
    expect(await list({ age: "unknown" })).toHaveLength(1);
    expect(await list({ warranty: "expiring" })).toHaveLength(2);
    expect(await list({ warranty: "active", customerId: acme })).toHaveLength(1);
  });
});

describe("report bands in SQL agree with the pure rules", () => {
  it("at every boundary, give or take a millisecond or a day", async () => {
    const { workspaceId } = await makeWorkspace("observer");
    const rows: AssetRow[] = [];
    for (const years of [1, 2, 3, 5]) {
      for (const delta of [-1, 0, 1, -DAY, DAY]) rows.push(ninjaAssetRow(workspaceId, { ninjaCreatedAt: yearsBefore(NOW, years) + delta }));
      rows.push(ninjaAssetRow(workspaceId, { ninjaCreatedAt: null, purchaseDate: isoDay(yearsBefore(NOW, years)) }));
      rows.push(ninjaAssetRow(workspaceId, { ninjaCreatedAt: null, purchaseDate: isoDay(yearsBefore(NOW, years) + DAY) }));
      // The purchase date and the warranty start outrank NinjaOne's first sight of the device.
      rows.push(ninjaAssetRow(workspaceId, { ninjaCreatedAt: NOW - DAY, purchaseDate: isoDay(yearsBefore(NOW, years)) }));
      rows.push(ninjaAssetRow(workspaceId, { ninjaCreatedAt: NOW - DAY, warrantyStart: isoDay(yearsBefore(NOW, years) + DAY) }));
    }
    for (const days of [-1, 0, 1, 89, 90, 91]) rows.push(ninjaAssetRow(workspaceId, { warrantyEnd: isoDay(NOW + days * DAY) }));
    await addAssets(rows);
    const report = await assetReport(db(), workspaceId, {}, NOW);
    const expectedAges: Record<string, number> = {};
    const expectedWarranty: Record<string, number> = {};
    for (const r of rows) {
      const band = ageBand(deviceStartMs({ ninjaCreatedAt: r.ninjaCreatedAt ?? null, purchaseDate: r.purchaseDate ?? null, warrantyStart: r.warrantyStart ?? null }), NOW);
      expectedAges[band] = (expectedAges[band] ?? 0) + 1;
      const w = warrantyBand(r.warrantyEnd ?? null, NOW);
      expectedWarranty[w] = (expectedWarranty[w] ?? 0) + 1;
    }
    expect(Object.fromEntries(report.ageBands.filter((a) => a.count).map((a) => [a.band, a.count]))).toEqual(expectedAges);
    expect(Object.fromEntries(report.warranty.filter((w) => w.count).map((w) => [w.band, w.count]))).toEqual(expectedWarranty);
  });
});

describe("top customers", () => {
  it("shows the ten largest and folds the rest into other", async () => {
    const { workspaceId } = await makeWorkspace("observer");
    const rows: AssetRow[] = [];
    for (let c = 1; c <= 12; c++) {
      const customerId = await addCustomer(workspaceId, `Customer ${c}`);
      for (let i = 0; i < c; i++) rows.push(assetRow(workspaceId, { customerId }));
    }
    await addAssets(rows);
    const r = await assetReport(db(), workspaceId, {}, NOW);
    expect(r.byCustomer.map((c) => c.name)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3].map((n) => `Customer ${n}`));
    expect(r.otherCustomers).toBe(3);
    expect(r.totalAssets).toBe(78);
  });
});

describe("the Reports page", () => {
  it("shows the figures and charts to roles with reports:view", async () => {
    const { workspaceId, cookie } = await makeWorkspace("observer");
    await addAssets([
      ninjaAssetRow(workspaceId, { category: "Server", warrantyEnd: null }),
      assetRow(workspaceId, { category: "Mac" }),
    ]);
    const res = await appFetch("/reports", { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of ["Assets by category", "Assets by status", "Assets by customer", "Devices by Company", "Device Age", "Warranty Status", "2 assets", "1 device"]) {
      expect(html).toContain(text);
    }
    expect(html).toContain("/assets?source=ninjaone&amp;warranty=none");
  });

  it("refuses roles without reports:view", async () => {
    const { cookie } = await makeWorkspace("technician");
    expect((await appFetch("/reports", { cookie })).status).toBe(403);
  });

  it("has empty states: no assets, no match, no NinjaOne devices", async () => {
    const { workspaceId, cookie } = await makeWorkspace("manager");
    expect(await (await appFetch("/reports", { cookie })).text()).toContain("No assets to report on yet");
    await addAssets([assetRow(workspaceId, { category: "Mac" })]);
    const manualOnly = await (await appFetch("/reports", { cookie })).text();
    expect(manualOnly).toContain("No NinjaOne devices here");
    expect(await (await appFetch("/reports?category=Server", { cookie })).text()).toContain("Nothing matches these filters");
    expect((await appFetch("/reports?category=Spaceship&online=maybe", { cookie })).status).toBe(200);
  });
});
