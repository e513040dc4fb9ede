// The Device Sync card's frequency selector (issue 7): saving a frequency, the next scheduled time
// on the page in the user's time zone, why a slot was skipped, and the test-only clock.
import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { nextSyncAt } from "@workers/domain/schedule";
import { clockOffsetMs, handleTestClock, TEST_CLOCK_KEY, workerClock } from "@workers/test-clock";
import { formatDateTime } from "~/components/ui";
import { addUser, appFetch, db, makeWorkspace, postForm } from "./helpers";
import { connectWorkspace } from "./sync-fixtures";

const PAGE = "/settings/integrations/ninjaone";

async function integrationOf(workspaceId: string) {
  return db().query.integrations.findFirst({ where: eq(schema.integrations.workspaceId, workspaceId) });
}

async function connectedOwner(timeZone = "UTC") {
  const owner = await makeWorkspace("owner");
  await connectWorkspace(owner.workspaceId);
  await db().update(schema.users).set({ timeZone }).where(eq(schema.users.id, owner.userId));
  return owner;
}

const pageHtml = async (cookie: string) => {
  const res = await appFetch(PAGE, { cookie });
  expect(res.status).toBe(200);
  return (await res.text()).replaceAll("<!-- -->", ""); // React's separators between adjacent text nodes
};

describe("choosing a sync frequency", () => {
  it("Hourly: saved with the workspace's next slot, shown under the selector in the user's time zone, zone named", async () => {
    const { workspaceId, cookie } = await connectedOwner("America/New_York");
    const before = Date.now();
    const res = await postForm(PAGE, { intent: "schedule", frequency: "hourly" }, cookie);
    const after = Date.now();
    expect(res.status).toBe(200);
    // Without JavaScript the POST answers with the page itself, already showing the new time.
    expect((await res.text()).replaceAll("<!-- -->", "")).toContain("Next scheduled sync:");

    const row = await integrationOf(workspaceId);
    expect(row?.syncFrequency).toBe("hourly");
    expect([nextSyncAt("hourly", workspaceId, before), nextSyncAt("hourly", workspaceId, after)]).toContain(row?.nextSyncAt);
    const html = await pageHtml(cookie);
    expect(html).toContain("Next scheduled sync:");
    expect(html).toContain(`${formatDateTime(row?.nextSyncAt, "America/New_York")}</time> (America/New_York)`);
    expect(html).toContain("The schedule applies to organization, contact and device syncing.");
  });

  it("the time changes as soon as the frequency does; Manual clears it", async () => {
    const { workspaceId, cookie } = await connectedOwner();
    // Each save stores the workspace's own next slot for the new frequency. (A weekly slot may
    // coincide with the next daily one, so compare with the domain rule, not with each other.)
    const t0 = Date.now();
    await postForm(PAGE, { intent: "schedule", frequency: "daily" }, cookie);
    const t1 = Date.now();
    const daily = (await integrationOf(workspaceId))?.nextSyncAt;
    expect([nextSyncAt("daily", workspaceId, t0), nextSyncAt("daily", workspaceId, t1)]).toContain(daily);
    await postForm(PAGE, { intent: "schedule", frequency: "weekly" }, cookie);
    const t2 = Date.now();
    const weekly = (await integrationOf(workspaceId))?.nextSyncAt;
    expect([nextSyncAt("weekly", workspaceId, t1), nextSyncAt("weekly", workspaceId, t2)]).toContain(weekly);

    await postForm(PAGE, { intent: "schedule", frequency: "manual" }, cookie);
    expect(await integrationOf(workspaceId)).toMatchObject({ syncFrequency: "manual", nextSyncAt: null });
    expect(await pageHtml(cookie)).toContain("No automatic syncs: click Sync Devices whenever you want one.");
  });

  it("saving the frequency it already has keeps a slot that is due, and clears nothing else", async () => {
    const { workspaceId, cookie } = await connectedOwner();
    const due = Date.now() - 60_000;
    await db().update(schema.integrations).set({ syncFrequency: "hourly", nextSyncAt: due }).where(eq(schema.integrations.workspaceId, workspaceId));
    await postForm(PAGE, { intent: "schedule", frequency: "hourly" }, cookie);
    expect((await integrationOf(workspaceId))?.nextSyncAt).toBe(due);
  });

  it("an unknown frequency is refused beside the field and changes nothing", async () => {
    const { workspaceId, cookie } = await connectedOwner();
    const res = await postForm(PAGE, { intent: "schedule", frequency: "every-minute" }, cookie);
    expect(res.status).toBe(400);
    expect(await integrationOf(workspaceId)).toMatchObject({ syncFrequency: "manual", nextSyncAt: null });
  });

  it("without an integration there is nothing to schedule: refused, no row written", async () => {
    const { workspaceId, cookie } = await makeWorkspace("owner");
    const res = await postForm(PAGE, { intent: "schedule", frequency: "hourly" }, cookie);
    expect(res.status).toBe(409);
    expect(await integrationOf(workspaceId)).toBeUndefined();
    expect(await pageHtml(cookie)).not.toContain("Sync frequency"); // the Device Sync card appears once the integration is added
  });

  it.each(["observer", "technician", "manager"] as const)("the role %s may not change the schedule", async (role) => {
    const owner = await connectedOwner();
    const { cookie } = await addUser(owner.workspaceId, role);
    expect((await postForm(PAGE, { intent: "schedule", frequency: "hourly" }, cookie)).status).toBe(403);
    expect((await integrationOf(owner.workspaceId))?.syncFrequency).toBe("manual");
  });

  it("only the signed-in workspace's schedule changes", async () => {
    const a = await connectedOwner();
    const b = await connectedOwner();
    await postForm(PAGE, { intent: "schedule", frequency: "weekly" }, a.cookie);
    expect((await integrationOf(a.workspaceId))?.syncFrequency).toBe("weekly");
    expect((await integrationOf(b.workspaceId))?.syncFrequency).toBe("manual");
  });
});

