// Undo of a change a person just made: the toast's Undo button. A change that offers Undo adds
// `undoCapture` statements to its own db.batch, so what it removes (the deleted row) and the rows
// it touches (a deleted customer's assets, contacts and tickets) are recorded in the same
// transaction as the change. `applyUndo` restores them in one transaction that also marks the undo
// used; a second Undo (another click, a replayed form) finds it used and changes nothing.
// A mapping save ("mapping.save", workers/sync/org-mapping.ts) records each changed organization's
// mapping (undo_rows kind 'org') and each asset it moved with its customer before and after (kind
// 'mapped_asset'); customers the save created are kept.
//
// Only the person who made the change may undo it, within UNDO_WINDOW_MS, and only while they
// still hold the permission the change needed. Restoring never overwrites a later change: a
// row is relinked only while it still has no customer/contact (someone may have set one since).
import { and, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { countOf } from "../domain/numbers";
import { can, type Permission, type Role } from "../domain/permissions";
import { chunk } from "../sync/d1-writes";
import { schema, type Db } from "./client";

const { undoActions, undoRows, customers, contacts, assets, assetEvents, tickets } = schema;

/** How long the Undo of a change works. The toast hides long before; the row lingers for a late click. */
export const UNDO_WINDOW_MS = 10 * 60_000;

/** What can be undone, and the permission undoing it needs (the one the change needed). */
export const UNDO_KINDS = {
  "customer.delete": "customers:write",
  "contact.delete": "contacts:write",
  "asset.delete": "assets:write",
  "assignment.bulk": "assets:write",
  "mapping.save": "integrations:manage",
} as const satisfies Record<string, Permission>;
export type UndoKind = keyof typeof UNDO_KINDS;

/** Who may undo the change being made: the person making it. `id` is the undo's (random) id. */
export type UndoBy = { id: string; userId: string };

type Stmt = { toSQL(): { sql: string; params: unknown[] } };
const raw = (text: string, params: unknown[]): Stmt => ({ toSQL: () => ({ sql: text, params }) });

/** The undo_actions row of a change, to put in the change's batch. */
export function undoRecord(
  db: Db,
  by: UndoBy,
  input: { workspaceId: string; kind: UndoKind; targetId: string; payload: unknown; now: number },
) {
  return db.insert(undoActions).values({
    id: by.id,
    workspaceId: input.workspaceId,
    userId: by.userId,
    kind: input.kind,
    targetId: input.targetId,
    payload: JSON.stringify(input.payload),
    createdAt: input.now,
    expiresAt: input.now + UNDO_WINDOW_MS,
    usedAt: null,
  });
}

/**
 * Remember the ids of the rows of `table` whose `column` = `value` (e.g. the assets of a customer
 * about to be deleted). Must run in the batch BEFORE the statement that unlinks them.
 */
export function undoRowsOf(undoId: string, kind: "asset" | "contact" | "ticket", workspaceId: string, column: "customer_id" | "contact_id", value: string): Stmt {
  const table = { asset: "assets", contact: "contacts", ticket: "tickets" }[kind];
  return raw(`INSERT INTO undo_rows (undo_id, kind, row_id, "before") SELECT ?, ?, id, NULL FROM ${table} WHERE workspace_id = ? AND ${column} = ?`, [
    undoId,
    kind,
    workspaceId,
    value,
  ]);
}

/** Remember one row with the value the change replaced (e.g. an asset's contact before an assignment). */
export function undoRowsWithBefore(undoId: string, kind: "asset", rows: ReadonlyArray<{ rowId: string; before: unknown }>): Stmt {
  return raw(
    `INSERT INTO undo_rows (undo_id, kind, row_id, "before") SELECT ?, ?, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)`,
    [undoId, kind, JSON.stringify(rows.map((r) => [r.rowId, JSON.stringify(r.before)]))],
  );
}

export type UndoOutcome =
  | { status: "restored"; kind: UndoKind; message: string; link: string }
  | { status: "already_undone" | "expired" | "not_found" | "forbidden"; message: string }
  | { status: "conflict"; message: string };

const CustomerRow = z.custom<typeof customers.$inferSelect>((v) => typeof v === "object" && v !== null && "id" in v && "name" in v);
const ContactRow = z.custom<typeof contacts.$inferSelect>((v) => typeof v === "object" && v !== null && "id" in v && "name" in v);
const AssetPayload = z.object({
  asset: z.custom<typeof assets.$inferInsert>((v) => typeof v === "object" && v !== null && "id" in v && "name" in v),
  events: z.array(z.custom<typeof assetEvents.$inferInsert>((v) => typeof v === "object" && v !== null && "id" in v)),
});
const AssignmentPayload = z.object({ count: z.number().int().nonnegative(), customerId: z.string().nullable().optional() });
/** An asset's contact before an assignment: [contactId, contactSource, assignedContactId]. */
const AssignmentBefore = z.tuple([z.string().nullable(), z.string().nullable(), z.string()]);

const MappingPayload = z.object({ created: z.number().int().nonnegative() });

/** Guard: the batch's previous statement (marking the undo used) changed exactly one row, else roll back. */
const usedGuard = raw(`SELECT json(CASE WHEN changes() = 1 THEN '[]' ELSE 'already' END) AS ok`, []);
const isGuardFailure = (error: unknown) => error instanceof Error && /malformed JSON/i.test(error.message);

/** Run drizzle builders and raw statements as ONE D1 batch (one transaction); D1's results in order. */
export function runStatements(db: Db, statements: Stmt[]): Promise<D1Result[]> {
  return db.$client.batch(
    statements.map((s) => {
      const q = s.toSQL();
      return db.$client.prepare(q.sql).bind(...q.params);
    }),
  );
}

/** Keep a reference only if it still points at a row of the workspace. */
async function existing(db: Db, table: typeof customers | typeof contacts, workspaceId: string, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.workspaceId, workspaceId), eq(table.id, id)))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Undo the change recorded as `undoId`, if it is this user's, in their workspace, unused, in time,
 * and their role still allows it. Idempotent: only the first call restores anything.
 */
