// The contact sync step (issue 11) through the real queue consumer, against the small fake NinjaOne.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "@workers/crypto";
import { createContact, updateContact } from "@workers/db/contacts";
import { schema } from "@workers/db/client";
import { db, makeWorkspace } from "./helpers";
import { addCustomer, connectWorkspace, device, FakeNinja, finishedRun, syncHarness } from "./sync-fixtures";

async function setup() {
  const ws = await makeWorkspace("owner");
  await connectWorkspace(ws.workspaceId);
  const acme = await addCustomer(ws.workspaceId, "Acme Dental");
  const ninja = new FakeNinja([device(1)]);
  ninja.orgs.push({ id: 2, name: "Globex Unmapped" });
  ninja.endUsers = [
    { id: 501, uid: "u-jane", firstName: "Jane", lastName: "Smith", email: " Jane.Smith@Acme.com ", phone: "+1 555 0101", organizationId: 1, assignedDeviceIds: [1] },
    { id: 502, uid: "u-zoe", firstName: "Zoë", lastName: "O'Brien", organizationId: 1 }, // no e-mail
    { id: 503, uid: "u-front", firstName: "Front", lastName: "Desk", email: "info@acme.com", organizationId: 1 },
    { id: 504, uid: "u-recep", firstName: "Reception", lastName: "Team", email: "info@acme.com", organizationId: 1 }, // shared mailbox
    { id: 505, uid: "u-globex", firstName: "Gary", lastName: "Globex", email: "gary@globex.com", organizationId: 2 }, // unmapped org
  ];
  ninja.contacts = [
    // The same human as end user 501: linked to the same Core contact.
    { id: 601, uid: "c-jane", organizationId: 1, firstName: "Jane", lastName: "Smith", email: "jane.smith@acme.com", jobTitle: "Office Manager" },
    { id: 602, uid: "c-piet", organizationId: 1, firstName: "Piet", lastName: "van der Berg", email: "piet@acme.com" },
  ];
  return { ...ws, acme, ninja };
}

const contactsOf = (workspaceId: string) =>
  db().select().from(schema.contacts).where(eq(schema.contacts.workspaceId, workspaceId)).orderBy(schema.contacts.name);
const linksOf = (workspaceId: string) => db().select().from(schema.ninjaPeople).where(eq(schema.ninjaPeople.workspaceId, workspaceId));

