// Customers: the MSP's clients. Every query is scoped to one workspace.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { newId } from "../crypto";
import { formatDate } from "../domain/dates";
import { countOf } from "../domain/numbers";
import { normalizeOrgName } from "../domain/org-matching";
import { ACTIVE_TICKET_STATUSES } from "../domain/tickets";
import { schema, type Db } from "./client";
import { runStatements, undoRecord, undoRowsOf, type UndoBy } from "./undo";
import { afterNameCursor, containsText, takePage, type Page } from "./query";

const { customers, contacts, assets, tickets } = schema;

export type Customer = typeof customers.$inferSelect;

export type CustomerInput = {
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  notes: string | null;
};
export type CustomerPatch = Partial<CustomerInput> & { archived?: boolean };

export const CustomerCursor = z.object({ name: z.string().max(1000), id: z.string().max(64) });
export type CustomerCursor = z.infer<typeof CustomerCursor>;

export type CustomerListOptions = {
  q?: string;
  archived: "exclude" | "include" | "only";
  limit: number;
  after?: CustomerCursor;
};

/** Customers sorted by name (case-insensitive), a keyset page at a time. */
export async function listCustomers(db: Db, workspaceId: string, opts: CustomerListOptions): Promise<Page<Customer, CustomerCursor>> {
  const rows = await db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.workspaceId, workspaceId),
        opts.archived === "exclude" ? isNull(customers.archivedAt) : undefined,
        opts.archived === "only" ? isNotNull(customers.archivedAt) : undefined,
        opts.q ? containsText(customers.name, opts.q) : undefined,
        opts.after ? afterNameCursor(customers.name, customers.id, opts.after) : undefined,
      ),
    )
    .orderBy(sql`${customers.name} COLLATE NOCASE`, asc(customers.id))
    .limit(opts.limit + 1);
  return takePage(rows, opts.limit, (c) => ({ name: c.name, id: c.id }));
}

export async function getCustomer(db: Db, workspaceId: string, id: string): Promise<Customer | undefined> {
  const rows = await db
    .select()
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, id)))
    .limit(1);
  return rows[0];
}

export async function createCustomer(db: Db, workspaceId: string, input: CustomerInput, now: number): Promise<Customer> {
  const [row] = await db
    .insert(customers)
    .values({ id: newId(), workspaceId, ...input, archivedAt: null, createdAt: now, updatedAt: now })
    .returning();
  return row;
}

/** Apply a partial change; `archived` archives or restores. Undefined when the id is not in the workspace. */
export async function updateCustomer(
  db: Db,
  workspaceId: string,
  id: string,
  patch: CustomerPatch,
  now: number,
): Promise<Customer | undefined> {
  const { archived, ...fields } = patch;
  const existing = await getCustomer(db, workspaceId, id);
  if (!existing) return undefined;
  const archivedAt = archived === undefined ? existing.archivedAt : archived ? (existing.archivedAt ?? now) : null;
  const [row] = await db
    .update(customers)
    .set({ ...fields, archivedAt, updatedAt: now })
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, id)))
    .returning();
  return row;
}

export type CustomerDependents = { assets: number; contacts: number; tickets: number };

export async function customerDependents(db: Db, workspaceId: string, id: string): Promise<CustomerDependents> {
  const [[a], [c], [t]] = await Promise.all([
    db.select({ n: count() }).from(assets).where(and(eq(assets.workspaceId, workspaceId), eq(assets.customerId, id))),
    db.select({ n: count() }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.customerId, id))),
    db.select({ n: count() }).from(tickets).where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.customerId, id))),
  ]);
  return { assets: a?.n ?? 0, contacts: c?.n ?? 0, tickets: t?.n ?? 0 };
}

/**
 * Delete a customer in one batch (one transaction in D1). Its assets, contacts and tickets are
 * never deleted: they stay, with no customer. A customer that has any of them is deleted only
 * when `confirmed`; otherwise the caller shows what would happen.
 */
