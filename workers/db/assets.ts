// Asset queries, always scoped to one workspace. The list pages by keyset on (sort key, id) and
// never uses OFFSET, so page 2,000 of 100,000 assets costs what page 1 costs.
import { and, asc, count, desc, eq, getTableColumns, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ageBandRanges, warrantyThresholds, type AgeBandOrUnknown, type WarrantyBand } from "../domain/lifecycle";
import { naturalSortKey } from "../domain/natural-sort";
import { serialKey } from "../domain/serials";
import type { Db } from "./client";
import { keptNumber } from "./read-cache";
import { runStatements, undoRecord, type UndoBy } from "./undo";
import { ASSET_SORTS, UNASSIGNED, type AssetCategory, type AssetSort, type AssetSource, type AssetStatus } from "../domain/asset-rules";
import {
  assetEvents,
  assets,
  contacts,
  customers,
} from "./schema";

export type Asset = typeof assets.$inferSelect;
export type { AssetCategory, AssetSort, AssetSource, AssetStatus };

export { UNASSIGNED };

export type AssetFilters = {
  /** A customer id, or "unassigned" for assets without a customer. */
  customerId?: string;
  /** A contact id, or "unassigned" for assets without a contact. */
  contactId?: string;
  category?: AssetCategory;
  status?: AssetStatus;
  source?: AssetSource;
  /** NinjaOne online state; manual assets have none and never match. */
  online?: "online" | "offline";
  /** Report drill-downs (need `now`). */
  age?: AgeBandOrUnknown;
  warranty?: WarrantyBand;
  /** Inside a name or serial number, any case (three characters or more; shorter: start of a name, whole serial). */
  q?: string;
};

/** What a keyset cursor carries: the sort it belongs to and the last row's key (name sorts: its natural sort key). */
export const assetCursorSchema = z
  .object({ s: z.enum(ASSET_SORTS), v: z.union([z.string(), z.number()]), id: z.string().min(1).max(100) })
  .refine((c) => (c.s.endsWith("name") ? typeof c.v === "string" : typeof c.v === "number"), "Cursor value does not fit its sort.");
export type AssetCursor = z.infer<typeof assetCursorSchema>;

type SortColumn = "nameSort" | "createdAt" | "updatedAt";
type Direction = "asc" | "desc";

function sortSpec(sort: AssetSort): { column: SortColumn; dir: Direction } {
  const dir: Direction = sort.startsWith("-") ? "desc" : "asc";
  const key = sort.replace(/^-/, "");
  return { column: key === "name" ? "nameSort" : key === "created" ? "createdAt" : "updatedAt", dir };
}

/**
 * The SQL of a sort key. Names sort naturally through name_sort (domain/natural-sort). `inMemory`
 * wraps the column in a unary `+`, which SQLite's planner reads as "do not use an index for this
 * column": we use it where the filter is known to be small (its count is at most SPARSE_MATCHES),
 * so the filter's index drives the query and the few matches are sorted, instead of walking the
 * whole sort index looking for them.
 */
function sortKey(column: SortColumn, inMemory: boolean): SQL {
  const col = assets[column];
  return inMemory ? sql`+${col}` : sql`${col}`;
}

/**
 * Rows after the cursor in scan direction `dir`. Written as `key >= v AND (key > v OR id > last)`
 * rather than a row value, so SQLite turns the first term into an index range.
 */
function keysetAfter(key: SQL, dir: Direction, cursor: AssetCursor): SQL {
  return dir === "asc"
    ? sql`(${key} >= ${cursor.v} AND (${key} > ${cursor.v} OR ${assets.id} > ${cursor.id}))`
    : sql`(${key} <= ${cursor.v} AND (${key} < ${cursor.v} OR ${assets.id} < ${cursor.id}))`;
}

function orderBy(key: SQL, dir: Direction): SQL[] {
  return dir === "asc" ? [sql`${key} ASC`, asc(assets.id)] : [sql`${key} DESC`, desc(assets.id)];
}

