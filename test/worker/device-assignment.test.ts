// Bulk Device Assignment on the customer's page: the view, the no-JavaScript form and its action.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { addAssets, addContact, addCustomer, addNinjaAsset, assetIdsInHtml, getAssetRow, ninjaAssetRow } from "./asset-fixtures";
import { addUser, appFetch, db, makeWorkspace } from "./helpers";

async function customerWithDevices() {
  const ws = await makeWorkspace("technician");
  const acme = await addCustomer(ws.workspaceId, "Acme");
  const ada = await addContact(ws.workspaceId, acme, "Ada Lovelace");
  const bob = await addContact(ws.workspaceId, acme, "Bob Byte");
  const globex = await addCustomer(ws.workspaceId, "Globex");
  const gina = await addContact(ws.workspaceId, globex, "Gina Globex");
  const laptop = await addNinjaAsset(ws.workspaceId, { name: "ACME-LAPTOP", customerId: acme, ninjaOffline: false });
  const server = await addNinjaAsset(ws.workspaceId, { name: "ACME-SRV", customerId: acme, category: "Server", ninjaNodeClass: "WINDOWS_SERVER", ninjaOffline: true });
  const desk = await addNinjaAsset(ws.workspaceId, { name: "ACME-DESK", customerId: acme, ninjaOffline: false });
  const owned = await addNinjaAsset(ws.workspaceId, { name: "ACME-OWNED", customerId: acme, contactId: bob });
  const other = await addNinjaAsset(ws.workspaceId, { name: "GLOBEX-PC", customerId: globex });
  return { ...ws, acme, ada, bob, globex, gina, laptop, server, desk, owned, other };
}

const post = (path: string, fields: Array<[string, string]>, cookie: string) =>
  appFetch(path, { method: "POST", body: new URLSearchParams(fields), cookie });

const assignedEvents = (workspaceId: string) =>
  db()
    .select()
    .from(schema.assetEvents)
    .where(and(eq(schema.assetEvents.workspaceId, workspaceId), eq(schema.assetEvents.kind, "assigned")));

