// Bulk Device Assignment's form: which devices get which contact. Parsed with zod, then handed to
// the one assignment service (workers/sync/contact-assignments.ts), all or nothing.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { z } from "zod";
import { ASSET_CATEGORIES } from "@workers/domain/asset-rules";
import { MAX_ASSIGNMENTS } from "@workers/domain/contact-assignment";
import { assetIdsMatching, assignableDeviceFilters, type AssignableFilters } from "@workers/db/device-assignment";
import { assignContacts, type AssignmentInput } from "@workers/sync/contact-assignments";
import type { UndoBy } from "@workers/db/undo";

export const BULK_RULE = "bulk device assignment: assign all selected to";
export const ROW_RULE = "bulk device assignment: chosen for the device";

const id = z.string().trim().min(1).max(100);
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The filters of the view, in its query string and (hidden) in its form. */
export const AssignFilterSchema = z.object({
  category: z.preprocess(blankToUndefined, z.enum(ASSET_CATEGORIES).optional()),
  online: z.preprocess(blankToUndefined, z.enum(["online", "offline"]).optional()),
});

const FormSchema = AssignFilterSchema.extend({
  assetIds: z.array(id).max(MAX_ASSIGNMENTS, "Too many devices selected."),
  rowContacts: z.array(z.tuple([id, id])).max(MAX_ASSIGNMENTS),
  bulkContactId: z.preprocess(blankToUndefined, id.optional()),
  allMatching: z.boolean(),
});

export function readAssignFilters(url: URL): AssignableFilters {
  const parsed = AssignFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  return parsed.success ? parsed.data : {};
}

export type BulkAssignOutcome =
  | { ok: true; assigned: number; undoable: boolean }
  | { ok: false; error: string; rows: Record<string, string[]> };

/**
 * Each device gets its own contact when one was picked in its row; every other selected device
 * (checked, or all matching the filters) gets the "Assign all selected to" contact.
 */
export async function bulkAssignFromForm(
  context: AppLoadContext,
  workspaceId: string,
  customerId: string,
  actor: { id: string; name: string },
  form: FormData,
  ip: string | null = null,
  undo?: UndoBy,
): Promise<BulkAssignOutcome> {
  const parsed = FormSchema.safeParse({
    category: form.get("category") ?? undefined,
    online: form.get("online") ?? undefined,
    assetIds: form.getAll("assetId"),
    rowContacts: [...form.entries()]
      .filter(([key, value]) => key.startsWith("contact.") && typeof value === "string" && value.trim() !== "")
      .map(([key, value]) => [key.slice("contact.".length), value]),
    bulkContactId: form.get("bulkContactId") ?? undefined,
    allMatching: form.get("scope") === "all",
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "The form is not valid.", rows: {} };
  const f = parsed.data;
  const now = context.now();

  let selected = f.assetIds;
  if (f.allMatching) {
    selected = await assetIdsMatching(context.db, workspaceId, assignableDeviceFilters(customerId, f), MAX_ASSIGNMENTS + 1, now);
    if (selected.length > MAX_ASSIGNMENTS) {
      return { ok: false, error: `More than ${MAX_ASSIGNMENTS.toLocaleString("en-US")} devices match: narrow the filters.`, rows: {} };
    }
  }
  const entries = new Map<string, AssignmentInput>();
  for (const [assetId, contactId] of f.rowContacts) entries.set(assetId, { assetId, contactId, rule: ROW_RULE });
  const missing: string[] = [];
  for (const assetId of selected) {
    if (entries.has(assetId)) continue;
    if (f.bulkContactId) entries.set(assetId, { assetId, contactId: f.bulkContactId, rule: BULK_RULE });
    else missing.push(assetId);
  }
  if (missing.length) {
    const rows = Object.fromEntries(missing.map((assetId) => [assetId, ["Choose a contact for this device."]]));
    const n = missing.length;
    return { ok: false, error: `Choose a contact for ${n === 1 ? "the selected device" : `the ${n} selected devices`}, or one in “Assign all selected to”. Nothing was assigned.`, rows };
  }
  if (entries.size === 0) return { ok: false, error: "Select the devices to assign, or pick a contact for a device.", rows: {} };

  const result = await assignContacts(context.db, {
    workspaceId,
    actor: { type: "user", ...actor },
    assignments: [...entries.values()],
    rule: BULK_RULE,
    now,
    ip,
    undo: undo ? { ...undo, customerId } : undefined,
  });
  if (result.ok) return { ok: true, assigned: result.assigned + result.unchanged, undoable: Boolean(undo) && result.assigned > 0 };
  const rows: Record<string, string[]> = {};
  for (const bad of result.bad) (rows[bad.assetId] ??= []).push(bad.reason);
  return { ok: false, error: result.message, rows };
}