/** Searches this long or longer match anywhere in a name or serial (the trigram index needs three characters). */
export const SEARCH_SUBSTRING_MIN = 3;

/**
 * The search as one condition: the assets whose name or serial number contains `q` (any case)
 * through the FTS5 trigram index assets_search (custom migration report_cache_and_search), plus a
 * serial equal to it once whitespace and case are ignored (serial_key). Shorter searches match the
 * start of a name (its natural sort key) or a whole serial.
 */
function searchCondition(workspaceId: string, q: string): SQL {
  const bySerial = sql`SELECT rowid FROM ${assets} WHERE ${assets.workspaceId} = ${workspaceId} AND ${assets.serialKey} = ${serialKey(q) ?? ""}`;
  if ([...q].length >= SEARCH_SUBSTRING_MIN) {
    const phrase = `"${q.replace(/"/g, '""')}"`;
    return sql`"assets"."rowid" IN (SELECT rowid FROM assets_search WHERE assets_search MATCH ${phrase} UNION ${bySerial})`;
  }
  const prefix = naturalSortKey(q);
  return sql`"assets"."rowid" IN (SELECT rowid FROM ${assets} WHERE ${assets.workspaceId} = ${workspaceId} AND ${assets.nameSort} >= ${prefix} AND ${assets.nameSort} < ${prefix + "\u{10FFFF}"} UNION ${bySerial})`;
}

/** Start of service in epoch ms, in the order of domain/lifecycle's ageBasis: purchase date, warranty start, NinjaOne first seen. */
export const deviceStartSql = sql`COALESCE(CAST(strftime('%s', ${assets.purchaseDate}) AS INTEGER) * 1000, CAST(strftime('%s', ${assets.warrantyStart}) AS INTEGER) * 1000, ${assets.ninjaCreatedAt})`;

/** The age basis as a UTC day (YYYY-MM-DD), same order; NULL when there is none. */
export const ageBasisDaySql = sql`COALESCE(${assets.purchaseDate}, ${assets.warrantyStart}, date(${assets.ninjaCreatedAt} / 1000, 'unixepoch'))`;

/** The age comes only from NinjaOne's first sight of the device: an estimate. */
export const ageEstimatedSql = sql`(${assets.purchaseDate} IS NULL AND ${assets.warrantyStart} IS NULL AND ${assets.ninjaCreatedAt} IS NOT NULL)`;

/**
 * A column as a filter condition reads it. `unindexed` wraps it in a unary `+` (see sortKey): the
 * list does that where it walks its sort index and checks the filters on the way, so the planner
 * does not take a filter's narrow index instead and sort thousands of matches.
 */
const filterColumn = (column: AnyColumn, unindexed: boolean): SQL => (unindexed ? sql`+${column}` : sql`${column}`);

/** An age band as a range of the generated column age_basis_ms (deviceStartSql's value), which assets_ws_age_basis_idx orders. */
export function ageCondition(age: AgeBandOrUnknown, now: number, unindexed = false): SQL {
  const basis = filterColumn(assets.ageBasisMs, unindexed);
  if (age === "unknown") return sql`${basis} IS NULL`;
  const range = ageBandRanges(now).find((r) => r.band === age);
  const parts: SQL[] = [sql`${basis} IS NOT NULL`];
  if (range?.startedAfterMs != null) parts.push(sql`${basis} > ${range.startedAfterMs}`);
  if (range?.startedAtOrBeforeMs != null) parts.push(sql`${basis} <= ${range.startedAtOrBeforeMs}`);
  return and(...parts) as SQL;
}

export function warrantyCondition(band: WarrantyBand, now: number, unindexed = false): SQL {
  const { today, expiringThrough } = warrantyThresholds(now);
  const end = filterColumn(assets.warrantyEnd, unindexed);
  switch (band) {
    case "none":
      return sql`${end} IS NULL`;
    case "expired":
      return sql`${end} < ${today}`;
    case "expiring":
      return sql`(${end} >= ${today} AND ${end} <= ${expiringThrough})`;
    case "active":
      return sql`${end} > ${expiringThrough}`;
  }
}

