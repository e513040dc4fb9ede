// EOL Recommendations in SQL: every asset in service classified against the replacement policy
// that applies to it (its customer's override of its category, else the global one), filtered,
// sorted by replacement due date and paged by keyset, without loading the fleet into the Worker.
//
// How it stays cheap at 100,000 assets: the policies are a handful of rows, so the Worker resolves
// inheritance (domain/eol) and, for "today", turns each policy's months into threshold dates
// (latestBasisDueBy). SQL then compares each asset's age-basis day with two dates (overdue,
// warning): the global ones from a CASE on the category, a customer's override by primary-key
// lookup. The due-date sort key is integer arithmetic on the basis day. The assets are read from
// the covering report index (assets_ws_report_idx), never the table, and only the page's rows are
// read in full. The values shown (due date, months overdue) come from domain/eol on those rows.
import { and, eq, gt, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ASSET_CATEGORIES, type AssetCategory } from "../domain/categories";
import {
  assessDevice,
  EOL_CLASSES,
  EOL_SORTS,
  latestBasisDueBy,
  PLANNING_QUARTERS,
  quarterIndex,
  type EffectivePolicy,
  type EolAssessment,
  type EolClass,
  type EolSort,
} from "../domain/eol";
import { isLastDayOfMonth } from "date-fns";
import { dayDate, deviceAge, isoDay, type DeviceAge } from "../domain/lifecycle";
import { ASSET_SOURCES, UNASSIGNED } from "../domain/asset-rules";
import { fnv1a64Hex, stableStringify } from "../domain/hash";
import { ageBasisDaySql } from "./assets";
import { cachedRead } from "./read-cache";
import type { Db } from "./client";
import { loadPolicyBook, policiesOf, policyBookOf, type PolicyBook } from "./replacement-policies";
import { assets, customers, replacementPolicies, reportCache } from "./schema";

export { EOL_SORTS, type EolSort };

/** Assets out of service are not planned for replacement. */
export const EOL_EXCLUDED_STATUSES = ["retired", "inactive"] as const;

export type EolFilters = {
  /** A customer id, or "unassigned". */
  customerId?: string;
  category?: AssetCategory;
  classification?: EolClass;
  online?: "online" | "offline";
};

export const eolCursorSchema = z.object({ s: z.enum(EOL_SORTS), v: z.number().int(), id: z.string().min(1).max(100) });
export type EolCursor = z.infer<typeof eolCursorSchema>;

const UNKNOWN_KEY = 2 ** 40; // sorts after every real due date

/** Bump when the kept EOL rows change shape or their keys change (2: the policies' fingerprint last). */
const EOL_CACHE_VERSION = 2;
/** The policies' fingerprint in a cache key: any policy change reads (and keeps) afresh. */
const bookKey = (book: PolicyBook) => fnv1a64Hex(stableStringify({ global: book.global, overrides: [...book.overrides].sort(([a], [b]) => (a < b ? -1 : 1)) }));
const filterKey = (f: Omit<EolFilters, "classification">) => [f.customerId ?? null, f.category ?? null, f.online ?? null];

type KeyPart = string | number | null;
/**
 * A kept figure's key: its parts, then the policies' fingerprint. The fingerprint comes last so
 * that every key of the same parts starts with the same text (keyPrefix), and eolScreen can read
 * the kept figures in the same round trip as the policies they depend on.
 */
const keptKey = (parts: KeyPart[], book: PolicyBook): KeyPart[] => [...parts, bookKey(book)];
/** The text every keptKey(parts, any book) starts with, as JSON (the fingerprint is a quoted hex string). */
const keyPrefix = (parts: KeyPart[]) => `${JSON.stringify(parts).slice(0, -1)},`;
const pageKeyParts = (q: EolQuery): KeyPart[] => [
  "eol-page", EOL_CACHE_VERSION, isoDay(q.now), ...filterKey(q.filters), q.filters.classification ?? null, q.sort, q.limit, q.after?.s ?? null, q.after?.v ?? null, q.after?.id ?? null,
];
const summaryKeyParts = (filters: Omit<EolFilters, "classification">, today: string): KeyPart[] => ["eol-summary", EOL_CACHE_VERSION, today, ...filterKey(filters)];
/** The kept rows under any keptKey of these parts (BINARY order: the prefix, then `"`, hex digits and `]`, all below `~`). */
const keptUnder = (workspaceId: string, parts: KeyPart[]) => {
  const prefix = keyPrefix(parts);
  return and(eq(reportCache.workspaceId, workspaceId), gt(reportCache.key, prefix), lt(reportCache.key, `${prefix}~`));
};

