// Toasts after changes and the Undo behind them: the toast cookie is set by the action, shown
// once by the signed-in shell, and Undo is a real server action (same user, same workspace,
// permission, 10 minutes, once).
import { schema } from "@workers/db/client";
import { applyUndo, UNDO_WINDOW_MS } from "@workers/db/undo";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addUser, appFetch, db, makeWorkspace, postForm } from "./helpers";
import { insertAsset, insertContact, insertCustomer, redirectedId } from "./records-helpers";
import { addContact, addCustomer, addNinjaAsset, getAssetRow } from "./asset-fixtures";

/** The toast cookie a response sets, decoded; null when it sets none. */
function toastOf(res: Response): { message: string; tone: string; undoId?: string } | null {
  const setCookie = res.headers.get("Set-Cookie") ?? "";
  const match = /core_toast=([^;]*)/.exec(setCookie);
  if (!match || !match[1]) return null;
  const b64 = match[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
}
const cookieOf = (res: Response) => /core_toast=[^;]*/.exec(res.headers.get("Set-Cookie") ?? "")?.[0] ?? "";

const customerRow = async (id: string) => (await db().select().from(schema.customers).where(eq(schema.customers.id, id)))[0];

describe("toasts", () => {
  it("a create sets a toast that the next page shows once and clears", async () => {
    const { cookie } = await makeWorkspace("admin");
    const res = await postForm("/customers/new", { name: "Toast & Co" }, cookie);
    expect(res.status).toBe(302);
    expect(toastOf(res)).toMatchObject({ tone: "success", message: "Customer Toast & Co created." });

    const page = await appFetch(res.headers.get("Location")!, { cookie: `${cookie}; ${cookieOf(res)}` });
    const html = await page.text();
    expect(html).toContain('data-testid="toast"');
    expect(html).toContain("Customer Toast &amp; Co created.");
    expect(html).toMatch(/role="status" aria-live="polite"/);
    // The shell clears the cookie, so the toast is shown once.
    expect(page.headers.get("Set-Cookie")).toMatch(/core_toast=;.*Max-Age=0/);

    const plain = await (await appFetch("/customers", { cookie })).text();
    expect(plain).not.toContain('data-testid="toast"');
  });

  it("a forged or broken toast cookie shows nothing and breaks nothing", async () => {
    const { cookie } = await makeWorkspace("admin");
    const res = await appFetch("/customers", { cookie: `${cookie}; core_toast=%%%not-base64` });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('data-testid="toast"');
  });

  it("saves, ticket creation and status changes say so", async () => {
    const { cookie, workspaceId } = await makeWorkspace("admin");
    const id = await insertCustomer(workspaceId, "Fabrikam");
    expect(toastOf(await postForm(`/customers/${id}/edit`, { name: "Fabrikam Ltd" }, cookie))?.message).toBe("Changes to Fabrikam Ltd saved.");
    expect(toastOf(await postForm(`/customers/${id}/archive`, { archived: "true" }, cookie))?.message).toMatch(/Fabrikam Ltd archived/);
    const ticket = await postForm("/tickets/new", { title: "Printer", customerId: id }, cookie);
    expect(toastOf(ticket)?.message).toMatch(/^Ticket #\d+ created\.$/);
    const ticketId = redirectedId(ticket, "tickets");
    expect(toastOf(await postForm(`/tickets/${ticketId}/status`, { status: "resolved" }, cookie))?.message).toMatch(/is now Resolved\.$/);
  });
});

describe("undo of a deleted customer", () => {
  it("brings the customer back with its assets, contacts and tickets; a second undo changes nothing", async () => {
    const { cookie, workspaceId } = await makeWorkspace("manager");
    const id = await insertCustomer(workspaceId, "Northwind", { email: "it@northwind.test" });
    const asset = await insertAsset(workspaceId, "NW-PC-1", { customerId: id });
    const movedLater = await insertAsset(workspaceId, "NW-PC-2", { customerId: id });
    const contact = await insertContact(workspaceId, "Nancy Davolio", id);
    const ticketId = redirectedId(await postForm("/tickets/new", { title: "VPN", customerId: id, contactId: contact }, cookie), "tickets");
    const other = await insertCustomer(workspaceId, "Contoso");

    const deleted = await postForm(`/customers/${id}/delete`, { confirm: "yes" }, cookie);
    expect(deleted.headers.get("Location")).toBe("/customers");
    const toast = toastOf(deleted);
    expect(toast).toMatchObject({ message: "Northwind deleted." });
    expect(toast?.undoId).toBeTruthy();
    expect(await customerRow(id)).toBeUndefined();
    // The listing shows the toast with its Undo form.
    const list = await (await appFetch("/customers", { cookie: `${cookie}; ${cookieOf(deleted)}` })).text();
    expect(list).toContain('action="/undo"');
    expect(list).toContain(`value="${toast!.undoId}"`);

    // Someone gives one of the assets another customer meanwhile: undo must not take it back.
    await db().update(schema.assets).set({ customerId: other }).where(eq(schema.assets.id, movedLater));

    const undone = await postForm("/undo", { undoId: toast!.undoId!, back: "/customers" }, cookie);
    expect(undone.status).toBe(302);
    expect(undone.headers.get("Location")).toBe(`/customers/${id}`);
    expect(toastOf(undone)?.message).toMatch(/Northwind is back/);
    expect(await customerRow(id)).toMatchObject({ name: "Northwind", email: "it@northwind.test", workspaceId });
    const assets = await db().select().from(schema.assets).where(eq(schema.assets.workspaceId, workspaceId));
    expect(Object.fromEntries(assets.map((a) => [a.id, a.customerId]))).toEqual({ [asset]: id, [movedLater]: other });
    expect((await db().select().from(schema.contacts).where(eq(schema.contacts.id, contact)))[0]?.customerId).toBe(id);
    expect((await db().select().from(schema.tickets).where(eq(schema.tickets.id, ticketId)))[0]).toMatchObject({ customerId: id, contactId: contact });

    // Twice: nothing more happens, and the person is told.
    const again = await postForm("/undo", { undoId: toast!.undoId!, back: "/customers" }, cookie);
    expect(again.headers.get("Location")).toBe("/customers");
    expect(toastOf(again)).toMatchObject({ tone: "info", message: "That was already undone." });
    expect((await db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId))).length).toBe(2);
  });

  it("is refused to another user, another workspace, a role without the permission, and after 10 minutes", async () => {
    const { cookie, workspaceId, userId } = await makeWorkspace("admin");
    const id = await insertCustomer(workspaceId, "Tailspin");
    const deleted = await postForm(`/customers/${id}/delete`, { confirm: "yes" }, cookie);
    const undoId = toastOf(deleted)!.undoId!;

    const colleague = await addUser(workspaceId, "admin");
    const byColleague = await postForm("/undo", { undoId, back: "/customers" }, colleague.cookie);
    expect(toastOf(byColleague)).toMatchObject({ tone: "error", message: "There is nothing to undo." });
    const stranger = await makeWorkspace("owner");
    expect(toastOf(await postForm("/undo", { undoId }, stranger.cookie))).toMatchObject({ tone: "error" });
    expect(await customerRow(id)).toBeUndefined();

    // A role that lost customers:write meanwhile cannot undo.
    await db().update(schema.users).set({ role: "technician" }).where(eq(schema.users.id, userId));
    expect(toastOf(await postForm("/undo", { undoId }, cookie))?.message).toMatch(/no longer allows/);
    expect(await customerRow(id)).toBeUndefined();
    await db().update(schema.users).set({ role: "admin" }).where(eq(schema.users.id, userId));

    const late = await applyUndo(db(), { workspaceId, userId, userName: "x", role: "admin", undoId, now: Date.now() + UNDO_WINDOW_MS + 1 });
    expect(late.status).toBe("expired");
    expect(await customerRow(id)).toBeUndefined();

    // Not signed in: the login page, nothing restored.
    const anonymous = await postForm("/undo", { undoId });
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    // Bad input is a toast, not a 500.
    expect(toastOf(await postForm("/undo", { undoId: "" }, cookie))).toMatchObject({ tone: "error" });

    // And in time, by the right person, it works.
    expect((await postForm("/undo", { undoId }, cookie)).headers.get("Location")).toBe(`/customers/${id}`);
    expect(await customerRow(id)).toBeDefined();
  });
});

