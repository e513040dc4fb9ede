import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { db, makeWorkspace } from "./helpers";
import { api, insertAsset, insertContact, insertCustomer, makeApiKey } from "./records-helpers";

type Json = Record<string, unknown> & { data?: unknown; error?: { code: string; message: string; fields?: Record<string, string[]> } };
const json = async (res: Response) => {
  expect(res.headers.get("Content-Type") ?? "").toContain("application/json");
  return (await res.json()) as Json;
};
const item = (body: Json) => body.data as Record<string, unknown>;
const items = (body: Json) => body.data as Array<Record<string, unknown>>;

async function workspaceWithKey(role: Parameters<typeof makeApiKey>[1] = "owner") {
  const { workspaceId } = await makeWorkspace("owner");
  return { workspaceId, key: await makeApiKey(workspaceId, role) };
}

describe("API authentication", () => {
  it("refuses a missing, unknown or revoked key with 401 JSON", async () => {
    const { workspaceId, key } = await workspaceWithKey();
    expect((await json(await api("/customers", null))).error?.code).toBe("unauthorized");
    expect((await api("/customers", "core_notARealKeyAtAll")).status).toBe(401);
    await db().update(schema.apiKeys).set({ revokedAt: Date.now() }).where(eq(schema.apiKeys.workspaceId, workspaceId));
    const revoked = await api("/customers", key);
    expect(revoked.status).toBe(401);
  });
});

describe("customers API", () => {
  it("creates, gets, updates, archives and lists customers", async () => {
    const { workspaceId, key } = await workspaceWithKey("manager");
    const created = await api("/customers", key, { method: "POST", json: { name: " Adatum ", email: "IT@Adatum.example", website: null } });
    expect(created.status).toBe(201);
    const customer = item(await json(created));
    expect(customer).toMatchObject({ name: "Adatum", email: "it@adatum.example", website: null, archived: false, archivedAt: null });
    expect(customer.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const id = String(customer.id);

    const got = await api(`/customers/${id}`, key);
    expect(got.status).toBe(200);
    expect(item(await json(got))).toMatchObject({ id, name: "Adatum" });

    const patched = await api(`/customers/${id}`, key, { method: "PATCH", json: { phone: "+1 555 0100", email: null } });
    expect(patched.status).toBe(200);
    expect(item(await json(patched))).toMatchObject({ name: "Adatum", phone: "+1 555 0100", email: null });

    const archived = item(await json(await api(`/customers/${id}`, key, { method: "PATCH", json: { archived: true } })));
    expect(archived.archived).toBe(true);
    expect(items(await json(await api("/customers", key)))).toHaveLength(0);
    expect(items(await json(await api("/customers?archived=true", key))).map((c) => c.id)).toEqual([id]);
    expect(items(await json(await api("/customers?archived=all&q=ada", key))).map((c) => c.id)).toEqual([id]);
    const [row] = await db().select().from(schema.customers).where(eq(schema.customers.id, id));
    expect(row).toMatchObject({ workspaceId, phone: "+1 555 0100" });
  });

  it("pages with an opaque cursor until nextCursor is null", async () => {
    const { workspaceId, key } = await workspaceWithKey("observer");
    for (const name of ["Echo", "alpha", "Delta", "charlie", "Bravo"]) await insertCustomer(workspaceId, name);
    const names: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api(`/customers?limit=2${cursor ? `&cursor=${cursor}` : ""}`, key);
      expect(res.status).toBe(200);
      const body = await json(res);
      names.push(...items(body).map((c) => c.name));
      cursor = body.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 10);
    expect(names).toEqual(["alpha", "Bravo", "charlie", "Delta", "Echo"]);
    expect(pages).toBe(3);
  });

  it("answers bad input with 4xx JSON and writes nothing", async () => {
    const { workspaceId, key } = await workspaceWithKey();
    const malformed = await api("/customers", key, { method: "POST", body: "{ name: nope" });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error?.code).toBe("invalid_json");

    const missing = await api("/customers", key, { method: "POST", json: { email: "x@example.com" } });
    expect(missing.status).toBe(422);
    const missingBody = await json(missing);
    expect(missingBody.error?.code).toBe("validation_failed");
    expect(missingBody.error?.fields?.name).toEqual(["Name is required."]);

    const oversized = await api("/customers", key, { method: "POST", json: { name: "n".repeat(201), notes: "x".repeat(5001) } });
    expect(oversized.status).toBe(422);
    const oversizedFields = (await json(oversized)).error?.fields ?? {};
    expect(oversizedFields.name).toEqual(["Name must be at most 200 characters."]);
    expect(oversizedFields.notes).toEqual(["Notes must be at most 5000 characters."]);

    const wrongType = await api("/customers", key, { method: "POST", json: { name: "Typed", archived: "yes", phone: 42 } });
    expect(wrongType.status).toBe(422);
    expect(Object.keys((await json(wrongType)).error?.fields ?? {})).toContain("phone");

    const badArchive = await api("/customers", key, { method: "POST", json: ["not", "an", "object"] });
    expect(badArchive.status).toBe(422);

    expect((await json(await api("/customers?cursor=garbage!", key))).error?.code).toBe("bad_request");
    expect((await api("/customers?cursor=garbage!", key)).status).toBe(400);
    expect((await api("/customers?limit=0", key)).status).toBe(400);
    expect((await api("/customers?limit=5000", key)).status).toBe(400);
    expect((await api("/customers?archived=maybe", key)).status).toBe(400);
    expect(await db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId))).toHaveLength(0);
  });
});

