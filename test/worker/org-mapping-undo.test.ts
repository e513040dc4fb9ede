// Undo of an organization mapping save (issue 16): the organizations get back the mapping they had
// and the devices the save moved go back to the customer they had, but never a device a person has
// since assigned by hand, nor one a later save moved; customers the save created are kept. Same
// checks as every Undo: the same user, workspace and permission (integrations:manage), once.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { addUser, db, makeWorkspace, postForm } from "./helpers";
import { addCustomer, assetsOf, connectWorkspace, device, eventsOf, FakeNinja, syncHarness } from "./sync-fixtures";

function toastOf(res: Response): { message: string; tone: string; undoId?: string } | null {
  const match = /core_toast=([^;]*)/.exec(res.headers.get("Set-Cookie") ?? "");
  if (!match || !match[1]) return null;
  const b64 = match[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
}

const orgsOf = async (workspaceId: string) =>
  new Map(
    (await db().select().from(schema.ninjaOrganizations).where(eq(schema.ninjaOrganizations.workspaceId, workspaceId))).map((o) => [
      o.ninjaOrgId,
      { customerId: o.customerId, mappingSource: o.mappingSource },
    ]),
  );
const byDevice = async (workspaceId: string) =>
  new Map((await assetsOf(workspaceId)).map((a) => [a.ninjaDeviceId, { id: a.id, customerId: a.customerId, customerSource: a.customerSource }]));

/** Org 1 "Alpha Corp" is auto-matched to Alpha (devices 1-3), org 2 "Gamma" unmatched (devices 4-5), org 3 "Zeta" unmatched (device 6). */
async function setUp(role: "owner" | "admin" = "owner") {
  const ws = await makeWorkspace(role);
  await connectWorkspace(ws.workspaceId);
  const alpha = await addCustomer(ws.workspaceId, "Alpha Corp");
  const beta = await addCustomer(ws.workspaceId, "Beta Ltd");
  const ninja = new FakeNinja([device(1, { org: 1 }), device(2, { org: 1 }), device(3, { org: 1 }), device(4, { org: 2 }), device(5, { org: 2 }), device(6, { org: 3 })]);
  ninja.orgs = [
    { id: 1, name: "Alpha Corp" },
    { id: 2, name: "Gamma" },
    { id: 3, name: "Zeta" },
  ];
  await syncHarness(ninja).sync(ws.workspaceId);
  const before = await byDevice(ws.workspaceId);
  // A person put device 5 (org 2, unmatched) under Beta by hand.
  await db()
    .update(schema.assets)
    .set({ customerId: beta, customerSource: "person" })
    .where(eq(schema.assets.id, before.get(5)!.id));
  return { ...ws, alpha, beta };
}

/** Org 1 moves from Alpha to Beta, org 2 gets a new customer "Gamma"; org 3 is left alone. */
async function save(cookie: string, alpha: string, beta: string) {
  const res = await postForm(
    "/settings/integrations/ninjaone/mappings",
    {
      "rows[0].org": "1",
      "rows[0].initial": alpha,
      "rows[0].customer": beta,
      "rows[1].org": "2",
      "rows[1].initial": "",
      "rows[1].customer": "__new__",
    },
    cookie,
  );
  expect(res.status).toBe(302);
  return res;
}

describe("Undo of a mapping save", () => {
  it("restores the mappings and moves back exactly the devices the save moved; keeps created customers and later hand assignments", async () => {
    const { cookie, workspaceId, alpha, beta } = await setUp();
    expect((await orgsOf(workspaceId)).get(1)).toEqual({ customerId: alpha, mappingSource: "auto" });
    const before = await byDevice(workspaceId);
    expect(before.get(1)).toMatchObject({ customerId: alpha, customerSource: "sync" });

    const saved = await save(cookie, alpha, beta);
    const toast = toastOf(saved);
    expect(toast?.message).toMatch(/Mappings saved: .*Undo keeps the new customers\./);
    expect(toast?.undoId).toBeTruthy();
    const gamma = (await db().select().from(schema.customers).where(and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.name, "Gamma"))))[0]!;
    const after = await byDevice(workspaceId);
    expect(after.get(1)).toMatchObject({ customerId: beta, customerSource: "sync" });
    expect(after.get(5)).toMatchObject({ customerId: gamma.id, customerSource: "sync" });

    // Since the save: a person assigns device 2 by hand (to the customer it already has).
    await db().update(schema.assets).set({ customerSource: "person" }).where(eq(schema.assets.id, after.get(2)!.id));

    const undone = await postForm("/undo", { undoId: toast!.undoId!, back: "/settings/integrations/ninjaone/mappings" }, cookie);
    expect(undone.headers.get("Location")).toBe("/settings/integrations/ninjaone/mappings");
    expect(toastOf(undone)?.message).toBe(
      "Mapping save undone: 2 organizations got back the mapping they had and 4 devices moved back. The 1 customer it created is kept.",
    );

    const orgs = await orgsOf(workspaceId);
    expect(orgs.get(1)).toEqual({ customerId: alpha, mappingSource: "auto" });
    expect(orgs.get(2)).toEqual({ customerId: null, mappingSource: null });
    expect(orgs.get(3)).toEqual({ customerId: null, mappingSource: null });
    const restored = await byDevice(workspaceId);
    expect(restored.get(1)).toMatchObject({ customerId: alpha, customerSource: "sync" });
    expect(restored.get(2)).toMatchObject({ customerId: beta, customerSource: "person" }); // assigned by hand since: kept
    expect(restored.get(3)).toMatchObject({ customerId: alpha, customerSource: "sync" });
    expect(restored.get(4)).toMatchObject({ customerId: null });
    expect(restored.get(5)).toMatchObject({ customerId: beta, customerSource: "person" }); // the hand assignment the save overrode is back
    expect(restored.get(6)).toEqual(before.get(6));
    expect((await db().select().from(schema.customers).where(eq(schema.customers.id, gamma.id)))[0]?.name).toBe("Gamma");
    const backEvents = (await eventsOf(workspaceId)).filter((e) => e.kind === "moved" && e.rule === "undo");
    expect(backEvents).toHaveLength(4);
    expect(backEvents.map((e) => e.summary)).toContain("Moved back from Beta Ltd to Alpha Corp: the mapping save that moved it was undone");

    // A second Undo changes nothing.
    const again = await postForm("/undo", { undoId: toast!.undoId! }, cookie);
    expect(toastOf(again)).toMatchObject({ tone: "info", message: "That was already undone." });
    expect(await byDevice(workspaceId)).toEqual(restored);
    expect(await orgsOf(workspaceId)).toEqual(orgs);
  });

  it("never moves back a device or organization a later save changed", async () => {
    const { cookie, workspaceId, alpha, beta } = await setUp();
    const first = toastOf(await save(cookie, alpha, beta))!.undoId!;
    // A later save maps org 1 to Alpha again (confirmed): its devices go back to Alpha.
    const later = await postForm(
      "/settings/integrations/ninjaone/mappings",
      { "rows[0].org": "1", "rows[0].initial": beta, "rows[0].customer": alpha },
      cookie,
    );
    expect(later.status).toBe(302);
    const beforeUndo = await byDevice(workspaceId);
    const undone = await postForm("/undo", { undoId: first }, cookie);
    expect(toastOf(undone)?.message).toMatch(/^Mapping save undone: 1 organization got back the mapping it had and 2 devices moved back\./);
    const orgs = await orgsOf(workspaceId);
    expect(orgs.get(1)).toEqual({ customerId: alpha, mappingSource: "confirmed" }); // the later save stands
    expect(orgs.get(2)).toEqual({ customerId: null, mappingSource: null });
    const now = await byDevice(workspaceId);
    for (const d of [1, 2, 3]) expect(now.get(d)).toEqual(beforeUndo.get(d));
  });

  it("undoes Confirm all auto-matches from the quick panel: the organization is Auto-matched again, no device moves", async () => {
    const { cookie, workspaceId, alpha } = await setUp();
    const devices = await byDevice(workspaceId);
    const res = await postForm("/settings/integrations/ninjaone/map", { confirmAllAuto: "1" }, cookie);
    expect(res.status).toBe(302);
    const toast = toastOf(res)!;
    expect(toast.message).toBe("Mappings saved: 1 auto-match confirmed.");
    expect((await orgsOf(workspaceId)).get(1)).toEqual({ customerId: alpha, mappingSource: "confirmed" });
    const undone = await postForm("/undo", { undoId: toast.undoId! }, cookie);
    expect(toastOf(undone)?.message).toBe("Mapping save undone: 1 organization got back the mapping it had.");
    expect((await orgsOf(workspaceId)).get(1)).toEqual({ customerId: alpha, mappingSource: "auto" });
    expect(await byDevice(workspaceId)).toEqual(devices);
  });

  it("is refused to a colleague, another workspace and a role without integrations:manage", async () => {
    const { cookie, workspaceId, userId, alpha, beta } = await setUp("admin");
    const undoId = toastOf(await save(cookie, alpha, beta))!.undoId!;
    const saved = await byDevice(workspaceId);
    const savedOrgs = await orgsOf(workspaceId);

    const colleague = await addUser(workspaceId, "admin");
    expect(toastOf(await postForm("/undo", { undoId }, colleague.cookie))).toMatchObject({ tone: "error", message: "There is nothing to undo." });
    const stranger = await makeWorkspace("owner");
    expect(toastOf(await postForm("/undo", { undoId }, stranger.cookie))).toMatchObject({ tone: "error" });
    await db().update(schema.users).set({ role: "manager" }).where(eq(schema.users.id, userId));
    expect(toastOf(await postForm("/undo", { undoId }, cookie))?.message).toMatch(/no longer allows/);
    expect(await byDevice(workspaceId)).toEqual(saved);
    expect(await orgsOf(workspaceId)).toEqual(savedOrgs);

    // Back to admin: it still works (nothing above used it up).
    await db().update(schema.users).set({ role: "admin" }).where(eq(schema.users.id, userId));
    expect(toastOf(await postForm("/undo", { undoId }, cookie))?.message).toMatch(/^Mapping save undone/);
    expect((await orgsOf(workspaceId)).get(1)).toEqual({ customerId: alpha, mappingSource: "auto" });
  });
});
