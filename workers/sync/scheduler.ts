// The cron's half of scheduled sync (issue 7): every 5 minutes, start a sync for each workspace
// whose slot is due, through the same pipeline and run rows as Sync Devices (trigger "scheduled").
//
// Built for thousands of workspaces per tick: due workspaces are read from integrations_due_idx in
// keyset pages; each page is claimed with batched compare-and-set UPDATEs (next_sync_at moves to the
// following slot, so a frequency saved meanwhile, or an overlapping cron, wins and nothing starts
// twice); its runs are inserted in batches and their first messages sent with queue.sendBatch, 100
// at a time. That is a handful of round trips per page, not per workspace, and at most
// `maxWorkspaces` per invocation: the rest stay due and the next tick takes them.
import { and, eq, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { schema, type Db } from "../db/client";
import { afterScheduledRun, SCHEDULE_NOTES, scheduledSyncDecision, type SyncFrequency, type SyncSlot } from "../domain/schedule";
import { chunk } from "./d1-writes";
import type { SyncMessage } from "./messages";
import { failRun, firstStepMessage, queuedRunRow, STALE_RUN_MS } from "./runs";

/** Due workspaces read per query. */
export const SCHEDULER_PAGE_SIZE = 200;
/** Due workspaces handled per cron invocation; more wait for the next tick (5 minutes later). */
export const SCHEDULER_MAX_WORKSPACES = 2000;
/** Queues accepts at most 100 messages per sendBatch. */
export const SEND_BATCH_MAX = 100;
/** Small statements per db.batch (one transaction, one round trip). */
const STATEMENTS_PER_BATCH = 100;

/** The part of the sync queue producer the cron uses (env.SYNC_QUEUE, or a recorder in tests). */
export interface ScheduledSyncQueue {
  sendBatch(messages: Iterable<MessageSendRequest<SyncMessage>>): Promise<unknown>;
}

export type ScheduledSyncDeps = {
  db: Db;
  queue: ScheduledSyncQueue;
  /** The cron's clock (epoch ms). */
  now: number;
  pageSize?: number;
  maxWorkspaces?: number;
};

export type ScheduledSyncReport = {
  /** Due workspaces read. */
  due: number;
  pages: number;
  /** Runs created and queued. */
  started: number;
  skippedRunning: number;
  skippedDisconnected: number;
  /** Manual workspaces that still had a time: cleared. */
  unscheduled: number;
  /** Changed by someone else between the read and the claim (a save, another cron): left to them. */
  lostClaims: number;
  /** The cap was reached with more possibly due: the next tick continues. */
  capped: boolean;
};

type Statement = BatchItem<"sqlite">;
type DueCursor = { nextSyncAt: number; workspaceId: string };

const integrations = schema.integrations;

/**
 * One keyset page of due workspaces, oldest slot first, with what the decision needs. The subqueries name
 * `integrations.workspace_id` in full: drizzle would render the column unqualified, and inside a subquery on
 * sync_runs that silently means sync_runs.workspace_id.
 */
function readDuePage(db: Db, now: number, after: DueCursor | null, limit: number) {
  return db
    .select({
      workspaceId: integrations.workspaceId,
      frequency: integrations.syncFrequency,
      syncTime: integrations.syncTime,
      syncWeekday: integrations.syncWeekday,
      // A daily/weekly time of day is in the workspace's zone (the next slot after this one too).
      timeZone: sql<string | null>`(SELECT w.time_zone FROM workspaces w WHERE w.id = integrations.workspace_id)`,
      nextSyncAt: sql<number>`${integrations.nextSyncAt}`,
      status: integrations.status,
      // Served by the partial unique index sync_runs_one_active_uq.
      activeRunId: sql<string | null>`(SELECT r.id FROM sync_runs r WHERE r.workspace_id = integrations.workspace_id AND r.status IN ('queued', 'running') LIMIT 1)`,
      activeRunUpdatedAt: sql<number | null>`(SELECT r.updated_at FROM sync_runs r WHERE r.workspace_id = integrations.workspace_id AND r.status IN ('queued', 'running') LIMIT 1)`,
      // The progress bar's estimate, as startSync sets it: the last successful run's device count.
      devicesExpected: sql<
        number | null
      >`(SELECT r.devices_found FROM sync_runs r WHERE r.workspace_id = integrations.workspace_id AND r.status = 'succeeded' ORDER BY r.created_at DESC LIMIT 1)`,
    })
    .from(integrations)
    .where(
      and(
        // No filter on sync_frequency here: a Manual row that still has a time is read once and cleared,
        // instead of lingering in the due range of the index forever.
        lte(integrations.nextSyncAt, now),
        after ? sql`(${integrations.nextSyncAt}, ${integrations.workspaceId}) > (${after.nextSyncAt}, ${after.workspaceId})` : undefined,
      ),
    )
    .orderBy(integrations.nextSyncAt, integrations.workspaceId)
    .limit(limit);
}
type DueRow = Awaited<ReturnType<typeof readDuePage>>[number];

/** Run statements in db.batch chunks; returns each statement's result in order. */
async function runBatched(db: Db, statements: Statement[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const part of chunk(statements, STATEMENTS_PER_BATCH)) {
    const [first, ...rest] = part;
    if (!first) continue;
    results.push(...(await db.batch([first, ...rest])));
  }
  return results;
}

const returnedRows = (result: unknown) => (Array.isArray(result) ? result.length : 0);

export async function runScheduledSyncs(deps: ScheduledSyncDeps): Promise<ScheduledSyncReport> {
  const { db, now } = deps;
  const pageSize = deps.pageSize ?? SCHEDULER_PAGE_SIZE;
  const maxWorkspaces = deps.maxWorkspaces ?? SCHEDULER_MAX_WORKSPACES;
  const report: ScheduledSyncReport = {
    due: 0,
    pages: 0,
    started: 0,
    skippedRunning: 0,
    skippedDisconnected: 0,
    unscheduled: 0,
    lostClaims: 0,
    capped: false,
  };

  let cursor: DueCursor | null = null;
  while (report.due < maxWorkspaces) {
    const limit = Math.min(pageSize, maxWorkspaces - report.due);
    const page = await readDuePage(db, now, cursor, limit);
    if (page.length === 0) break;
    report.pages++;
    report.due += page.length;
    await handlePage(deps, page, report);
    const last = page[page.length - 1];
    cursor = { nextSyncAt: last.nextSyncAt, workspaceId: last.workspaceId };
    if (page.length < limit) break;
    if (report.due >= maxWorkspaces) report.capped = true;
  }
  return report;
}

type Planned = { row: DueRow; nextSyncAt: number | null; note: string | null; start: boolean; staleRunId: string | null };

function plan(row: DueRow, now: number): Planned {
  const frequency: SyncFrequency = row.frequency;
  const slot: SyncSlot = { frequency, time: row.syncTime, weekday: row.syncWeekday, timeZone: row.timeZone ?? "UTC" };
  const active = row.activeRunId !== null && row.activeRunUpdatedAt !== null && now - row.activeRunUpdatedAt < STALE_RUN_MS;
  const decision = scheduledSyncDecision({ frequency, connection: row.status, activeRun: active });
  const base = { row, staleRunId: !active ? row.activeRunId : null };
  switch (decision.action) {
    case "unschedule":
      return { ...base, nextSyncAt: null, note: null, start: false };
    case "skip":
      // Skipped slots advance too, so a workspace waiting for a reconnect does not spin on every tick.
      return { ...base, nextSyncAt: afterScheduledRun(slot, row.workspaceId, now), note: decision.note, start: false };
    case "start":
      return { ...base, nextSyncAt: afterScheduledRun(slot, row.workspaceId, now), note: null, start: true };
  }
}

async function handlePage(deps: ScheduledSyncDeps, page: DueRow[], report: ScheduledSyncReport) {
  const { db, now } = deps;
  const plans = page.map((row) => plan(row, now));

  // 1. Claim: one compare-and-set per workspace. Whoever changed the row first (a save, another cron) wins.
  const claims = await runBatched(
    db,
    plans.map((p) =>
      db
        .update(integrations)
        .set({ nextSyncAt: p.nextSyncAt, scheduleNote: p.note, updatedAt: now })
        .where(
          and(
            eq(integrations.workspaceId, p.row.workspaceId),
            eq(integrations.nextSyncAt, p.row.nextSyncAt),
            eq(integrations.syncFrequency, p.row.frequency),
          ),
        )
        .returning({ workspaceId: integrations.workspaceId }),
    ),
  );
  const claimed = plans.filter((_, i) => returnedRows(claims[i]) > 0);
  report.lostClaims += plans.length - claimed.length;
  for (const p of claimed) {
    if (p.nextSyncAt === null) report.unscheduled++;
    else if (p.note === SCHEDULE_NOTES.alreadyRunning) report.skippedRunning++;
    else if (p.note !== null) report.skippedDisconnected++;
  }

  // 2. Runs: a stalled run is failed first (as startSync does), then one queued run per workspace.
  const toStart = claimed.filter((p) => p.start);
  if (toStart.length === 0) return;
  for (const p of toStart) {
    if (p.staleRunId) await failRun(db, p.row.workspaceId, p.staleRunId, "Stopped: no progress for over an hour.", now);
  }
  const rows = toStart.map((p) => queuedRunRow(p.row.workspaceId, "scheduled", now, p.row.devicesExpected));
  const inserts = await runBatched(
    db,
    rows.map((run) => db.insert(schema.syncRuns).values(run).onConflictDoNothing().returning({ id: schema.syncRuns.id })),
  );
  const created = rows.filter((_, i) => returnedRows(inserts[i]) > 0);
  // The unique index refused a second active run: a manual sync started between the read and now.
  const refused = rows.filter((_, i) => returnedRows(inserts[i]) === 0);
  report.skippedRunning += refused.length;

  // 3. Queue the first step of every new run, 100 messages per sendBatch.
  const sent: typeof created = [];
  try {
    for (const part of chunk(created, SEND_BATCH_MAX)) {
      await deps.queue.sendBatch(part.map((run) => ({ body: firstStepMessage(run) })));
      sent.push(...part);
    }
  } catch (error) {
    const unsent = created.slice(sent.length);
    await runBatched(db, [
      ...unsent.map((run) =>
        db
          .update(schema.syncRuns)
          .set({ status: "failed", failureReason: "Could not queue the scheduled sync.", finishedAt: now, updatedAt: now })
          .where(and(eq(schema.syncRuns.id, run.id), eq(schema.syncRuns.workspaceId, run.workspaceId))),
      ),
      ...unsent.map((run) => noteStatement(db, run.workspaceId, SCHEDULE_NOTES.queueFailed, now)),
    ]);
    report.started += sent.length;
    throw error;
  }
  report.started += sent.length;

  // 4. The card's "last run", and the note for a slot a manual sync got to first.
  await runBatched(db, [
    ...sent.map((run) =>
      db.update(integrations).set({ lastRunId: run.id, updatedAt: now }).where(eq(integrations.workspaceId, run.workspaceId)),
    ),
    ...refused.map((run) => noteStatement(db, run.workspaceId, SCHEDULE_NOTES.alreadyRunning, now)),
  ]);
}

function noteStatement(db: Db, workspaceId: string, note: string, now: number) {
  return db.update(integrations).set({ scheduleNote: note, updatedAt: now }).where(eq(integrations.workspaceId, workspaceId));
}