describe("contacts API", () => {
  it("creates, gets, updates and lists contacts, filtered by customer and search", async () => {
    const { workspaceId, key } = await workspaceWithKey("technician");
    const customerId = await insertCustomer(workspaceId, "Proseware");
    const created = await api("/contacts", key, { method: "POST", json: { name: "Paula", email: "paula@proseware.example", customerId } });
    expect(created.status).toBe(201);
    const contact = item(await json(created));
    expect(contact).toMatchObject({ name: "Paula", customerId, email: "paula@proseware.example", title: null });
    await insertContact(workspaceId, "Other Person", null);

    const id = String(contact.id);
    expect(item(await json(await api(`/contacts/${id}`, key)))).toMatchObject({ id, customerId });
    const patched = await api(`/contacts/${id}`, key, { method: "PATCH", json: { title: "CFO", customerId: null } });
    expect(patched.status).toBe(200);
    expect(item(await json(patched))).toMatchObject({ title: "CFO", customerId: null, name: "Paula" });
    await api(`/contacts/${id}`, key, { method: "PATCH", json: { customerId } });

    expect(items(await json(await api(`/contacts?customerId=${customerId}`, key))).map((c) => c.name)).toEqual(["Paula"]);
    expect(items(await json(await api("/contacts?q=proseware.example", key))).map((c) => c.name)).toEqual(["Paula"]);
    expect(items(await json(await api("/contacts", key))).map((c) => c.name)).toEqual(["Other Person", "Paula"]);
  });

  it("refuses another workspace's customer id with a 422 field error and writes nothing", async () => {
    const { workspaceId, key } = await workspaceWithKey();
    const other = await makeWorkspace("owner");
    const foreign = await insertCustomer(other.workspaceId, "Not Yours");
    const res = await api("/contacts", key, { method: "POST", json: { name: "Eve", customerId: foreign } });
    expect(res.status).toBe(422);
    expect((await json(res)).error?.fields?.customerId).toEqual(["Choose a customer from this workspace."]);
    expect(await db().select().from(schema.contacts).where(eq(schema.contacts.workspaceId, workspaceId))).toHaveLength(0);

    const mine = await insertContact(workspaceId, "Mine", null);
    const patch = await api(`/contacts/${mine}`, key, { method: "PATCH", json: { customerId: foreign, name: "Renamed" } });
    expect(patch.status).toBe(422);
    const [row] = await db().select().from(schema.contacts).where(eq(schema.contacts.id, mine));
    expect(row).toMatchObject({ name: "Mine", customerId: null });
  });
});

