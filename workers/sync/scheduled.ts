// The cron side of scheduled syncs (issue 7). Each tick selects workspaces whose next_sync_at has
// passed (indexed: integrations_due_idx), a page at a time, and for each page: starts the runs it
// can in one db.batch, enqueues their first messages with one sendBatch, and moves every due
// workspace's next time forward (also the ones it skipped, with the reason on the card). A
// workspace handled here is no longer due, so the next page is simply the next query.
import { and, asc, eq, inArray, isNotNull, lt, lte, sql } from "drizzle-orm";
import { newId } from "../crypto";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import { afterRun, nextSyncAt, type SyncFrequency } from "../domain/schedule";
import { ACTIVE_STATUSES, STALE_RUN_MS } from "./runs";
import type { SyncMessage } from "./messages";

// Under Queues' 100 messages per sendBatch and D1's 100 bound parameters (workspace ids in one IN list).
export const SCHEDULE_PAGE = 90;
export const SCHEDULE_MAX_PAGES = 50; // per cron tick; the rest stay due for the next tick

export type ScheduleQueue = { sendBatch(messages: Iterable<{ body: SyncMessage }>): Promise<unknown> };

export type ScheduleResult = { started: number; skipped: number; pages: number };

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ") + " UTC";

export async function runScheduledSyncs(deps: { db: Db; queue: ScheduleQueue }, now: number): Promise<ScheduleResult> {
  const { db } = deps;
  const i = schema.integrations;
  const result: ScheduleResult = { started: 0, skipped: 0, pages: 0 };
  for (let page = 0; page < SCHEDULE_MAX_PAGES; page++) {
    const due = await db
      .select({ workspaceId: i.workspaceId, frequency: i.syncFrequency, status: i.status })
      .from(i)
      .where(and(isNotNull(i.nextSyncAt), lte(i.nextSyncAt, now)))
      .orderBy(asc(i.nextSyncAt), asc(i.workspaceId))
      .limit(SCHEDULE_PAGE);
    if (due.length === 0) break;
    result.pages += 1;

    const startable = due.filter((w) => w.frequency !== "manual" && w.status === "connected");
    if (startable.length) {
      // A run that stopped making progress long ago (its messages were lost) must not block the schedule.
      await db
        .update(schema.syncRuns)
        .set({ status: "failed", failureReason: "Stopped: no progress for over an hour.", finishedAt: now, updatedAt: now })
        .where(
          and(
            inArray(
              schema.syncRuns.workspaceId,
              startable.map((w) => w.workspaceId),
            ),
            inArray(schema.syncRuns.status, [...ACTIVE_STATUSES]),
            lt(schema.syncRuns.updatedAt, now - STALE_RUN_MS),
          ),
        );
    }
    // One insert per workspace in one transaction; the one-active-run index turns a workspace
    // that already has a run going into "no row returned".
    const inserts = startable.map((w) =>
      db
        .insert(schema.syncRuns)
        .values({
          id: newId(),
          workspaceId: w.workspaceId,
          trigger: "scheduled",
          status: "queued",
          phase: "organizations",
          devicesExpected: sql`(SELECT devices_found FROM sync_runs WHERE workspace_id = ${w.workspaceId} AND status = 'succeeded' ORDER BY created_at DESC LIMIT 1)`,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: schema.syncRuns.id, workspaceId: schema.syncRuns.workspaceId }),
    );
    const [first, ...rest] = inserts;
    const started = first ? (await db.batch([first, ...rest])).flat() : [];
    const runOf = new Map(started.map((r) => [r.workspaceId, r.id]));
    if (started.length) {
      try {
        await deps.queue.sendBatch(
          started.map((r) => ({ body: { kind: "sync" as const, runId: r.id, workspaceId: r.workspaceId, step: "organizations" as const } })),
        );
      } catch (error) {
        // Queued runs without a message would block these workspaces: fail them; they stay due.
        await db
          .update(schema.syncRuns)
          .set({ status: "failed", failureReason: "Could not queue the scheduled sync.", finishedAt: now, updatedAt: now })
          .where(inArray(schema.syncRuns.id, started.map((r) => r.id)));
        throw error;
      }
    }

    const updates = due.map((w) => {
      const runId = runOf.get(w.workspaceId);
      const note =
        w.frequency === "manual"
          ? null
          : runId
            ? null
            : w.status !== "connected"
              ? `No scheduled sync at ${stamp(now)}: NinjaOne ${w.status === "needs_reconnect" ? "needs to be reconnected" : "is not connected"}.`
              : `No scheduled sync at ${stamp(now)}: a sync was already running.`;
      if (!runId && w.frequency !== "manual") result.skipped += 1;
      return db
        .update(i)
        .set({
          nextSyncAt: afterRun(w.frequency, w.workspaceId, now),
          scheduleNote: note,
          ...(runId ? { lastRunId: runId } : {}),
          updatedAt: now,
        })
        .where(eq(i.workspaceId, w.workspaceId));
    });
    const [u1, ...urest] = updates;
    if (u1) await db.batch([u1, ...urest]);
    result.started += started.length;
    if (due.length < SCHEDULE_PAGE) break;
  }
  return result;
}

export class ScheduleUnavailableError extends Error {}

/** Save the Device Sync frequency and the next time it gives (null for Manual). */
export async function setSyncFrequency(db: Db, workspaceId: string, frequency: SyncFrequency, now: number) {
  const next = nextSyncAt(frequency, workspaceId, now);
  const updated = await db
    .update(schema.integrations)
    .set({ syncFrequency: frequency, nextSyncAt: next, scheduleNote: null, updatedAt: now })
    .where(eq(schema.integrations.workspaceId, workspaceId))
    .returning({ workspaceId: schema.integrations.workspaceId });
  if (updated.length === 0) throw new ScheduleUnavailableError("NinjaOne not connected");
  return { frequency, nextSyncAt: next };
}