/**
 * One global policy value per category as a CASE on the asset's category. The values are inlined
 * as literals (about twice as fast as joining a table of policies per row, and 9 categories × 4
 * values would not fit D1's 100 bound parameters); they are only ever our own ISO dates and
 * integers, checked here, and the categories come from the fixed list.
 */
function globalCase(policies: EffectivePolicy[], pick: (p: EffectivePolicy) => string | number | null): SQL {
  const literal = (v: string | number | null) => {
    if (v === null) return "NULL";
    if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return `'${v}'`;
    throw new Error(`Not a policy value: ${String(v)}`);
  };
  const arms = policies.map((p) => {
    if (!(ASSET_CATEGORIES as readonly string[]).includes(p.category)) throw new Error(`Not a category: ${p.category}`);
    return `WHEN '${p.category}' THEN ${literal(pick(p))}`;
  });
  return sql`CASE ${assets.category} ${sql.raw(arms.join(" "))} END`;
}

/**
 * latestBasisDueBy(today, months) in SQL for a months column: the same day `months` earlier,
 * clamped to that month's end; when today is the last day of its month, that month's end.
 */
function thresholdSql(today: string, months: SQL): SQL {
  const monthStart = `${today.slice(0, 8)}01`;
  const monthEnd = sql`date(${monthStart}, '-' || ${months} || ' months', '+1 month', '-1 day')`;
  if (isLastDayOfMonth(dayDate(today))) return monthEnd;
  return sql`min(date(${monthStart}, '-' || ${months} || ' months', ${`+${Number(today.slice(8, 10)) - 1} days`}), ${monthEnd})`;
}

/**
 * The assets in scope with their basis day (b), thresholds (o, w), max months (m) and cost, as
 * a CTE named `eol`. Assets are read from the covering index. The global policy is a CASE on the
 * category with values the Worker computed; a customer's override (c) is a primary-key lookup in
 * replacement_policies, its thresholds computed in SQL only for the assets that have one.
 */
function eolCte(workspaceId: string, book: PolicyBook, today: string, filters: EolFilters): SQL {
  const conds: SQL[] = [
    eq(assets.workspaceId, workspaceId),
    // Changes no result; lets SQLite use assets_ws_report_idx (second column: source) as a covering index.
    inArray(assets.source, ASSET_SOURCES),
    sql`${assets.status} NOT IN ('retired', 'inactive')`,
  ];
  if (filters.customerId) conds.push(filters.customerId === UNASSIGNED ? isNull(assets.customerId) : eq(assets.customerId, filters.customerId));
  if (filters.category) conds.push(eq(assets.category, filters.category));
  if (filters.online) conds.push(eq(assets.ninjaOffline, filters.online === "offline"));
  const overrides = filters.customerId ? book.overrides.has(filters.customerId) : book.overrides.size > 0;
  const own = (column: SQL, global: SQL) => (overrides ? sql`CASE WHEN c.category IS NULL THEN ${global} ELSE ${column} END` : global);
  const global = policiesOf(book, null);
  return sql`WITH eol AS (
      SELECT ${assets.id} AS id, ${assets.category} AS category, ${ageBasisDaySql} AS b,
             ${own(thresholdSql(today, sql`c.max_age_months`), globalCase(global, (p) => latestBasisDueBy(today, p.maxAgeMonths)))} AS o,
             ${own(thresholdSql(today, sql`c.warning_months`), globalCase(global, (p) => latestBasisDueBy(today, p.warningMonths)))} AS w,
             ${own(sql`c.max_age_months`, globalCase(global, (p) => p.maxAgeMonths))} AS m,
             ${own(sql`c.replacement_cost_cents`, globalCase(global, (p) => p.replacementCostCents))} AS cost
      FROM ${assets}
      ${overrides ? sql`LEFT JOIN ${replacementPolicies} c ON c.workspace_id = ${workspaceId} AND c.scope = ${assets.customerId} AND c.category = ${assets.category}` : sql``}
      WHERE ${and(...conds)}
    )`;
}

