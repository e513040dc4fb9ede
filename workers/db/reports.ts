// Report figures, aggregated in D1 (GROUP BY over the workspace's indexes), never by loading
// assets into the Worker. Band boundaries come from domain/lifecycle, like the drill-down filters.
import { and, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { ageBandRanges, warrantyThresholds, AGE_FILTERS, WARRANTY_BANDS, type AgeBandOrUnknown, type WarrantyBand } from "../domain/lifecycle";
import { ageEstimatedSql, assetFilterConditions, deviceStartSql, type AssetCategory, type AssetStatus } from "./assets";
import type { Db } from "./client";
import { ASSET_SOURCES } from "../domain/asset-rules";
import { cachedRead, hourOf } from "./read-cache";
import { ASSET_CATEGORIES, ASSET_STATUSES, assets, customers } from "./schema";

export type ReportFilters = {
  /** A customer id or "unassigned". */
  customerId?: string;
  category?: AssetCategory;
  online?: "online" | "offline";
};

export type CustomerSlice = { customerId: string | null; name: string; count: number };
export type CompanyRow = {
  customerId: string | null;
  name: string;
  total: number;
  online: number;
  offline: number;
  types: Array<{ category: AssetCategory; count: number }>;
};

export type AssetReport = {
  totalAssets: number;
  byCategory: Array<{ category: AssetCategory; count: number }>;
  byStatus: Array<{ status: AssetStatus; count: number }>;
  /** The 10 customers with most assets, then everyone else in `otherCustomers`. */
  byCustomer: CustomerSlice[];
  otherCustomers: number;
  devices: { total: number; online: number; offline: number };
  /** Devices by Company: the customers with most NinjaOne devices. */
  companies: CompanyRow[];
  moreCompanies: number;
  ageBands: Array<{ band: AgeBandOrUnknown; count: number }>;
  /** Devices whose age is only NinjaOne's first sight of them (no purchase date or warranty start). */
  estimatedAges: number;
  warranty: Array<{ band: WarrantyBand; count: number }>;
};

const TOP_CUSTOMERS = 10;
const TOP_COMPANIES = 25;
const NO_CUSTOMER = "No customer";

function ageBandSql(now: number): SQL {
  const cases = ageBandRanges(now).map((r) =>
    r.startedAfterMs === null ? sql` ELSE ${r.band}` : sql` WHEN ${deviceStartSql} > ${r.startedAfterMs} THEN ${r.band}`,
  );
  return sql`CASE WHEN ${deviceStartSql} IS NULL THEN 'unknown'${sql.join(cases)} END`;
}

function warrantyBandSql(now: number): SQL {
  const { today, expiringThrough } = warrantyThresholds(now);
  return sql`CASE WHEN ${assets.warrantyEnd} IS NULL THEN 'none' WHEN ${assets.warrantyEnd} < ${today} THEN 'expired' WHEN ${assets.warrantyEnd} <= ${expiringThrough} THEN 'expiring' ELSE 'active' END`;
}

const onlineSum = sql<number>`COALESCE(SUM(CASE WHEN ${assets.ninjaOffline} = 0 THEN 1 ELSE 0 END), 0)`.mapWith(Number);
const offlineSum = sql<number>`COALESCE(SUM(CASE WHEN ${assets.ninjaOffline} = 1 THEN 1 ELSE 0 END), 0)`.mapWith(Number);

/**
 * The aggregate rows a report is drawn from (no names: those are read fresh, so a renamed customer
 * shows at once). Small: a few dozen group rows whatever the fleet's size.
 */
type ReportAggregates = {
  categoryStatus: Array<{ category: AssetCategory; status: AssetStatus; count: number }>;
  byCustomer: Array<{ key: string | null; count: number }>;
  bands: Array<{ age: string; warranty: string; estimated: number; count: number }>;
  companies: Array<{ key: string | null; total: number; online: number; offline: number }>;
  moreCompanies: number;
  devices: { total: number; online: number; offline: number };
  types: Array<{ key: string | null; category: AssetCategory; count: number }>;
};

async function reportAggregates(db: Db, workspaceId: string, filters: ReportFilters, now: number): Promise<ReportAggregates> {
  // `source IN (both)` changes no result but lets SQLite use assets_ws_report_idx (whose second
  // column is source) as a covering index; grouping by `+column` stops it preferring an index
  // merely because it is ordered by the grouped column.
  const filterConds = assetFilterConditions(filters, now);
  const all = and(eq(assets.workspaceId, workspaceId), inArray(assets.source, ASSET_SOURCES), ...filterConds);
  const ninja = and(eq(assets.workspaceId, workspaceId), eq(assets.source, "ninjaone"), ...filterConds);
  const category = sql<AssetCategory>`+${assets.category}`;
  const status = sql<AssetStatus>`+${assets.status}`;
  const customer = sql<string | null>`+${assets.customerId}`;
  const ageBand = ageBandSql(now);
  const warrantyBand = warrantyBandSql(now);

  // Four scans of the report index: category × status and the top customers over all assets;
  // age × warranty and the per-customer device counts over NinjaOne devices. The few group rows
  // are summed here.
  const [categoryStatus, byCustomer, bands, companies] = await db.batch([
    db.select({ category, status, count: count() }).from(assets).where(all).groupBy(category, status),
    db.select({ key: customer, count: count() }).from(assets).where(all).groupBy(customer).orderBy(desc(count()), customer).limit(TOP_CUSTOMERS),
    db
      .select({ age: sql<string>`${ageBand}`, warranty: sql<string>`${warrantyBand}`, estimated: sql<number>`${ageEstimatedSql}`.mapWith(Number), count: count() })
      .from(assets)
      .where(ninja)
      .groupBy(ageBand, warrantyBand, ageEstimatedSql),
    db
      .select({ key: assets.customerId, total: count(), online: onlineSum, offline: offlineSum })
      .from(assets)
      .where(ninja)
      .groupBy(assets.customerId)
      .orderBy(desc(count()), assets.customerId),
  ]);

  const topCompanies = companies.slice(0, TOP_COMPANIES);
  const companyIds = topCompanies.map((c) => c.key).filter((id): id is string => id !== null);
  const includesNoCustomer = topCompanies.some((c) => c.key === null);
  const types = topCompanies.length
    ? await db
        .select({ key: assets.customerId, category: assets.category, count: count() })
        .from(assets)
        .where(
          and(
            ninja,
            or(companyIds.length ? inArray(assets.customerId, companyIds) : undefined, includesNoCustomer ? isNull(assets.customerId) : undefined),
          ),
        )
        .groupBy(assets.customerId, assets.category)
    : [];
  const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    categoryStatus,
    byCustomer,
    bands,
    companies: topCompanies,
    moreCompanies: companies.length - topCompanies.length,
    devices: { total: sum(companies, (c) => c.total), online: sum(companies, (c) => c.online), offline: sum(companies, (c) => c.offline) },
    types,
  };
}

