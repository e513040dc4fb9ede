// Scheduled syncs (issue 7): the cron handler with a controlled clock.
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { nextSyncAt } from "@workers/domain/schedule";
import type { SyncMessage } from "@workers/sync/messages";
import { runScheduledSyncs, SCHEDULE_PAGE, setSyncFrequency } from "@workers/sync/scheduled";
import { db } from "./helpers";

const HOUR = 3_600_000;
// A fixed clock far from the other test files' Date.now(): 2030-01-01T00:00Z.
const T0 = Date.UTC(2030, 0, 1);

type Setup = {
  frequency?: "manual" | "hourly" | "daily" | "weekly";
  status?: "connected" | "not_connected" | "needs_reconnect";
  nextSyncAt?: number | null;
};

async function workspaceWithSchedule(setup: Setup = {}) {
  const workspaceId = newId();
  await db().insert(schema.workspaces).values({ id: workspaceId, name: "Sched MSP", createdAt: T0, updatedAt: T0 });
  await db()
    .insert(schema.integrations)
    .values({
      workspaceId,
      clientId: "cid",
      clientSecretEnc: "x",
      clientSecretLast4: "abcd",
      region: "us",
      status: setup.status ?? "connected",
      syncFrequency: setup.frequency ?? "hourly",
      nextSyncAt: setup.nextSyncAt === undefined ? T0 - 60_000 : setup.nextSyncAt,
      createdAt: T0,
      updatedAt: T0,
    });
  return workspaceId;
}

function recordingQueue() {
  const sent: SyncMessage[] = [];
  return {
    sent,
    queue: {
      async sendBatch(messages: Iterable<{ body: SyncMessage }>) {
        for (const m of messages) sent.push(m.body);
      },
    },
  };
}

const integration = (workspaceId: string) => db().query.integrations.findFirst({ where: eq(schema.integrations.workspaceId, workspaceId) });
const runsOf = (workspaceId: string) => db().select().from(schema.syncRuns).where(eq(schema.syncRuns.workspaceId, workspaceId));

describe("the scheduled sync cron", () => {
  it("starts a scheduled run for a due workspace and moves its next time forward", async () => {
    const ws = await workspaceWithSchedule({ frequency: "hourly" });
    const { sent, queue } = recordingQueue();
    await runScheduledSyncs({ db: db(), queue }, T0);
    const runs = await runsOf(ws);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "scheduled", status: "queued", phase: "organizations" });
    expect(sent).toContainEqual({ kind: "sync", runId: runs[0].id, workspaceId: ws, step: "organizations" });
    const after = await integration(ws);
    expect(after?.lastRunId).toBe(runs[0].id);
    expect(after?.scheduleNote).toBeNull();
    expect(after?.nextSyncAt).toBeGreaterThanOrEqual(T0 + HOUR / 2);
    expect(after?.nextSyncAt).toBeLessThanOrEqual(T0 + 2 * HOUR);
  });

  it("leaves a workspace that is not due alone", async () => {
    const ws = await workspaceWithSchedule({ nextSyncAt: T0 + 10 * 60_000 });
    const { queue } = recordingQueue();
    await runScheduledSyncs({ db: db(), queue }, T0);
    expect(await runsOf(ws)).toHaveLength(0);
    expect((await integration(ws))?.nextSyncAt).toBe(T0 + 10 * 60_000);
  });

  it("skips a workspace whose sync is already running, and says so", async () => {
    const ws = await workspaceWithSchedule();
    await db().insert(schema.syncRuns).values({ id: newId(), workspaceId: ws, trigger: "manual", status: "running", phase: "devices", createdAt: T0 - 60_000, updatedAt: T0 - 60_000 });
    const { sent, queue } = recordingQueue();
    await runScheduledSyncs({ db: db(), queue }, T0);
    expect(await runsOf(ws)).toHaveLength(1);
    expect(sent.filter((m) => m.workspaceId === ws)).toHaveLength(0);
    const after = await integration(ws);
    expect(after?.scheduleNote).toContain("a sync was already running");
    expect(after?.nextSyncAt).toBeGreaterThan(T0);
  });

  it("skips disconnected workspaces and says why on the card", async () => {
    const gone = await workspaceWithSchedule({ status: "not_connected" });
    const revoked = await workspaceWithSchedule({ status: "needs_reconnect" });
    const { queue } = recordingQueue();
    await runScheduledSyncs({ db: db(), queue }, T0);
    expect(await runsOf(gone)).toHaveLength(0);
    expect(await runsOf(revoked)).toHaveLength(0);
    expect((await integration(gone))?.scheduleNote).toContain("NinjaOne is not connected");
    expect((await integration(revoked))?.scheduleNote).toContain("needs to be reconnected");
    expect((await integration(revoked))?.nextSyncAt).toBeGreaterThan(T0);
  });

  it("never runs a workspace on Manual", async () => {
    const ws = await workspaceWithSchedule({ frequency: "manual" });
    const { queue } = recordingQueue();
    await runScheduledSyncs({ db: db(), queue }, T0);
    expect(await runsOf(ws)).toHaveLength(0);
    expect((await integration(ws))?.nextSyncAt).toBeNull();
  });

  it("catches up after a gap with one run, not a burst", async () => {
    const ws = await workspaceWithSchedule({ frequency: "hourly", nextSyncAt: T0 - 72 * HOUR });
    const { queue } = recordingQueue();
    await runScheduledSyncs({ db: db(), queue }, T0);
    await runScheduledSyncs({ db: db(), queue }, T0 + 60_000);
    await runScheduledSyncs({ db: db(), queue }, T0 + 5 * 60_000);
    expect(await runsOf(ws)).toHaveLength(1);
  });

  it("spreads daily syncs across the day and handles more due workspaces than one page", async () => {
    const ids: string[] = [];
    for (let k = 0; k < SCHEDULE_PAGE + 5; k++) ids.push(await workspaceWithSchedule({ frequency: "daily", nextSyncAt: T0 - 1000 - k }));
    const { sent, queue } = recordingQueue();
    const result = await runScheduledSyncs({ db: db(), queue }, T0);
    expect(result.pages).toBeGreaterThanOrEqual(2);
    expect(new Set(sent.map((m) => m.workspaceId))).toEqual(new Set(ids));
    const rows = await db().select().from(schema.integrations).where(inArray(schema.integrations.workspaceId, ids.slice(0, 50)));
    const minutesOfDay = new Set(rows.map((r) => ((r.nextSyncAt ?? 0) % (24 * HOUR)) / 60_000));
    expect(minutesOfDay.size).toBeGreaterThan(40); // 50 workspaces are not crammed into a few minutes
  });
});

describe("choosing a frequency", () => {
  it("stores the frequency and the next slot; Manual clears it", async () => {
    const ws = await workspaceWithSchedule({ frequency: "manual", nextSyncAt: null });
    const weekly = await setSyncFrequency(db(), ws, "weekly", T0);
    expect(weekly.nextSyncAt).toBe(nextSyncAt("weekly", ws, T0));
    expect((await integration(ws))?.nextSyncAt).toBe(weekly.nextSyncAt);
    await setSyncFrequency(db(), ws, "manual", T0);
    expect((await integration(ws))).toMatchObject({ syncFrequency: "manual", nextSyncAt: null });
  });
});
