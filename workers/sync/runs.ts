// Sync runs: one row per run, at most one active (queued/running) per workspace, enforced by the
// partial unique index sync_runs_one_active_uq. Triggering twice returns the active run.
import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { auditIfChanged, type AuditBy } from "../db/audit";
import { newTimeOrderedId } from "../crypto";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import type { SyncMessage, SyncQueue } from "./messages";

export type SyncRun = typeof schema.syncRuns.$inferSelect;
export type SyncTrigger = "manual" | "scheduled";

/** A run that has made no progress for this long is considered lost (its messages are gone). */
export const STALE_RUN_MS = 60 * 60 * 1000;

export class SyncUnavailableError extends Error {
  constructor(
    readonly code: "not_connected" | "needs_reconnect",
    message: string,
  ) {
    super(message);
    this.name = "SyncUnavailableError";
  }
}

export type StartSyncDeps = { db: Db; queue: SyncQueue; now: () => number };
export type StartedRun = SyncRun & { alreadyActive: boolean };

export const ACTIVE_STATUSES = ["queued", "running"] as const;

/** Why a workspace cannot sync right now, or null when it can. */
export async function syncBlocker(db: Db, workspaceId: string): Promise<SyncUnavailableError | null> {
  const integration = await db.query.integrations.findFirst({
    where: eq(schema.integrations.workspaceId, workspaceId),
    columns: { status: true, statusReason: true },
  });
  if (!integration || integration.status === "not_connected") {
    return new SyncUnavailableError("not_connected", "NinjaOne not connected");
  }
  if (integration.status === "needs_reconnect") {
    return new SyncUnavailableError(
      "needs_reconnect",
      `NinjaOne needs to be reconnected${integration.statusReason ? `: ${integration.statusReason}` : ""}`,
    );
  }
  return null;
}

export async function activeRun(db: Db, workspaceId: string): Promise<SyncRun | undefined> {
  return db.query.syncRuns.findFirst({
    where: and(eq(schema.syncRuns.workspaceId, workspaceId), inArray(schema.syncRuns.status, [...ACTIVE_STATUSES])),
  });
}

/**
 * Start a sync (or return the one already going). Throws SyncUnavailableError when the workspace
 * has no working connection. The first message is on the queue when this returns.
 */
export async function startSync(deps: StartSyncDeps, workspaceId: string, trigger: SyncTrigger, audit?: AuditBy): Promise<StartedRun> {
  const blocker = await syncBlocker(deps.db, workspaceId);
  if (blocker) throw blocker;
  const now = deps.now();

  const existing = await activeRun(deps.db, workspaceId);
  if (existing && now - existing.updatedAt < STALE_RUN_MS) return { ...existing, alreadyActive: true };
  if (existing) await failRun(deps.db, workspaceId, existing.id, "Stopped: no progress for over an hour.", now);

  const last = await deps.db.query.syncRuns.findFirst({
    where: and(eq(schema.syncRuns.workspaceId, workspaceId), eq(schema.syncRuns.status, "succeeded")),
    orderBy: desc(schema.syncRuns.createdAt),
    columns: { devicesFound: true },
  });
  const row = queuedRunRow(workspaceId, trigger, now, last?.devicesFound ?? null);
  const runId = row.id;
  // The partial unique index makes a concurrent second insert a no-op instead of a second run.
  const insert = deps.db.insert(schema.syncRuns).values(row).onConflictDoNothing().returning();
  // Who started it (a person or an API key) is audited in the same batch, only if the run was created.
  const [inserted] = audit
    ? await deps.db.batch([
        insert,
        auditIfChanged(deps.db, {
          ...audit,
          workspaceId,
          kind: "sync.started",
          summary: `Started a NinjaOne device sync (${trigger})`,
          target: { type: "sync_run", id: runId, link: `/settings/integrations/ninjaone/runs/${runId}` },
          now,
        }),
      ])
    : [await insert];
  const run = inserted[0];
  if (!run) {
    const winner = await activeRun(deps.db, workspaceId);
    if (winner) return { ...winner, alreadyActive: true };
    throw new Error("Could not start a sync run");
  }
  try {
    await deps.queue.send(firstStepMessage(run));
  } catch (error) {
    await failRun(deps.db, workspaceId, runId, "Could not queue the sync. Try again.", deps.now());
    throw error;
  }
  await deps.db
    .update(schema.integrations)
    .set({ lastRunId: runId, updatedAt: now })
    .where(eq(schema.integrations.workspaceId, workspaceId));
  return { ...run, alreadyActive: false };
}

