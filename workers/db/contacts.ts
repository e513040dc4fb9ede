// Contacts: people at a customer (or at none). Every query is scoped to one workspace.
import { and, asc, count, desc, eq, getTableColumns, or, sql } from "drizzle-orm";
import { z } from "zod";
import { newId } from "../crypto";
import { editedAfterPersonWrite } from "../domain/contact-sync";
import { runStatements, undoRecord, undoRowsOf, type UndoBy } from "./undo";
import { schema, type Db } from "./client";
import { afterNameCursor, containsText, takePage, type FieldErrors, type Page, type WriteResult } from "./query";

const { contacts, customers, assets, tickets } = schema;

export type Contact = typeof contacts.$inferSelect;
export type ContactRow = Contact & { customerName: string | null };

export type ContactInput = {
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  customerId: string | null;
};
export type ContactPatch = Partial<ContactInput>;

export const ContactCursor = z.object({ name: z.string().max(1000), id: z.string().max(64) });
export type ContactCursor = z.infer<typeof ContactCursor>;

export type ContactListOptions = { q?: string; customerId?: string; limit: number; after?: ContactCursor };

const contactWithCustomer = { ...getTableColumns(contacts), customerName: customers.name };

/** Contacts sorted by name (case-insensitive); search matches name or e-mail. */
export async function listContacts(db: Db, workspaceId: string, opts: ContactListOptions): Promise<Page<ContactRow, ContactCursor>> {
  const rows = await db
    .select(contactWithCustomer)
    .from(contacts)
    .leftJoin(customers, and(eq(customers.workspaceId, workspaceId), eq(customers.id, contacts.customerId)))
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        opts.customerId ? eq(contacts.customerId, opts.customerId) : undefined,
        opts.q ? or(containsText(contacts.name, opts.q), containsText(contacts.email, opts.q)) : undefined,
        opts.after ? afterNameCursor(contacts.name, contacts.id, opts.after) : undefined,
      ),
    )
    .orderBy(sql`${contacts.name} COLLATE NOCASE`, asc(contacts.id))
    .limit(opts.limit + 1);
  return takePage(rows, opts.limit, (c) => ({ name: c.name, id: c.id }));
}

export async function getContact(db: Db, workspaceId: string, id: string): Promise<ContactRow | undefined> {
  const rows = await db
    .select(contactWithCustomer)
    .from(contacts)
    .leftJoin(customers, and(eq(customers.workspaceId, workspaceId), eq(customers.id, contacts.customerId)))
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
    .limit(1);
  return rows[0];
}

/** A customer id from a form or API body must name a customer of this workspace. */
export async function checkCustomerRef(db: Db, workspaceId: string, customerId: string | null | undefined): Promise<FieldErrors> {
  if (!customerId) return {};
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)))
    .limit(1);
  return rows.length ? {} : { customerId: ["Choose a customer from this workspace."] };
}

export async function createContact(db: Db, workspaceId: string, input: ContactInput, now: number): Promise<WriteResult<Contact>> {
  const fields = await checkCustomerRef(db, workspaceId, input.customerId);
  if (Object.keys(fields).length) return { ok: false, fields };
  const [row] = await db
    .insert(contacts)
    .values({ id: newId(), workspaceId, ...input, editedFields: editedAfterPersonWrite(null, input, "[]"), createdAt: now, updatedAt: now })
    .returning();
  return { ok: true, value: row };
}

/** Undefined when the contact is not in the workspace. */
export async function updateContact(
  db: Db,
  workspaceId: string,
  id: string,
  patch: ContactPatch,
  now: number,
): Promise<WriteResult<Contact> | undefined> {
  const fields = await checkCustomerRef(db, workspaceId, patch.customerId);
  const rows = await db
    .select({ name: contacts.name, email: contacts.email, phone: contacts.phone, title: contacts.title, editedFields: contacts.editedFields })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
    .limit(1);
  const before = rows[0];
  if (!before) return undefined;
  if (Object.keys(fields).length) return { ok: false, fields };
  // A person's edit: the fields it changes are theirs from now on (the contact sync keeps them).
  const editedFields = editedAfterPersonWrite(before, patch, before.editedFields);
  const [row] = await db
    .update(contacts)
    .set({ ...patch, editedFields, updatedAt: now })
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
    .returning();
  return { ok: true, value: row };
}

export type ContactDependents = { assets: number; tickets: number };