describe("tickets API", () => {
  it("creates numbered tickets, updates them and lists with filters", async () => {
    const { workspaceId, key } = await workspaceWithKey("technician");
    const customerId = await insertCustomer(workspaceId, "Relecloud");
    const contactId = await insertContact(workspaceId, "Rita", customerId);
    await insertAsset(workspaceId, "REL-1", { contactId });
    const first = await api("/tickets", key, { method: "POST", json: { title: "Wi-Fi down", contactId, priority: "urgent" } });
    expect(first.status).toBe(201);
    const t1 = item(await json(first));
    expect(t1).toMatchObject({ number: 1, title: "Wi-Fi down", customerId, contactId, status: "open", priority: "urgent", description: null });
    const t2 = item(await json(await api("/tickets", key, { method: "POST", json: { title: "New starter laptop" } })));
    expect(t2.number).toBe(2);

    const patched = await api(`/tickets/${t1.id}`, key, { method: "PATCH", json: { status: "resolved", description: "Rebooted the AP." } });
    expect(patched.status).toBe(200);
    expect(item(await json(patched))).toMatchObject({ number: 1, status: "resolved", description: "Rebooted the AP.", contactId, customerId });

    expect(items(await json(await api("/tickets", key))).map((t) => t.number)).toEqual([2, 1]);
    expect(items(await json(await api("/tickets?status=active", key))).map((t) => t.number)).toEqual([2]);
    expect(items(await json(await api("/tickets?status=resolved&priority=urgent", key))).map((t) => t.number)).toEqual([1]);
    expect(items(await json(await api(`/tickets?customerId=${customerId}`, key))).map((t) => t.number)).toEqual([1]);
    expect(items(await json(await api(`/tickets?contactId=${contactId}`, key))).map((t) => t.number)).toEqual([1]);
    expect(items(await json(await api("/tickets?q=laptop", key))).map((t) => t.number)).toEqual([2]);
    const page = await json(await api("/tickets?limit=1", key));
    expect(items(page).map((t) => t.number)).toEqual([2]);
    const rest = await json(await api(`/tickets?limit=1&cursor=${page.nextCursor}`, key));
    expect(items(rest).map((t) => t.number)).toEqual([1]);
    expect(rest.nextCursor).toBeNull();
  });

  it("checks the customer/contact pair and every field", async () => {
    const { workspaceId, key } = await workspaceWithKey();
    const a = await insertCustomer(workspaceId, "A");
    const b = await insertCustomer(workspaceId, "B");
    const atB = await insertContact(workspaceId, "Bea", b);
    const other = await makeWorkspace("owner");
    const foreignContact = await insertContact(other.workspaceId, "Foreign", null);

    const mismatch = await api("/tickets", key, { method: "POST", json: { title: "Pair", customerId: a, contactId: atB } });
    expect(mismatch.status).toBe(422);
    expect((await json(mismatch)).error?.fields?.contactId).toEqual(["This contact does not belong to the chosen customer."]);
    const foreign = await api("/tickets", key, { method: "POST", json: { title: "Foreign", contactId: foreignContact } });
    expect(foreign.status).toBe(422);
    expect((await json(foreign)).error?.fields?.contactId).toEqual(["Choose a contact from this workspace."]);
    const badEnum = await api("/tickets", key, { method: "POST", json: { title: "Enum", status: "done", priority: 3 } });
    expect(badEnum.status).toBe(422);
    const fields = (await json(badEnum)).error?.fields ?? {};
    expect(Object.keys(fields).sort()).toEqual(["priority", "status"]);
    const oversized = await api("/tickets", key, { method: "POST", json: { title: "T", description: "d".repeat(20_001) } });
    expect(oversized.status).toBe(422);
    expect((await json(oversized)).error?.fields?.description).toEqual(["Description must be at most 20000 characters."]);
    expect((await api("/tickets?status=done", key)).status).toBe(400);
    expect((await api("/tickets?cursor=eyJudW1iZXIiOiJ4In0", key)).status).toBe(400);
    expect(await db().select().from(schema.tickets).where(eq(schema.tickets.workspaceId, workspaceId))).toHaveLength(0);

    const created = item(await json(await api("/tickets", key, { method: "POST", json: { title: "Valid", customerId: a } })));
    const movePatch = await api(`/tickets/${created.id}`, key, { method: "PATCH", json: { contactId: atB } });
    expect(movePatch.status).toBe(422);
    const nullTitle = await api(`/tickets/${created.id}`, key, { method: "PATCH", json: { title: null } });
    expect(nullTitle.status).toBe(422);
    const [row] = await db().select().from(schema.tickets).where(eq(schema.tickets.id, String(created.id)));
    expect(row).toMatchObject({ title: "Valid", contactId: null, customerId: a });
  });
});