/**
 * A new run, queued: the row startSync inserts, and the cron's batch start (scheduler.ts) too. Insert it
 * with onConflictDoNothing: the partial unique index then keeps a workspace at one active run.
 */
export function queuedRunRow(workspaceId: string, trigger: SyncTrigger, now: number, devicesExpected: number | null) {
  return {
    id: newTimeOrderedId(),
    workspaceId,
    trigger,
    status: "queued" as const,
    phase: "organizations",
    devicesExpected,
    createdAt: now,
    updatedAt: now,
  } satisfies typeof schema.syncRuns.$inferInsert;
}

/** The message that sets a queued run going (its first step: organizations). */
export function firstStepMessage(run: Pick<SyncRun, "id" | "workspaceId">): SyncMessage {
  return { kind: "sync", runId: run.id, workspaceId: run.workspaceId, step: "organizations" };
}

/** Fail an active run (no-op for a finished one). Returns whether this call failed it. */
export async function failRun(db: Db, workspaceId: string, runId: string, reason: string, now: number): Promise<boolean> {
  const updated = await db
    .update(schema.syncRuns)
    .set({ status: "failed", failureReason: reason.slice(0, 500), finishedAt: now, updatedAt: now })
    .where(
      and(
        eq(schema.syncRuns.id, runId),
        eq(schema.syncRuns.workspaceId, workspaceId),
        inArray(schema.syncRuns.status, [...ACTIVE_STATUSES]),
      ),
    )
    .returning({ id: schema.syncRuns.id });
  return updated.length > 0;
}

export async function getRun(db: Db, workspaceId: string, runId: string): Promise<SyncRun | undefined> {
  return db.query.syncRuns.findFirst({
    where: and(eq(schema.syncRuns.id, runId), eq(schema.syncRuns.workspaceId, workspaceId)),
  });
}

export type RunCursor = { createdAt: number; id: string };