describe("undo of other deletions", () => {
  it("a contact comes back with its assets and tickets", async () => {
    const { cookie, workspaceId } = await makeWorkspace("technician");
    const customer = await insertCustomer(workspaceId, "Adatum");
    const contact = await insertContact(workspaceId, "Ada Lovelace", customer, { email: "ada@adatum.test" });
    const asset = await insertAsset(workspaceId, "AD-PC-1", { customerId: customer, contactId: contact });
    const deleted = await postForm(`/contacts/${contact}/delete`, {}, cookie);
    expect(toastOf(deleted)?.message).toBe("Ada Lovelace deleted.");
    expect((await db().select().from(schema.assets).where(eq(schema.assets.id, asset)))[0]?.contactId).toBeNull();

    const undone = await postForm("/undo", { undoId: toastOf(deleted)!.undoId! }, cookie);
    expect(undone.headers.get("Location")).toBe(`/contacts/${contact}`);
    expect((await db().select().from(schema.contacts).where(eq(schema.contacts.id, contact)))[0]).toMatchObject({ email: "ada@adatum.test", customerId: customer });
    expect((await db().select().from(schema.assets).where(eq(schema.assets.id, asset)))[0]?.contactId).toBe(contact);
  });

  it("a hand-made asset comes back with its history", async () => {
    const { cookie, workspaceId } = await makeWorkspace("admin");
    const created = await postForm("/assets/new", { name: "Lab printer", category: "Mac", status: "in_use", serialNumber: "PRN-1" }, cookie);
    expect(toastOf(created)?.message).toBe("Asset Lab printer created.");
    const id = (created.headers.get("Location") ?? "").split("/").pop()!;
    const before = await db().select().from(schema.assetEvents).where(eq(schema.assetEvents.assetId, id));

    const deleted = await postForm(`/assets/${id}`, { intent: "delete" }, cookie);
    expect(deleted.headers.get("Location")).toBe("/assets");
    expect(toastOf(deleted)?.message).toBe("Lab printer deleted.");
    expect((await db().select().from(schema.assets).where(eq(schema.assets.id, id))).length).toBe(0);

    await postForm("/undo", { undoId: toastOf(deleted)!.undoId! }, cookie);
    const [back] = await db().select().from(schema.assets).where(eq(schema.assets.id, id));
    expect(back).toMatchObject({ name: "Lab printer", serialNumber: "PRN-1", serialKey: "PRN-1", workspaceId });
    expect((await db().select().from(schema.assetEvents).where(eq(schema.assetEvents.assetId, id))).length).toBe(before.length);
  });
});