describe("Bulk Device Assignment", () => {
  it("offers Assign Devices on the customer page and lists only that customer's unassigned NinjaOne devices", async () => {
    const s = await customerWithDevices();
    const page = await (await appFetch(`/customers/${s.acme}`, { cookie: s.cookie })).text();
    expect(page).toContain("3 NinjaOne devices have no contact");
    expect(page).toContain(`href="/customers/${s.acme}/assign-devices"`);

    const view = await (await appFetch(`/customers/${s.acme}/assign-devices`, { cookie: s.cookie })).text();
    expect(assetIdsInHtml(view)).toEqual([s.desk, s.laptop, s.server]);
    expect(view).toContain("Windows Server");
    expect(view).toContain("Assign all selected to");
    const servers = await (await appFetch(`/customers/${s.acme}/assign-devices?category=Server`, { cookie: s.cookie })).text();
    expect(assetIdsInHtml(servers)).toEqual([s.server]);
    const online = await (await appFetch(`/customers/${s.acme}/assign-devices?online=online&category=`, { cookie: s.cookie })).text();
    expect(assetIdsInHtml(online)).toEqual([s.desk, s.laptop]);
  });

  it("assigns the selected devices to one contact without JavaScript, and records who did it", async () => {
    const s = await customerWithDevices();
    const res = await post(
      `/customers/${s.acme}/assign-devices`,
      [
        ["assetId", s.laptop],
        ["assetId", s.server],
        ["contact." + s.desk, s.bob], // its own contact, not ticked
        ["contact." + s.laptop, ""],
        ["bulkContactId", s.ada],
      ],
      s.cookie,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/customers/${s.acme}/assign-devices?assigned=3`);
    expect((await getAssetRow(s.laptop))?.contactId).toBe(s.ada);
    expect((await getAssetRow(s.server))?.contactId).toBe(s.ada);
    expect(await getAssetRow(s.desk)).toMatchObject({ contactId: s.bob, contactSource: "person" });
    const events = await assignedEvents(s.workspaceId);
    expect(events).toHaveLength(3);
    expect(events.find((e) => e.assetId === s.laptop)).toMatchObject({
      actorType: "user",
      actorId: s.userId,
      actorName: "technician user",
      rule: "bulk device assignment: assign all selected to",
    });
    expect(events.find((e) => e.assetId === s.desk)?.rule).toBe("bulk device assignment: chosen for the device");
    const after = await (await appFetch(`/customers/${s.acme}/assign-devices?assigned=3`, { cookie: s.cookie })).text();
    expect(after).toContain("Assigned 3 devices to contacts.");
    expect(after).toContain("Every NinjaOne device of Acme has a contact");
  });

  it("assigns nothing when one selected device has no contact, or a contact of another customer is given", async () => {
    const s = await customerWithDevices();
    const missing = await post(`/customers/${s.acme}/assign-devices`, [["assetId", s.laptop], ["assetId", s.server], ["contact." + s.server, s.bob]], s.cookie);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain("Choose a contact for the selected device, or one in “Assign all selected to”. Nothing was assigned.");
    const foreign = await post(`/customers/${s.acme}/assign-devices`, [["assetId", s.laptop], ["assetId", s.server], ["bulkContactId", s.gina]], s.cookie);
    expect(foreign.status).toBe(422);
    expect(await foreign.text()).toContain("Gina Globex is not a contact of Acme");
    for (const id of [s.laptop, s.server]) expect((await getAssetRow(id))?.contactId).toBeNull();
    expect(await assignedEvents(s.workspaceId)).toEqual([]);
  });

  it("selects every matching device across pages with 'all matching'", async () => {
    const s = await customerWithDevices();
    await addAssets(Array.from({ length: 130 }, (_, i) => ninjaAssetRow(s.workspaceId, { name: `BULK-${String(i).padStart(3, "0")}`, customerId: s.acme, ninjaOffline: true })));
    const view = await (await appFetch(`/customers/${s.acme}/assign-devices?online=offline`, { cookie: s.cookie })).text();
    expect(assetIdsInHtml(view)).toHaveLength(100);
    expect(view).toContain("Select all 131 matching devices (every page)");
    const res = await post(`/customers/${s.acme}/assign-devices`, [["online", "offline"], ["scope", "all"], ["bulkContactId", s.ada]], s.cookie);
    expect(res.headers.get("Location")).toBe(`/customers/${s.acme}/assign-devices?online=offline&assigned=131`);
    expect((await getAssetRow(s.server))?.contactId).toBe(s.ada);
    expect((await getAssetRow(s.laptop))?.contactId).toBeNull(); // online: not matching
    expect(await assignedEvents(s.workspaceId)).toHaveLength(131);
  });

  it("needs assets:write: an observer sees no button and is refused the view and the action", async () => {
    const s = await customerWithDevices();
    const observer = await addUser(s.workspaceId, "observer");
    expect(await (await appFetch(`/customers/${s.acme}`, { cookie: observer.cookie })).text()).not.toContain("/assign-devices");
    expect((await appFetch(`/customers/${s.acme}/assign-devices`, { cookie: observer.cookie })).status).toBe(403);
    expect((await post(`/customers/${s.acme}/assign-devices`, [["assetId", s.laptop], ["bulkContactId", s.ada]], observer.cookie)).status).toBe(403);
    expect((await getAssetRow(s.laptop))?.contactId).toBeNull();
    const stranger = await makeWorkspace("owner");
    expect((await appFetch(`/customers/${s.acme}/assign-devices`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await post(`/customers/${s.acme}/assign-devices`, [["assetId", s.laptop], ["bulkContactId", s.ada]], stranger.cookie)).status).toBe(404);
  });

  it("searches the customer's contacts as you type (name or e-mail), never another customer's", async () => {
    const s = await customerWithDevices();
    const search = async (q: string) => {
      const res = await appFetch(`/customers/${s.acme}/contact-options?q=${encodeURIComponent(q)}`, { cookie: s.cookie });
      expect(res.status).toBe(200);
      return ((await res.json()) as { contacts: Array<{ name: string }> }).contacts.map((c) => c.name);
    };
    expect(await search("")).toEqual(["Ada Lovelace", "Bob Byte"]);
    expect(await search("lov")).toEqual(["Ada Lovelace"]);
    expect(await search("gina")).toEqual([]);
    const stranger = await makeWorkspace("owner");
    expect((await appFetch(`/customers/${s.acme}/contact-options?q=a`, { cookie: stranger.cookie })).status).toBe(404);
  });
});
