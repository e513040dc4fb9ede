// Scheduled sync (issue 7): the cron handler with a controlled clock, against the real D1.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { newId } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { afterRun, nextSyncAt, SCHEDULE_NOTES, type SyncFrequency } from "@workers/domain/schedule";
import type { SyncMessage } from "@workers/sync/messages";
import { STALE_RUN_MS } from "@workers/sync/runs";
import { runScheduledSyncs, SEND_BATCH_MAX, type ScheduledSyncQueue } from "@workers/sync/scheduler";
import { saveSyncSchedule } from "@workers/sync/sync-schedule";
import worker from "../../workers/app";
import { db } from "./helpers";
import { device, FakeNinja, finishedRun, syncHarness } from "./sync-fixtures";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// A controlled clock: Monday 7 January 2030, 09:00 UTC.
const T0 = Date.UTC(2030, 0, 7, 9, 0, 0);

type Status = "not_connected" | "connected" | "needs_reconnect";

/** An integration row as the schedule leaves it: frequency, next slot, connection status. */
async function addIntegration(opts: { frequency?: SyncFrequency; nextSyncAt?: number | null; status?: Status; workspaceId?: string } = {}) {
  const workspaceId = opts.workspaceId ?? newId();
  await db().insert(schema.integrations).values(integrationRow(workspaceId, opts));
  return workspaceId;
}

function integrationRow(workspaceId: string, opts: { frequency?: SyncFrequency; nextSyncAt?: number | null; status?: Status }) {
  return {
    workspaceId,
    clientId: "client-id",
    clientSecretEnc: "not-used-by-these-tests",
    clientSecretLast4: "abcd",
    region: "us" as const,
    status: opts.status ?? "connected",
    syncFrequency: opts.frequency ?? "hourly",
    nextSyncAt: opts.nextSyncAt === undefined ? T0 - MINUTE : opts.nextSyncAt,
    createdAt: T0 - DAY,
    updatedAt: T0 - DAY,
  };
}

/** Many connected workspaces due at once, inserted in batches. */
async function addManyDue(count: number, frequency: SyncFrequency = "hourly", idPrefix?: string) {
  const ids = Array.from({ length: count }, (_, i) => (idPrefix ? `${idPrefix}-${i}` : newId()));
  for (let i = 0; i < ids.length; i += 50) {
    const part = ids.slice(i, i + 50).map((id, j) =>
      db()
        .insert(schema.integrations)
        .values(integrationRow(id, { frequency, nextSyncAt: T0 - (i + j) * 1000 })),
    );
    const [first, ...rest] = part;
    await db().batch([first, ...rest]);
  }
  return ids;
}

/** Records what the cron sends, and checks every sendBatch respects Queues' 100-message limit. */
function recordingQueue(opts: { failAfterBatches?: number } = {}) {
  const batches: SyncMessage[][] = [];
  const queue: ScheduledSyncQueue & { batches: SyncMessage[][]; messages: () => SyncMessage[] } = {
    batches,
    messages: () => batches.flat(),
    async sendBatch(messages) {
      if (opts.failAfterBatches !== undefined && batches.length >= opts.failAfterBatches) throw new Error("Queue unavailable");
      const bodies = [...messages].map((m) => m.body);
      expect(bodies.length).toBeGreaterThan(0);
      expect(bodies.length).toBeLessThanOrEqual(SEND_BATCH_MAX);
      batches.push(bodies);
    },
  };
  return queue;
}

async function integrationOf(workspaceId: string) {
  const row = await db().query.integrations.findFirst({ where: eq(schema.integrations.workspaceId, workspaceId) });
  if (!row) throw new Error("integration not found");
  return row;
}

async function runsOf(workspaceId: string) {
  return db().select().from(schema.syncRuns).where(eq(schema.syncRuns.workspaceId, workspaceId)).orderBy(schema.syncRuns.createdAt);
}

async function addActiveRun(workspaceId: string, updatedAt: number) {
  const id = newId();
  await db()
    .insert(schema.syncRuns)
    .values({ id, workspaceId, trigger: "manual", status: "running", phase: "devices", createdAt: updatedAt, updatedAt });
  return id;
}

