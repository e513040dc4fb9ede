// Route-facing sync services: start a run from a request, and what the Device Sync card, its
// progress poll and the run page show.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { and, desc, eq } from "drizzle-orm";
import type { AuditBy } from "@workers/db/audit";
import { schema } from "@workers/db/client";
import { syncProgress } from "@workers/domain/sync-progress";
import { loadSyncSchedule } from "@workers/sync/sync-schedule";
import {
  describeRun,
  getRun,
  listRunErrors,
  listRuns,
  listRunSerialClashes,
  startSync,
  syncBlocker,
  type RunCursor,
  type SyncRun,
  type SyncTrigger,
} from "@workers/sync/runs";

export function startSyncFor(context: AppLoadContext, workspaceId: string, trigger: SyncTrigger, audit?: AuditBy) {
  return startSync({ db: context.db, queue: context.env.SYNC_QUEUE, now: context.now }, workspaceId, trigger, audit);
}

/** A run as the screens show it, with where it is in words (the progress banner, the run page). */
export function liveRunView(context: AppLoadContext, run: SyncRun) {
  return { ...describeRun(run), live: syncProgress(run, context.config.syncPageSize) };
}
export type LiveRunView = ReturnType<typeof liveRunView>;

export type DeviceSyncView = Awaited<ReturnType<typeof deviceSyncView>>;

/** The Overview's Device Sync card: whether a sync can start, the schedule, and the latest run (progress or result). */
export async function deviceSyncView(context: AppLoadContext, workspaceId: string) {
  const [blocker, latest, schedule] = await Promise.all([
    syncBlocker(context.db, workspaceId),
    latestRunView(context, workspaceId),
    loadSyncSchedule(context.db, workspaceId),
  ]);
  return {
    workspaceId,
    /** The frequency selector (issue 7); null until the integration is added. */
    schedule,
    /** The server's clock, so the selector's instant preview matches what a save will store. */
    serverNow: context.now(),
    canSync: blocker === null,
    blocker: blocker ? { code: blocker.code, message: blocker.message } : null,
    latest,
  };
}

/** What the progress banner polls: the latest run only. */
export async function latestRunView(context: AppLoadContext, workspaceId: string) {
  const [run] = await context.db
    .select()
    .from(schema.syncRuns)
    .where(eq(schema.syncRuns.workspaceId, workspaceId))
    .orderBy(desc(schema.syncRuns.createdAt))
    .limit(1);
  return run ? liveRunView(context, run) : null;
}

/** The History tab: one keyset page of runs, newest first. */
export async function syncHistoryPage(context: AppLoadContext, workspaceId: string, opts: { limit: number; cursor?: RunCursor }) {
  const runs = await listRuns(context.db, workspaceId, { limit: opts.limit + 1, cursor: opts.cursor });
  const page = runs.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    runs: page.map((run) => liveRunView(context, run)),
    nextCursor: runs.length > opts.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

export async function runDetail(context: AppLoadContext, workspaceId: string, runId: string) {
  const run = await getRun(context.db, workspaceId, runId);
  if (!run) return null;
  const [errors, serialClashes] = await Promise.all([listRunErrors(context.db, workspaceId, runId), listRunSerialClashes(context.db, workspaceId, runId)]);
  return {
    run: liveRunView(context, run),
    errors: errors.map((e) => ({ id: e.id, ninjaDeviceId: e.ninjaDeviceId, kind: e.kind, message: e.message, createdAt: e.createdAt })),
    serialClashes,
  };
}

/** Assets a run changed, newest first (the run page lists what happened). */
export async function runEvents(context: AppLoadContext, workspaceId: string, runId: string, limit = 100) {
  return context.db
    .select({
      id: schema.assetEvents.id,
      assetId: schema.assetEvents.assetId,
      assetName: schema.assets.name,
      kind: schema.assetEvents.kind,
      summary: schema.assetEvents.summary,
      createdAt: schema.assetEvents.createdAt,
    })
    .from(schema.assetEvents)
    .leftJoin(schema.assets, and(eq(schema.assets.id, schema.assetEvents.assetId), eq(schema.assets.workspaceId, workspaceId)))
    .where(and(eq(schema.assetEvents.workspaceId, workspaceId), eq(schema.assetEvents.runId, runId)))
    .orderBy(desc(schema.assetEvents.createdAt))
    .limit(limit);
}
