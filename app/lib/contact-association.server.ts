// Bulk Contact Association page: reading its URL, and turning its form into one call of the
// assignment service (Apply Selected) or the high-confidence sweep (Apply All High-Confidence).
import type { AppLoadContext } from "@remix-run/cloudflare";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@workers/db/client";
import type { UndoBy } from "@workers/db/undo";
import type { AssignmentActor, AssignmentInput } from "@workers/sync/contact-assignments";
import { assignContacts, badAssignmentFields } from "@workers/sync/contact-assignments";
import {
  applyHighConfidence,
  ASSOCIATION_RULE,
  contactsNamed,
  contactSuggestionsPage,
  rowsForAssets,
  suggestionRule,
  unassignedCount,
} from "@workers/sync/contact-association";
import { cursorFromUrl, cursorToParam } from "./pages.server";

export const PAGE_SIZE = 50;

const UrlFilters = z.object({
  customerId: z.string().trim().max(64).optional().catch(undefined),
  minConfidence: z.coerce.number().int().min(0).max(100).optional().catch(undefined),
});

export async function associationPage(context: AppLoadContext, workspaceId: string, url: URL) {
  const filters = UrlFilters.parse({
    customerId: url.searchParams.get("customerId") || undefined,
    minConfidence: url.searchParams.get("minConfidence") || undefined,
  });
  const after = cursorFromUrl(url, z.object({ name: z.string().max(1000), id: z.string().max(64) }));
  const c = schema.customers;
  const [page, total, customers] = await Promise.all([
    contactSuggestionsPage(context.db, workspaceId, { filters, limit: PAGE_SIZE, after }),
    unassignedCount(context.db, workspaceId, filters.customerId),
    context.db
      .select({ id: c.id, name: c.name })
      .from(c)
      .where(and(eq(c.workspaceId, workspaceId), isNull(c.archivedAt)))
      .orderBy(sql`${c.name} COLLATE NOCASE`, asc(c.id))
      .limit(2000),
  ]);
  const assigned = z.coerce.number().int().min(0).safeParse(url.searchParams.get("assigned") ?? undefined);
  return {
    rows: page.rows,
    nextCursor: cursorToParam(page.nextCursor),
    scanned: page.scanned,
    total,
    customers,
    filters: { customerId: filters.customerId ?? "", minConfidence: filters.minConfidence === undefined ? "" : String(filters.minConfidence) },
    assigned: assigned.success ? assigned.data : null,
    more: url.searchParams.get("more") === "1",
  };
}

export type AssociationFailure = { error: string; fields: Record<string, string[]> };

/** rows[i].assetId, rows[i].choice (contact id or ""), rows[i].overrideId (picker), rows[i].override (typed name or e-mail, no JavaScript). */
const FormRow = z.object({
  assetId: z.string().trim().min(1).max(64),
  choice: z.string().trim().max(64).default(""),
  overrideId: z.string().trim().max(64).default(""),
  override: z.string().trim().max(254).default(""),
});

function readRows(form: FormData) {
  const rows: Array<Record<string, string>> = [];
  for (const [key, value] of form) {
    const m = /^rows\[(\d{1,3})\]\.(assetId|choice|overrideId|override)$/.exec(key);
    if (m && typeof value === "string") (rows[Number(m[1])] ??= {})[m[2]] = value;
  }
  return z.array(FormRow).max(500).safeParse(rows.filter(Boolean));
}

export async function applyAssociationForm(
  context: AppLoadContext,
  workspaceId: string,
  actor: AssignmentActor,
  form: FormData,
  url: URL,
  ip: string | null = null,
  undo?: UndoBy,
): Promise<{ ok: true; assigned: number; more: boolean } | ({ ok: false } & AssociationFailure)> {
  const now = context.now();
  if (form.get("intent") === "apply-high") {
    const customerId = z.string().trim().max(64).safeParse(url.searchParams.get("customerId") ?? "");
    const result = await applyHighConfidence(context.db, { workspaceId, actor, customerId: customerId.success && customerId.data ? customerId.data : undefined, now, ip, undo });
    if (!result.ok) return { ok: false, error: result.message, fields: badAssignmentFields(result.bad, "rows") };
    return { ok: true, assigned: result.assigned, more: result.more ?? false };
  }

  const parsed = readRows(form);
  if (!parsed.success) return { ok: false, error: "Nothing was assigned: the form was not complete. Reload the page and try again.", fields: {} };
  const rows = parsed.data;
  const known = await rowsForAssets(context.db, workspaceId, rows.map((r) => r.assetId));
  const assignments: AssignmentInput[] = [];
  const fields: Record<string, string[]> = {};
  for (const [i, row] of rows.entries()) {
    const asset = known.get(row.assetId);
    if (!asset) {
      fields[`rows.${i}.assetId`] = ["This device is no longer in the workspace."];
      continue;
    }
    let contactId = row.overrideId || null;
    let rule = `${ASSOCIATION_RULE}: chosen by hand`;
    if (!contactId && row.override) {
      const named = asset.customerId ? await contactsNamed(context.db, workspaceId, asset.customerId, row.override) : [];
      if (named.length !== 1) {
        fields[`rows.${i}.override`] = [
          named.length ? `Several contacts of ${asset.customerName} are called “${row.override}”: pick one.` : `No contact of ${asset.customerName ?? "this customer"} is called “${row.override}”.`,
        ];
        continue;
      }
      contactId = named[0].id;
    }
    if (!contactId && row.choice) {
      contactId = row.choice;
      const suggestion = asset.suggestions.find((s) => s.contactId === row.choice);
      rule = suggestion ? suggestionRule(suggestion) : `${ASSOCIATION_RULE}: chosen by hand`;
    }
    if (contactId) assignments.push({ assetId: row.assetId, contactId, rule });
  }
  if (Object.keys(fields).length) {
    return { ok: false, error: `${Object.keys(fields).length} rows cannot be applied; nothing was assigned.`, fields };
  }
  if (assignments.length === 0) return { ok: false, error: "Nothing selected: every row says “No contact — skip for now”.", fields: {} };
  const result = await assignContacts(context.db, { workspaceId, actor, assignments, rule: ASSOCIATION_RULE, now, ip, undo });
  if (!result.ok) {
    // The service numbers entries by their place in `assignments`; map them back to form rows.
    const rowIndex = new Map(rows.map((r, i) => [r.assetId, i]));
    const mapped = result.bad.map((b) => ({ ...b, index: rowIndex.get(b.assetId) ?? b.index }));
    return { ok: false, error: result.message, fields: badAssignmentFields(mapped, "rows") };
  }
  return { ok: true, assigned: result.assigned, more: false };
}