// Worker tests share one database per file: every test starts from no integrations, so the cron sees only its own.
beforeEach(async () => {
  await db().delete(schema.integrations);
});

describe("the cron starts a scheduled sync", () => {
  it("due: a connected Hourly workspace gets one queued run (trigger scheduled) and its next slot", async () => {
    const ws = await addIntegration({ frequency: "hourly", nextSyncAt: T0 - MINUTE });
    const queue = recordingQueue();

    const report = await runScheduledSyncs({ db: db(), queue, now: T0 });

    expect(report).toMatchObject({ due: 1, started: 1, skippedRunning: 0, skippedDisconnected: 0 });
    const [run] = await runsOf(ws);
    expect(run).toMatchObject({ trigger: "scheduled", status: "queued", phase: "organizations" });
    expect(queue.messages()).toEqual([{ kind: "sync", runId: run.id, workspaceId: ws, step: "organizations" }]);
    const row = await integrationOf(ws);
    expect(row.lastRunId).toBe(run.id);
    expect(row.scheduleNote).toBeNull();
    expect(row.nextSyncAt).toBe(afterRun("hourly", ws, T0));
    expect(row.nextSyncAt).toBeGreaterThan(T0);
  });

  it("not due: a slot later than now starts nothing and stays as it was", async () => {
    const later = T0 + 10 * MINUTE;
    const ws = await addIntegration({ frequency: "daily", nextSyncAt: later });
    const queue = recordingQueue();

    const report = await runScheduledSyncs({ db: db(), queue, now: T0 });

    expect(report.due).toBe(0);
    expect(queue.batches).toEqual([]);
    expect(await runsOf(ws)).toEqual([]);
    expect((await integrationOf(ws)).nextSyncAt).toBe(later);
  });

  it("a sync already running: no second run, the card says why, the slot moves on", async () => {
    const ws = await addIntegration({ nextSyncAt: T0 - MINUTE });
    const active = await addActiveRun(ws, T0 - 2 * MINUTE);
    const idle = await addIntegration({ nextSyncAt: T0 - 2 * MINUTE }); // same page, nothing running: not blocked
    const queue = recordingQueue();

    const report = await runScheduledSyncs({ db: db(), queue, now: T0 });

    expect(report).toMatchObject({ started: 1, skippedRunning: 1 });
    expect(queue.messages().map((m) => m.workspaceId)).toEqual([idle]);
    expect((await runsOf(ws)).map((r) => r.id)).toEqual([active]);
    const row = await integrationOf(ws);
    expect(row.scheduleNote).toBe("Skipped: a sync was already running");
    expect(row.nextSyncAt).toBe(afterRun("hourly", ws, T0));
  });

  it("a run stalled for over an hour does not block the schedule: it is failed and a new one starts", async () => {
    const ws = await addIntegration({ nextSyncAt: T0 - MINUTE });
    const stalled = await addActiveRun(ws, T0 - STALE_RUN_MS - MINUTE);
    const queue = recordingQueue();

    await runScheduledSyncs({ db: db(), queue, now: T0 });

    const runs = await runsOf(ws);
    expect(runs.find((r) => r.id === stalled)).toMatchObject({ status: "failed", failureReason: "Stopped: no progress for over an hour." });
    expect(runs.filter((r) => r.status === "queued")).toHaveLength(1);
    expect(queue.messages()).toHaveLength(1);
  });

  it.each([
    ["needs_reconnect", "Skipped: NinjaOne needs reconnecting"],
    ["not_connected", "Skipped: NinjaOne is not connected"],
  ] as const)("without a working connection (%s): no run, the note says why, and the next tick does not retry", async (status, note) => {
    const ws = await addIntegration({ status, nextSyncAt: T0 - MINUTE });
    const queue = recordingQueue();

    const report = await runScheduledSyncs({ db: db(), queue, now: T0 });

    expect(report).toMatchObject({ started: 0, skippedDisconnected: 1 });
    expect(await runsOf(ws)).toEqual([]);
    const row = await integrationOf(ws);
    expect(row.scheduleNote).toBe(note);
    expect(row.nextSyncAt).toBe(afterRun("hourly", ws, T0)); // advanced: it does not spin on every tick
    expect((await runScheduledSyncs({ db: db(), queue, now: T0 + 5 * MINUTE })).due).toBe(0);
    expect(queue.batches).toEqual([]);
  });

  it("Manual never syncs: a stale time left on a Manual workspace is cleared, not run", async () => {
    const ws = await addIntegration({ frequency: "manual", nextSyncAt: T0 - HOUR });
    const queue = recordingQueue();

    const report = await runScheduledSyncs({ db: db(), queue, now: T0 });

    expect(report).toMatchObject({ due: 1, started: 0, unscheduled: 1 });
    expect(await runsOf(ws)).toEqual([]);
    expect((await integrationOf(ws)).nextSyncAt).toBeNull();
    expect((await runScheduledSyncs({ db: db(), queue, now: T0 + DAY })).due).toBe(0);
  });

  it("catch-up after a gap: a cron down for 6 hours starts one run, and the next slot is in the future", async () => {
    const ws = await addIntegration({ frequency: "hourly", nextSyncAt: T0 - 6 * HOUR });
    const queue = recordingQueue();

    await runScheduledSyncs({ db: db(), queue, now: T0 });
    const next = (await integrationOf(ws)).nextSyncAt ?? 0;
    // The following ticks (every 5 minutes) until that slot start nothing more.
    for (let tick = T0 + 5 * MINUTE; tick < next; tick += 5 * MINUTE) await runScheduledSyncs({ db: db(), queue, now: tick });

    expect(await runsOf(ws)).toHaveLength(1);
    expect(queue.messages()).toHaveLength(1);
    expect(next).toBeGreaterThanOrEqual(T0 + 30 * MINUTE); // not a burst: at least half a period later
    expect(next).toBeLessThanOrEqual(T0 + 90 * MINUTE);
  });

  it("a daily workspace missed for three days runs once, then tomorrow on its own minute", async () => {
    const ws = newId();
    const slot = nextSyncAt("daily", ws, T0 - 4 * DAY) ?? 0;
    await addIntegration({ workspaceId: ws, frequency: "daily", nextSyncAt: slot });
    const queue = recordingQueue();

    await runScheduledSyncs({ db: db(), queue, now: T0 });
    await runScheduledSyncs({ db: db(), queue, now: T0 + 5 * MINUTE });

    expect(await runsOf(ws)).toHaveLength(1);
    const next = (await integrationOf(ws)).nextSyncAt ?? 0;
    expect(next).toBeGreaterThan(T0);
    expect((next - slot) % DAY).toBe(0);
  });

  it("the queue refusing the batch fails the new runs with the reason instead of leaving them queued forever", async () => {
    const ws = await addIntegration({ nextSyncAt: T0 - MINUTE });
    const queue = recordingQueue({ failAfterBatches: 0 });

    await expect(runScheduledSyncs({ db: db(), queue, now: T0 })).rejects.toThrow("Queue unavailable");

    const [run] = await runsOf(ws);
    expect(run).toMatchObject({ status: "failed", trigger: "scheduled", failureReason: "Could not queue the scheduled sync." });
    expect((await integrationOf(ws)).scheduleNote).toBe(SCHEDULE_NOTES.queueFailed);
  });
});