const classSql = sql`CASE WHEN b IS NULL THEN 'unknown' WHEN b <= o THEN 'overdue' WHEN b <= w THEN 'approaching' ELSE 'compliant' END`;
// Months since year 0 of the due date (basis month + max months); the due day is the basis day,
// clamped to the month's end, which never changes the order.
const dueMonthSql = sql`(CAST(substr(b, 1, 4) AS INTEGER) * 12 + CAST(substr(b, 6, 2) AS INTEGER) - 1 + m)`;
function sortKeySql(sort: EolSort): SQL {
  const key = sql`(${dueMonthSql} * 32 + CAST(substr(b, 9, 2) AS INTEGER))`;
  return sort === "due" ? sql`COALESCE(${key}, ${UNKNOWN_KEY})` : sql`COALESCE(-${key}, ${UNKNOWN_KEY})`;
}

function classCondition(classification: EolClass | undefined): SQL {
  switch (classification) {
    case undefined:
      return sql`1`;
    case "unknown":
      return sql`b IS NULL`;
    case "overdue":
      return sql`b <= o`;
    case "approaching":
      return sql`(b > o AND b <= w)`;
    case "compliant":
      return sql`b > w`;
  }
}

export type EolRow = {
  assetId: string;
  name: string;
  manufacturer: string | null;
  model: string | null;
  category: AssetCategory;
  customerId: string | null;
  customerName: string | null;
  source: "manual" | "ninjaone";
  ninjaOffline: boolean | null;
  age: DeviceAge | null;
  policy: EffectivePolicy;
  assessment: EolAssessment;
};

export type EolPage = { rows: EolRow[]; next: EolCursor | null };

export type EolQuery = { filters: EolFilters; sort: EolSort; limit: number; after?: EolCursor; now: number; book?: PolicyBook };

function pageSql(workspaceId: string, q: EolQuery, book: PolicyBook): SQL {
  const key = sortKeySql(q.sort);
  const after = q.after && q.after.s === q.sort ? sql`(k > ${q.after.v} OR (k = ${q.after.v} AND id > ${q.after.id}))` : sql`1`;
  return sql`${eolCte(workspaceId, book, isoDay(q.now), q.filters)}
    SELECT id, k FROM (SELECT id, ${key} AS k FROM eol WHERE ${classCondition(q.filters.classification)})
    WHERE ${after}
    ORDER BY k, id
    LIMIT ${q.limit + 1}`;
}

/** One page of recommendations (keyset on the due-date key and id). */
export async function listEol(db: Db, workspaceId: string, q: EolQuery): Promise<EolPage> {
  const book = q.book ?? (await loadPolicyBook(db, workspaceId));
  const compute = () => db.all<{ id: string; k: number }>(pageSql(workspaceId, q, book));
  // A page the screen shows is kept until an asset changes (the rows themselves are read fresh);
  // the CSV export's large pages are not.
  const found =
    q.limit <= 100
      ? await cachedRead(db, workspaceId, keptKey(pageKeyParts(q), book), q.now, compute)
      : await compute();
  const ids = found.slice(0, q.limit).map((r) => r.id);
  const rows = ids.length === 0 ? [] : await eolRowsQuery(db, workspaceId, sql`SELECT value FROM json_each(${JSON.stringify(ids)})`);
  return eolPageOf(found, assessEolRows(rows, ids, book, q.now), q);
}

/** The page's rows and next cursor from the found keys (one more than the page, when there is more). */
function eolPageOf(found: ReadonlyArray<{ id: string; k: number }>, rows: EolRow[], q: EolQuery): EolPage {
  const last = found[Math.min(found.length, q.limit) - 1];
  return { rows, next: found.length > q.limit && last ? { s: q.sort, v: Number(last.k), id: last.id } : null };
}

