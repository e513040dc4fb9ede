// The contact-assignment service and POST /api/v1/assets/contact-assignments: all or nothing,
// every id checked against the workspace, history lines with who and which rule.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema, type Db } from "@workers/db/client";
import { assignContacts } from "@workers/sync/contact-assignments";
import "~/api";
import { openapiDocument } from "~/lib/openapi.server";
import { addApiKey, addAssets, addContact, addCustomer, api, getAssetRow, ninjaAssetRow } from "./asset-fixtures";
import { db, makeWorkspace } from "./helpers";

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

async function setup(role: Parameters<typeof addApiKey>[1] = "technician") {
  const ws = await makeWorkspace("owner");
  const acme = await addCustomer(ws.workspaceId, "Acme");
  const globex = await addCustomer(ws.workspaceId, "Globex");
  const ada = await addContact(ws.workspaceId, acme, "Ada Lovelace");
  const bob = await addContact(ws.workspaceId, acme, "Bob Byte");
  const gina = await addContact(ws.workspaceId, globex, "Gina Globex");
  const devices = await addAssets([1, 2, 3].map((i) => ninjaAssetRow(ws.workspaceId, { name: `ACME-PC-${i}`, customerId: acme })));
  const loose = (await addAssets([ninjaAssetRow(ws.workspaceId, { name: "LOOSE-PC", customerId: null })]))[0];
  return { ...ws, acme, globex, ada, bob, gina, devices, loose, key: await addApiKey(ws.workspaceId, role) };
}

const events = (workspaceId: string, assetId: string) =>
  db()
    .select()
    .from(schema.assetEvents)
    .where(and(eq(schema.assetEvents.workspaceId, workspaceId), eq(schema.assetEvents.assetId, assetId)));

const post = (key: string | null, json: unknown) => api("/assets/contact-assignments", key, { method: "POST", json });

describe("POST /api/v1/assets/contact-assignments", () => {
  it("assigns every entry, marks it a person's choice and writes who and which rule in each asset's history", async () => {
    const s = await setup();
    const res = await post(s.key, {
      rule: "bulk device assignment",
      assignments: [
        { assetId: s.devices[0], contactId: s.ada },
        { assetId: s.devices[1], contactId: s.ada },
        { assetId: s.devices[2], contactId: s.bob, rule: "suggestion: email exact (100%)" },
        { assetId: s.loose, contactId: s.gina }, // no customer: any contact of the workspace fits
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { assigned: 4, unchanged: 0 } });
    const row = await getAssetRow(s.devices[0]);
    expect(row).toMatchObject({ contactId: s.ada, contactSource: "person" });
    expect((await getAssetRow(s.loose))?.contactId).toBe(s.gina);
    const [event] = await events(s.workspaceId, s.devices[0]);
    expect(event).toMatchObject({ kind: "assigned", actorType: "api_key", actorName: "technician key", rule: "bulk device assignment" });
    expect(event.summary).toBe("Assigned to Ada Lovelace by API key technician key, by bulk device assignment");
    expect(JSON.parse(event.changes ?? "{}")).toEqual({ contactId: [null, s.ada] });
    expect((await events(s.workspaceId, s.devices[2]))[0].rule).toBe("suggestion: email exact (100%)");

    // The same call again changes nothing and writes no second history line.
    const again = await post(s.key, { assignments: [{ assetId: s.devices[0], contactId: s.ada }] });
    expect(await again.json()).toEqual({ data: { assigned: 0, unchanged: 1 } });
    expect(await events(s.workspaceId, s.devices[0])).toHaveLength(1);

    // Reassigning says who it was before.
    await post(s.key, { assignments: [{ assetId: s.devices[0], contactId: s.bob }] });
    const latest = (await events(s.workspaceId, s.devices[0])).find((e) => e.summary.includes("Bob"));
    expect(latest?.summary).toBe("Assigned to Bob Byte (was Ada Lovelace) by API key technician key, by API");
  });

  it("refuses ids of another workspace, names each bad entry and writes nothing", async () => {
    const s = await setup();
    const other = await setup();
    const res = await post(s.key, {
      assignments: [
        { assetId: s.devices[0], contactId: s.ada }, // fine on its own
        { assetId: other.devices[0], contactId: s.ada }, // asset of another workspace
        { assetId: s.devices[1], contactId: other.ada }, // contact of another workspace
        { assetId: s.devices[2], contactId: s.gina }, // contact of another customer
      ],
    });
    expect(res.status).toBe(422);
    const body: ErrorBody = await res.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toBe("3 of 4 assignments cannot be made; nothing was assigned.");
    expect(body.error.fields).toEqual({
      "assignments.1.assetId": ["No device with this id in this workspace."],
      "assignments.2.contactId": ["No contact with this id in this workspace."],
      "assignments.3.contactId": ["Gina Globex is not a contact of Acme: choose one of its contacts."],
    });
    for (const id of s.devices) {
      expect((await getAssetRow(id))?.contactId).toBeNull();
      expect(await events(s.workspaceId, id)).toEqual([]);
    }
    expect((await getAssetRow(other.devices[0]))?.contactId).toBeNull();
  });

  it("refuses a device listed twice, an empty list and unknown fields", async () => {
    const s = await setup();
    const twice = await post(s.key, {
      assignments: [
        { assetId: s.devices[0], contactId: s.ada },
        { assetId: s.devices[0], contactId: s.bob },
      ],
    });
    expect(twice.status).toBe(422);
    expect(((await twice.json()) as ErrorBody).error.fields).toEqual({
      "assignments.1.assetId": ["This device is already in entry 0: give each device once."],
    });
    const empty = await post(s.key, { assignments: [] });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as ErrorBody).error.fields).toEqual({ assignments: ["Give at least one assignment."] });
    const extra = await post(s.key, { assignments: [{ assetId: s.devices[0], contactId: s.ada }], force: true });
    expect(extra.status).toBe(422);
    const blank = await post(s.key, { assignments: [{ assetId: " ", contactId: s.ada }] });
    expect(((await blank.json()) as ErrorBody).error.fields).toEqual({ "assignments.0.assetId": ["Give the device's id."] });
    expect((await getAssetRow(s.devices[0]))?.contactId).toBeNull();
  });

  it("needs assets:write: observers get 403, no key 401, nothing written", async () => {
    const s = await setup("observer");
    const body = { assignments: [{ assetId: s.devices[0], contactId: s.ada }] };
    expect((await post(s.key, body)).status).toBe(403);
    expect((await post(null, body)).status).toBe(401);
    expect((await api("/assets/contact-assignments", s.key)).status).toBe(405);
    expect((await getAssetRow(s.devices[0]))?.contactId).toBeNull();
  });

  it("is documented in the OpenAPI document", () => {
    const doc = openapiDocument("http://localhost") as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const op = doc.paths["/assets/contact-assignments"]?.post;
    expect(op).toBeDefined();
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "409", "422"]));
  });
});