/**
 * The filter conditions (without search), shared by the list and the reports. `unindexed`: the
 * columns with a narrow index of their own (category, status, source, online, warranty end, age
 * basis) are read without it (customer and contact keep theirs: the list's name order uses them).
 */
export function assetFilterConditions(filters: AssetFilters, now: number, unindexed = false): SQL[] {
  const conds: SQL[] = [];
  const col = (column: AnyColumn) => filterColumn(column, unindexed);
  if (filters.customerId) {
    conds.push(filters.customerId === UNASSIGNED ? isNull(assets.customerId) : eq(assets.customerId, filters.customerId));
  }
  if (filters.contactId) {
    conds.push(filters.contactId === UNASSIGNED ? isNull(assets.contactId) : eq(assets.contactId, filters.contactId));
  }
  if (filters.category) conds.push(sql`${col(assets.category)} = ${filters.category}`);
  if (filters.status) conds.push(sql`${col(assets.status)} = ${filters.status}`);
  if (filters.source) conds.push(sql`${col(assets.source)} = ${filters.source}`);
  if (filters.online) conds.push(sql`${col(assets.ninjaOffline)} = ${filters.online === "offline" ? 1 : 0}`);
  if (filters.age) conds.push(ageCondition(filters.age, now, unindexed));
  if (filters.warranty) conds.push(warrantyCondition(filters.warranty, now, unindexed));
  return conds;
}

// The customer's name aliased: D1 returns a batch's rows as objects, where two columns called
// `name` would collide (countAndListAssets batches this list).
const listColumns = { ...getTableColumns(assets), customerName: sql<string | null>`${customers.name}`.as("customer_name") };
export type AssetListRow = Asset & { customerName: string | null };

export type AssetPage = {
  rows: AssetListRow[];
  /** Key of the last row when there is a next page. */
  next: AssetCursor | null;
  /** Key of the first row when there is a previous page. */
  prev: AssetCursor | null;
};

export type ListAssetsOptions = {
  filters: AssetFilters;
  sort: AssetSort;
  limit: number;
  /** Continue after this row (next page) or before it (previous page). */
  cursor?: { direction: "after" | "before"; key: AssetCursor };
  now: number;
};

function cursorOf(row: Asset, sort: AssetSort): AssetCursor {
  const { column } = sortSpec(sort);
  return { s: sort, v: row[column] ?? "", id: row.id };
}


/** The table's rowid (every index holds it). */
const assetRowid = sql<number>`"assets"."rowid"`;

/** A customer or contact filter: its index (workspace, customer or contact, name) finds the list's few candidates. */
const narrowedByIndex = (filters: AssetFilters) => Boolean(filters.customerId || filters.contactId);

/** The list shows an exact count up to this many matches, then "10,000+". */
export const COUNT_CAP = 10_000;
/** A filter matching at most this many assets is read through its own index and sorted in memory. */
const SPARSE_MATCHES = 2_000;
/**
 * The list page (countAndListAssets) sorts in memory only this many matches; from there to
 * SPARSE_MATCHES it walks the sort index checking each entry's rowid against the matches, which
 * reads index pages in order rather than every match's row. The walk is about 51 × fleet /
 * matches entries, sorting is one row read per match: at 100,000 assets they cost the same near
 * 500 matches (sqlite3: 2.3 against 5.5 ms at 1,527 matches, 17 against 0.3 ms at 94; in
 * `wrangler dev`, interleaved in one Worker: 12.5 against 19.5 ms at 1,527, 24.7 against 27.8
 * at 1,538 within one customer).
 */
const SORTED_MATCHES = 500;

export type AssetCount = {
  count: number;
  capped: boolean;
  /**
   * The matching rows' rowids when a filter or search matches at most SPARSE_MATCHES assets: the
   * list reads just those. Rowids, not ids: every index carries the rowid, so the count reads no
   * table row to find them, and the list reaches each row directly (an id goes through the
   * primary key's own index first).
   */
  rowids?: number[];
};

