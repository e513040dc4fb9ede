// Issue 16, organization mapping fixes on the server: "Create customers for all unmatched
// organizations" (preview, all or nothing, permissions, other workspaces' ids), Confirm all
// confirming auto-matches only, and the duplicate-name warning (normalised as the matcher does).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { listOrgMappings } from "@workers/sync/org-mapping";
import { addUser, appFetch, db, makeWorkspace, postForm } from "./helpers";
import { addCustomer, connectWorkspace, device, FakeNinja, syncHarness } from "./sync-fixtures";

const CREATE = "/settings/integrations/ninjaone/mappings/create-customers";
const MAPPINGS = "/settings/integrations/ninjaone/mappings";

/** Acme Dental LLC auto-matched; Zebra, Yak and "ACME DENTAL" twin unmatched. */
async function syncedWorkspace() {
  const ws = await makeWorkspace("owner");
  await connectWorkspace(ws.workspaceId);
  const acme = await addCustomer(ws.workspaceId, "Acme Dental");
  // Two customers with one name: "The Harbour Vets" ties between them and stays unmatched.
  await addCustomer(ws.workspaceId, "Harbour Vets Ltd");
  await addCustomer(ws.workspaceId, "Harbour Vets");
  const ninja = new FakeNinja([device(1, { org: 1 }), device(2, { org: 2 }), device(3, { org: 3 }), device(4, { org: 4 }), device(5, { org: 5 })]);
  ninja.orgs = [
    { id: 1, name: "Acme Dental LLC" },
    { id: 2, name: "Zebra Crossing Cafe" },
    { id: 3, name: "Yak Yoga" },
    { id: 4, name: "Yak Yoga, Inc." },
    { id: 5, name: "The Harbour Vets" },
  ];
  await syncHarness(ninja).sync(ws.workspaceId);
  return { ...ws, acme };
}

const form = (orgs: number[]) => {
  const body = new URLSearchParams();
  for (const o of orgs) body.append("org", String(o));
  return body;
};
const statusOf = async (workspaceId: string) => Object.fromEntries((await listOrgMappings(db(), workspaceId)).map((r) => [r.ninjaOrgId, r]));

describe("Create customers for all unmatched organizations", () => {
  it("previews each unmatched organization, flags names that would duplicate a customer, and shares one customer between twins", async () => {
    const { cookie, workspaceId } = await syncedWorkspace();
    const orgs = await statusOf(workspaceId);
    expect(orgs[5].status).toBe("unmatched"); // a tie between the two Harbour Vets customers
    const html = await (await appFetch(CREATE, { cookie })).text();
    expect(html).toContain("New customer “Zebra Crossing Cafe”");
    expect(html).toContain("shares this customer with Yak Yoga");
    expect(html).toContain("A customer named “Harbour Vets");
    expect(html).not.toContain("New customer “Acme Dental LLC”");
  });

  it("creates the ticked ones and maps them, all or nothing", async () => {
    const { cookie, workspaceId } = await syncedWorkspace();
    // One name would duplicate an existing customer: nothing is created.
    const refused = await appFetch(CREATE, { method: "POST", body: form([2, 5]), cookie });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("already exists");
    expect((await db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId))).length).toBe(3);

    const ok = await appFetch(CREATE, { method: "POST", body: form([2, 3, 4]), cookie });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`${MAPPINGS}?saved=0.3.0.2.3`);
    const after = await statusOf(workspaceId);
    expect([after[2].status, after[3].status, after[4].status]).toEqual(["mapped", "mapped", "mapped"]);
    expect(after[3].customerId).toBe(after[4].customerId);
    expect(after[1].status).toBe("auto"); // untouched
    // A second post of the same ids: they are no longer unmatched.
    const again = await appFetch(CREATE, { method: "POST", body: form([2]), cookie });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("no longer unmatched");
  });

  it("refuses nothing ticked, another workspace's organization ids, and roles without integrations:manage", async () => {
    const { cookie, workspaceId } = await syncedWorkspace();
    const other = await syncedWorkspace();
    expect((await appFetch(CREATE, { method: "POST", body: form([]), cookie })).status).toBe(422);
    expect((await appFetch(CREATE, { method: "POST", body: new URLSearchParams({ org: "abc" }), cookie })).status).toBe(422);
    // Org ids are per workspace: the other workspace's rows are untouched by our post of the same id.
    expect((await appFetch(CREATE, { method: "POST", body: form([2]), cookie })).status).toBe(302);
    expect((await statusOf(other.workspaceId))[2].status).toBe("unmatched");
    expect((await appFetch(CREATE, { method: "POST", body: form([999]), cookie })).status).toBe(422);
    const manager = await addUser(workspaceId, "manager");
    expect((await appFetch(CREATE, { cookie: manager.cookie })).status).toBe(403);
    expect((await appFetch(CREATE, { method: "POST", body: form([3]), cookie: manager.cookie })).status).toBe(403);
    expect((await statusOf(workspaceId))[3].status).toBe("unmatched");
  });
});

