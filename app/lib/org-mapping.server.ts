// Route-facing services for the organization mapping screens (quick panel and full review page):
// what a page of rows shows, and turning the posted mapping form into one all-or-nothing save.
import type { AppLoadContext } from "@remix-run/cloudflare";
import type { AuditBy } from "@workers/db/audit";
import type { UndoBy } from "@workers/db/undo";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@workers/db/client";
import { createOrgMatcher } from "@workers/domain/org-matching";
import { countOf } from "@workers/domain/numbers";
import {
  liveOrgCounters,
  listOrgMappings,
  saveOrgMappings,
  summarizeOrgMappings,
  type OrgMappingChange,
  type OrgMappingRow,
  type OrgMappingSaveResult,
  type OrgMappingSummary,
} from "@workers/sync/org-mapping";
import {
  bulkCreatePlan,
  createCustomersForOrganizations,
  type BulkCreatePlan,
  type BulkCreateResult,
  type BulkCreateRow,
  type BulkCreateSelection,
} from "@workers/sync/org-bulk-create";
import {
  NEW_CUSTOMER,
  type MappingFormFailure,
  type MappingRowView,
  type OrgMappingFilter,
  type SavedFlash,
} from "~/components/ninjaone/org-mapping-types";


/** The most organizations a "Tick all" post can leave out. */
const MAX_BULK_SKIP = 5000;

export const ORG_MAPPING_FILTERS = ["all", "attention", "mapped", "auto", "unmatched", "stale"] as const;