/**
 * How many assets match the filters and search, counted up to COUNT_CAP (then `capped`). Reads an
 * index, never the table: the filter columns are all in assets_ws_report_idx, customer and contact
 * have their own, the search is assets_search. A filter or search with at most SPARSE_MATCHES
 * matches also returns their ids, so the list does not look for them a second time.
 */
export async function countAssets(db: Db, workspaceId: string, filters: AssetFilters, now: number, cap = COUNT_CAP): Promise<AssetCount> {
  const statement = countStatement(db, workspaceId, filters, now, cap);
  return statement.read(await statement.query);
}

/** The rows a filter or search matches (their rowids), as a subquery; undefined without either. */
function matchingRowids(workspaceId: string, filters: AssetFilters, now: number): SQL | undefined {
  const q = filters.q?.trim();
  const filterConds = assetFilterConditions(filters, now);
  if (!q && !filterConds.length) return undefined;
  // With a search, its matches drive (rowid lookups; `+` keeps SQLite from walking a workspace
  // index instead), unless a customer or contact narrows the list through its own index; without
  // a search, the filters' covering index.
  const where =
    q && !narrowedByIndex(filters)
      ? and(sql`+${assets.workspaceId} = ${workspaceId}`, searchCondition(workspaceId, q), ...filterConds)
      : and(eq(assets.workspaceId, workspaceId), ...filterConds, q ? searchCondition(workspaceId, q) : undefined);
  return sql`SELECT ${assetRowid} AS r FROM ${assets} WHERE ${where}`;
}

type CountRow = { n: number; rowids?: string | null };

/** countAssets as one statement (for a D1 batch) and how to read its rows. */
function countStatement(db: Db, workspaceId: string, filters: AssetFilters, now: number, cap: number) {
  const matching = matchingRowids(workspaceId, filters, now);
  if (matching) {
    // One statement (one round trip): the count up to the cap, and the rowids only when there
    // are few matches (the CASE reads them again, from the same few index entries).
    return {
      // A select (not db.all) so that D1 batches can hold it.
      query: db
        .select({ n: sql<number>`n`, rowids: sql<string | null>`CASE WHEN n <= ${SPARSE_MATCHES} THEN (SELECT json_group_array(r) FROM (${matching})) END` })
        .from(sql`(SELECT count(*) AS n FROM (${matching} LIMIT ${Math.max(cap, SPARSE_MATCHES) + 1}))`),
      read: (rows: CountRow[]): AssetCount => {
        const n = Number(rows[0]?.n ?? 0);
        if (n <= SPARSE_MATCHES) return { count: n, capped: false, rowids: z.array(z.number().int()).parse(JSON.parse(rows[0]?.rowids ?? "[]")) };
        return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
      },
    };
  }
  return {
    query: db.select({ n: sql<number>`count(*)` }).from(sql`(SELECT 1 FROM ${assets} WHERE ${assets.workspaceId} = ${workspaceId} LIMIT ${cap + 1})`),
    read: (rows: CountRow[]): AssetCount => {
      const n = Number(rows[0]?.n ?? 0);
      return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
    },
  };
}

/**
 * One page of the list. The plan follows the filter's size: with no filter, or a customer or
 * contact filter under the name sort, the sort's index is walked (a page reads ~50 entries); a
 * filter or search matching at most SPARSE_MATCHES assets is found through its own index (the
 * count does it and returns the ids), and just those rows are read and sorted in memory; a larger
 * one walks the sort index and skips the non-matching rows. Pass `count` when the caller has it
 * (the page shows it) to save counting twice.
 */
/**
 * Whether listAssets plans its query from the count (a filter or search, unless the name sort's
 * index serves it): when not, a caller can count and list at the same time.
 */
export function listUsesCount(filters: AssetFilters, sort: AssetSort, now: number): boolean {
  const q = filters.q?.trim();
  const filterCount = assetFilterConditions(filters, now).length;
  const indexedForName =
    !q && sortSpec(sort).column === "nameSort" && filterCount <= 1 && (filterCount === 0 || Boolean(filters.customerId) || Boolean(filters.contactId));
  return !indexedForName && (filterCount > 0 || Boolean(q));
}

