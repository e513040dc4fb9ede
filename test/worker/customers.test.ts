import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { appFetch, db, makeWorkspace, postForm } from "./helpers";
import { insertAsset, insertContact, insertCustomer, redirectedId } from "./records-helpers";

const customerRow = async (id: string) => (await db().select().from(schema.customers).where(eq(schema.customers.id, id)))[0];
const customersOf = (workspaceId: string) => db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId));

describe("customers in the UI", () => {
  it("creates, shows, edits, archives and restores a customer", async () => {
    const { cookie, workspaceId } = await makeWorkspace("manager");
    const created = await postForm(
      "/customers/new",
      { name: "  Contoso Ltd ", email: "Office@Contoso.example", phone: "+44 20 7946 0000", website: "contoso.example", notes: "" },
      cookie,
    );
    expect(created.status).toBe(302);
    const id = redirectedId(created, "customers");
    const row = await customerRow(id);
    expect(row).toMatchObject({ workspaceId, name: "Contoso Ltd", email: "office@contoso.example", notes: null, archivedAt: null });

    const page = await appFetch(`/customers/${id}`, { cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Contoso Ltd");
    expect(html).toContain("office@contoso.example");

    const edited = await postForm(`/customers/${id}/edit`, { name: "Contoso Group", email: "", phone: "", website: "", notes: "VIP" }, cookie);
    expect(edited.status).toBe(302);
    expect(await customerRow(id)).toMatchObject({ name: "Contoso Group", email: null, phone: null, notes: "VIP" });

    expect((await postForm(`/customers/${id}/archive`, { archived: "true" }, cookie)).status).toBe(302);
    expect((await customerRow(id)).archivedAt).toBeGreaterThan(0);
    const list = await (await appFetch("/customers", { cookie })).text();
    expect(list).not.toContain("Contoso Group");
    const withArchived = await (await appFetch("/customers?archived=1", { cookie })).text();
    expect(withArchived).toContain("Contoso Group");

    expect((await postForm(`/customers/${id}/archive`, { archived: "false" }, cookie)).status).toBe(302);
    expect((await customerRow(id)).archivedAt).toBeNull();
  });

  it("refuses a missing or oversized name with a field message and writes nothing", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    const missing = await postForm("/customers/new", { name: "   ", email: "" }, cookie);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Name is required.");
    const long = await postForm("/customers/new", { name: "x".repeat(201) }, cookie);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("Name must be at most 200 characters.");
    const badEmail = await postForm("/customers/new", { name: "Fine", email: "not-an-email" }, cookie);
    expect(badEmail.status).toBe(400);
    expect(await badEmail.text()).toContain("Enter a valid e-mail address.");
    expect(await customersOf(workspaceId)).toHaveLength(0);
  });

  it("searches by name and pages 50 at a time in name order", async () => {
    const { cookie, workspaceId } = await makeWorkspace("observer");
    for (let i = 0; i < 55; i++) await insertCustomer(workspaceId, `Client ${String(i).padStart(2, "0")}`);
    await insertCustomer(workspaceId, "acme lowercase");
    const first = await (await appFetch("/customers", { cookie })).text();
    // Case-insensitive order: "acme lowercase" comes before "Client 00".
    expect(first.indexOf("acme lowercase")).toBeLessThan(first.indexOf("Client 00"));
    expect(first).toContain("Client 48");
    expect(first).not.toContain("Client 49");
    const next = /href="\/customers\?cursor=([^"]+)"/.exec(first);
    expect(next).not.toBeNull();
    const second = await (await appFetch(`/customers?cursor=${next?.[1]}`, { cookie })).text();
    expect(second).toContain("Client 49");
    expect(second).toContain("Client 54");
    expect(second).not.toContain("Client 48");
    expect(second).not.toContain("Next page");

    const search = await (await appFetch("/customers?q=client%205", { cookie })).text();
    expect(search).toContain("Client 50");
    expect(search).not.toContain("Client 49");
    expect(search).not.toContain("acme lowercase");
  });

  it("answers a broken page cursor with a 400 page", async () => {
    const { cookie } = await makeWorkspace("observer");
    const res = await appFetch("/customers?cursor=not-a-cursor", { cookie });
    expect(res.status).toBe(400);
  });

  it("shows a customer's contacts, assets and tickets on its page", async () => {
    const { cookie, workspaceId } = await makeWorkspace("technician");
    const id = await insertCustomer(workspaceId, "Fabrikam");
    await insertContact(workspaceId, "Pat Jones", id, { email: "pat@fabrikam.example" });
    await insertAsset(workspaceId, "FAB-LT-001", { customerId: id, serialNumber: "SN-FAB-1", category: "Mac", status: "available" });
    const ticket = await postForm("/tickets/new", { title: "VPN drops", customerId: id, status: "open", priority: "high" }, cookie);
    expect(ticket.status).toBe(302);
    const html = await (await appFetch(`/customers/${id}`, { cookie })).text();
    expect(html).toContain("Pat Jones");
    expect(html).toContain("FAB-LT-001");
    expect(html).toContain("SN-FAB-1");
    expect(html).toContain(`href="/assets/`);
    expect(html).toContain("VPN drops");
  });
});

