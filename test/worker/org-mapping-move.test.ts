// Regression (found by the contacts e2e after asset_events gained actor/rule columns): mapping
// organizations whose devices are synced moves their assets and writes one "moved" line each.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { db, makeWorkspace, postForm } from "./helpers";
import { connectWorkspace, device, FakeNinja, syncHarness } from "./sync-fixtures";

describe("Save Mappings with synced devices", () => {
  it("maps six organizations to new customers and moves their assets with a history line each", async () => {
    const ws = await makeWorkspace("owner");
    await connectWorkspace(ws.workspaceId);
    const ninja = new FakeNinja(Array.from({ length: 12 }, (_, i) => device(i + 1, { org: (i % 6) + 1 })));
    ninja.orgs = Array.from({ length: 6 }, (_, i) => ({ id: i + 1, name: `Org ${i + 1}` }));
    await syncHarness(ninja).sync(ws.workspaceId);
    const fields: Record<string, string> = {};
    for (let i = 0; i < 6; i++) Object.assign(fields, { [`rows[${i}].org`]: String(i + 1), [`rows[${i}].initial`]: "", [`rows[${i}].customer`]: "__new__" });
    const res = await postForm("/settings/integrations/ninjaone/mappings", fields, ws.cookie);
    expect(res.status).toBe(302);
    const assets = await db().select().from(schema.assets).where(eq(schema.assets.workspaceId, ws.workspaceId));
    expect(assets.every((a) => a.customerId !== null)).toBe(true);
    const moved = (await db().select().from(schema.assetEvents).where(eq(schema.assetEvents.workspaceId, ws.workspaceId))).filter((e) => e.kind === "moved");
    expect(moved).toHaveLength(12);
  });
});