export async function listAssets(db: Db, workspaceId: string, opts: ListAssetsOptions & { count?: AssetCount }): Promise<AssetPage> {
  const { filters, sort, now } = opts;
  // Few matches (their ids known from the count): read just those rows and sort them in memory.
  let rowids: number[] | undefined;
  if (listUsesCount(filters, sort, now)) {
    rowids = (opts.count ?? (await countAssets(db, workspaceId, filters, now, SPARSE_MATCHES))).rowids;
  }
  const plan: ListPlan = rowids ? { by: "rowids", rowids } : { by: "walk" };
  return (await pageOf(await listStatement(db, workspaceId, opts, plan), opts)) ?? listAssets(db, workspaceId, { ...opts, cursor: undefined });
}

/** Bumped when the kept counts' meaning changes (rows under an old key are never read again). */
const COUNT_KEPT_VERSION = 1;

/**
 * Where the list's count of these filters is kept (report_cache), or null when it is not kept:
 * the report_cache triggers (migration 0006) watch customer, category, status, source, online and
 * warranty end, not a search's name and serial or a contact; and an age band's limits move with
 * every millisecond, so its count would never be read twice.
 */
function keptCountKey(filters: AssetFilters, now: number): string | null {
  if (filters.q?.trim() || filters.contactId || filters.age) return null;
  const { customerId = null, category = null, status = null, source = null, online = null, warranty = null } = filters;
  // Warranty bands move with the day: the key carries it.
  const day = warranty ? warrantyThresholds(now).today : null;
  return JSON.stringify(["asset-count", COUNT_KEPT_VERSION, COUNT_CAP, customerId, category, status, source, online, warranty, day]);
}

/**
 * The list page's count and rows in one D1 round trip (one batch: one transaction, one snapshot).
 *
 * The count (up to COUNT_CAP + 1) is kept in report_cache until an asset changes (keptNumber,
 * workers/db/read-cache.ts), so paging or coming back to a list reads one cache row instead of
 * counting up to 10,001 index entries again (0.4-1.3 ms of a 6-10 ms batch for a common filter at
 * 100,000 assets in `wrangler dev`; about 0.5 ms more for a rare one, whose count is cheap anyway:
 * interleaved timings, README "Reads"). Then, when the list needs no count, the list beside it;
 * otherwise three lists, one per size of the matches: at most SORTED_MATCHES read by rowid and
 * sorted in memory; up to SPARSE_MATCHES, the sort index walked checking rowids against the
 * matches; more, the sort index walked checking each row's filters. Each reads rows only when its
 * plan is the one the count chooses: its LIMIT is 0 otherwise.
 *
 * The guard sits in LIMIT, not WHERE: SQLite evaluates a LIMIT once before the loop and a LIMIT of
 * 0 jumps past it, reading nothing (select.c, computeLimitRegisters). A WHERE term is hoisted out
 * of the loop only when it is deterministic, and a subquery never counts as such (where.c,
 * exprIsDeterministic), so a guard there was checked row by row: the walk of a rare filter still
 * read the whole sort index (13 ms at 100,000 assets in sqlite3 3.40, against 0.1 ms guarded by
 * LIMIT).
 */