describe("deleting a customer", () => {
  it("asks first when it has assets or contacts, then keeps them unassigned", async () => {
    const { cookie, workspaceId } = await makeWorkspace("admin");
    const id = await insertCustomer(workspaceId, "Northwind");
    const assetA = await insertAsset(workspaceId, "NW-PC-1", { customerId: id });
    const assetB = await insertAsset(workspaceId, "NW-PC-2", { customerId: id });
    const contact = await insertContact(workspaceId, "Nancy Davolio", id);
    const ticketRes = await postForm("/tickets/new", { title: "Printer", customerId: id, contactId: contact }, cookie);
    const ticketId = redirectedId(ticketRes, "tickets");

    // A post without confirmation goes back to the confirmation page and deletes nothing.
    const unconfirmed = await postForm(`/customers/${id}/delete`, {}, cookie);
    expect(unconfirmed.status).toBe(302);
    expect(unconfirmed.headers.get("Location")).toBe(`/customers/${id}/delete`);
    expect(await customerRow(id)).toBeDefined();

    const confirmPage = await (await appFetch(`/customers/${id}/delete`, { cookie })).text();
    expect(confirmPage).toContain("2 assets");
    expect(confirmPage).toContain("1 contact");
    expect(confirmPage).toContain("<strong>unassigned</strong>");
    expect(confirmPage).toContain("No asset is deleted.");

    const confirmed = await postForm(`/customers/${id}/delete`, { confirm: "yes" }, cookie);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/customers");
    expect(await customerRow(id)).toBeUndefined();
    const assets = await db().select().from(schema.assets).where(eq(schema.assets.workspaceId, workspaceId));
    expect(assets.map((a) => [a.id, a.customerId]).sort()).toEqual([[assetA, null], [assetB, null]].sort());
    const [keptContact] = await db().select().from(schema.contacts).where(eq(schema.contacts.id, contact));
    expect(keptContact).toMatchObject({ name: "Nancy Davolio", customerId: null });
    const [keptTicket] = await db().select().from(schema.tickets).where(eq(schema.tickets.id, ticketId));
    expect(keptTicket).toMatchObject({ customerId: null, contactId: contact });
  });

  it("deletes a customer with nothing attached straight away", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    const id = await insertCustomer(workspaceId, "Empty Co");
    const res = await postForm(`/customers/${id}/delete`, {}, cookie);
    expect(res.headers.get("Location")).toBe("/customers");
    expect(await customerRow(id)).toBeUndefined();
  });
});

describe("customer permissions", () => {
  for (const role of ["technician", "observer"] as const) {
    it(`refuses every customer change to a ${role}`, async () => {
      const { cookie, workspaceId } = await makeWorkspace(role);
      const id = await insertCustomer(workspaceId, "Locked Ltd");
      expect((await appFetch("/customers", { cookie })).status).toBe(200);
      expect((await appFetch(`/customers/${id}`, { cookie })).status).toBe(200);
      expect((await appFetch("/customers/new", { cookie })).status).toBe(403);
      expect((await appFetch(`/customers/${id}/edit`, { cookie })).status).toBe(403);
      expect((await postForm("/customers/new", { name: "Sneaky" }, cookie)).status).toBe(403);
      expect((await postForm(`/customers/${id}/edit`, { name: "Renamed" }, cookie)).status).toBe(403);
      expect((await postForm(`/customers/${id}/archive`, { archived: "true" }, cookie)).status).toBe(403);
      expect((await postForm(`/customers/${id}/delete`, { confirm: "yes" }, cookie)).status).toBe(403);
      expect(await customersOf(workspaceId)).toEqual([expect.objectContaining({ id, name: "Locked Ltd", archivedAt: null })]);
    });
  }

  it("hides the buttons a reader may not use", async () => {
    const { cookie, workspaceId } = await makeWorkspace("observer");
    const id = await insertCustomer(workspaceId, "Read Only Inc");
    const list = await (await appFetch("/customers", { cookie })).text();
    expect(list).not.toContain("New customer");
    const page = await (await appFetch(`/customers/${id}`, { cookie })).text();
    expect(page).not.toContain(`/customers/${id}/edit`);
    expect(page).not.toContain(`/customers/${id}/delete`);
  });
});

describe("customers of another workspace", () => {
  it("are not found: page, edit, archive and delete all answer 404 and change nothing", async () => {
    const mine = await makeWorkspace("owner");
    const theirs = await makeWorkspace("owner");
    const id = await insertCustomer(theirs.workspaceId, "Their Customer");
    const c = mine.cookie;
    expect((await appFetch(`/customers/${id}`, { cookie: c })).status).toBe(404);
    expect((await appFetch(`/customers/${id}/edit`, { cookie: c })).status).toBe(404);
    expect((await appFetch(`/customers/${id}/delete`, { cookie: c })).status).toBe(404);
    expect((await postForm(`/customers/${id}/edit`, { name: "Hijacked" }, c)).status).toBe(404);
    expect((await postForm(`/customers/${id}/archive`, { archived: "true" }, c)).status).toBe(404);
    expect((await postForm(`/customers/${id}/delete`, { confirm: "yes" }, c)).status).toBe(404);
    expect(await customerRow(id)).toMatchObject({ name: "Their Customer", archivedAt: null });
    const unknown = await appFetch("/customers/00000000-0000-4000-8000-000000000000", { cookie: c });
    expect(unknown.status).toBe(404);
    const mineList = await (await appFetch("/customers?archived=1", { cookie: c })).text();
    expect(mineList).not.toContain("Their Customer");
    expect(await db().select().from(schema.customers).where(and(eq(schema.customers.workspaceId, mine.workspaceId)))).toHaveLength(0);
  });
});
