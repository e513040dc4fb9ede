// "Create customers for all unmatched organizations" at 4,000 organizations (issue 14's bench builds
// its customers with it): Tick all creates one customer per distinct name and maps every
// organization that can have one, names that would duplicate a customer are left alone, the
// devices move with a history line each, a run the time budget cut short continues where it
// stopped, and a second click or a concurrent one creates nothing twice. Correctness only: speed is
// measured by scripts/bench/orgs-bulk-dev.mjs, never by a test.
import { and, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { customerNameKey } from "@workers/db/customers";
import { insertManyAsJson } from "@workers/sync/d1-writes";
import { bulkCreatePlan, createCustomersForOrganizations } from "@workers/sync/org-bulk-create";
import { ninjaAssetRow } from "./asset-fixtures";
import { addUser, appFetch, db, makeWorkspace } from "./helpers";
import { addCustomer, connectWorkspace } from "./sync-fixtures";

const CREATE = "/settings/integrations/ninjaone/mappings/create-customers";
const ORGS = 4000;
const DUPLICATES = 40; // orgs 1..40 are named like an existing customer
const TWINS = 20; // orgs 41..60 and 61..80: the same name, spelt two ways

async function run(statements: Array<{ toSQL(): { sql: string; params: unknown[] } }>) {
  for (let i = 0; i < statements.length; i += 20) {
    await db().$client.batch(statements.slice(i, i + 20).map((s) => db().$client.prepare(s.toSQL().sql).bind(...s.toSQL().params)));
  }
}

/**
 * 4,000 unmatched organizations with 2 devices each (one also left without a customer on purpose),
 * plus a vanished one and one already mapped; 40 customers whose names 40 organizations share.
 */
async function bigWorkspace() {
  const ws = await makeWorkspace("owner");
  await connectWorkspace(ws.workspaceId);
  const existing: string[] = [];
  for (let i = 1; i <= DUPLICATES; i++) existing.push(await addCustomer(ws.workspaceId, `Existing Client ${i}`));
  const now = Date.now();
  const nameOf = (i: number) =>
    i <= DUPLICATES ? `EXISTING CLIENT ${i}, Inc.` : i <= DUPLICATES + TWINS ? `Twin Co ${i}` : i <= DUPLICATES + 2 * TWINS ? `  TWIN CO ${i - TWINS} Ltd ` : `Org ${i} Services`;
  const orgs = Array.from({ length: ORGS + 2 }, (_, k) => {
    const i = k + 1;
    return {
      workspaceId: ws.workspaceId,
      ninjaOrgId: i,
      name: i === ORGS + 1 ? "Gone Away Ltd" : i === ORGS + 2 ? "Already Mapped Ltd" : nameOf(i),
      deviceCount: 2,
      customerId: i === ORGS + 2 ? existing[0] : null,
      mappingSource: i === ORGS || i === ORGS + 2 ? ("confirmed" as const) : null,
      vanishedAt: i === ORGS + 1 ? now : null,
      updatedAt: now,
    };
  });
  const assets = orgs.flatMap((org) =>
    [0, 1].map((d) =>
      ninjaAssetRow(ws.workspaceId, {
        name: `PC-${org.ninjaOrgId}-${d}`,
        ninjaOrgId: org.ninjaOrgId,
        ninjaDeviceId: org.ninjaOrgId * 10 + d,
        customerId: org.customerId,
        customerSource: org.customerId ? "sync" : null,
      }),
    ),
  );
  // One device of org 100 has a customer a person set: the mapping replaces it (and says so).
  const handSet = assets.find((a) => a.ninjaOrgId === 100)!;
  handSet.customerId = existing[1];
  handSet.customerSource = "person";
  await run([...insertManyAsJson(schema.ninjaOrganizations, orgs), ...insertManyAsJson(schema.assets, assets)]);
  return { ...ws, existing, handSet: handSet.id as string };
}

async function previewHtml(cookie: string, query = "") {
  const res = await appFetch(`${CREATE}${query}`, { cookie });
  expect(res.status).toBe(200);
  return res.text();
}
const inputs = (html: string, name: string) => [...html.matchAll(/<input[^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes(` name="${name}"`));
const valueOf = (tag: string) => /\svalue="([^"]*)"/.exec(tag)?.[1] ?? "";
const fingerprintIn = (html: string) => valueOf(inputs(html, "fingerprint")[0] ?? "");

/** Tick all and Create, then continue as the page does until it redirects; returns the posts' statuses. */
async function createAll(cookie: string) {
  const statuses: number[] = [];
  let before = "0.0.0";
  for (let i = 0; i < 20; i++) {
    const fingerprint = fingerprintIn(await previewHtml(cookie));
    const res = await appFetch(CREATE, { method: "POST", cookie, body: new URLSearchParams({ all: "1", fingerprint, skip: "", shown: "", before }) });
    statuses.push(res.status);
    if (res.status !== 200) return { statuses, res };
    const progress = /(\d[\d,]*) organizations mapped to (\d[\d,]*) new customers so far \((\d[\d,]*) devices moved\)/.exec(await res.text());
    expect(progress).not.toBeNull();
    before = progress!.slice(1, 4).map((n) => n.replace(/,/g, "")).join(".");
  }
  throw new Error("Create customers did not finish in 20 posts");
}

const customersOf = (workspaceId: string) => db().select().from(schema.customers).where(eq(schema.customers.workspaceId, workspaceId));
const orgsOf = async (workspaceId: string) =>
  new Map((await db().select().from(schema.ninjaOrganizations).where(eq(schema.ninjaOrganizations.workspaceId, workspaceId))).map((o) => [o.ninjaOrgId, o]));

describe("Create customers for all unmatched organizations at 4,000 organizations", () => {
  it("previews one page with counts, then Tick all maps every organization that can have a customer, one customer per name", async () => {
    const { cookie, workspaceId, existing, handSet } = await bigWorkspace();
    const html = await previewHtml(cookie);
    // One page of rows, never all 4,000; the counts cover them all.
    expect((html.match(/data-create-org=/g) ?? []).length).toBe(100);
    expect(html).toContain("Showing 1–100 of 4,000 organizations");
    expect(html).toContain("3,960 organizations can get a new customer (3,940 customers");
    expect(html).toContain("3,960 of 4,000 organizations ticked");
    expect(html).not.toContain("Gone Away Ltd");
    expect(html).not.toContain("Already Mapped Ltd");

    const { statuses, res } = await createAll(cookie);
    expect(res.status).toBe(302);
    expect(statuses.at(-1)).toBe(302);
    expect(res.headers.get("Location")).toBe("/settings/integrations/ninjaone/mappings?saved=0.3960.0.3940.7920");

    const customers = await customersOf(workspaceId);
    expect(customers).toHaveLength(DUPLICATES + 3940);
    // No two customers the matcher would call the same name.
    expect(new Set(customers.map((c) => customerNameKey(c.name))).size).toBe(customers.length);
    const byId = new Map(customers.map((c) => [c.id, c]));
    const orgs = await orgsOf(workspaceId);
    for (let i = 1; i <= ORGS; i++) {
      const org = orgs.get(i)!;
      if (i <= DUPLICATES) {
        expect(org.customerId).toBeNull(); // "Existing Client i" exists: left for a person to map
        continue;
      }
      expect(org.mappingSource).toBe("confirmed");
      const customerName = byId.get(org.customerId!)?.name ?? "";
      // Named after the organization (trimmed); twins share the first one's (in the preview's order).
      if (i <= DUPLICATES + 2 * TWINS) expect(customerNameKey(customerName)).toBe(customerNameKey(org.name));
      else expect(customerName).toBe(org.name.trim());
    }
    expect(orgs.get(DUPLICATES + 1)!.customerId).toBe(orgs.get(DUPLICATES + TWINS + 1)!.customerId); // twins share one
    expect(orgs.get(ORGS + 1)!.customerId).toBeNull(); // vanished: untouched
    expect(orgs.get(ORGS + 2)!.customerId).toBe(existing[0]); // mapped already: untouched

    // Every device of a mapped organization is under its customer, with one history line.
    const assets = await db().select().from(schema.assets).where(eq(schema.assets.workspaceId, workspaceId));
    for (const asset of assets) {
      const org = orgs.get(asset.ninjaOrgId!)!;
      if (org.ninjaOrgId <= DUPLICATES || org.ninjaOrgId > ORGS) continue;
      expect(asset.customerId).toBe(org.customerId);
      expect(asset.customerSource).toBe("sync");
    }
    const events = await db()
      .select()
      .from(schema.assetEvents)
      .where(and(eq(schema.assetEvents.workspaceId, workspaceId), eq(schema.assetEvents.kind, "moved")));
    expect(events).toHaveLength(7920);
    const handSetEvent = events.find((e) => e.assetId === handSet)!;
    expect(handSetEvent.summary).toBe(
      `Moved from Existing Client 2 to Org 100 Services: its NinjaOne organization Org 100 Services was mapped to Org 100 Services (the mapping replaces the customer set by hand)`,
    );
    // Audited: who created them.
    const audits = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.workspaceId, workspaceId), eq(schema.auditEvents.kind, "mapping.saved"), isNotNull(schema.auditEvents.actorId)));
    expect(audits.length).toBeGreaterThan(0);
    expect(audits[0].summary).toMatch(/^Created customers for unmatched NinjaOne organizations: /);

    // What is left: the 40 duplicates, none of them tickable; a second click creates nothing.
    const after = await previewHtml(cookie);
    expect(after).toContain("0 of 40 organizations ticked");
    const again = await appFetch(CREATE, { method: "POST", cookie, body: new URLSearchParams({ all: "1", fingerprint: fingerprintIn(html), skip: "", shown: "", before: "0.0.0" }) });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("changed since this page was drawn");
    const second = await createAll(cookie);
    expect(second.res.status).toBe(422);
    expect(await customersOf(workspaceId)).toHaveLength(DUPLICATES + 3940);
  });

  it("continues a run the time budget stopped, and two concurrent runs create each customer once", async () => {
    const { workspaceId } = await bigWorkspace();
    const now = Date.now();
    // A zero budget: each call does one part (at most 1,000 organizations) and says how many are left.
    const remaining: number[] = [];
    let created = 0;
    for (let i = 0; i < 10; i++) {
      const plan = await bulkCreatePlan(db(), workspaceId);
      if (plan.creatable === 0) break;
      const result = await createCustomersForOrganizations(db(), workspaceId, { all: true, fingerprint: plan.fingerprint, skip: [] }, { now, budgetMs: 0 });
      if (!result.ok) throw new Error(result.message);
      remaining.push(result.remaining);
      created += result.created;
    }
    expect(remaining.length).toBeGreaterThan(1);
    expect(remaining.at(-1)).toBe(0);
    expect(created).toBe(3940);
    expect(await customersOf(workspaceId)).toHaveLength(DUPLICATES + 3940);

    // Two tabs press Create at once: the second writes nothing the first wrote.
    const other = await bigWorkspace();
    const plan = await bulkCreatePlan(db(), other.workspaceId);
    const both = await Promise.all(
      [0, 1].map(() => createCustomersForOrganizations(db(), other.workspaceId, { all: true, fingerprint: plan.fingerprint, skip: [] }, { now, budgetMs: 60_000 })),
    );
    const customers = await customersOf(other.workspaceId);
    expect(new Set(customers.map((c) => customerNameKey(c.name))).size).toBe(customers.length);
    expect(customers).toHaveLength(DUPLICATES + 3940);
    const mapped = [...(await orgsOf(other.workspaceId)).values()].filter((o) => o.customerId !== null);
    expect(mapped).toHaveLength(3960 + 1);
    expect(both.every((r) => r.ok)).toBe(true);
  });

  it("leaves out the unticked ones (skip, or unticked on the page without JavaScript) and refuses a stale list", async () => {
    const { cookie, workspaceId } = await bigWorkspace();
    const html = await previewHtml(cookie);
    const fingerprint = fingerprintIn(html);
    // Page 1 shown: its first creatable row unticked on the page; org 500 unticked on another page.
    const shown = inputs(html, "org")
      .filter((tag) => !/\sdisabled/.test(tag))
      .map((tag) => Number(valueOf(tag)));
    expect(shown.length).toBeGreaterThan(50);
    const body = new URLSearchParams({ all: "1", fingerprint, skip: "500", shown: shown.join(","), before: "0.0.0" });
    for (const id of shown) if (id !== shown[0]) body.append("org", String(id));
    let res = await appFetch(CREATE, { method: "POST", cookie, body });
    for (let i = 0; res.status === 200 && i < 10; i++) {
      const next = new URLSearchParams({ all: "1", fingerprint: fingerprintIn(await previewHtml(cookie)), skip: `500,${shown[0]}`, shown: "", before: "0.0.0" });
      res = await appFetch(CREATE, { method: "POST", cookie, body: next });
    }
    expect(res.status).toBe(302);
    const orgs = await orgsOf(workspaceId);
    expect(orgs.get(500)!.customerId).toBeNull();
    expect(orgs.get(shown[0])!.customerId).toBeNull();
    expect([...orgs.values()].filter((o) => o.customerId !== null)).toHaveLength(3960 - 2 + 1);
    // The same post again: the list it was drawn from has changed.
    const stale = await appFetch(CREATE, { method: "POST", cookie, body: new URLSearchParams({ all: "1", fingerprint, skip: "", shown: "", before: "0.0.0" }) });
    expect(stale.status).toBe(422);
    // A Manager cannot, whatever the post.
    const manager = await addUser(workspaceId, "manager");
    expect((await appFetch(CREATE, { method: "POST", cookie: manager.cookie, body: new URLSearchParams({ all: "1", fingerprint, skip: "", shown: "" }) })).status).toBe(403);
  });
});