describe("what the card says about the schedule", () => {
  it("a skipped slot says why", async () => {
    const { workspaceId, cookie } = await connectedOwner();
    await db()
      .update(schema.integrations)
      .set({ syncFrequency: "daily", nextSyncAt: Date.now() + 3_600_000, scheduleNote: "Skipped: NinjaOne needs reconnecting" })
      .where(eq(schema.integrations.workspaceId, workspaceId));
    expect(await pageHtml(cookie)).toContain("Last scheduled sync: Skipped: NinjaOne needs reconnecting");
  });

  it("a schedule without a working connection warns that slots will be skipped", async () => {
    const { workspaceId, cookie } = await connectedOwner();
    await db()
      .update(schema.integrations)
      .set({ status: "needs_reconnect", syncFrequency: "hourly", nextSyncAt: Date.now() + 600_000 })
      .where(eq(schema.integrations.workspaceId, workspaceId));
    expect(await pageHtml(cookie)).toContain("scheduled syncs are skipped until it is");
  });

  it("the sync history marks scheduled and manual runs", async () => {
    const { workspaceId, cookie } = await connectedOwner();
    const now = Date.now();
    for (const [i, trigger] of (["manual", "scheduled"] as const).entries()) {
      await db()
        .insert(schema.syncRuns)
        .values({ id: newId(), workspaceId, trigger, status: "succeeded", phase: "done", createdAt: now + i, updatedAt: now + i, finishedAt: now + i });
    }
    const html = await (await appFetch(`${PAGE}/history`, { cookie })).text();
    const history = html.slice(html.indexOf('data-testid="sync-history"'));
    expect(history).toMatch(/data-testid="run-trigger"><span[^>]*>Scheduled<\/span>/);
    expect(history).toMatch(/data-testid="run-trigger"><span[^>]*>Manual<\/span>/);
  });
});

describe("the test-only clock", () => {
  it("is off unless TEST_CLOCK=on: /__test/clock is not routed and the offset is ignored", async () => {
    await env.KV.put(TEST_CLOCK_KEY, String(3_600_000));
    const res = await SELF.fetch("http://localhost/__test/clock", { method: "POST", body: JSON.stringify({ offsetMs: 5 }) });
    expect(res.status).toBe(404);
    expect(await env.KV.get(TEST_CLOCK_KEY)).toBe("3600000");
    expect(await clockOffsetMs(env)).toBe(0);
    await env.KV.delete(TEST_CLOCK_KEY);
  });

  it("with TEST_CLOCK=on, POST /__test/clock moves every clock by the offset; bad bodies are refused", async () => {
    const on = { TEST_CLOCK: "on", KV: env.KV };
    const post = (body: unknown) =>
      handleTestClock(new Request("http://localhost/__test/clock", { method: "POST", body: JSON.stringify(body) }), on);
    expect((await post({ offsetMs: "soon" }))?.status).toBe(400);
    expect((await post({ offsetMs: 7_200_000 }))?.status).toBe(200);
    expect(await clockOffsetMs(on)).toBe(7_200_000);
    const now = await workerClock(on);
    expect(now() - Date.now()).toBeGreaterThanOrEqual(7_200_000 - 1000);
    expect(await handleTestClock(new Request("http://localhost/settings"), on)).toBeNull();
    await env.KV.delete(TEST_CLOCK_KEY);
  });
});
