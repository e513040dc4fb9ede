// The contact-assignment service: give devices to people, all or nothing. Bulk Device Assignment
// (customer page), Bulk Contact Association (suggestions) and POST /api/v1/assets/contact-assignments
// all call assignContacts. Every id is checked against the workspace, the contact must be one of
// the asset's customer's, and the whole list commits in ONE D1 batch (one transaction): the
// assets' contact (marked as a person's choice, so no sync overwrites it) and one "assigned" line
// per asset in its history, saying who, when and by which rule.
import { and, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import { newTimeOrderedId } from "../crypto";
import { auditStatement } from "../db/audit";
import { schema, type Db } from "../db/client";
import { undoRecord, undoRowsWithBefore, type UndoBy } from "../db/undo";
import {
  assignmentSummary,
  checkAssignmentList,
  checkAssignmentTargets,
  isUnchangedAssignment,
  MAX_ASSIGNMENTS,
  MAX_RULE_LENGTH,
  ruleOf,
  type AssetForAssignment,
  type AssignmentActor,
  type AssignmentInput,
  type BadAssignment,
  type ContactForAssignment,
} from "../domain/contact-assignment";
import { chunk, insertManyAsJson, jsonValues, type Statement } from "./d1-writes";

export { MAX_ASSIGNMENTS, type AssignmentActor, type AssignmentInput, type BadAssignment };

/** Entries per JSON parameter in the guard and update statements (well below D1's 1 MB value limit). */
const ENTRIES_PER_STATEMENT = 500;
/** Ids per read (one JSON parameter each). */
const IDS_PER_READ = 1000;

export type AssignContactsInput = {
  workspaceId: string;
  actor: AssignmentActor;
  assignments: readonly AssignmentInput[];
  /** The rule recorded for entries without their own, e.g. "bulk device assignment". */
  rule: string;
  now: number;
  /** The client address, for the audit log ("bulk assignment" event in the same transaction). */
  ip?: string | null;
  /** Lower bound on list length than MAX_ASSIGNMENTS (the JSON API takes fewer per call). */
  max?: number;
  /**
   * Keep what each asset had, so the person can undo this assignment (the toast's Undo;
   * workers/db/undo.ts puts the previous contacts back where the assignment's still stands).
   */
  undo?: UndoBy & { customerId?: string | null };
};

export type AssignContactsResult =
  | { ok: true; assigned: number; unchanged: number }
  | {
      ok: false;
      /** "invalid": the list or some entries are wrong (422). "conflict": data changed between check and write; nothing written, retry (409). */
      kind: "invalid" | "conflict";
      message: string;
      bad: BadAssignment[];
    };

/** One assignment as the UI and the API send it. */
export const AssignmentEntrySchema = z.object({
  assetId: z.string({ error: "Give the device's id." }).trim().min(1, "Give the device's id.").max(100, "Not an id."),
  contactId: z.string({ error: "Give the contact's id." }).trim().min(1, "Give the contact's id.").max(100, "Not an id."),
  rule: z.string().trim().max(MAX_RULE_LENGTH).optional(),
});

/** `bad` entries as error fields, e.g. { "assignments.3.contactId": ["No contact with this id in this workspace."] }. */
export function badAssignmentFields(bad: readonly BadAssignment[], prefix = "assignments"): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const b of bad) (fields[`${prefix}.${b.index}.${b.field}`] ??= []).push(b.reason);
  return fields;
}