/**
 * The EOL screen's page and summary, in one D1 round trip when both are kept: one batch reads the
 * policies, the figures kept under the page's and the summary's keys for any policies (the one
 * for the current policies is picked here; others are from before a policy change), and the
 * assets the kept pages list. What is not kept is computed and kept as listEol and eolSummary do.
 */
export async function eolScreen(
  db: Db,
  workspaceId: string,
  q: Omit<EolQuery, "book">,
  summaryFilters: Omit<EolFilters, "classification">,
): Promise<{ page: EolPage; summary: EolSummary }> {
  const pageParts = pageKeyParts(q);
  const summaryParts = summaryKeyParts(summaryFilters, isoDay(q.now));
  const kept = (parts: KeyPart[]) => db.select({ key: reportCache.key, body: reportCache.body }).from(reportCache).where(keptUnder(workspaceId, parts));
  const [policyRows, pages, summaries, pageAssets] = await db.batch([
    db.select().from(replacementPolicies).where(eq(replacementPolicies.workspaceId, workspaceId)),
    kept(pageParts),
    kept(summaryParts),
    eolRowsQuery(db, workspaceId, sql`SELECT json_extract(j.value, '$.id') FROM ${reportCache}, json_each(${reportCache.body}) j WHERE ${keptUnder(workspaceId, pageParts)}`),
  ]);
  const book = policyBookOf(policyRows);
  const pick = <T>(rows: Array<{ key: string; body: string }>, parts: KeyPart[]): T | undefined => {
    const key = JSON.stringify(keptKey(parts, book));
    const hit = rows.find((r) => r.key === key);
    return hit ? (JSON.parse(hit.body) as T) : undefined;
  };
  const found = pick<Array<{ id: string; k: number }>>(pages, pageParts);
  const groups = pick<EolGroup[]>(summaries, summaryParts);
  const [page, summary] = await Promise.all([
    found
      ? eolPageOf(found, assessEolRows(pageAssets, found.slice(0, q.limit).map((r) => r.id), book, q.now), q)
      : listEol(db, workspaceId, { ...q, book }),
    groups ? summarizeEol(groups, summaryFilters, book, isoDay(q.now)) : eolSummary(db, workspaceId, summaryFilters, q.now, book),
  ]);
  return { page, summary };
}