describe("assignContacts", () => {
  const actor = { type: "user" as const, id: "u1", name: "Alice Admin" };

  it("writes nothing when the data changes between the check and the write (the batch's guard rolls back)", async () => {
    const s = await setup();
    // A D1 whose batch first deletes Bob: the check passed, the write must not.
    const real = db();
    const d1 = real.$client;
    const racing = new Proxy(d1, {
      get(target, prop, receiver) {
        if (prop === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            await d1.prepare("DELETE FROM contacts WHERE id = ?").bind(s.bob).run();
            return d1.batch(statements);
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const racingDb = new Proxy(real, { get: (t, p, r) => (p === "$client" ? racing : Reflect.get(t, p, r)) }) as Db;
    const result = await assignContacts(racingDb, {
      workspaceId: s.workspaceId,
      actor,
      rule: "bulk device assignment",
      now: Date.now(),
      assignments: [
        { assetId: s.devices[0], contactId: s.ada },
        { assetId: s.devices[1], contactId: s.bob },
      ],
    });
    expect(result).toMatchObject({ ok: false, kind: "conflict" });
    expect((await getAssetRow(s.devices[0]))?.contactId).toBeNull();
    expect(await events(s.workspaceId, s.devices[0])).toEqual([]);
  });

  it("assigns 1,200 devices in one call (several statements, one transaction) with a user as the actor", async () => {
    const ws = await makeWorkspace("owner");
    const acme = await addCustomer(ws.workspaceId, "Acme");
    const ada = await addContact(ws.workspaceId, acme, "Ada Lovelace");
    const ids = await addAssets(Array.from({ length: 1200 }, (_, i) => ninjaAssetRow(ws.workspaceId, { name: `PC-${i}`, customerId: acme })));
    const result = await assignContacts(db(), {
      workspaceId: ws.workspaceId,
      actor,
      rule: "bulk device assignment",
      now: Date.now(),
      assignments: ids.map((assetId) => ({ assetId, contactId: ada })),
    });
    expect(result).toEqual({ ok: true, assigned: 1200, unchanged: 0 });
    const [{ n }] = await db()
      .select({ n: schema.assets.id })
      .from(schema.assets)
      .where(and(eq(schema.assets.workspaceId, ws.workspaceId), eq(schema.assets.contactId, ada)))
      .then((rows) => [{ n: rows.length }]);
    expect(n).toBe(1200);
    const history = await db().select().from(schema.assetEvents).where(eq(schema.assetEvents.workspaceId, ws.workspaceId));
    expect(history).toHaveLength(1200);
    expect(history[0]).toMatchObject({ actorType: "user", actorId: "u1", actorName: "Alice Admin", kind: "assigned" });
  });
});

describe("a contact a person sets on the asset itself", () => {
  it("is marked as a person's choice (PATCH /api/v1/assets/{id})", async () => {
    const s = await setup();
    const res = await api(`/assets/${s.devices[0]}`, s.key, { method: "PATCH", json: { contactId: s.bob } });
    expect(res.status).toBe(200);
    expect(await getAssetRow(s.devices[0])).toMatchObject({ contactId: s.bob, contactSource: "person" });
    await api(`/assets/${s.devices[1]}`, s.key, { method: "PATCH", json: { notes: "Windows 11 Pro" } });
    expect((await getAssetRow(s.devices[1]))?.contactSource).toBeNull();
  });
});
