// The dashboard's getting-started checklist (issue 16): shown to those who can do its steps, each
// step ticked from the workspace's own state (never another's), linking to the NinjaOne tab, gone
// when all are done.
import { describe, expect, it } from "vitest";
import { newId } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { queuedRunRow } from "@workers/sync/runs";
import { appFetch, db, makeWorkspace } from "./helpers";
import { addCustomer, connectWorkspace } from "./sync-fixtures";

const dashboard = async (cookie: string) => {
  const res = await appFetch("/dashboard", { cookie });
  expect(res.status).toBe(200);
  return res.text();
};
const stepsOf = (html: string) =>
  Object.fromEntries([...html.matchAll(/data-step="(\w+)" data-done="(yes|no)"/g)].map((m) => [m[1], m[2] === "yes"]));

async function completeEverything(workspaceId: string) {
  await connectWorkspace(workspaceId);
  await completeEverything2(workspaceId);
}

describe("the dashboard's getting-started checklist", () => {
  it("an empty workspace shows all five steps to do, each linking to the NinjaOne tab that does it", async () => {
    const { cookie } = await makeWorkspace("owner");
    const html = await dashboard(cookie);
    expect(html).toContain('data-testid="getting-started"');
    expect(stepsOf(html)).toEqual({ connect: false, map: false, sync: false, contacts: false, policies: false });
    for (const href of ["/settings/integrations/ninjaone", "/settings/integrations/ninjaone/mappings", "/settings/integrations/ninjaone/contacts", "/settings/integrations/ninjaone/replacement-policies"]) {
      expect(html).toContain(`href="${href}"`);
    }
  });

  it("ticks steps from real state, only this workspace's, and disappears when all are done", async () => {
    const mine = await makeWorkspace("owner");
    const other = await makeWorkspace("owner");
    await completeEverything(other.workspaceId);
    expect(await dashboard(other.cookie)).not.toContain('data-testid="getting-started"');
    expect(Object.values(stepsOf(await dashboard(mine.cookie))).every((d) => !d)).toBe(true); // the other's state ticks nothing here

    await connectWorkspace(mine.workspaceId);
    expect(stepsOf(await dashboard(mine.cookie))).toMatchObject({ connect: true, map: false, sync: false });
    await completeEverything2(mine.workspaceId);
    expect(await dashboard(mine.cookie)).not.toContain('data-testid="getting-started"');
  });

  it("is not shown to people who cannot do its steps", async () => {
    for (const role of ["manager", "technician", "observer"] as const) {
      const { cookie } = await makeWorkspace(role);
      expect(await dashboard(cookie), role).not.toContain('data-testid="getting-started"');
    }
  });
});

/** Everything but the connection (already there). */
async function completeEverything2(workspaceId: string) {
  const customerId = await addCustomer(workspaceId, "Acme");
  const now = Date.now();
  await db().insert(schema.ninjaOrganizations).values({ workspaceId, ninjaOrgId: 1, name: "Acme", customerId, mappingSource: "confirmed", updatedAt: now });
  await db().insert(schema.syncRuns).values({ ...queuedRunRow(workspaceId, "manual", now, null), status: "succeeded", phase: "done", finishedAt: now });
  const contactId = newId();
  await db().insert(schema.contacts).values({ id: contactId, workspaceId, customerId, name: "Ann Lee", createdAt: now, updatedAt: now });
  await db()
    .insert(schema.assets)
    .values({ id: newId(), workspaceId, customerId, contactId, name: "ACME-PC-1", ninjaDeviceId: 101, category: "Workstation", status: "in_use", source: "ninjaone", createdAt: now, updatedAt: now });
  await db().insert(schema.replacementPolicies).values({ workspaceId, scope: "global", category: "Workstation", maxAgeMonths: 48, warningMonths: 42, updatedAt: now });
}