const ListQuery = z.object({
  status: z.enum(ORG_MAPPING_FILTERS).catch("all"),
  q: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const matchesFilter = (row: OrgMappingRow, filter: OrgMappingFilter) =>
  filter === "all" ||
  (filter === "attention" ? row.status === "stale" || (row.status === "unmatched" && !row.leftUnmapped) : row.status === filter);

const searchKey = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLocaleLowerCase("en-US");

/** Stale and unmatched first, then auto-matched, then mapped: the quick panel shows what needs a person on top. */
const STATUS_ORDER = { stale: 0, unmatched: 1, auto: 2, mapped: 3 } as const;

export type OrgMappingPageData = {
  rows: MappingRowView[];
  summary: OrgMappingSummary;
  /** Where the form keeps unsaved picks while paging (sessionStorage, per workspace). */
  draftKey: string;
  filter: { status: OrgMappingFilter; q: string };
  page: number;
  pageCount: number;
  matching: number;
  flash: SavedFlash | null;
};

/** One page of organizations (filtered and searched); the pickers load customers as you type. */
export async function orgMappingPage(
  context: AppLoadContext,
  workspaceId: string,
  url: URL,
  opts: { pageSize: number; attentionFirst?: boolean },
): Promise<OrgMappingPageData> {
  const query = ListQuery.parse(Object.fromEntries(url.searchParams));
  const [all, customers] = await Promise.all([
    listOrgMappings(context.db, workspaceId),
    context.db
      .select({ id: schema.customers.id, name: schema.customers.name })
      .from(schema.customers)
      .where(and(eq(schema.customers.workspaceId, workspaceId), isNull(schema.customers.archivedAt)))
      .orderBy(schema.customers.name),
  ]);
  customers.sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
  const needle = searchKey(query.q);
  let rows = all.filter((row) => matchesFilter(row, query.status) && (!needle || searchKey(row.name).includes(needle)));
  if (opts.attentionFirst) rows = [...rows].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  const pageCount = Math.max(1, Math.ceil(rows.length / opts.pageSize));
  const page = Math.min(query.page, pageCount);
  const visible = rows.slice((page - 1) * opts.pageSize, page * opts.pageSize);

  // The pickers list the few likeliest customers first; the matcher runs only for the visible rows.
  // Customers themselves are not sent: the pickers load them on demand.
  const match = createOrgMatcher(customers);
  return {
    rows: visible.map((row) => ({
      ...row,
      candidates: row.status === "mapped" ? [] : match(row.name).candidates.slice(0, 3),
    })),
    summary: summarizeOrgMappings(all),
    draftKey: `core:org-mapping:${workspaceId}`,
    filter: { status: query.status, q: query.q },
    page,
    pageCount,
    matching: rows.length,
    flash: savedFlashFrom(url),
  };
}

// ---------------------------------------------------------------------------------------------
// The mapping form. Each row posts rows[i].org, rows[i].initial (the picker's value when the page
// was drawn), rows[i].customer (its value now: "", a customer id, or NEW_CUSTOMER), rows[i].confirm
// (auto-matched rows) and, without JavaScript, rows[i].find (a customer's name typed in the search
// box). Only rows a person touched become changes, so a save never overwrites what they left alone.

const FormRow = z.object({
  org: z.coerce.number().int().positive(),
  initial: z.string().max(64).default(""),
  customer: z.string().max(64).default(""),
  confirm: z.literal("on").optional(),
  find: z.string().trim().max(200).default(""),
});

const MappingForm = z.object({
  rows: z.array(FormRow).max(500),
  confirmAllAuto: z.literal("1").optional(),
  /** "Create customer from this organization" pressed without JavaScript: the org id. */
  create: z.coerce.number().int().positive().optional(),
});

/** rows[3].customer=… → { rows: [ , , , { customer: … } ] } (holes dropped). */
function formToObject(formData: FormData) {
  const rows: Array<Record<string, string>> = [];
  const rest: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string") continue;
    const m = /^rows\[(\d{1,3})\]\.(\w{1,20})$/.exec(key);
    if (m) (rows[Number(m[1])] ??= {})[m[2]] = value;
    else rest[key] = value;
  }
  return { ...rest, rows: rows.filter(Boolean) };
}

export type MappingFormResult = { ok: true; flash: SavedFlash; undoId?: string } | MappingFormFailure;

const nameKey = (name: string) => name.trim().toLocaleLowerCase("en-US");

/** `undo`: record the save so the toast can offer Undo (workers/db/undo.ts, kind "mapping.save"). */
export async function saveMappingForm(context: AppLoadContext, workspaceId: string, formData: FormData, audit?: AuditBy, undo?: UndoBy): Promise<MappingFormResult> {
  const parsed = MappingForm.safeParse(formToObject(formData));
  if (!parsed.success) {
    return { ok: false, message: "The mapping form was not understood. Reload the page and try again.", byOrg: {}, picks: {} };
  }
  const form = parsed.data;
  const picks = Object.fromEntries(form.rows.map((r) => [r.org, { customer: r.org === form.create ? NEW_CUSTOMER : r.customer, confirm: r.confirm === "on" }]));

  const byOrg: Record<number, string> = {};
  const changes: OrgMappingChange[] = [];
  let customersByName: Map<string, string[]> | undefined;
  for (const row of form.rows) {
    if (row.org === form.create || row.customer === NEW_CUSTOMER) {
      changes.push({ ninjaOrgId: row.org, createCustomer: true });
    } else if (row.customer !== row.initial) {
      changes.push({ ninjaOrgId: row.org, customerId: row.customer || null });
    } else if (row.find) {
      // No JavaScript: the search box holds a customer's name.
      customersByName ??= await activeCustomersByName(context, workspaceId);
      const ids = customersByName.get(nameKey(row.find)) ?? [];
      if (ids.length === 1) {
        if (ids[0] !== row.initial) changes.push({ ninjaOrgId: row.org, customerId: ids[0] });
        else if (row.confirm) changes.push({ ninjaOrgId: row.org, customerId: ids[0] });
      } else {
        byOrg[row.org] = ids.length ? `Several customers are named “${row.find}”: pick one from the list.` : `No active customer is named “${row.find}”.`;
      }
    } else if (row.confirm && row.customer) {
      changes.push({ ninjaOrgId: row.org, customerId: row.customer });
    }
  }
  if (Object.keys(byOrg).length) {
    return { ok: false, message: "Nothing was saved: check the customer names typed in the search boxes.", byOrg, picks };
  }
  if (changes.length === 0 && !form.confirmAllAuto) {
    return { ok: false, message: "Nothing to save: pick a customer for an organization, or tick Confirm on an auto-match.", byOrg: {}, picks };
  }
  const result: OrgMappingSaveResult = await saveOrgMappings(
    context.db,
    workspaceId,
    { mappings: changes, confirmAllAutoMatched: form.confirmAllAuto === "1" },
    context.now(),
    audit,
    undo,
  );
  if (!result.ok) return { ok: false, message: result.message, byOrg: result.byOrg, picks };
  return {
    ok: true,
    undoId: result.undoId,
    flash: {
      confirmed: result.confirmed,
      mapped: result.mapped,
      cleared: result.cleared,
      created: result.createdCustomers.length,
      moved: result.assetsMoved,
    },
  };
}

async function activeCustomersByName(context: AppLoadContext, workspaceId: string) {
  const rows = await context.db
    .select({ id: schema.customers.id, name: schema.customers.name })
    .from(schema.customers)
    .where(and(eq(schema.customers.workspaceId, workspaceId), isNull(schema.customers.archivedAt)));
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(nameKey(r.name), [...(byName.get(nameKey(r.name)) ?? []), r.id]);
  return byName;
}

// After a save the page redirects to itself with the outcome in the query string (so a reload does
// not post again): ?saved=<confirmed>.<mapped>.<cleared>.<created>.<moved>
const SavedParam = z
  .string()
  .regex(/^\d{1,6}(\.\d{1,9}){4}$/)
  .transform((v): SavedFlash => {
    const [confirmed, mapped, cleared, created, moved] = v.split(".").map(Number);
    return { confirmed, mapped, cleared, created, moved };
  });

export function savedFlashFrom(url: URL): SavedFlash | null {
  const parsed = SavedParam.safeParse(url.searchParams.get("saved"));
  return parsed.success ? parsed.data : null;
}

/** The same page (filters kept) with the outcome of a save. */
export function afterSaveUrl(request: Request, flash: SavedFlash): string {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.set("saved", [flash.confirmed, flash.mapped, flash.cleared, flash.created, flash.moved].join("."));
  return `${url.pathname}?${url.searchParams}`;
}

/** The NinjaOne page's mapping parts: the card's summary, and the Device Sync card with matched /
 * unmatched counts as the mapping stands now rather than as the last run saw it. */
export async function ninjaOnePageMapping<V extends { latest: { status: string; counters: { organizationsMatched: number; organizationsUnmatched: number } } | null }>(
  context: AppLoadContext,
  workspaceId: string,
  deviceSync: V,
): Promise<{ summary: OrgMappingSummary; deviceSync: V }> {
  const [rows, live] = await Promise.all([listOrgMappings(context.db, workspaceId), liveOrgCounters(context.db, workspaceId)]);
  const latest = deviceSync.latest;
  const settled = latest && latest.status !== "queued" && latest.status !== "running" && live.total > 0;
  return {
    summary: summarizeOrgMappings(rows),
    deviceSync: settled
      ? { ...deviceSync, latest: { ...latest, counters: { ...latest.counters, organizationsMatched: live.matched, organizationsUnmatched: live.unmatched } } }
      : deviceSync,
  };
}

// ---------------------------------------------------------------------------------------------
// "Create customers for all unmatched organizations" (workers/sync/org-bulk-create.ts does the
// work): a page of the preview, and the posted form turned into a selection.

/** Preview rows per page: the summary counts them all, the page never draws thousands. */
export const BULK_CREATE_PAGE_SIZE = 100;

const idList = (max: number) =>
  z
    .string()
    .max(max * 12)
    .regex(/^(\d{1,12}(,\d{1,12})*)?$/, "Give organization ids separated by commas.")
    .transform((v) => (v ? v.split(",").map(Number) : []))
    .pipe(z.array(z.number().int().positive()).max(max));

const PreviewQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  /** Organizations left out (unticked), kept across pages. */
  skip: idList(MAX_BULK_SKIP).catch([]),
});

