import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { appFetch, db, makeWorkspace, postForm } from "./helpers";
import { insertAsset, insertContact, insertCustomer, redirectedId } from "./records-helpers";

const contactRow = async (id: string) => (await db().select().from(schema.contacts).where(eq(schema.contacts.id, id)))[0];
const contactsOf = (workspaceId: string) => db().select().from(schema.contacts).where(eq(schema.contacts.workspaceId, workspaceId));

describe("contacts in the UI", () => {
  it("a technician creates a contact at a customer, edits it and sees it on the customer's page", async () => {
    const { cookie, workspaceId } = await makeWorkspace("technician");
    const customerId = await insertCustomer(workspaceId, "Tailspin Toys");
    const form = await (await appFetch(`/contacts/new?customerId=${customerId}`, { cookie })).text();
    expect(form).toContain("Tailspin Toys");
    const res = await postForm(
      "/contacts/new",
      { name: "Terry Adams", email: "Terry@Tailspin.example", phone: "555-0100", title: "Office manager", customerId },
      cookie,
    );
    expect(res.status).toBe(302);
    const id = redirectedId(res, "contacts");
    expect(await contactRow(id)).toMatchObject({ workspaceId, customerId, name: "Terry Adams", email: "terry@tailspin.example", title: "Office manager" });

    const edit = await postForm(`/contacts/${id}/edit`, { name: "Terry Adams-Li", email: "", phone: "555-0199", title: "", customerId: "" }, cookie);
    expect(edit.status).toBe(302);
    expect(await contactRow(id)).toMatchObject({ name: "Terry Adams-Li", email: null, phone: "555-0199", title: null, customerId: null });

    await postForm(`/contacts/${id}/edit`, { name: "Terry Adams-Li", customerId }, cookie);
    const customerPage = await (await appFetch(`/customers/${customerId}`, { cookie })).text();
    expect(customerPage).toContain("Terry Adams-Li");
    const contactPage = await (await appFetch(`/contacts/${id}`, { cookie })).text();
    expect(contactPage).toContain("Tailspin Toys");
  });

  it("refuses a customer from another workspace as a field error and writes nothing", async () => {
    const mine = await makeWorkspace("manager");
    const theirs = await makeWorkspace("manager");
    const foreignCustomer = await insertCustomer(theirs.workspaceId, "Foreign Co");
    const res = await postForm("/contacts/new", { name: "Mallory", customerId: foreignCustomer }, mine.cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Choose a customer from this workspace.");
    expect(await contactsOf(mine.workspaceId)).toHaveLength(0);

    const id = await insertContact(mine.workspaceId, "Alice", null);
    const edit = await postForm(`/contacts/${id}/edit`, { name: "Alice", customerId: foreignCustomer }, mine.cookie);
    expect(edit.status).toBe(400);
    expect((await contactRow(id)).customerId).toBeNull();
  });

  it("refuses oversized and malformed fields with messages beside them", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    const res = await postForm("/contacts/new", { name: "Bob", email: "bob@", title: "t".repeat(201) }, cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter a valid e-mail address.");
    expect(html).toContain("Title must be at most 200 characters.");
    expect(await contactsOf(workspaceId)).toHaveLength(0);
  });

  it("lists contacts globally with search on name or e-mail, a customer filter and pages", async () => {
    const { cookie, workspaceId } = await makeWorkspace("observer");
    const a = await insertCustomer(workspaceId, "Alpha");
    const b = await insertCustomer(workspaceId, "Beta");
    await insertContact(workspaceId, "Zoe Zimmer", a, { email: "zoe@alpha.example" });
    await insertContact(workspaceId, "Yann Young", b, { email: "yann@beta.example" });
    await insertContact(workspaceId, "Xavier Unassigned", null, { email: "x@nowhere.example" });
    for (let i = 0; i < 52; i++) await insertContact(workspaceId, `Bulk ${String(i).padStart(2, "0")}`, b);

    const byEmail = await (await appFetch("/contacts?q=alpha.example", { cookie })).text();
    expect(byEmail).toContain("Zoe Zimmer");
    expect(byEmail).not.toContain("Yann Young");
    const byCustomer = await (await appFetch(`/contacts?customerId=${a}`, { cookie })).text();
    expect(byCustomer).toContain("Zoe Zimmer");
    expect(byCustomer).not.toContain("Xavier Unassigned");
    expect(byCustomer).not.toContain("Bulk 00");

    const first = await (await appFetch("/contacts", { cookie })).text();
    expect(first).toContain("Bulk 00");
    expect(first).not.toContain("Zoe Zimmer");
    const next = /href="\/contacts\?cursor=([^"]+)"/.exec(first);
    expect(next).not.toBeNull();
    const second = await (await appFetch(`/contacts?cursor=${next?.[1]}`, { cookie })).text();
    expect(second).toContain("Zoe Zimmer");
    expect(second).not.toContain("Bulk 00");
    expect((await appFetch("/contacts?cursor=%%%", { cookie })).status).toBe(400);
  });

  it("deleting a contact unassigns it from assets and tickets and keeps them", async () => {
    const { cookie, workspaceId } = await makeWorkspace("technician");
    const customerId = await insertCustomer(workspaceId, "Wingtip");
    const contactId = await insertContact(workspaceId, "Wanda", customerId);
    const assetId = await insertAsset(workspaceId, "WT-LT-9", { customerId, contactId });
    const ticketId = redirectedId(await postForm("/tickets/new", { title: "Laptop slow", contactId }, cookie), "tickets");

    const confirm = await (await appFetch(`/contacts/${contactId}/delete`, { cookie })).text();
    expect(confirm).toContain("1 asset and 1 ticket");
    const res = await postForm(`/contacts/${contactId}/delete`, {}, cookie);
    expect(res.status).toBe(302);
    expect(await contactRow(contactId)).toBeUndefined();
    const [asset] = await db().select().from(schema.assets).where(eq(schema.assets.id, assetId));
    expect(asset).toMatchObject({ contactId: null, customerId });
    const [ticket] = await db().select().from(schema.tickets).where(eq(schema.tickets.id, ticketId));
    expect(ticket).toMatchObject({ contactId: null, customerId });
  });
});

