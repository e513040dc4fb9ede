import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { createTicket } from "@workers/db/tickets";
import { appFetch, db, makeWorkspace, postForm } from "./helpers";
import { insertAsset, insertContact, insertCustomer, redirectedId } from "./records-helpers";

const ticketRow = async (id: string) => (await db().select().from(schema.tickets).where(eq(schema.tickets.id, id)))[0];
const ticketsOf = (workspaceId: string) =>
  db().select().from(schema.tickets).where(eq(schema.tickets.workspaceId, workspaceId)).orderBy(asc(schema.tickets.number));

const ticketInput = (title: string) =>
  ({ title, description: null, customerId: null, contactId: null, status: "open", priority: "normal" }) as const;

describe("tickets in the UI", () => {
  it("creates numbered tickets, shows the sidebar and edits them", async () => {
    const { cookie, workspaceId, userId } = await makeWorkspace("technician");
    const customerId = await insertCustomer(workspaceId, "Litware", { phone: "+1 555 0142" });
    const contactId = await insertContact(workspaceId, "Lena Lit", customerId, { email: "lena@litware.example", phone: "555-0143" });
    await insertAsset(workspaceId, "LIT-DESK-7", { customerId, contactId, category: "Workstation", status: "in_use" });
    await insertAsset(workspaceId, "LIT-SRV-1", { customerId, category: "Server" }); // not Lena's

    const first = await postForm(
      "/tickets/new",
      { title: "Outlook keeps asking for a password", description: "Since Monday.", customerId, contactId, status: "open", priority: "high" },
      cookie,
    );
    expect(first.status).toBe(302);
    const id = redirectedId(first, "tickets");
    expect(await ticketRow(id)).toMatchObject({ workspaceId, number: 1, customerId, contactId, priority: "high", status: "open", createdBy: userId });
    const second = redirectedId(await postForm("/tickets/new", { title: "Second" }, cookie), "tickets");
    expect((await ticketRow(second)).number).toBe(2);

    const html = await (await appFetch(`/tickets/${id}`, { cookie })).text();
    expect(html).toContain("Outlook keeps asking for a password");
    expect(html).toContain("Ticket sidebar");
    expect(html).toContain(`href="/customers/${customerId}"`);
    expect(html).toContain("lena@litware.example");
    expect(html).toContain("555-0143");
    expect(html).toContain("LIT-DESK-7");
    expect(html).not.toContain("LIT-SRV-1");

    const edited = await postForm(
      `/tickets/${id}/edit`,
      { title: "Outlook password prompts", description: "", customerId, contactId: "", status: "waiting", priority: "urgent" },
      cookie,
    );
    expect(edited.status).toBe(302);
    expect(await ticketRow(id)).toMatchObject({ title: "Outlook password prompts", description: null, contactId: null, status: "waiting", priority: "urgent", number: 1 });
    const noContact = await (await appFetch(`/tickets/${id}`, { cookie })).text();
    expect(noContact).toContain("No contact on this ticket.");

    expect((await postForm(`/tickets/${id}/status`, { status: "resolved" }, cookie)).status).toBe(302);
    expect((await ticketRow(id)).status).toBe("resolved");
    expect((await postForm(`/tickets/${id}/status`, { status: "deleted" }, cookie)).status).toBe(400);
  });

  it("says so when the contact has no devices", async () => {
    const { cookie, workspaceId } = await makeWorkspace("manager");
    const contactId = await insertContact(workspaceId, "Deviceless Dan", null);
    const id = redirectedId(await postForm("/tickets/new", { title: "Question", contactId }, cookie), "tickets");
    const html = await (await appFetch(`/tickets/${id}`, { cookie })).text();
    expect(html).toContain("Deviceless Dan has no NinjaOne devices.");
  });

  it("numbers tickets per workspace, without gaps or duplicates when created at once", async () => {
    const a = await makeWorkspace("owner");
    const b = await makeWorkspace("owner");
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => createTicket(db(), a.workspaceId, ticketInput(`T${i}`), null, Date.now())));
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await ticketsOf(a.workspaceId)).map((t) => t.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const other = await createTicket(db(), b.workspaceId, ticketInput("First in B"), null, Date.now());
    expect(other.ok && other.value.number).toBe(1);
  });

  it("requires the contact to belong to the chosen customer, and fills the customer from the contact", async () => {
    const { cookie, workspaceId } = await makeWorkspace("technician");
    const one = await insertCustomer(workspaceId, "One");
    const two = await insertCustomer(workspaceId, "Two");
    const atTwo = await insertContact(workspaceId, "Tess Two", two);
    const mismatch = await postForm("/tickets/new", { title: "Wrong pair", customerId: one, contactId: atTwo }, cookie);
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("This contact does not belong to the chosen customer.");
    expect(await ticketsOf(workspaceId)).toHaveLength(0);

    const filled = redirectedId(await postForm("/tickets/new", { title: "Contact only", contactId: atTwo }, cookie), "tickets");
    expect(await ticketRow(filled)).toMatchObject({ customerId: two, contactId: atTwo });
  });

  it("refuses a customer or contact from another workspace and writes nothing", async () => {
    const mine = await makeWorkspace("owner");
    const theirs = await makeWorkspace("owner");
    const foreignCustomer = await insertCustomer(theirs.workspaceId, "Foreign");
    const foreignContact = await insertContact(theirs.workspaceId, "Foreigner", foreignCustomer);
    const res1 = await postForm("/tickets/new", { title: "X", customerId: foreignCustomer }, mine.cookie);
    expect(res1.status).toBe(400);
    expect(await res1.text()).toContain("Choose a customer from this workspace.");
    const res2 = await postForm("/tickets/new", { title: "X", contactId: foreignContact }, mine.cookie);
    expect(res2.status).toBe(400);
    expect(await res2.text()).toContain("Choose a contact from this workspace.");
    expect(await ticketsOf(mine.workspaceId)).toHaveLength(0);

    const id = redirectedId(await postForm("/tickets/new", { title: "Mine" }, mine.cookie), "tickets");
    expect((await postForm(`/tickets/${id}/edit`, { title: "Mine", contactId: foreignContact, status: "open", priority: "low" }, mine.cookie)).status).toBe(400);
    expect(await ticketRow(id)).toMatchObject({ contactId: null, priority: "normal" });
  });

  it("refuses a missing, oversized or unknown field value", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    const missing = await postForm("/tickets/new", { title: "" }, cookie);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Title is required.");
    const long = await postForm("/tickets/new", { title: "t".repeat(201) }, cookie);
    expect(long.status).toBe(400);
    const status = await postForm("/tickets/new", { title: "ok", status: "exploded" }, cookie);
    expect(status.status).toBe(400);
    expect(await ticketsOf(workspaceId)).toHaveLength(0);
  });

  it("lists newest first with filters, title search and keyset pages", async () => {
    const { cookie, workspaceId } = await makeWorkspace("observer");
    const customerId = await insertCustomer(workspaceId, "Filtered Co");
    for (let i = 1; i <= 53; i++) await createTicket(db(), workspaceId, ticketInput(`Bulk ticket ${i}`), null, Date.now());
    await createTicket(db(), workspaceId, { ...ticketInput("Urgent server down"), priority: "urgent", customerId }, null, Date.now());
    await createTicket(db(), workspaceId, { ...ticketInput("Resolved 100% thing"), status: "resolved" }, null, Date.now());

    const first = await (await appFetch("/tickets", { cookie })).text();
    expect(first.indexOf("Resolved 100% thing")).toBeLessThan(first.indexOf("Urgent server down"));
    // 55 tickets, 50 a page: #55 … #6 first, then #5 … #1.
    expect(first).toContain("Bulk ticket 6<");
    expect(first).not.toContain("Bulk ticket 5<");
    const next = /href="\/tickets\?cursor=([^"]+)"/.exec(first);
    const second = await (await appFetch(`/tickets?cursor=${next?.[1]}`, { cookie })).text();
    expect(second).toContain("Bulk ticket 5<");
    expect(second).toContain("Bulk ticket 1<");
    expect(second).not.toContain("Bulk ticket 6<");

    const urgent = await (await appFetch("/tickets?priority=urgent", { cookie })).text();
    expect(urgent).toContain("Urgent server down");
    expect(urgent).not.toContain("Bulk ticket");
    const byCustomer = await (await appFetch(`/tickets?customerId=${customerId}`, { cookie })).text();
    expect(byCustomer).toContain("Urgent server down");
    expect(byCustomer).not.toContain("Bulk ticket");
    const resolved = await (await appFetch("/tickets?status=resolved", { cookie })).text();
    expect(resolved).toContain("Resolved 100% thing");
    expect(resolved).not.toContain("Urgent server down");
    // % is matched literally, not as a wildcard.
    const percent = await (await appFetch("/tickets?q=100%25", { cookie })).text();
    expect(percent).toContain("Resolved 100% thing");
    expect(percent).not.toContain("Bulk ticket");
    expect((await appFetch("/tickets?cursor=eyJudW1iZXIiOi0xfQ", { cookie })).status).toBe(400);
  });

  it("shows the five newest open tickets on the dashboard", async () => {
    const { cookie, workspaceId } = await makeWorkspace("observer");
    for (let i = 1; i <= 7; i++) await createTicket(db(), workspaceId, ticketInput(`Dash ticket ${i}`), null, Date.now());
    await createTicket(db(), workspaceId, { ...ticketInput("Dash closed one"), status: "closed" }, null, Date.now());
    const html = await (await appFetch("/dashboard", { cookie })).text();
    expect(html).toContain("Recent tickets");
    for (let i = 3; i <= 7; i++) expect(html).toContain(`Dash ticket ${i}<`);
    expect(html).not.toContain("Dash ticket 2<");
    expect(html).not.toContain("Dash closed one");
  });
});

