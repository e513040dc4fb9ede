// The audit log covers the features that came with it: bulk assignments and replacement-policy
// saves land in the log in the same transaction as the change; a refused change leaves no event.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { addApiKey, addAssets, addContact, addCustomer, api, ninjaAssetRow } from "./asset-fixtures";
import { db, makeWorkspace } from "./helpers";

const auditOf = (workspaceId: string, kind: string) =>
  db()
    .select()
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.workspaceId, workspaceId), eq(schema.auditEvents.kind, kind)));

describe("audit events of bulk assignments and replacement policies", () => {
  it("a bulk assignment over the API is one event naming the key and the count; a refused one writes none", async () => {
    const ws = await makeWorkspace("owner");
    const acme = await addCustomer(ws.workspaceId, "Acme");
    const ada = await addContact(ws.workspaceId, acme, "Ada Lovelace");
    const devices = await addAssets([1, 2].map((i) => ninjaAssetRow(ws.workspaceId, { name: `ACME-PC-${i}`, customerId: acme })));
    const key = await addApiKey(ws.workspaceId, "technician");

    const refused = await api("/assets/contact-assignments", key, {
      method: "POST",
      json: { assignments: [{ assetId: devices[0], contactId: ada }, { assetId: "no-such-asset", contactId: ada }] },
    });
    expect(refused.status).toBe(422);
    expect(await auditOf(ws.workspaceId, "assignment.bulk")).toHaveLength(0);

    const res = await api("/assets/contact-assignments", key, {
      method: "POST",
      json: { assignments: devices.map((assetId) => ({ assetId, contactId: ada })) },
    });
    expect(res.status).toBe(200);
    const events = await auditOf(ws.workspaceId, "assignment.bulk");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "api_key", actorLabel: "technician key" });
    expect(events[0].summary).toContain("Assigned 2 devices");
  });

  it("a replacement-policy save is recorded with a link to the policies; an unchanged save is not", async () => {
    const ws = await makeWorkspace("owner");
    const key = await addApiKey(ws.workspaceId, "admin");
    const body = { policies: [{ category: "Workstation", maxAgeMonths: 36, warningMonths: 30 }] };
    expect((await api("/replacement-policies", key, { method: "PUT", json: body })).status).toBe(200);
    expect((await api("/replacement-policies", key, { method: "PUT", json: body })).status).toBe(200);
    const events = await auditOf(ws.workspaceId, "policy.saved");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "api_key", link: "/settings/integrations/ninjaone/replacement-policies" });
    expect(events[0].summary).toContain("Workstation");
  });
});