describe("undo of a bulk assignment", () => {
  it("gives every device back the contact it had (and its source), unless someone changed it since", async () => {
    const ws = await makeWorkspace("technician");
    const acme = await addCustomer(ws.workspaceId, "Acme");
    const ada = await addContact(ws.workspaceId, acme, "Ada Lovelace");
    const bob = await addContact(ws.workspaceId, acme, "Bob Byte");
    const cy = await addContact(ws.workspaceId, acme, "Cy Press");
    const laptop = await addNinjaAsset(ws.workspaceId, { name: "ACME-LAPTOP", customerId: acme });
    const desk = await addNinjaAsset(ws.workspaceId, { name: "ACME-DESK", customerId: acme });
    const synced = await addNinjaAsset(ws.workspaceId, { name: "ACME-SYNCED", customerId: acme, contactId: bob, contactSource: "ninjaone" });

    const res = await appFetch(`/customers/${acme}/assign-devices`, {
      method: "POST",
      body: new URLSearchParams([
        ["assetId", laptop],
        ["assetId", desk],
        ["contact." + synced, ada],
        ["bulkContactId", ada],
      ]),
      cookie: ws.cookie,
    });
    expect(res.status).toBe(302);
    const toast = toastOf(res);
    expect(toast?.message).toBe("3 devices assigned.");
    expect(toast?.undoId).toBeTruthy();
    // Meanwhile someone gives the desk to Cy: undo leaves that alone.
    await db().update(schema.assets).set({ contactId: cy }).where(eq(schema.assets.id, desk));

    const undone = await postForm("/undo", { undoId: toast!.undoId! }, ws.cookie);
    expect(undone.headers.get("Location")).toBe(`/customers/${acme}`);
    expect(toastOf(undone)?.message).toMatch(/^Assignment undone: 3 devices/);
    expect(await getAssetRow(laptop)).toMatchObject({ contactId: null });
    expect(await getAssetRow(desk)).toMatchObject({ contactId: cy });
    expect(await getAssetRow(synced)).toMatchObject({ contactId: bob, contactSource: "ninjaone" });
    const undoEvents = (await db().select().from(schema.assetEvents).where(eq(schema.assetEvents.workspaceId, ws.workspaceId))).filter((e) => e.rule === "undo");
    expect(undoEvents.map((e) => e.assetId).sort()).toEqual([laptop, synced].sort());
    expect(undoEvents[0]).toMatchObject({ actorType: "user", actorId: ws.userId, kind: "assigned" });

    // Twice: nothing more.
    await db().update(schema.assets).set({ contactId: ada }).where(eq(schema.assets.id, laptop));
    expect(toastOf(await postForm("/undo", { undoId: toast!.undoId! }, ws.cookie))?.message).toBe("That was already undone.");
    expect((await getAssetRow(laptop))?.contactId).toBe(ada);
  });

  it("offers no Undo when nothing changed", async () => {
    const ws = await makeWorkspace("admin");
    const acme = await addCustomer(ws.workspaceId, "Acme");
    const ada = await addContact(ws.workspaceId, acme, "Ada Lovelace");
    const laptop = await addNinjaAsset(ws.workspaceId, { name: "ACME-LAPTOP", customerId: acme, contactId: ada, contactSource: "person" });
    const res = await appFetch(`/customers/${acme}/assign-devices`, {
      method: "POST",
      body: new URLSearchParams([["contact." + laptop, ada]]),
      cookie: ws.cookie,
    });
    expect(toastOf(res)).toMatchObject({ message: "1 device assigned." });
    expect(toastOf(res)?.undoId).toBeUndefined();
  });
});