describe("ticket permissions and workspaces", () => {
  it("refuses every ticket change to an observer and hides the buttons", async () => {
    const { cookie, workspaceId } = await makeWorkspace("observer");
    const created = await createTicket(db(), workspaceId, ticketInput("Observed"), null, Date.now());
    if (!created.ok) throw new Error("setup failed");
    const id = created.value.id;
    expect((await appFetch(`/tickets/${id}`, { cookie })).status).toBe(200);
    expect((await appFetch("/tickets/new", { cookie })).status).toBe(403);
    expect((await appFetch(`/tickets/${id}/edit`, { cookie })).status).toBe(403);
    expect((await postForm("/tickets/new", { title: "Nope" }, cookie)).status).toBe(403);
    expect((await postForm(`/tickets/${id}/edit`, { title: "Changed", status: "open", priority: "low" }, cookie)).status).toBe(403);
    expect((await postForm(`/tickets/${id}/status`, { status: "closed" }, cookie)).status).toBe(403);
    expect(await ticketsOf(workspaceId)).toEqual([expect.objectContaining({ id, title: "Observed", status: "open" })]);
    const page = await (await appFetch(`/tickets/${id}`, { cookie })).text();
    expect(page).not.toContain(`/tickets/${id}/edit`);
    expect(page).not.toContain(`/tickets/${id}/status`);
  });

  it("answers 404 for another workspace's ticket on every page and action", async () => {
    const mine = await makeWorkspace("owner");
    const theirs = await makeWorkspace("owner");
    const created = await createTicket(db(), theirs.workspaceId, ticketInput("Their ticket"), null, Date.now());
    if (!created.ok) throw new Error("setup failed");
    const id = created.value.id;
    const c = mine.cookie;
    expect((await appFetch(`/tickets/${id}`, { cookie: c })).status).toBe(404);
    expect((await appFetch(`/tickets/${id}/edit`, { cookie: c })).status).toBe(404);
    expect((await postForm(`/tickets/${id}/edit`, { title: "Hijack", status: "open", priority: "low" }, c)).status).toBe(404);
    expect((await postForm(`/tickets/${id}/status`, { status: "closed" }, c)).status).toBe(404);
    const [row] = await db()
      .select()
      .from(schema.tickets)
      .where(and(eq(schema.tickets.id, id), eq(schema.tickets.workspaceId, theirs.workspaceId)));
    expect(row).toMatchObject({ title: "Their ticket", status: "open" });
  });
});