/** Newest first, keyset-paged on (created_at, id). */
export async function listRuns(db: Db, workspaceId: string, opts: { limit: number; cursor?: RunCursor }): Promise<SyncRun[]> {
  const { cursor } = opts;
  return db
    .select()
    .from(schema.syncRuns)
    .where(
      and(
        eq(schema.syncRuns.workspaceId, workspaceId),
        cursor
          ? or(
              lt(schema.syncRuns.createdAt, cursor.createdAt),
              and(eq(schema.syncRuns.createdAt, cursor.createdAt), lt(schema.syncRuns.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(schema.syncRuns.createdAt), desc(schema.syncRuns.id))
    .limit(opts.limit);
}

export type SyncRunError = typeof schema.syncRunErrors.$inferSelect;

export async function listRunErrors(db: Db, workspaceId: string, runId: string, limit = 500): Promise<SyncRunError[]> {
  return db
    .select()
    .from(schema.syncRunErrors)
    .where(and(eq(schema.syncRunErrors.runId, runId), eq(schema.syncRunErrors.workspaceId, workspaceId)))
    .orderBy(schema.syncRunErrors.createdAt, schema.syncRunErrors.id)
    .limit(limit);
}

export type SerialClashView = {
  ninjaDeviceId: number;
  serial: string;
  asset: { id: string; name: string } | null;
  customer: { id: string; name: string } | null;
  otherAsset: { id: string; name: string } | null;
  otherCustomer: { id: string; name: string } | null;
};

/** The run's serial clashes with both assets and both customers (null when since deleted or none). */
export async function listRunSerialClashes(db: Db, workspaceId: string, runId: string, limit = 500): Promise<SerialClashView[]> {
  const c = schema.syncSerialClashes;
  const asset = alias(schema.assets, "clash_asset");
  const other = alias(schema.assets, "clash_other_asset");
  const customer = alias(schema.customers, "clash_customer");
  const otherCustomer = alias(schema.customers, "clash_other_customer");
  const rows = await db
    .select({
      ninjaDeviceId: c.ninjaDeviceId,
      serial: c.serial,
      assetId: asset.id,
      assetName: asset.name,
      customerId: customer.id,
      customerName: customer.name,
      otherAssetId: other.id,
      otherAssetName: other.name,
      otherCustomerId: otherCustomer.id,
      otherCustomerName: otherCustomer.name,
    })
    .from(c)
    .leftJoin(asset, and(eq(asset.id, c.assetId), eq(asset.workspaceId, c.workspaceId)))
    .leftJoin(other, and(eq(other.id, c.otherAssetId), eq(other.workspaceId, c.workspaceId)))
    .leftJoin(customer, and(eq(customer.id, c.customerId), eq(customer.workspaceId, c.workspaceId)))
    .leftJoin(otherCustomer, and(eq(otherCustomer.id, c.otherCustomerId), eq(otherCustomer.workspaceId, c.workspaceId)))
    .where(and(eq(c.runId, runId), eq(c.workspaceId, workspaceId)))
    .orderBy(c.ninjaDeviceId, c.otherAssetId)
    .limit(limit);
  const ref = (id: string | null, name: string | null) => (id === null || name === null ? null : { id, name });
  return rows.map((r) => ({
    ninjaDeviceId: r.ninjaDeviceId,
    serial: r.serial,
    asset: ref(r.assetId, r.assetName),
    customer: ref(r.customerId, r.customerName),
    otherAsset: ref(r.otherAssetId, r.otherAssetName),
    otherCustomer: ref(r.otherCustomerId, r.otherCustomerName),
  }));
}

/** The run as the UI and the API show it. */
export function describeRun(run: SyncRun) {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    phase: run.phase,
    failureReason: run.failureReason,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    progress: {
      pagesDone: run.pagesDone,
      devicesDone: run.devicesFound,
      devicesExpected: run.devicesExpected,
    },
    counters: {
      devicesFound: run.devicesFound,
      assetsCreated: run.assetsCreated,
      assetsUpdated: run.assetsUpdated,
      assetsLinked: run.assetsLinked,
      assetsUnchanged: run.assetsUnchanged,
      assetsInactivated: run.assetsInactivated,
      assetsReactivated: run.assetsReactivated,
      organizationsMatched: run.orgsMatched,
      organizationsUnmatched: run.orgsUnmatched,
      errors: run.errorCount,
      rowsWritten: run.rowsWritten,
      warrantyChecked: run.warrantyChecked,
      warrantyUpdated: run.warrantyUpdated,
      warrantyTotal: run.warrantyTotal,
      devicesConfirmedDeleted: run.devicesConfirmedDeleted,
      devicesKeptUnlisted: run.devicesKeptUnlisted,
      serialClashes: run.serialClashes,
      contactsFound: run.contactsFound,
      contactsCreated: run.contactsCreated,
      contactsLinked: run.contactsLinked,
      contactsUpdated: run.contactsUpdated,
      contactsSkipped: run.contactsSkipped,
    },
  };
}
export type RunView = ReturnType<typeof describeRun>;

/** Bump updated_at so a slow but alive run is not mistaken for a stalled one. */
export function touchRun(db: Db, runId: string, now: number) {
  return db.update(schema.syncRuns).set({ updatedAt: now }).where(eq(schema.syncRuns.id, runId));
}

export const runCountersFromPages = (runId: string) => ({
  // Pages that carried devices: the empty page that ends a listing is a request, not a page of the fleet.
  pagesDone: sql<number>`(SELECT count(*) FROM sync_run_pages WHERE run_id = ${runId} AND "after" >= 0 AND devices > 0)`,
  devicesFound: sql<number>`(SELECT coalesce(sum(devices), 0) FROM sync_run_pages WHERE run_id = ${runId})`,
  assetsCreated: sql<number>`(SELECT coalesce(sum(created), 0) FROM sync_run_pages WHERE run_id = ${runId})`,
  assetsUpdated: sql<number>`(SELECT coalesce(sum(updated), 0) FROM sync_run_pages WHERE run_id = ${runId})`,
  assetsLinked: sql<number>`(SELECT coalesce(sum(linked), 0) FROM sync_run_pages WHERE run_id = ${runId})`,
  assetsUnchanged: sql<number>`(SELECT coalesce(sum(unchanged), 0) FROM sync_run_pages WHERE run_id = ${runId})`,
  assetsReactivated: sql<number>`(SELECT coalesce(sum(reactivated), 0) FROM sync_run_pages WHERE run_id = ${runId})`,
  assetsInactivated: sql<number>`(SELECT coalesce(sum(inactivated), 0) FROM sync_run_pages WHERE run_id = ${runId})`,
  errorCount: sql<number>`(SELECT coalesce(sum(errors), 0) FROM sync_run_pages WHERE run_id = ${runId})`,
  rowsWritten: sql<number>`(SELECT coalesce(sum(rows_written), 0) FROM sync_run_pages WHERE run_id = ${runId})`,
  devicesConfirmedDeleted: sql<number>`(SELECT coalesce(sum(confirmed_deleted), 0) FROM sync_run_pages WHERE run_id = ${runId})`,
  devicesKeptUnlisted: sql<number>`(SELECT coalesce(sum(kept_unlisted), 0) FROM sync_run_pages WHERE run_id = ${runId})`,
  serialClashes: sql<number>`(SELECT count(DISTINCT ninja_device_id) FROM sync_serial_clashes WHERE run_id = ${runId})`,
});