export async function countAndListAssets(db: Db, workspaceId: string, opts: ListAssetsOptions): Promise<{ count: AssetCount; page: AssetPage }> {
  const { filters, sort, now, limit } = opts;
  const matching = matchingRowids(workspaceId, filters, now);
  const countUpTo = (n: number) =>
    matching
      ? sql`(SELECT count(*) FROM (${matching} LIMIT ${n}))`
      : sql`(SELECT count(*) FROM (SELECT 1 FROM ${assets} WHERE ${assets.workspaceId} = ${workspaceId} LIMIT ${n}))`;
  const key = keptCountKey(filters, now);
  const kept = key ? keptNumber(db, workspaceId, key, countUpTo(COUNT_CAP + 1), now) : null;
  // The kept count when there is one (SQLite's coalesce stops at its first non-null argument).
  const matches = (upTo: number) => (kept ? sql`coalesce(${kept.kept}, ${countUpTo(upTo)})` : countUpTo(upTo));
  const counting = db.select({ n: sql<number>`${matches(COUNT_CAP + 1)}` }).from(sql`(SELECT 1)`);
  // One plan when the list needs no count; else one per tier of the matches' number, in order.
  let plans: ListPlan[] = [{ by: "walk" }];
  let tier: SQL | undefined;
  if (matching && listUsesCount(filters, sort, now)) {
    const few = sql`SELECT r FROM (${matching} LIMIT ${SPARSE_MATCHES + 1})`;
    plans = [{ by: "rowids", rowids: few }, { by: "members", members: few }, { by: "walk" }];
    tier = sql`CASE WHEN ${matches(SORTED_MATCHES + 1)} <= ${SORTED_MATCHES} THEN 0 WHEN ${matches(SPARSE_MATCHES + 1)} <= ${SPARSE_MATCHES} THEN 1 ELSE 2 END`;
  }
  const lists = plans.map((plan, t) => listStatement(db, workspaceId, opts, plan, tier && sql`(CASE WHEN ${tier} = ${t} THEN ${limit + 1} ELSE 0 END)`));
  const results = kept ? await db.batch([kept.keep, counting, ...lists]) : await db.batch([counting, ...lists]);
  const [countRows, ...listed] = (kept ? results.slice(1) : results) as [{ n: number }[], ...AssetListRow[][]];
  const n = Number(countRows[0]?.n ?? 0);
  const count: AssetCount = n > COUNT_CAP ? { count: COUNT_CAP, capped: true } : { count: n, capped: false };
  // The list of the count's tier (the others read nothing).
  const rows = listed.length === 1 ? listed[0] : listed[n <= SORTED_MATCHES ? 0 : n <= SPARSE_MATCHES ? 1 : 2];
  // Going back reached the start: the first page (listAssets counts again to choose its plan).
  const page = (await pageOf(rows, opts)) ?? (await listAssets(db, workspaceId, { ...opts, cursor: undefined }));
  return { count, page };
}

/**
 * How a page finds its rows: `rowids`, the matches (a list or a subquery) read and sorted in
 * memory; `members`, the sort index walked checking each entry's rowid against the matches;
 * `walk`, the sort index walked checking each row's filters and search.
 */
type ListPlan = { by: "rowids"; rowids: number[] | SQL } | { by: "members"; members: SQL } | { by: "walk" };

/**
 * The statement reading one page (one row more, to tell whether another follows): by rowid when
 * `rowids` (the count's list, or a subquery of them) gives the matches, sorted in memory; else
 * walking the sort's index and checking the filters on the way.
 */