export async function applyUndo(
  db: Db,
  input: { workspaceId: string; userId: string; userName: string; role: Role; undoId: string; now: number },
): Promise<UndoOutcome> {
  const { workspaceId, now } = input;
  const [row] = await db
    .select()
    .from(undoActions)
    .where(and(eq(undoActions.workspaceId, workspaceId), eq(undoActions.id, input.undoId)))
    .limit(1);
  if (!row || row.userId !== input.userId || !(row.kind in UNDO_KINDS)) return { status: "not_found", message: "There is nothing to undo." };
  const kind = row.kind as UndoKind;
  if (!can(input.role, UNDO_KINDS[kind])) return { status: "forbidden", message: "Your role no longer allows undoing this." };
  if (row.usedAt !== null) return { status: "already_undone", message: "That was already undone." };
  if (row.expiresAt <= now) return { status: "expired", message: "Too late to undo: changes can be undone for 10 minutes." };

  const markUsed = db
    .update(undoActions)
    .set({ usedAt: now })
    .where(and(eq(undoActions.workspaceId, workspaceId), eq(undoActions.id, row.id), sql`${undoActions.usedAt} IS NULL`));
  const dropRows = db.delete(undoRows).where(eq(undoRows.undoId, row.id));
  const idsOf = (kind: string) => sql`(SELECT row_id FROM undo_rows WHERE undo_id = ${row.id} AND kind = ${kind})`;
  const payload: unknown = JSON.parse(row.payload);

  let restore: Stmt[];
  let result: { message: string; link: string };
  let describe: ((results: D1Result[]) => string) | undefined;
  if (kind === "customer.delete") {
    const customer = CustomerRow.parse(payload);
    if (await existing(db, customers, workspaceId, customer.id)) return { status: "already_undone", message: "That customer is already back." };
    restore = [
      db.insert(customers).values({ ...customer, workspaceId, updatedAt: now }),
      ...(["asset", "contact", "ticket"] as const).map((k) => {
        const table = { asset: assets, contact: contacts, ticket: tickets }[k];
        return db
          .update(table)
          .set({ customerId: customer.id, updatedAt: now })
          .where(and(eq(table.workspaceId, workspaceId), sql`${table.customerId} IS NULL`, sql`${table.id} IN ${idsOf(k)}`));
      }),
    ];
    result = { message: `${customer.name} is back, with its assets, contacts and tickets.`, link: `/customers/${customer.id}` };
  } else if (kind === "contact.delete") {
    const contact = ContactRow.parse(payload);
    if (await existing(db, contacts, workspaceId, contact.id)) return { status: "already_undone", message: "That contact is already back." };
    const customerId = await existing(db, customers, workspaceId, contact.customerId);
    // A ticket's or asset's contact must be one of its customer's: relink only rows that still fit.
    const fits = (table: typeof assets | typeof tickets) =>
      customerId ? sql`(${table.customerId} IS NULL OR ${table.customerId} = ${customerId})` : sql`${table.customerId} IS NULL`;
    restore = [
      db.insert(contacts).values({ ...contact, workspaceId, customerId, updatedAt: now }),
      ...([
        ["asset", assets],
        ["ticket", tickets],
      ] as const).map(([k, table]) =>
        db
          .update(table)
          .set({ contactId: contact.id, updatedAt: now })
          .where(and(eq(table.workspaceId, workspaceId), sql`${table.contactId} IS NULL`, fits(table), sql`${table.id} IN ${idsOf(k)}`)),
      ),
    ];
    result = { message: `${contact.name} is back, with their assets and tickets.`, link: `/contacts/${contact.id}` };
  } else if (kind === "asset.delete") {
    const { asset, events } = AssetPayload.parse(payload);
    const [present] = await db
      .select({ id: assets.id })
      .from(assets)
      .where(and(eq(assets.workspaceId, workspaceId), eq(assets.id, String(asset.id))))
      .limit(1);
    if (present) return { status: "already_undone", message: "That asset is already back." };
    const customerId = await existing(db, customers, workspaceId, asset.customerId);
    const contactId = customerId === (asset.customerId ?? null) ? await existing(db, contacts, workspaceId, asset.contactId) : null;
    const { serialKey: _generated, ...values } = asset as typeof asset & { serialKey?: unknown };
    restore = [
      db.insert(assets).values({ ...values, workspaceId, customerId, contactId, updatedAt: now }),
      ...events.map((e) => db.insert(assetEvents).values({ ...e, workspaceId, assetId: asset.id })),
    ];
    result = { message: `${asset.name} is back.`, link: `/assets/${asset.id}` };
  } else if (kind === "mapping.save") {
    const { created } = MappingPayload.parse(payload);
    // The assets the save moved go back only while they still have exactly the customer and source
    // the save gave them (a person's assignment sets source 'person'; a later save or sync that moved
    // them changed the customer), and only to a customer that still exists. Then the organizations
    // get their mapping back, only while they still have the one the save gave them.
    const moved = `WITH src AS MATERIALIZED (SELECT row_id AS asset_id, json_extract("before", '$[0]') AS old_customer, json_extract("before", '$[1]') AS old_source, ` +
      `json_extract("before", '$[2]') AS new_customer, json_extract("before", '$[3]') AS new_source FROM undo_rows WHERE undo_id = ? AND kind = 'mapped_asset') `;
    const stillAsSaved =
      `a.workspace_id = ? AND a.customer_id IS src.new_customer AND a.customer_source IS src.new_source ` +
      `AND (src.old_customer IS NULL OR EXISTS (SELECT 1 FROM customers c WHERE c.workspace_id = a.workspace_id AND c.id = src.old_customer))`;
    const name = (col: string) => `coalesce((SELECT c.name FROM customers c WHERE c.workspace_id = a.workspace_id AND c.id = ${col}), 'no customer')`;
    restore = [
      raw(
        moved +
          `INSERT INTO asset_events (id, workspace_id, asset_id, run_id, kind, summary, changes, actor_type, actor_id, actor_name, rule, created_at) ` +
          `SELECT lower(hex(randomblob(16))), a.workspace_id, a.id, NULL, 'moved', 'Moved back from ' || ${name("a.customer_id")} || ' to ' || ${name("src.old_customer")} || ': the mapping save that moved it was undone', ` +
          `json_object('customerId', json_array(a.customer_id, src.old_customer)), 'user', ?, ?, 'undo', ? ` +
          `FROM src JOIN assets a ON a.id = src.asset_id WHERE ${stillAsSaved}`,
        [row.id, input.userId, input.userName, now, workspaceId],
      ),
      raw(
        moved +
          `UPDATE assets AS a SET customer_id = src.old_customer, customer_source = src.old_source, updated_at = ? FROM src WHERE a.id = src.asset_id AND ${stillAsSaved}`,
        [row.id, now, workspaceId],
      ),
      raw(
        `WITH src AS MATERIALIZED (SELECT CAST(row_id AS INTEGER) AS org_id, json_extract("before", '$[0]') AS old_customer, json_extract("before", '$[1]') AS old_source, ` +
          `json_extract("before", '$[2]') AS new_customer FROM undo_rows WHERE undo_id = ? AND kind = 'org') ` +
          `UPDATE ninja_organizations AS o SET customer_id = src.old_customer, mapping_source = src.old_source, updated_at = ? FROM src ` +
          `WHERE o.workspace_id = ? AND o.ninja_org_id = src.org_id AND o.customer_id IS src.new_customer AND o.mapping_source = 'confirmed'`,
        [row.id, now, workspaceId],
      ),
    ];
    const at = 2; // index of the first restore statement in the batch below (after markUsed and the guard)
    describe = (results) => {
      const devices = results[at + 1]?.meta.changes ?? 0;
      const orgs = results[at + 2]?.meta.changes ?? 0;
      const kept = created ? ` The ${countOf(created, "customer", "customers")} it created ${created === 1 ? "is" : "are"} kept.` : "";
      const back = devices ? ` and ${countOf(devices, "device", "devices")} moved back` : "";
      return `Mapping save undone: ${countOf(orgs, "organization", "organizations")} got back the mapping ${orgs === 1 ? "it" : "they"} had${back}.${kept}`;
    };
    result = { message: "Mapping save undone.", link: "/settings/integrations/ninjaone/mappings" };
  } else {
    const { count, customerId } = AssignmentPayload.parse(payload);
    // Each asset gets back the contact it had, if it still has the one the assignment gave it.
    const rows = await db
      .select({ rowId: undoRows.rowId, before: undoRows.before })
      .from(undoRows)
      .where(and(eq(undoRows.undoId, row.id), eq(undoRows.kind, "asset")));
    const pairs = rows.map((r) => [r.rowId, ...AssignmentBefore.parse(JSON.parse(r.before ?? "null"))] as const);
    restore = chunk(pairs, 500).flatMap((part) => [
      // History first: it checks the asset still has the contact the assignment gave it.
      raw(
        `INSERT INTO asset_events (id, workspace_id, asset_id, run_id, kind, summary, changes, actor_type, actor_id, actor_name, rule, created_at) ` +
          `SELECT lower(hex(randomblob(16))), a.workspace_id, a.id, NULL, 'assigned', 'Assignment undone: the contact it had before is back', ` +
          `json_object('contactId', json_array(json_extract(value, '$[3]'), json_extract(value, '$[1]'))), 'user', ?, ?, 'undo', ? ` +
          `FROM json_each(?) JOIN assets a ON a.id = json_extract(value, '$[0]') AND a.workspace_id = ? AND a.contact_id = json_extract(value, '$[3]')`,
        [input.userId, input.userName, now, JSON.stringify(part), workspaceId],
      ),
      raw(
        `WITH src AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS asset_id, json_extract(value, '$[1]') AS contact_id, ` +
          `json_extract(value, '$[2]') AS contact_source, json_extract(value, '$[3]') AS assigned FROM json_each(?)) ` +
          `UPDATE assets SET contact_id = src.contact_id, contact_source = src.contact_source, updated_at = ? FROM src ` +
          `WHERE assets.id = src.asset_id AND assets.workspace_id = ? AND assets.contact_id = src.assigned`,
        [JSON.stringify(part), now, workspaceId],
      ),
    ]);
    result = { message: `Assignment undone: ${countOf(count, "device", "devices")} got back the contact they had.`, link: customerId ? `/customers/${customerId}` : "/assets" };
  }

  try {
    const results = await runStatements(db, [markUsed, usedGuard, ...restore, dropRows]);
    if (describe) result = { ...result, message: describe(results) };
  } catch (error) {
    if (isGuardFailure(error)) return { status: "already_undone", message: "That was already undone." };
    if (error instanceof Error && /UNIQUE|PRIMARY KEY/i.test(error.message)) return { status: "conflict", message: "It could not be restored: something with the same id exists again." };
    throw error;
  }
  return { status: "restored", kind, ...result };
}

/** Delete undo records past their window (a day of slack), in bounded chunks; returns how many went. */
export async function pruneUndo(db: Db, now: number, maxRows = 2000): Promise<number> {
  const cutoff = now - 24 * 3600_000;
  let deleted = 0;
  while (deleted < maxRows) {
    const gone = await db
      .select({ id: undoActions.id })
      .from(undoActions)
      .where(lt(undoActions.expiresAt, cutoff))
      .limit(100);
    if (gone.length === 0) break;
    for (const g of gone) {
      await db.batch([db.delete(undoRows).where(eq(undoRows.undoId, g.id)), db.delete(undoActions).where(eq(undoActions.id, g.id))]);
    }
    deleted += gone.length;
  }
  return deleted;
}