describe("spreading: daily and weekly workspaces do not all fire in the same minute", () => {
  it.each(["daily", "weekly"] as const)("%s: 200 workspaces choosing it at the same moment get slots across the window", async (frequency) => {
    const ids = await addManyDue(200, "manual", `spread-${frequency}`); // fixed ids: the spread is the same on every run
    for (const id of ids) await saveSyncSchedule(db(), id, { frequency }, T0);
    const rows = await db().select({ nextSyncAt: schema.integrations.nextSyncAt }).from(schema.integrations); // only these 200 exist
    const times = rows.map((r) => r.nextSyncAt ?? 0);
    const window = frequency === "daily" ? DAY : 7 * DAY;
    expect(times.every((t) => t > T0 && t <= T0 + window)).toBe(true);
    expect(new Set(times).size).toBeGreaterThan(150);
    // Across the window's 24 hours (daily) or 7 days (weekly), no bucket holds more than a fifth of them.
    const buckets = frequency === "daily" ? 24 : 7;
    const counts = new Array<number>(buckets).fill(0);
    for (const t of times) counts[Math.floor(((t - T0 - 1) / window) * buckets)]++;
    expect(counts.filter((c) => c > 0).length).toBeGreaterThanOrEqual(buckets - 1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(40);

    // The cron an hour later starts only the workspaces whose slot has come.
    const queue = recordingQueue();
    const report = await runScheduledSyncs({ db: db(), queue, now: T0 + HOUR });
    const dueInFirstHour = times.filter((t) => t <= T0 + HOUR).length;
    expect(report.started).toBe(dueInFirstHour);
    expect(report.started).toBeLessThan(frequency === "daily" ? 40 : 10);
  });
});

describe("paging: one invocation handles many workspaces within bounds", () => {
  it("450 due workspaces with pages of 200: all get one run, in 3 pages, messages sent 100 at a time", async () => {
    const ids = await addManyDue(450);
    const queue = recordingQueue();

    const report = await runScheduledSyncs({ db: db(), queue, now: T0, pageSize: 200, maxWorkspaces: 1000 });

    expect(report).toMatchObject({ due: 450, pages: 3, started: 450, capped: false });
    const messages = queue.messages();
    expect(messages).toHaveLength(450);
    expect(new Set(messages.map((m) => m.workspaceId))).toEqual(new Set(ids));
    expect(queue.batches.every((b) => b.length <= SEND_BATCH_MAX)).toBe(true);
    const [{ runs }] = await db()
      .select({ runs: sql<number>`count(*)` })
      .from(schema.syncRuns)
      .where(and(inArray(schema.syncRuns.workspaceId, ids.slice(0, 90)), eq(schema.syncRuns.trigger, "scheduled")));
    expect(runs).toBe(90);
    expect((await runScheduledSyncs({ db: db(), queue, now: T0 + 5 * MINUTE })).due).toBe(0);
  });

  it("a cap per invocation: 450 due with a cap of 300 start 300 (oldest slots first); the next tick takes the rest", async () => {
    const ids = await addManyDue(450); // ids[i] is due at T0 - i seconds: the last ones are the oldest
    const queue = recordingQueue();

    const first = await runScheduledSyncs({ db: db(), queue, now: T0, pageSize: 200, maxWorkspaces: 300 });
    expect(first).toMatchObject({ due: 300, started: 300, capped: true });
    expect(new Set(queue.messages().map((m) => m.workspaceId))).toEqual(new Set(ids.slice(150)));

    const second = await runScheduledSyncs({ db: db(), queue, now: T0 + 5 * MINUTE, pageSize: 200, maxWorkspaces: 300 });
    expect(second).toMatchObject({ due: 150, started: 150, capped: false });
    expect(new Set(queue.messages().map((m) => m.workspaceId))).toEqual(new Set(ids));
  });
});

describe("through the Worker's scheduled handler and the sync pipeline", () => {
  it("the cron trigger (createScheduledController at a controlled time) starts a scheduled run", async () => {
    const ws = await addIntegration({ nextSyncAt: T0 - MINUTE });
    const notDue = await addIntegration({ nextSyncAt: T0 + HOUR });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: T0, cron: "*/5 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    const runs = await runsOf(ws);
    expect(runs).toHaveLength(1);
    expect(runs[0].trigger).toBe("scheduled");
    expect((await integrationOf(ws)).lastRunId).toBe(runs[0].id);
    expect((await integrationOf(ws)).nextSyncAt).toBe(afterRun("hourly", ws, T0));
    expect(await runsOf(notDue)).toEqual([]);
  });

  it("a scheduled run goes through the same consumer as a manual one and finishes", async () => {
    const ws = await addIntegration({ nextSyncAt: T0 - MINUTE });
    const queue = recordingQueue();
    await runScheduledSyncs({ db: db(), queue, now: T0 });
    const [message] = queue.messages();

    const h = syncHarness(new FakeNinja([device(1), device(2)]));
    await h.deliver(message);
    await h.drain();

    expect(await finishedRun(ws, message.runId)).toMatchObject({ status: "succeeded", trigger: "scheduled", devicesFound: 2, assetsCreated: 2 });
  });
});