describe("API permissions by role", () => {
  const writes = (ids: { customer: string; contact: string; ticket: string }) =>
    [
      ["POST", "/customers", { name: "X" }],
      ["PATCH", `/customers/${ids.customer}`, { name: "X" }],
      ["POST", "/contacts", { name: "X" }],
      ["PATCH", `/contacts/${ids.contact}`, { name: "X" }],
      ["POST", "/tickets", { title: "X" }],
      ["PATCH", `/tickets/${ids.ticket}`, { title: "X" }],
    ] as const;

  async function seeded(role: Parameters<typeof makeApiKey>[1]) {
    const { workspaceId, key } = await workspaceWithKey(role);
    const owner = await makeApiKey(workspaceId, "owner");
    const customer = String(item(await json(await api("/customers", owner, { method: "POST", json: { name: "Seed" } }))).id);
    const contact = String(item(await json(await api("/contacts", owner, { method: "POST", json: { name: "Seed" } }))).id);
    const ticket = String(item(await json(await api("/tickets", owner, { method: "POST", json: { title: "Seed" } }))).id);
    return { workspaceId, key, ids: { customer, contact, ticket } };
  }

  it("lets an observer read everything and change nothing (403)", async () => {
    const { key, ids, workspaceId } = await seeded("observer");
    for (const path of ["/customers", "/contacts", "/tickets", `/customers/${ids.customer}`, `/contacts/${ids.contact}`, `/tickets/${ids.ticket}`]) {
      expect((await api(path, key)).status, path).toBe(200);
    }
    for (const [method, path, body] of writes(ids)) {
      const res = await api(path, key, { method, json: body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await json(res)).error?.code).toBe("forbidden");
    }
    const [customer] = await db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId));
    expect(customer.name).toBe("Seed");
  });

  it("lets a technician write contacts and tickets but not customers", async () => {
    const { key, ids } = await seeded("technician");
    const expected: Record<string, number> = {
      "POST /customers": 403,
      [`PATCH /customers/${ids.customer}`]: 403,
      "POST /contacts": 201,
      [`PATCH /contacts/${ids.contact}`]: 200,
      "POST /tickets": 201,
      [`PATCH /tickets/${ids.ticket}`]: 200,
    };
    for (const [method, path, body] of writes(ids)) {
      expect((await api(path, key, { method, json: body })).status, `${method} ${path}`).toBe(expected[`${method} ${path}`]);
    }
  });

  it("lets a manager write all three", async () => {
    const { key, ids } = await seeded("manager");
    for (const [method, path, body] of writes(ids)) {
      expect((await api(path, key, { method, json: body })).status, `${method} ${path}`).toBe(method === "POST" ? 201 : 200);
    }
  });
});

describe("API across workspaces and unknown routes", () => {
  it("answers 404 for another workspace's ids and changes nothing", async () => {
    const { key } = await workspaceWithKey("owner");
    const other = await workspaceWithKey("owner");
    const customer = String(item(await json(await api("/customers", other.key, { method: "POST", json: { name: "Theirs" } }))).id);
    const contact = String(item(await json(await api("/contacts", other.key, { method: "POST", json: { name: "Theirs" } }))).id);
    const ticket = String(item(await json(await api("/tickets", other.key, { method: "POST", json: { title: "Theirs" } }))).id);
    for (const path of [`/customers/${customer}`, `/contacts/${contact}`, `/tickets/${ticket}`]) {
      const get = await api(path, key);
      expect(get.status, path).toBe(404);
      expect((await json(get)).error?.code).toBe("not_found");
      const body = path.startsWith("/tickets") ? { title: "Mine now" } : { name: "Mine now" };
      expect((await api(path, key, { method: "PATCH", json: body })).status, path).toBe(404);
    }
    expect(items(await json(await api(`/contacts?customerId=${customer}`, key)))).toHaveLength(0);
    const [row] = await db().select().from(schema.customers).where(eq(schema.customers.id, customer));
    expect(row.name).toBe("Theirs");
    const [t] = await db().select().from(schema.tickets).where(eq(schema.tickets.id, ticket));
    expect(t.title).toBe("Theirs");
  });

  it("answers 404 for an unknown id and JSON 404/405 for unknown routes and methods", async () => {
    const { key } = await workspaceWithKey("owner");
    const unknown = await api("/tickets/00000000-0000-4000-8000-000000000000", key);
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error?.message).toBe("Ticket not found.");
    expect((await json(await api("", key))).error?.code).toBe("not_found");
    const route = await api("/widgets", key);
    expect(route.status).toBe(404);
    expect((await json(route)).error?.code).toBe("not_found");
    expect((await api("/customers/x/y", key, { method: "POST", json: {} })).status).toBe(404);
    const del = await api("/customers/00000000-0000-4000-8000-000000000000", key, { method: "DELETE" });
    expect(del.status).toBe(405);
    expect((await json(del)).error?.code).toBe("method_not_allowed");
    expect((await api("/tickets", key, { method: "PUT", json: {} })).status).toBe(405);
    expect((await api("/openapi.json", key, { method: "POST", json: {} })).status).toBe(405);
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 JSON listing every customer, contact and ticket path with named schemas", async () => {
    const res = await api("/openapi.json", null);
    expect(res.status).toBe(200);
    const doc = JSON.parse(await res.text()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    for (const resource of ["customers", "contacts", "tickets"]) {
      expect(Object.keys(doc.paths[`/${resource}`]).sort()).toEqual(["get", "post"]);
      expect(Object.keys(doc.paths[`/${resource}/{id}`]).sort()).toEqual(["get", "patch"]);
    }
    for (const name of ["Customer", "CustomerCreate", "CustomerUpdate", "Contact", "ContactCreate", "Ticket", "TicketCreate", "TicketUpdate", "Error"]) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    const listParams = (doc.paths["/tickets"].get as { parameters: Array<{ name: string }> }).parameters.map((p) => p.name);
    expect(listParams).toEqual(expect.arrayContaining(["limit", "cursor", "status", "priority", "customerId", "q"]));
  });
});