describe("contact permissions and workspaces", () => {
  it("refuses every contact change to an observer", async () => {
    const { cookie, workspaceId } = await makeWorkspace("observer");
    const id = await insertContact(workspaceId, "Olga", null);
    expect((await appFetch(`/contacts/${id}`, { cookie })).status).toBe(200);
    expect((await appFetch("/contacts/new", { cookie })).status).toBe(403);
    expect((await postForm("/contacts/new", { name: "New" }, cookie)).status).toBe(403);
    expect((await postForm(`/contacts/${id}/edit`, { name: "Changed" }, cookie)).status).toBe(403);
    expect((await postForm(`/contacts/${id}/delete`, {}, cookie)).status).toBe(403);
    expect(await contactsOf(workspaceId)).toEqual([expect.objectContaining({ id, name: "Olga" })]);
    const page = await (await appFetch(`/contacts/${id}`, { cookie })).text();
    expect(page).not.toContain(`/contacts/${id}/edit`);
  });

  it("answers 404 for another workspace's contact on every page and action", async () => {
    const mine = await makeWorkspace("owner");
    const theirs = await makeWorkspace("owner");
    const id = await insertContact(theirs.workspaceId, "Theirs", null);
    const c = mine.cookie;
    expect((await appFetch(`/contacts/${id}`, { cookie: c })).status).toBe(404);
    expect((await appFetch(`/contacts/${id}/edit`, { cookie: c })).status).toBe(404);
    expect((await appFetch(`/contacts/${id}/delete`, { cookie: c })).status).toBe(404);
    expect((await postForm(`/contacts/${id}/edit`, { name: "Hijacked" }, c)).status).toBe(404);
    expect((await postForm(`/contacts/${id}/delete`, {}, c)).status).toBe(404);
    expect(await contactRow(id)).toMatchObject({ name: "Theirs" });
  });
});