function listStatement(db: Db, workspaceId: string, opts: ListAssetsOptions, plan: ListPlan, guardedLimit?: SQL) {
  const { filters, sort, limit, now } = opts;
  const spec = sortSpec(sort);
  // A cursor from another sort would page nonsense: start from the top instead.
  const cursor = opts.cursor && opts.cursor.key.s === sort ? opts.cursor : undefined;
  const backwards = cursor?.direction === "before";
  const dir: Direction = backwards ? (spec.dir === "asc" ? "desc" : "asc") : spec.dir;
  const q = filters.q?.trim() || undefined;
  const filterConds = assetFilterConditions(filters, now);
  const inMemory = plan.by === "rowids";
  const key = sortKey(spec.column, inMemory);
  const keyset = cursor ? keysetAfter(key, dir, cursor.key) : undefined;
  // `+workspace_id` keeps the scope without letting the planner walk a workspace-wide index
  // instead of reading the rows by rowid. Otherwise the sort's index is walked and the filters
  // checked on the way (they match often enough that a page comes quickly).
  const where = plan.by === "rowids"
    ? // The filters again: a row changed (or a rowid reused) since the count still answers exactly.
      and(
        sql`+${assets.workspaceId} = ${workspaceId}`,
        Array.isArray(plan.rowids) ? sql`${assetRowid} IN (SELECT value FROM json_each(${JSON.stringify(plan.rowids)}))` : sql`${assetRowid} IN (${plan.rowids})`,
        ...filterConds,
        keyset,
      )
    : plan.by === "members"
      ? // The sort index walked, each entry checked against the matches' rowids (the index holds
        // the rowid): no table row is read until a match, so a walk of a few thousand entries reads
        // index pages in order instead of each match's row at random.
        and(eq(assets.workspaceId, workspaceId), sql`+${assetRowid} IN (${plan.members})`, keyset)
      : and(eq(assets.workspaceId, workspaceId), ...assetFilterConditions(filters, now, true), q ? searchCondition(workspaceId, q) : undefined, keyset);

  // drizzle types a limit as a number or a placeholder, and writes any SQL it is given as it is
  // (SQLiteDialect.buildLimit): `limit (CASE … END)`. The worker tests check the plan's answers.
  const pageLimit = guardedLimit ? (guardedLimit as unknown as number) : limit + 1;
  const withCustomer = () =>
    db.select(listColumns).from(assets).leftJoin(customers, and(eq(customers.id, assets.customerId), eq(customers.workspaceId, assets.workspaceId)));
  if (plan.by !== "rowids") return withCustomer().where(where).orderBy(...orderBy(key, dir)).limit(pageLimit);
  // The matches sorted on their rowids and sort keys alone, then the page's rows read in full and
  // joined with their customers: sorting up to 2,000 whole rows joined with their customers cost
  // sqlite3 2.5 times the CPU (8.3 against 3.3 ms, 1,527 matches). The inner `assets` is the
  // subquery's own (SQLite resolves a column in the nearest FROM).
  const page = db.select({ r: assetRowid }).from(assets).where(where).orderBy(...orderBy(key, dir)).limit(pageLimit);
  return withCustomer()
    .where(and(sql`+${assets.workspaceId} = ${workspaceId}`, sql`${assetRowid} IN (${page})`))
    .orderBy(...orderBy(key, dir));
}

/** The page the statement's rows make; null when going back reached the start (the caller shows the first page). */
async function pageOf(fetched: AssetListRow[], opts: ListAssetsOptions): Promise<AssetPage | null> {
  const { sort, limit } = opts;
  const cursor = opts.cursor && opts.cursor.key.s === sort ? opts.cursor : undefined;
  const more = fetched.length > limit;
  const page = fetched.slice(0, limit);
  if (cursor?.direction === "before") {
    // Reached the start going back: show a full first page rather than a short one.
    if (!more) return null;
    page.reverse();
    return { rows: page, next: cursorOf(page[page.length - 1], sort), prev: cursorOf(page[0], sort) };
  }
  return {
    rows: page,
    next: more && page.length ? cursorOf(page[page.length - 1], sort) : null,
    prev: cursor && page.length ? cursorOf(page[0], sort) : null,
  };
}

/** Whether the workspace has any asset at all (tells "no assets yet" from "nothing matches"). */
export async function workspaceHasAssets(db: Db, workspaceId: string): Promise<boolean> {
  const row = await db.select({ id: assets.id }).from(assets).where(eq(assets.workspaceId, workspaceId)).limit(1);
  return row.length > 0;
}

export async function getAsset(db: Db, workspaceId: string, id: string): Promise<Asset | undefined> {
  const [row] = await db
    .select()
    .from(assets)
    .where(and(eq(assets.workspaceId, workspaceId), eq(assets.id, id)))
    .limit(1);
  return row;
}

/** The asset with the names its page shows next to its ids (read by workers/db/asset-page.ts). */
export type AssetDetail = {
  asset: Asset;
  customer: { id: string; name: string } | null;
  contact: { id: string; name: string; email: string | null } | null;
  ninja: { organization: string | null; location: string | null; role: string | null };
};

export type AssetEvent = typeof assetEvents.$inferSelect;