describe("Confirm all auto-matches", () => {
  it("confirms the auto-matches and nothing else (its form posts no picks)", async () => {
    const { cookie, workspaceId } = await syncedWorkspace();
    const res = await postForm(MAPPINGS, { confirmAllAuto: "1" }, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${MAPPINGS}?saved=1.0.0.0.0`);
    const after = await statusOf(workspaceId);
    expect(after[1].status).toBe("mapped");
    expect([after[2].status, after[3].status]).toEqual(["unmatched", "unmatched"]);
  });
});

describe("New customer with a name that already exists", () => {
  it("warns (matcher normalisation) and creates only when told to", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    await addCustomer(workspaceId, "Acme Dental");
    const warned = await postForm("/customers/new", { name: "ACME DENTAL, LLC" }, cookie);
    expect(warned.status).toBe(409);
    const html = await warned.text();
    expect(html).toContain("A customer with the same name already exists");
    expect(html).toContain("Create it anyway");
    expect((await db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId))).length).toBe(1);
    const created = await postForm("/customers/new", { name: "ACME DENTAL, LLC", duplicateOk: "on" }, cookie);
    expect(created.status).toBe(302);
    expect((await db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId))).length).toBe(2);
    // A different name passes straight through; another workspace's customers do not count.
    expect((await postForm("/customers/new", { name: "Acme Legal" }, cookie)).status).toBe(302);
    const other = await makeWorkspace("owner");
    expect((await postForm("/customers/new", { name: "Acme Dental" }, other.cookie)).status).toBe(302);
  });
});

describe("GET /customers/options (the customer picker's options)", () => {
  it("searches this workspace's customers a page at a time, with what tells twins apart", async () => {
    const { cookie, workspaceId } = await makeWorkspace("technician");
    const a = await addCustomer(workspaceId, "Zenith Clients");
    await db().update(schema.customers).set({ email: "it@zenith-a.example" }).where(eq(schema.customers.id, a));
    await addCustomer(workspaceId, "ZENITH CLIENTS");
    await addCustomer(workspaceId, "Old Zenith", true);
    for (let i = 0; i < 25; i++) await addCustomer(workspaceId, `Customer ${String(i).padStart(2, "0")}`);
    const other = await makeWorkspace("owner");
    await addCustomer(other.workspaceId, "Zenith Elsewhere");

    const res = await appFetch("/customers/options?q=zen", { cookie });
    expect(res.status).toBe(200);
    const body = await res.json<{ customers: Array<{ id: string; name: string; detail: string; archived: boolean }>; more: boolean }>();
    expect(body.customers.map((c) => c.name).sort()).toEqual(["ZENITH CLIENTS", "Zenith Clients"]);
    const [withMail, without] = [body.customers.find((c) => c.id === a)!, body.customers.find((c) => c.id !== a)!];
    expect(withMail.detail).toContain("zenith-a.example");
    expect(withMail.detail).not.toBe(without.detail);
    expect(body.more).toBe(false);

    const archived = await (await appFetch("/customers/options?q=zen&archived=include", { cookie })).json<{ customers: Array<{ name: string }> }>();
    expect(archived.customers.map((c) => c.name)).toContain("Old Zenith");
    const page = await (await appFetch("/customers/options?limit=20", { cookie })).json<{ customers: unknown[]; more: boolean }>();
    expect(page.customers).toHaveLength(20);
    expect(page.more).toBe(true);
    // % and _ are text, not wildcards.
    expect((await (await appFetch("/customers/options?q=%25", { cookie })).json<{ customers: unknown[] }>()).customers).toHaveLength(0);
    expect((await appFetch("/customers/options?limit=500", { cookie })).status).toBe(400);
    expect((await appFetch("/customers/options?q=zen")).status).toBe(302); // signed out: to the login page
  });

  it("no form page renders every customer as an option", async () => {
    const { cookie, workspaceId } = await makeWorkspace("owner");
    for (let i = 0; i < 5; i++) await addCustomer(workspaceId, `Listed Customer ${i}`);
    for (const path of ["/assets", "/assets/new", "/tickets", "/tickets/new", "/contacts/new"]) {
      const html = await (await appFetch(path, { cookie })).text();
      expect(html, path).not.toContain("Listed Customer 3");
    }
  });
});