export async function contactDependents(db: Db, workspaceId: string, id: string): Promise<ContactDependents> {
  const [[a], [t]] = await Promise.all([
    db.select({ n: count() }).from(assets).where(and(eq(assets.workspaceId, workspaceId), eq(assets.contactId, id))),
    db.select({ n: count() }).from(tickets).where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.contactId, id))),
  ]);
  return { assets: a?.n ?? 0, tickets: t?.n ?? 0 };
}

/**
 * Delete a contact in one batch: its assets and tickets stay, with no contact. Undefined when not
 * found. With `undo`, the contact and the ids of its assets and tickets are kept for the toast's Undo.
 */
export async function deleteContact(
  db: Db,
  workspaceId: string,
  id: string,
  now: number,
  undo?: UndoBy,
): Promise<{ customerId: string | null; name: string } | undefined> {
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
    .limit(1);
  if (!contact) return undefined;
  const capture = undo
    ? [
        undoRecord(db, undo, { workspaceId, kind: "contact.delete", targetId: id, payload: contact, now }),
        undoRowsOf(undo.id, "asset", workspaceId, "contact_id", id),
        undoRowsOf(undo.id, "ticket", workspaceId, "contact_id", id),
      ]
    : [];
  const results = await runStatements(db, [
    ...capture,
    db
      .update(assets)
      .set({ contactId: null, updatedAt: now })
      .where(and(eq(assets.workspaceId, workspaceId), eq(assets.contactId, id))),
    db
      .update(tickets)
      .set({ contactId: null, updatedAt: now })
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.contactId, id))),
    db
      .delete(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
      .returning({ customerId: contacts.customerId }),
  ]);
  const deleted = results[results.length - 1]?.results?.length ?? 0;
  return deleted > 0 ? { customerId: contact.customerId, name: contact.name } : undefined;
}

export type ContactOption = { id: string; name: string; customerId: string | null; customerName: string | null };

/** Contacts for a picker, grouped by customer in the form. */
export async function contactOptions(db: Db, workspaceId: string): Promise<ContactOption[]> {
  return db
    .select({ id: contacts.id, name: contacts.name, customerId: contacts.customerId, customerName: customers.name })
    .from(contacts)
    .leftJoin(customers, and(eq(customers.workspaceId, workspaceId), eq(customers.id, contacts.customerId)))
    .where(eq(contacts.workspaceId, workspaceId))
    .orderBy(sql`${contacts.name} COLLATE NOCASE`, asc(contacts.id))
    .limit(5000);
}

/** Assets assigned to the contact (the devices a ticket's sidebar shows). */
export async function contactAssets(db: Db, workspaceId: string, contactId: string, limit = 50) {
  return db
    .select({
      id: assets.id,
      name: assets.name,
      category: assets.category,
      status: assets.status,
      source: assets.source,
      serialNumber: assets.serialNumber,
      ninjaDeviceId: assets.ninjaDeviceId,
      ninjaOffline: assets.ninjaOffline,
    })
    .from(assets)
    .where(and(eq(assets.workspaceId, workspaceId), eq(assets.contactId, contactId)))
    .orderBy(asc(assets.name), asc(assets.id))
    .limit(limit);
}

/** The contact's newest tickets. */
export async function contactTickets(db: Db, workspaceId: string, contactId: string, limit = 20) {
  return db
    .select({ id: tickets.id, number: tickets.number, title: tickets.title, status: tickets.status, priority: tickets.priority })
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.contactId, contactId)))
    .orderBy(desc(tickets.number))
    .limit(limit);
}

/** The NinjaOne people (end users, organization contacts) the contact sync linked to this contact. */
export async function contactNinjaLinks(db: Db, workspaceId: string, contactId: string) {
  const p = schema.ninjaPeople;
  return db
    .select({ ninjaUid: p.ninjaUid, kind: p.kind, ninjaId: p.ninjaId, ninjaOrgId: p.ninjaOrgId, orgName: schema.ninjaOrganizations.name })
    .from(p)
    .leftJoin(schema.ninjaOrganizations, and(eq(schema.ninjaOrganizations.workspaceId, p.workspaceId), eq(schema.ninjaOrganizations.ninjaOrgId, p.ninjaOrgId)))
    .where(and(eq(p.workspaceId, workspaceId), eq(p.contactId, contactId)))
    .orderBy(asc(p.kind), asc(p.ninjaId))
    .limit(20);
}