/** SQLite's plan for a page (tests and the benchmark check that it reads the covering index). */
export async function explainEol(db: Db, workspaceId: string, q: EolQuery): Promise<string[]> {
  const book = q.book ?? (await loadPolicyBook(db, workspaceId));
  const plan = await db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${pageSql(workspaceId, q, book)}`);
  return plan.map((r) => r.detail);
}

/** The assets whose ids `ids` (a subquery) lists, with what their EOL rows show. */
function eolRowsQuery(db: Db, workspaceId: string, ids: SQL) {
  return (
    db
      .select({
        id: assets.id,
        name: assets.name,
        manufacturer: assets.manufacturer,
        model: assets.model,
        category: assets.category,
        customerId: assets.customerId,
        // Aliased: D1 returns a batch's rows as objects, where two columns called `name` would collide (eolScreen batches this).
        customerName: sql<string | null>`${customers.name}`.as("customer_name"),
        source: assets.source,
        ninjaOffline: assets.ninjaOffline,
        purchaseDate: assets.purchaseDate,
        warrantyStart: assets.warrantyStart,
        ninjaCreatedAt: assets.ninjaCreatedAt,
      })
      .from(assets)
      .leftJoin(customers, and(eq(customers.id, assets.customerId), eq(customers.workspaceId, assets.workspaceId)))
      // The ids as a subquery (a JSON parameter: a CSV page has 1,000 of them and D1 binds at most
      // 100 values). `+workspace_id` keeps the scope without letting SQLite walk a workspace-wide
      // index (100,000 entries) instead of looking the page's ids up by primary key.
      .where(and(sql`+${assets.workspaceId} = ${workspaceId}`, sql`${assets.id} IN (${ids})`))
  );
}
type EolAssetRow = Awaited<ReturnType<typeof eolRowsQuery>>[number];

/** The page's assets assessed by domain/eol, in the order of `ids` (rows of other ids are left out). */
function assessEolRows(rows: EolAssetRow[], ids: string[], book: PolicyBook, now: number): EolRow[] {
  const today = isoDay(now);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const age = deviceAge(r, now);
    const policy = policiesOf(book, r.customerId).find((p) => p.category === r.category)!;
    return [
      {
        assetId: r.id,
        name: r.name,
        manufacturer: r.manufacturer,
        model: r.model,
        category: r.category,
        customerId: r.customerId,
        customerName: r.customerName,
        source: r.source,
        ninjaOffline: r.ninjaOffline,
        age,
        policy,
        assessment: assessDevice(age?.since ?? null, policy, today),
      },
    ];
  });
}

export type EolQuarter = { quarter: number; byCategory: Partial<Record<AssetCategory, number>>; devices: number; costCents: number; devicesWithoutCost: number };

export type EolSummary = {
  total: number;
  counts: Record<EolClass, number>;
  /** Overdue devices already due before the current quarter (not in `quarters`). */
  backlog: { devices: number; costCents: number; devicesWithoutCost: number };
  /** The current quarter and the next seven, by due date. */
  quarters: EolQuarter[];
  /** Whether any applying policy has a cost (else the budget is not shown). */
  costsSet: boolean;
};

/** One group of the summary's query: assets of a class and category due in quarter q. */
type EolGroup = { cls: EolClass; category: AssetCategory; q: number | null; n: number; cost: number | null; priced: number };

/** Counts per classification and the replacements due per quarter (by category, with budget). */
export async function eolSummary(db: Db, workspaceId: string, filters: Omit<EolFilters, "classification">, now: number, book?: PolicyBook): Promise<EolSummary> {
  const today = isoDay(now);
  const policies = book ?? (await loadPolicyBook(db, workspaceId));
  // Kept until an asset changes (workers/db/read-cache.ts); a policy change makes another key.
  const groups = await cachedRead(db, workspaceId, keptKey(summaryKeyParts(filters, today), policies), now, () =>
    db.all<EolGroup>(sql`${eolCte(workspaceId, policies, today, filters)}
    SELECT ${classSql} AS cls, category, CASE WHEN b IS NULL THEN NULL ELSE ${dueMonthSql} / 3 END AS q,
           COUNT(*) AS n, SUM(cost) AS cost, COUNT(cost) AS priced
    FROM eol GROUP BY cls, category, q`),
  );
  return summarizeEol(groups, filters, policies, today);
}

function summarizeEol(groups: EolGroup[], filters: Omit<EolFilters, "classification">, policies: PolicyBook, today: string): EolSummary {
  const current = quarterIndex(today);
  const counts = Object.fromEntries(EOL_CLASSES.map((c) => [c, 0])) as Record<EolClass, number>;
  const quarters: EolQuarter[] = Array.from({ length: PLANNING_QUARTERS }, (_, i) => ({ quarter: current + i, byCategory: {}, devices: 0, costCents: 0, devicesWithoutCost: 0 }));
  const backlog = { devices: 0, costCents: 0, devicesWithoutCost: 0 };
  for (const g of groups) {
    const n = Number(g.n);
    counts[g.cls] += n;
    if (g.q === null) continue;
    const q = Number(g.q);
    const quarter = q >= current ? quarters[q - current] : undefined;
    const bucket = q < current ? backlog : quarter;
    if (!bucket) continue;
    bucket.devices += n;
    bucket.costCents += Number(g.cost ?? 0);
    bucket.devicesWithoutCost += n - Number(g.priced);
    if (quarter) quarter.byCategory[g.category] = (quarter.byCategory[g.category] ?? 0) + n;
  }
  return {
    total: EOL_CLASSES.reduce((t, c) => t + counts[c], 0),
    counts,
    backlog,
    quarters,
    costsSet: policiesOf(policies, null).some((p) => p.replacementCostCents !== null) ||
      [...policies.overrides].some(([scope, map]) => (!filters.customerId || scope === filters.customerId) && Object.values(map).some((p) => p.replacementCostCents !== null)),
  };
}
