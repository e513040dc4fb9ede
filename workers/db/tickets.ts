// Tickets: numbered per workspace (#1, #2, …). Every query is scoped to one workspace.
import { and, desc, eq, getTableColumns, inArray, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import { newId } from "../crypto";
import { ACTIVE_TICKET_STATUSES, type TicketPriority, type TicketStatus } from "../domain/tickets";
import { schema, type Db } from "./client";
import { containsText, takePage, type FieldErrors, type Page, type WriteResult } from "./query";

const { tickets, customers, contacts, users } = schema;
const ticketCustomer = alias(customers, "ticket_customer");
const ticketContact = alias(contacts, "ticket_contact");

export type Ticket = typeof tickets.$inferSelect;
export type TicketRow = Ticket & { customerName: string | null; contactName: string | null };

export type TicketInput = {
  title: string;
  description: string | null;
  customerId: string | null;
  contactId: string | null;
  status: TicketStatus;
  priority: TicketPriority;
};
export type TicketPatch = Partial<TicketInput>;

export const TicketCursor = z.object({ number: z.number().int().positive() });
export type TicketCursor = z.infer<typeof TicketCursor>;

export type TicketListOptions = {
  status?: TicketStatus | "active";
  priority?: TicketPriority;
  customerId?: string;
  contactId?: string;
  q?: string;
  limit: number;
  after?: TicketCursor;
};

const ticketWithNames = { ...getTableColumns(tickets), customerName: ticketCustomer.name, contactName: ticketContact.name };

function ticketsWithNames(db: Db, workspaceId: string) {
  return db
    .select(ticketWithNames)
    .from(tickets)
    .leftJoin(ticketCustomer, and(eq(ticketCustomer.workspaceId, workspaceId), eq(ticketCustomer.id, tickets.customerId)))
    .leftJoin(ticketContact, and(eq(ticketContact.workspaceId, workspaceId), eq(ticketContact.id, tickets.contactId)));
}

/** Newest first (by ticket number), filtered; `status: "active"` means open, in progress or waiting. */
export async function listTickets(db: Db, workspaceId: string, opts: TicketListOptions): Promise<Page<TicketRow, TicketCursor>> {
  const rows = await ticketsWithNames(db, workspaceId)
    .where(
      and(
        eq(tickets.workspaceId, workspaceId),
        opts.status === "active"
          ? inArray(tickets.status, [...ACTIVE_TICKET_STATUSES])
          : opts.status
            ? eq(tickets.status, opts.status)
            : undefined,
        opts.priority ? eq(tickets.priority, opts.priority) : undefined,
        opts.customerId ? eq(tickets.customerId, opts.customerId) : undefined,
        opts.contactId ? eq(tickets.contactId, opts.contactId) : undefined,
        opts.q ? containsText(tickets.title, opts.q) : undefined,
        opts.after ? lt(tickets.number, opts.after.number) : undefined,
      ),
    )
    .orderBy(desc(tickets.number))
    .limit(opts.limit + 1);
  return takePage(rows, opts.limit, (t) => ({ number: t.number }));
}

export async function getTicket(db: Db, workspaceId: string, id: string): Promise<TicketRow | undefined> {
  const rows = await ticketsWithNames(db, workspaceId)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)))
    .limit(1);
  return rows[0];
}

/**
 * Check a ticket's customer and contact: both must be in the workspace, and a contact must
 * belong to the chosen customer. A contact without a chosen customer brings its own customer.
 */
export async function resolveTicketRefs(
  db: Db,
  workspaceId: string,
  refs: { customerId: string | null; contactId: string | null },
): Promise<WriteResult<{ customerId: string | null; contactId: string | null }>> {
  const fields: FieldErrors = {};
  const [customerRows, contactRows] = await Promise.all([
    refs.customerId
      ? db
          .select({ id: customers.id })
          .from(customers)
          .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, refs.customerId)))
          .limit(1)
      : Promise.resolve([]),
    refs.contactId
      ? db
          .select({ id: contacts.id, customerId: contacts.customerId })
          .from(contacts)
          .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, refs.contactId)))
          .limit(1)
      : Promise.resolve([]),
  ]);
  if (refs.customerId && !customerRows.length) fields.customerId = ["Choose a customer from this workspace."];
  const contact = contactRows[0];
  if (refs.contactId && !contact) fields.contactId = ["Choose a contact from this workspace."];
  let customerId = refs.customerId;
  if (contact && !fields.customerId) {
    if (!customerId) customerId = contact.customerId;
    else if (contact.customerId !== customerId) fields.contactId = ["This contact does not belong to the chosen customer."];
  }
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, value: { customerId, contactId: refs.contactId } };
}