async function loadAssets(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, AssetForAssignment & { contactName: string | null }>> {
  const a = schema.assets;
  const c = schema.customers;
  const previous = alias(schema.contacts, "previous_contact");
  const found = new Map<string, AssetForAssignment & { contactName: string | null }>();
  for (const part of chunk([...new Set(ids)], IDS_PER_READ)) {
    const rows = await db
      .select({
        id: a.id,
        name: a.name,
        customerId: a.customerId,
        customerName: c.name,
        contactId: a.contactId,
        contactSource: a.contactSource,
        contactName: previous.name,
      })
      .from(a)
      .leftJoin(c, and(eq(c.id, a.customerId), eq(c.workspaceId, a.workspaceId)))
      .leftJoin(previous, and(eq(previous.id, a.contactId), eq(previous.workspaceId, a.workspaceId)))
      .where(and(eq(a.workspaceId, workspaceId), inArray(a.id, jsonValues(part))));
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

async function loadContacts(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, ContactForAssignment>> {
  const c = schema.contacts;
  const found = new Map<string, ContactForAssignment>();
  for (const part of chunk([...new Set(ids)], IDS_PER_READ)) {
    const rows = await db
      .select({ id: c.id, name: c.name, customerId: c.customerId })
      .from(c)
      .where(and(eq(c.workspaceId, workspaceId), inArray(c.id, jsonValues(part))));
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

const raw = (text: string, params: unknown[]): Statement => ({ toSQL: () => ({ sql: text, params }) });
const SRC = "WITH src AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS asset_id, json_extract(value, '$[1]') AS contact_id FROM json_each(?))";

/**
 * Re-checks a chunk inside the transaction: every asset and contact still in the workspace and
 * still fitting. When not (a contact deleted, an asset moved since the check), json('changed')
 * raises an error and D1 rolls the whole batch back: nothing is written.
 */
function guardStatement(workspaceId: string, pairs: Array<[string, string]>): Statement {
  return raw(
    `${SRC} SELECT json(CASE WHEN (SELECT count(*) FROM src ` +
      `JOIN assets a ON a.id = src.asset_id AND a.workspace_id = ? ` +
      `JOIN contacts c ON c.id = src.contact_id AND c.workspace_id = a.workspace_id ` +
      `WHERE a.customer_id IS NULL OR c.customer_id = a.customer_id) = ? THEN '[]' ELSE 'changed' END) AS ok`,
    [JSON.stringify(pairs), workspaceId, pairs.length],
  );
}

function updateStatement(workspaceId: string, pairs: Array<[string, string]>, now: number): Statement {
  return raw(
    `${SRC} UPDATE assets SET contact_id = src.contact_id, contact_source = 'person', updated_at = ? FROM src ` +
      `WHERE assets.id = src.asset_id AND assets.workspace_id = ?`,
    [JSON.stringify(pairs), now, workspaceId],
  );
}

const isGuardFailure = (error: unknown) => error instanceof Error && /malformed JSON/i.test(error.message);

/**
 * Assign contacts to assets, all or nothing. Returns how many changed (entries that already had
 * that contact by a person's choice are counted as unchanged and not written), or every bad entry
 * with its reason and nothing written.
 */
export async function assignContacts(db: Db, input: AssignContactsInput): Promise<AssignContactsResult> {
  const { workspaceId, actor, assignments, now } = input;
  const listCheck = checkAssignmentList(assignments, Math.min(input.max ?? MAX_ASSIGNMENTS, MAX_ASSIGNMENTS));
  if (!listCheck.ok) return { ok: false, kind: "invalid", message: listCheck.message, bad: listCheck.bad };

  const [assetsById, contactsById] = await Promise.all([
    loadAssets(db, workspaceId, assignments.map((a) => a.assetId)),
    loadContacts(db, workspaceId, assignments.map((a) => a.contactId)),
  ]);
  const bad = checkAssignmentTargets(assignments, assetsById, contactsById);
  if (bad.length) {
    const count = new Set(bad.map((b) => b.index)).size;
    return { ok: false, kind: "invalid", message: `${count} of ${assignments.length} assignments cannot be made; nothing was assigned.`, bad };
  }

  const changes = assignments.filter((item) => !isUnchangedAssignment(assetsById.get(item.assetId)!, item.contactId));
  const unchanged = assignments.length - changes.length;
  if (changes.length === 0) return { ok: true, assigned: 0, unchanged };

  const events = changes.map((item) => {
    const asset = assetsById.get(item.assetId)!;
    const contact = contactsById.get(item.contactId)!;
    const rule = ruleOf(item, input.rule);
    const before = asset.contactId === item.contactId ? null : asset.contactName;
    return {
      id: newTimeOrderedId(),
      workspaceId,
      assetId: asset.id,
      runId: null,
      kind: "assigned",
      summary: assignmentSummary(contact.name, before, actor, rule),
      changes: JSON.stringify({ contactId: [asset.contactId, item.contactId] }),
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      rule,
      createdAt: now,
    };
  });
  const pairs = changes.map((item): [string, string] => [item.assetId, item.contactId]);
  const undo = input.undo;
  const capture = undo
    ? [
        undoRecord(db, undo, { workspaceId, kind: "assignment.bulk", targetId: undo.customerId ?? workspaceId, payload: { count: changes.length, customerId: undo.customerId ?? null }, now }),
        ...chunk(changes, ENTRIES_PER_STATEMENT).map((part) =>
          undoRowsWithBefore(
            undo.id,
            "asset",
            part.map((item) => {
              const asset = assetsById.get(item.assetId)!;
              return { rowId: item.assetId, before: [asset.contactId, asset.contactSource, item.contactId] };
            }),
          ),
        ),
      ]
    : [];
  const statements = [
    ...capture,
    ...chunk(pairs, ENTRIES_PER_STATEMENT).map((part) => guardStatement(workspaceId, part)),
    ...insertManyAsJson(schema.assetEvents, events),
    ...chunk(pairs, ENTRIES_PER_STATEMENT).map((part) => updateStatement(workspaceId, part, now)),
    auditStatement(db, {
      workspaceId,
      kind: "assignment.bulk",
      actor: { type: actor.type, id: actor.id, label: actor.name },
      ip: input.ip ?? null,
      summary: `Assigned ${changes.length} ${changes.length === 1 ? "device" : "devices"} to contacts (${input.rule})`,
      target: changes.length === 1 ? { type: "asset", id: changes[0].assetId, link: `/assets/${changes[0].assetId}` } : null,
      now,
    }),
  ];
  try {
    // One batch = one transaction: every assignment and its history line, or none.
    await db.$client.batch(
      statements.map((statement) => {
        const query = statement.toSQL();
        return db.$client.prepare(query.sql).bind(...query.params);
      }),
    );
  } catch (error) {
    if (!isGuardFailure(error)) throw error;
    return {
      ok: false,
      kind: "conflict",
      message: "Some devices or contacts changed while assigning (deleted, or moved to another customer). Nothing was assigned: reload and try again.",
      bad: [],
    };
  }
  return { ok: true, assigned: changes.length, unchanged };
}