export type AssetValues = {
  name: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  notes: string | null;
  status: AssetStatus;
  category: AssetCategory;
  customerId: string | null;
  contactId: string | null;
  purchaseDate: string | null;
  installDate: string | null;
  warrantyStart: string | null;
  warrantyEnd: string | null;
};

/** Who set the contact ('person' keeps it from syncs); written beside the values a person edits. */
type ContactSourceValue = { contactSource?: Asset["contactSource"] };

export async function insertManualAsset(db: Db, workspaceId: string, id: string, values: AssetValues & ContactSourceValue, now: number): Promise<Asset> {
  const [row] = await db
    .insert(assets)
    .values({ ...values, nameSort: naturalSortKey(values.name), id, workspaceId, source: "manual", createdAt: now, updatedAt: now })
    .returning();
  return row;
}

export async function updateAssetValues(
  db: Db,
  workspaceId: string,
  id: string,
  values: Partial<AssetValues> & ContactSourceValue,
  now: number,
): Promise<Asset | undefined> {
  // A customer a person picks is theirs: the sync keeps it while the asset's NinjaOne organization has no mapping.
  const customerSource =
    values.customerId === undefined ? {} : { customerSource: sql<"person" | "sync" | null>`CASE WHEN ${assets.customerId} IS ${values.customerId} THEN ${assets.customerSource} ELSE 'person' END` };
  const [row] = await db
    .update(assets)
    .set({ ...values, ...(values.name === undefined ? {} : { nameSort: naturalSortKey(values.name) }), ...customerSource, updatedAt: now })
    .where(and(eq(assets.workspaceId, workspaceId), eq(assets.id, id)))
    .returning();
  return row;
}

/** Events kept for an asset's Undo: a hand-made asset has few (its edits); the rest go with it. */
const UNDO_EVENTS = 500;

/** Delete an asset and its history. With `undo`, both are kept for the toast's Undo. */
export async function deleteAsset(db: Db, workspaceId: string, id: string, undo?: { by: UndoBy; now: number }): Promise<void> {
  const capture: Parameters<typeof runStatements>[1] = [];
  if (undo) {
    const asset = await getAsset(db, workspaceId, id);
    if (!asset) return;
    const events = await db
      .select()
      .from(assetEvents)
      .where(and(eq(assetEvents.workspaceId, workspaceId), eq(assetEvents.assetId, id)))
      .orderBy(desc(assetEvents.createdAt))
      .limit(UNDO_EVENTS);
    capture.push(undoRecord(db, undo.by, { workspaceId, kind: "asset.delete", targetId: id, payload: { asset, events }, now: undo.now }));
  }
  await runStatements(db, [
    ...capture,
    db.delete(assetEvents).where(and(eq(assetEvents.workspaceId, workspaceId), eq(assetEvents.assetId, id))),
    db.delete(assets).where(and(eq(assets.workspaceId, workspaceId), eq(assets.id, id))),
  ]);
}

export async function findCustomer(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, id)))
    .limit(1);
  return row;
}

export async function findContact(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select({ id: contacts.id, name: contacts.name, email: contacts.email, customerId: contacts.customerId })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
    .limit(1);
  return row;
}

/** Customers to pick from (archived ones are kept so an asset's current customer still shows). */
export async function customerOptions(db: Db, workspaceId: string) {
  return db
    .select({ id: customers.id, name: customers.name, archivedAt: customers.archivedAt })
    .from(customers)
    .where(eq(customers.workspaceId, workspaceId))
    .orderBy(asc(customers.name), asc(customers.id))
    .limit(5000);
}

/** Contacts to pick from: a customer's, or (no customer) the first 500 of the workspace. */
export async function contactOptions(db: Db, workspaceId: string, customerId: string | null) {
  return db
    .select({ id: contacts.id, name: contacts.name, email: contacts.email, customerId: contacts.customerId })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), customerId ? eq(contacts.customerId, customerId) : undefined))
    .orderBy(asc(contacts.name), asc(contacts.id))
    .limit(500);
}