const MAX_NUMBER_ATTEMPTS = 5;

/**
 * Create a ticket with the next number of its workspace. The number is computed inside the
 * INSERT itself; if two creations still collide, the unique index refuses one and it retries.
 */
export async function createTicket(
  db: Db,
  workspaceId: string,
  input: TicketInput,
  createdBy: string | null,
  now: number,
): Promise<WriteResult<Ticket>> {
  const refs = await resolveTicketRefs(db, workspaceId, input);
  if (!refs.ok) return refs;
  const row: Omit<Ticket, "number"> = {
    id: newId(),
    workspaceId,
    title: input.title,
    description: input.description,
    customerId: refs.value.customerId,
    contactId: refs.value.contactId,
    status: input.status,
    priority: input.priority,
    createdBy,
    createdAt: now,
    updatedAt: now,
  };
  for (let attempt = 1; ; attempt++) {
    try {
      const inserted = await db.get<{ number: number }>(sql`
        INSERT INTO tickets (id, workspace_id, number, title, description, customer_id, contact_id, status, priority, created_by, created_at, updated_at)
        SELECT ${row.id}, ${workspaceId}, COALESCE(MAX(number), 0) + 1, ${row.title}, ${row.description}, ${row.customerId},
               ${row.contactId}, ${row.status}, ${row.priority}, ${row.createdBy}, ${now}, ${now}
        FROM tickets WHERE workspace_id = ${workspaceId}
        RETURNING number`);
      return { ok: true, value: { ...row, number: inserted.number } };
    } catch (error) {
      if (attempt >= MAX_NUMBER_ATTEMPTS || !isTicketNumberConflict(error)) throw error;
    }
  }
}

function isTicketNumberConflict(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${error.cause instanceof Error ? error.cause.message : ""}` : "";
  return /UNIQUE constraint failed: tickets\.workspace_id, tickets\.number/.test(text);
}

/** Apply a partial change, checking the resulting customer/contact pair. Undefined when not found. */
export async function updateTicket(
  db: Db,
  workspaceId: string,
  id: string,
  patch: TicketPatch,
  now: number,
): Promise<WriteResult<Ticket> | undefined> {
  const existing = await getTicket(db, workspaceId, id);
  if (!existing) return undefined;
  const wanted = {
    customerId: patch.customerId !== undefined ? patch.customerId : existing.customerId,
    contactId: patch.contactId !== undefined ? patch.contactId : existing.contactId,
  };
  // Check the pair only when it changes: a contact who later moved to another customer must
  // not block a status change on an old ticket.
  const refsChanged = wanted.customerId !== existing.customerId || wanted.contactId !== existing.contactId;
  const refs = refsChanged ? await resolveTicketRefs(db, workspaceId, wanted) : ({ ok: true, value: wanted } as const);
  if (!refs.ok) return refs;
  const [row] = await db
    .update(tickets)
    .set({ ...patch, ...refs.value, updatedAt: now })
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)))
    .returning();
  return { ok: true, value: row };
}

/** The dashboard's "Recent tickets": newest tickets that still need work. */
export async function recentActiveTickets(db: Db, workspaceId: string, limit = 5): Promise<TicketRow[]> {
  const page = await listTickets(db, workspaceId, { status: "active", limit });
  return page.rows;
}

/** What the ticket page's sidebar shows: the customer, the contact and the contact's devices (and who opened it). */
export async function ticketSidebar(db: Db, workspaceId: string, ticket: Pick<Ticket, "customerId" | "contactId" | "createdBy">) {
  const [customerRows, contactRows, openerRows] = await Promise.all([
    ticket.customerId
      ? db
          .select({ id: customers.id, name: customers.name, email: customers.email, phone: customers.phone, archivedAt: customers.archivedAt })
          .from(customers)
          .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, ticket.customerId)))
          .limit(1)
      : Promise.resolve([]),
    ticket.contactId
      ? db
          .select({ id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone, title: contacts.title })
          .from(contacts)
          .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, ticket.contactId)))
          .limit(1)
      : Promise.resolve([]),
    ticket.createdBy
      ? db
          .select({ name: users.name })
          .from(users)
          .where(and(eq(users.workspaceId, workspaceId), eq(users.id, ticket.createdBy)))
          .limit(1)
      : Promise.resolve([]),
  ]);
  // The contact's devices: contactDeviceCard (db/ninja-links.ts).
  return { customer: customerRows[0] ?? null, contact: contactRows[0] ?? null, openedBy: openerRows[0]?.name ?? null };
}