/** Bump when ReportAggregates changes shape: older rows are then never read. */
const CACHE_VERSION = 1;

export async function assetReport(db: Db, workspaceId: string, filters: ReportFilters, now: number): Promise<AssetReport> {
  // Kept until an asset changes (workers/db/read-cache.ts); the hour in the key, as the age and
  // warranty bands move with the clock.
  const key = ["report", CACHE_VERSION, hourOf(now), filters.customerId ?? null, filters.category ?? null, filters.online ?? null];
  const { categoryStatus, byCustomer, bands, companies, moreCompanies, devices, types } = await cachedRead(db, workspaceId, key, now, () =>
    reportAggregates(db, workspaceId, filters, now),
  );
  const customerIds = [...new Set([...companies, ...byCustomer].map((c) => c.key).filter((id): id is string => id !== null))];
  const names = customerIds.length
    ? await db
        .select({ id: customers.id, name: customers.name })
        .from(customers)
        .where(and(eq(customers.workspaceId, workspaceId), inArray(customers.id, customerIds)))
    : [];

  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const label = (id: string | null) => (id === null ? NO_CUSTOMER : (nameOf.get(id) ?? "Deleted customer"));
  const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const totalAssets = sum(categoryStatus, (r) => r.count);
  const topSum = sum(byCustomer, (r) => r.count);

  return {
    totalAssets,
    byCategory: ASSET_CATEGORIES.map((c) => ({ category: c, count: sum(categoryStatus, (r) => (r.category === c ? r.count : 0)) })),
    byStatus: ASSET_STATUSES.map((s) => ({ status: s, count: sum(categoryStatus, (r) => (r.status === s ? r.count : 0)) })),
    byCustomer: byCustomer.map((r) => ({ customerId: r.key, name: label(r.key), count: r.count })),
    otherCustomers: totalAssets - topSum,
    devices,
    companies: companies.map((c) => ({
      customerId: c.key,
      name: label(c.key),
      total: c.total,
      online: c.online,
      offline: c.offline,
      types: ASSET_CATEGORIES.map((category) => ({
        category,
        count: types.find((t) => t.key === c.key && t.category === category)?.count ?? 0,
      })).filter((t) => t.count > 0),
    })),
    moreCompanies,
    ageBands: AGE_FILTERS.map((band) => ({ band, count: sum(bands, (r) => (r.age === band ? r.count : 0)) })),
    estimatedAges: sum(bands, (r) => (r.estimated ? r.count : 0)),
    warranty: WARRANTY_BANDS.map((band) => ({ band, count: sum(bands, (r) => (r.warranty === band ? r.count : 0)) })),
  };
}

export type CompanyExportRow = CompanyRow & { byCategory: Partial<Record<AssetCategory, number>> };

/** Devices by Company for every customer (the page shows the top 25; the CSV has them all). */
export async function devicesByCompanyAll(db: Db, workspaceId: string, filters: ReportFilters, now: number): Promise<CompanyExportRow[]> {
  const ninja = and(eq(assets.workspaceId, workspaceId), eq(assets.source, "ninjaone"), ...assetFilterConditions(filters, now));
  const [groups, names] = await db.batch([
    db
      .select({ key: assets.customerId, category: assets.category, total: count(), online: onlineSum, offline: offlineSum })
      .from(assets)
      .where(ninja)
      .groupBy(assets.customerId, assets.category),
    db.select({ id: customers.id, name: customers.name }).from(customers).where(eq(customers.workspaceId, workspaceId)),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const rows = new Map<string | null, CompanyExportRow>();
  for (const g of groups) {
    const row = rows.get(g.key) ?? {
      customerId: g.key,
      name: g.key === null ? NO_CUSTOMER : (nameOf.get(g.key) ?? "Deleted customer"),
      total: 0,
      online: 0,
      offline: 0,
      types: [],
      byCategory: {},
    };
    row.total += g.total;
    row.online += g.online;
    row.offline += g.offline;
    row.byCategory[g.category] = g.total;
    rows.set(g.key, row);
  }
  return [...rows.values()]
    .map((r) => ({ ...r, types: ASSET_CATEGORIES.filter((c) => r.byCategory[c]).map((category) => ({ category, count: r.byCategory[category] ?? 0 })) }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}