export async function deleteCustomer(
  db: Db,
  workspaceId: string,
  id: string,
  opts: { confirmed: boolean; now: number; undo?: UndoBy },
): Promise<"deleted" | "needs_confirmation" | "not_found"> {
  const customer = await getCustomer(db, workspaceId, id);
  if (!customer) return "not_found";
  if (!opts.confirmed) {
    const d = await customerDependents(db, workspaceId, id);
    if (d.assets + d.contacts + d.tickets > 0) return "needs_confirmation";
  }
  const { now, undo } = opts;
  // With `undo`: the customer row and the ids of what it had, recorded before they are unlinked.
  const capture = undo
    ? [
        undoRecord(db, undo, { workspaceId, kind: "customer.delete", targetId: id, payload: customer, now }),
        undoRowsOf(undo.id, "asset", workspaceId, "customer_id", id),
        undoRowsOf(undo.id, "contact", workspaceId, "customer_id", id),
        undoRowsOf(undo.id, "ticket", workspaceId, "customer_id", id),
      ]
    : [];
  const results = await runStatements(db, [
    ...capture,
    db
      .update(assets)
      .set({ customerId: null, updatedAt: now })
      .where(and(eq(assets.workspaceId, workspaceId), eq(assets.customerId, id))),
    db
      .update(contacts)
      .set({ customerId: null, updatedAt: now })
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.customerId, id))),
    db
      .update(tickets)
      .set({ customerId: null, updatedAt: now })
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.customerId, id))),
    db
      .delete(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, id)))
      .returning({ id: customers.id }),
  ]);
  const deleted = results[results.length - 1] as { results?: unknown[] } | undefined;
  return (deleted?.results?.length ?? 0) > 0 ? "deleted" : "not_found";
}

export type CustomerOption = { id: string; name: string; archived: boolean };

/**
 * Customers for a picker: the active ones, plus `keepId` (the record's current customer) even
 * when archived, so editing a record never silently drops its customer.
 */
export async function customerOptions(db: Db, workspaceId: string, keepId?: string | null): Promise<CustomerOption[]> {
  const rows = await db
    .select({ id: customers.id, name: customers.name, archivedAt: customers.archivedAt })
    .from(customers)
    .where(
      and(
        eq(customers.workspaceId, workspaceId),
        keepId ? sql`(${customers.archivedAt} IS NULL OR ${customers.id} = ${keepId})` : isNull(customers.archivedAt),
      ),
    )
    .orderBy(sql`${customers.name} COLLATE NOCASE`, asc(customers.id))
    .limit(5000);
  return rows.map((r) => ({ id: r.id, name: r.name, archived: r.archivedAt !== null }));
}

/** The customer's assets for its page (first `limit` by name), with the total. */
export async function customerAssets(db: Db, workspaceId: string, customerId: string, limit: number) {
  const where = and(eq(assets.workspaceId, workspaceId), eq(assets.customerId, customerId));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: assets.id,
        name: assets.name,
        category: assets.category,
        status: assets.status,
        serialNumber: assets.serialNumber,
        source: assets.source,
      })
      .from(assets)
      .where(where)
      .orderBy(asc(assets.name), asc(assets.id))
      .limit(limit),
    db.select({ n: count() }).from(assets).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The customer's newest tickets, with the total. */
export async function customerTickets(db: Db, workspaceId: string, customerId: string, limit: number) {
  const where = and(eq(tickets.workspaceId, workspaceId), eq(tickets.customerId, customerId));
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: tickets.id, number: tickets.number, title: tickets.title, status: tickets.status, priority: tickets.priority, updatedAt: tickets.updatedAt })
      .from(tickets)
      .where(where)
      .orderBy(desc(tickets.number))
      .limit(limit),
    db.select({ n: count() }).from(tickets).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Per-customer counts for a list page: assets, contacts and tickets still needing work. */
export async function customerCounts(db: Db, workspaceId: string, customerIds: string[]) {
  const counts = new Map<string, { assets: number; contacts: number; activeTickets: number }>();
  if (customerIds.length === 0) return counts;
  for (const id of customerIds) counts.set(id, { assets: 0, contacts: 0, activeTickets: 0 });
  const [assetRows, contactRows, ticketRows] = await Promise.all([
    db
      .select({ customerId: assets.customerId, n: count() })
      .from(assets)
      .where(and(eq(assets.workspaceId, workspaceId), inArray(assets.customerId, customerIds)))
      .groupBy(assets.customerId),
    db
      .select({ customerId: contacts.customerId, n: count() })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.customerId, customerIds)))
      .groupBy(contacts.customerId),
    db
      .select({ customerId: tickets.customerId, n: count() })
      .from(tickets)
      .where(
        and(
          eq(tickets.workspaceId, workspaceId),
          inArray(tickets.customerId, customerIds),
          inArray(tickets.status, [...ACTIVE_TICKET_STATUSES]),
        ),
      )
      .groupBy(tickets.customerId),
  ]);
  for (const r of assetRows) {
    const c = r.customerId ? counts.get(r.customerId) : undefined;
    if (c) c.assets = r.n;
  }
  for (const r of contactRows) {
    const c = r.customerId ? counts.get(r.customerId) : undefined;
    if (c) c.contacts = r.n;
  }
  for (const r of ticketRows) {
    const c = r.customerId ? counts.get(r.customerId) : undefined;
    if (c) c.activeTickets = r.n;
  }
  return counts;
}