export type BulkCreatePageData = Omit<BulkCreatePlan, "rows"> & {
  rows: BulkCreateRow[];
  total: number;
  blocked: number;
  page: number;
  pageSize: number;
  pageCount: number;
  skip: number[];
};

/** The preview: counts for every unmatched organization, rows for one page. */
export async function bulkCreatePage(context: AppLoadContext, workspaceId: string, url: URL): Promise<BulkCreatePageData> {
  const query = PreviewQuery.parse(Object.fromEntries(url.searchParams));
  const plan = await bulkCreatePlan(context.db, workspaceId);
  const pageCount = Math.max(1, Math.ceil(plan.rows.length / BULK_CREATE_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const creatable = new Set(plan.rows.filter((r) => !r.blocked).map((r) => r.ninjaOrgId));
  return {
    creatable: plan.creatable,
    newCustomers: plan.newCustomers,
    fingerprint: plan.fingerprint,
    rows: plan.rows.slice((page - 1) * BULK_CREATE_PAGE_SIZE, page * BULK_CREATE_PAGE_SIZE),
    total: plan.rows.length,
    blocked: plan.rows.length - plan.creatable,
    page,
    pageSize: BULK_CREATE_PAGE_SIZE,
    pageCount,
    skip: query.skip.filter((id) => creatable.has(id)),
  };
}

/** What earlier requests of this run did, "mapped.created.moved" (the progress line and toast add them up). */
const Before = z
  .string()
  .regex(/^\d{1,9}\.\d{1,9}\.\d{1,9}$/)
  .default("0.0.0")
  .transform((v) => {
    const [mapped, created, moved] = v.split(".").map(Number);
    return { mapped, created, moved };
  });

/**
 * The form: either `org` (exactly these, up to 1,000: the form after "Untick all", scripts) or
 * `all=1` with the preview's `fingerprint`, `skip` (unticked, comma-separated) and, without
 * JavaScript, `shown` (this page's rows) of which `org` are the ticked ones.
 */
const BulkCreateForm = z.union([
  z.object({
    all: z.literal("1"),
    fingerprint: z.string().regex(/^[0-9a-f]{24}$/, "Reload the page and try again."),
    skip: idList(MAX_BULK_SKIP),
    shown: idList(BULK_CREATE_PAGE_SIZE),
    org: z.array(z.coerce.number().int().positive()).max(BULK_CREATE_PAGE_SIZE),
    before: Before,
  }),
  z.object({
    all: z.undefined().optional(),
    org: z.array(z.coerce.number().int().positive()).min(1, "Tick at least one organization.").max(1000, "Tick at most 1,000 organizations, or use Tick all."),
    before: Before,
  }),
]);

export type BulkCreateFormResult =
  | (Extract<BulkCreateResult, { ok: true }> & { before: { mapped: number; created: number; moved: number } })
  | Extract<BulkCreateResult, { ok: false }>;

export async function bulkCreateFromForm(context: AppLoadContext, workspaceId: string, formData: FormData, audit: AuditBy): Promise<BulkCreateFormResult> {
  const fields = Object.fromEntries([...formData].filter(([k, v]) => k !== "org" && typeof v === "string"));
  const parsed = BulkCreateForm.safeParse({ ...fields, org: formData.getAll("org") });
  if (!parsed.success) {
    const issue = parsed.error.issues.find((i) => i.path[0] === "org") ?? parsed.error.issues[0];
    return { ok: false, message: issue?.message ?? "Tick at least one organization.", byOrg: {} };
  }
  const form = parsed.data;
  let selection: BulkCreateSelection;
  if (form.all === "1") {
    const ticked = new Set(form.org);
    selection = { all: true, fingerprint: form.fingerprint, skip: [...form.skip, ...form.shown.filter((id) => !ticked.has(id))] };
  } else {
    selection = { orgIds: form.org };
  }
  const result = await createCustomersForOrganizations(context.db, workspaceId, selection, { now: context.now(), audit });
  return result.ok ? { ...result, before: form.before } : result;
}

/** The toast after a mapping save: what changed, in counts (and, with Undo, that new customers stay). */
export function mappingSavedToast(flash: SavedFlash, undoable = false): string {
  const parts = [
    flash.confirmed ? `${countOf(flash.confirmed, "auto-match", "auto-matches")} confirmed` : null,
    flash.mapped ? `${countOf(flash.mapped, "organization", "organizations")} mapped` : null,
    flash.cleared ? `${countOf(flash.cleared, "mapping", "mappings")} cleared` : null,
    flash.created ? `${countOf(flash.created, "customer", "customers")} created` : null,
    flash.moved ? `${countOf(flash.moved, "device", "devices")} moved` : null,
  ].filter(Boolean);
  const saved = parts.length ? `Mappings saved: ${parts.join(", ")}.` : "Mappings saved.";
  return undoable && flash.created ? `${saved} Undo keeps the new customers.` : saved;
}
