// A customer whose name duplicates another's (as the organization matcher compares names) is
// accepted over the API, and the response warns; the form's edit says so too.
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { eq } from "drizzle-orm";
import { db, makeWorkspace, postForm } from "./helpers";
import { api, insertCustomer, makeApiKey } from "./records-helpers";

describe("POST /api/v1/customers with a duplicate name", () => {
  it("creates the customer and returns a duplicate_name warning listing the twins (only this workspace's)", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    const acme = await insertCustomer(workspaceId, "ACME, Inc.");
    const other = await makeWorkspace("owner");
    await insertCustomer(other.workspaceId, "Acme");
    const key = await makeApiKey(workspaceId, "manager");

    const res = await api("/customers", key, { method: "POST", json: { name: "Acme" } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { data: { id: string; name: string }; warnings: Array<{ code: string; message: string; customers: Array<{ id: string }> }> };
    expect(body.data.name).toBe("Acme");
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]).toMatchObject({ code: "duplicate_name", customers: [{ id: acme, name: "ACME, Inc.", archived: false }] });
    expect(body.warnings[0].message).toContain("ACME, Inc.");
    // Nothing lost: both exist.
    expect((await db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId))).length).toBe(2);

    const fresh = await api("/customers", key, { method: "POST", json: { name: "Globex" } });
    expect(((await fresh.json()) as { warnings: unknown[] }).warnings).toEqual([]);
  });

  it("warns on PATCH when the new name duplicates another customer's, and not when the name is untouched", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    const acme = await insertCustomer(workspaceId, "Acme Corporation");
    const globex = await insertCustomer(workspaceId, "Globex");
    const key = await makeApiKey(workspaceId, "admin");
    const renamed = await api(`/customers/${globex}`, key, { method: "PATCH", json: { name: "acme corp." } });
    expect(renamed.status).toBe(200);
    const body = (await renamed.json()) as { warnings: Array<{ customers: Array<{ id: string }> }> };
    expect(body.warnings[0].customers.map((c) => c.id)).toEqual([acme]);
    const phone = await api(`/customers/${globex}`, key, { method: "PATCH", json: { phone: "+1 555 0100" } });
    expect(((await phone.json()) as { warnings: unknown[] }).warnings).toEqual([]);
  });

  it("documents the warnings in the OpenAPI document", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    const key = await makeApiKey(workspaceId, "observer");
    const doc = (await (await api("/openapi.json", key)).json()) as {
      paths: Record<string, Record<string, { description?: string; responses: Record<string, { content: { "application/json": { schema: unknown } } }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const created = JSON.stringify(doc.paths["/customers"].post.responses["201"]);
    expect(created).toContain("warnings");
    expect(doc.paths["/customers"].post.description).toContain("organization matcher");
    expect(JSON.stringify(doc.paths["/customers/{id}"].patch.responses["200"])).toContain("warnings");
    expect(doc.components.schemas.CustomerWarning).toBeDefined();
  });
});

describe("renaming a customer in the form to a duplicate name", () => {
  it("saves and says the names now tie", async () => {
    const { cookie, workspaceId } = await makeWorkspace("admin");
    await insertCustomer(workspaceId, "Contoso Ltd");
    const id = await insertCustomer(workspaceId, "Fabrikam");
    const res = await postForm(`/customers/${id}/edit`, { name: "Contoso" }, cookie);
    expect(res.status).toBe(302);
    const cookieValue = /core_toast=([^;]*)/.exec(res.headers.get("Set-Cookie") ?? "")![1];
    const toast = JSON.parse(atob(cookieValue.replace(/-/g, "+").replace(/_/g, "/"))) as { tone: string; message: string };
    expect(toast.tone).toBe("info");
    expect(toast.message).toContain("Another customer has the same name");
  });
});