/** A customer's name in the form the organization matcher compares (legal suffixes, case, accents ignored). */
export const customerNameKey = (name: string) => normalizeOrgName(name) || name.trim().toLocaleLowerCase("en-US");

export type SimilarCustomer = { id: string; name: string; archived: boolean };

/**
 * Customers whose name the matcher would treat as the same as `name` ("Acme, Inc." = "ACME"): two such
 * customers make name matching a tie forever, so creating one is warned about first.
 */
export async function customersNamedLike(db: Db, workspaceId: string, name: string, exceptId?: string): Promise<SimilarCustomer[]> {
  const key = customerNameKey(name);
  if (!key) return [];
  const rows = await db
    .select({ id: customers.id, name: customers.name, archivedAt: customers.archivedAt })
    .from(customers)
    .where(eq(customers.workspaceId, workspaceId));
  return rows
    .filter((r) => r.id !== exceptId && customerNameKey(r.name) === key)
    .map((r) => ({ id: r.id, name: r.name, archived: r.archivedAt !== null }));
}

/**
 * What tells customers with the same name apart in a picker: contacts, then the e-mail or website
 * domain. Only for `ids` (the customers that share a name with another).
 */
export async function customerDisambiguation(db: Db, workspaceId: string, ids: string[], timeZone = "UTC"): Promise<Map<string, string>> {
  const details = new Map<string, string>();
  if (ids.length === 0) return details;
  const rows = [];
  for (let i = 0; i < ids.length && i < 900; i += 90) {
    rows.push(
      ...(await db
        .select({
          id: customers.id,
          email: customers.email,
          website: customers.website,
          createdAt: customers.createdAt,
          contacts: sql<number>`(SELECT count(*) FROM contacts c WHERE c.workspace_id = ${customers.workspaceId} AND c.customer_id = ${customers.id})`,
        })
        .from(customers)
        .where(and(eq(customers.workspaceId, workspaceId), inArray(customers.id, ids.slice(i, i + 90))))),
    );
  }
  for (const r of rows) {
    const domain = r.website?.replace(/^https?:\/\//i, "").replace(/\/.*$/, "") || r.email?.split("@")[1] || null;
    const parts = [countOf(r.contacts, "contact", "contacts"), domain, `added ${formatDate(r.createdAt, timeZone)}`];
    details.set(r.id, parts.filter(Boolean).join(" · "));
  }
  return details;
}

export type CustomerPick = { id: string; name: string; archived: boolean; detail: string };

/**
 * One page of customers for a type-ahead picker: names containing `q` (active ones; archived only
 * when asked), by name, each with what tells it apart (contacts, domain, date added).
 */
export async function searchCustomerPicks(
  db: Db,
  workspaceId: string,
  opts: { q: string; limit: number; includeArchived?: boolean; timeZone?: string },
): Promise<CustomerPick[]> {
  const q = opts.q.trim();
  const rows = await db
    .select({ id: customers.id, name: customers.name, archivedAt: customers.archivedAt })
    .from(customers)
    .where(
      and(
        eq(customers.workspaceId, workspaceId),
        opts.includeArchived ? undefined : isNull(customers.archivedAt),
        q ? containsText(customers.name, q) : undefined,
      ),
    )
    .orderBy(sql`${customers.name} COLLATE NOCASE`, asc(customers.id))
    .limit(opts.limit);
  const details = await customerDisambiguation(db, workspaceId, rows.map((r) => r.id), opts.timeZone);
  return rows.map((r) => ({ id: r.id, name: r.name, archived: r.archivedAt !== null, detail: details.get(r.id) ?? "" }));
}

/** The label of one customer for a picker's current value (null: not this workspace's). */
export async function customerPick(db: Db, workspaceId: string, id: string | null | undefined): Promise<{ id: string; name: string; archived: boolean } | null> {
  if (!id) return null;
  const [row] = await db
    .select({ id: customers.id, name: customers.name, archivedAt: customers.archivedAt })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, id)))
    .limit(1);
  return row ? { id: row.id, name: row.name, archived: row.archivedAt !== null } : null;
}