describe("contact sync", () => {
  it("runs between organizations and devices, in every sync, and counts what it did", async () => {
    const { workspaceId, acme, ninja } = await setup();
    // A contact a person typed before: linked by e-mail, never duplicated, their fields kept.
    const typed = await createContact(db(), workspaceId, { name: "Piet v.d. Berg", email: "PIET@acme.com", phone: null, title: null, customerId: acme }, Date.now());
    const h = syncHarness(ninja);
    const started = await h.start(workspaceId);
    const steps = await h.drain();
    expect(steps.slice(0, 3)).toEqual(["organizations", "contacts", "devices"]);
    const run = await finishedRun(workspaceId, started.id);
    expect(run).toMatchObject({ status: "succeeded", contactsFound: 7, contactsCreated: 4, contactsLinked: 2, contactsUpdated: 0, contactsSkipped: 1 });

    const contacts = await contactsOf(workspaceId);
    expect(contacts.map((c) => c.name)).toEqual(["Front Desk", "Jane Smith", "Piet v.d. Berg", "Reception Team", "Zoë O'Brien"]);
    expect(contacts.every((c) => c.customerId === acme)).toBe(true);
    const jane = contacts.find((c) => c.name === "Jane Smith");
    expect(jane).toMatchObject({ email: "Jane.Smith@Acme.com", phone: "+1 555 0101", title: "Office Manager", ninjaUid: "u-jane" });
    expect(contacts.find((c) => c.id === (typed.ok ? typed.value.id : ""))).toMatchObject({ name: "Piet v.d. Berg", email: "PIET@acme.com" });
    const links = await linksOf(workspaceId);
    expect(links.filter((l) => l.contactId === jane?.id).map((l) => l.ninjaUid).sort()).toEqual(["c-jane", "u-jane"]);
    expect(links.some((l) => l.ninjaUid === "u-globex")).toBe(false);
  });

  it("is idempotent under redelivery and on a second run: no duplicates, counted once", async () => {
    const { workspaceId, ninja } = await setup();
    const h = syncHarness(ninja);
    const started = await h.start(workspaceId);
    await h.deliver(h.queue.shift()?.body); // organizations
    const contactsMessage = h.queue.shift()?.body;
    await h.deliver(contactsMessage);
    // The same message again, as Queues redelivers after a lost ack, and again as a retry.
    await h.deliver(contactsMessage, 2);
    await h.drain();
    const first = await finishedRun(workspaceId, started.id);
    expect(first).toMatchObject({ contactsCreated: 5, contactsLinked: 1, contactsSkipped: 1 });
    expect(await contactsOf(workspaceId)).toHaveLength(5);

    const second = await h.sync(workspaceId);
    expect(second).toMatchObject({ status: "succeeded", contactsFound: 7, contactsCreated: 0, contactsLinked: 0, contactsUpdated: 0, contactsSkipped: 1 });
    expect(await contactsOf(workspaceId)).toHaveLength(5);
  });

  it("re-delivering the contacts step after it committed but before the run moved on counts the same", async () => {
    const { workspaceId, ninja } = await setup();
    const h = syncHarness(ninja);
    const started = await h.start(workspaceId);
    await h.deliver(h.queue.shift()?.body);
    const message = h.queue.shift()?.body;
    await h.deliver(message);
    // Rewind the run as if the worker died after the writes, before the phase moved.
    await db().update(schema.syncRuns).set({ phase: "contacts", contactsCreated: 0 }).where(eq(schema.syncRuns.id, started.id));
    h.queue.length = 0;
    await h.deliver(message, 2);
    await h.drain();
    expect(await finishedRun(workspaceId, started.id)).toMatchObject({ contactsCreated: 5, contactsLinked: 1 });
    expect(await contactsOf(workspaceId)).toHaveLength(5);
  });

  it("updates linked contacts from NinjaOne but keeps the fields a person edited", async () => {
    const { workspaceId, ninja } = await setup();
    const h = syncHarness(ninja);
    await h.sync(workspaceId);
    const jane = (await contactsOf(workspaceId)).find((c) => c.ninjaUid === "u-jane");
    if (!jane) throw new Error("no Jane");
    // A person corrects the phone in Core.
    await updateContact(db(), workspaceId, jane.id, { phone: "+1 555 9999" }, Date.now());
    // NinjaOne renames her and changes her phone.
    ninja.endUsers[0] = { ...ninja.endUsers[0], lastName: "Smith-Jones", phone: "+1 555 0202" };
    ninja.contacts[0] = { ...ninja.contacts[0], lastName: "Smith-Jones" };
    const run = await h.sync(workspaceId);
    expect(run).toMatchObject({ contactsUpdated: 1, contactsCreated: 0 });
    const after = (await contactsOf(workspaceId)).find((c) => c.id === jane.id);
    expect(after).toMatchObject({ name: "Jane Smith-Jones", phone: "+1 555 9999" });
    expect(JSON.parse(after?.editedFields ?? "[]")).toEqual(["phone"]);
  });

  it("skips people of an unmapped organization and syncs them once it is mapped", async () => {
    const { workspaceId, ninja } = await setup();
    const h = syncHarness(ninja);
    await h.sync(workspaceId);
    expect((await contactsOf(workspaceId)).some((c) => c.email === "gary@globex.com")).toBe(false);
    const globex = await addCustomer(workspaceId, "Globex Corporation");
    await db()
      .update(schema.ninjaOrganizations)
      .set({ customerId: globex, mappingSource: "confirmed" })
      .where(and(eq(schema.ninjaOrganizations.workspaceId, workspaceId), eq(schema.ninjaOrganizations.ninjaOrgId, 2)));
    const run = await h.sync(workspaceId);
    expect(run).toMatchObject({ contactsCreated: 1, contactsSkipped: 0 });
    expect((await contactsOf(workspaceId)).find((c) => c.email === "gary@globex.com")?.customerId).toBe(globex);
  });

  it("never deletes a contact that vanished from NinjaOne, and never touches another workspace", async () => {
    const { workspaceId, ninja } = await setup();
    const other = await makeWorkspace("owner");
    const otherCustomer = await addCustomer(other.workspaceId, "Acme Dental");
    await db().insert(schema.contacts).values({ id: newId(), workspaceId: other.workspaceId, customerId: otherCustomer, name: "Jane Elsewhere", email: "jane.smith@acme.com", createdAt: 1, updatedAt: 1 });
    const h = syncHarness(ninja);
    await h.sync(workspaceId);
    ninja.endUsers = [];
    ninja.contacts = [];
    const run = await h.sync(workspaceId);
    expect(run).toMatchObject({ contactsFound: 0, contactsCreated: 0 });
    expect(await contactsOf(workspaceId)).toHaveLength(5);
    expect(await contactsOf(other.workspaceId)).toMatchObject([{ name: "Jane Elsewhere", editedFields: "[]" }]);
  });
});
