// Step "finalize": runs once every page is in (the run saw the whole fleet).
//  1. Deferred serial links: now that every page is in, a serial carried by one device only links
//     that device to the asset; a serial several devices share links nothing (each gets its own asset).
//  2. Step "deletions" (when pages recorded unlisted devices, by id range): each is confirmed with
//     GET /v2/device/{id}; only a 404 means deleted → the asset is marked inactive when the role
//     override, else the workspace setting, says so; otherwise left as it was.
//  3. Organization device counts, run totals from sync_run_pages, run succeeded.
// Every part is idempotent: a redelivered finalize finds its earlier work done and counts it from
// the run's own asset_events.
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import { UNLISTED_RUNS_TO_FLAG } from "../domain/asset-rules";
import { decideAssetMatch, deviceLifecycle } from "../domain/reconcile";
import { newTimeOrderedId } from "../crypto";
import { NinjaError } from "../ninjaone/errors";
import { assetDeletionFor, assetUpdateFor, newAssetFor, syncedDeviceSchema, type AssetEventInsert, type AssetRow, type AssetUpdatePlan } from "./asset-sync";
import { chunk, insertManyAsJson, JSON_ROWS_PER_STATEMENT, runGrouped, updateManyAsJson } from "./d1-writes";
import { assetsWithSerials, countRedone, runEventKinds, serialCandidates, type PageCounters } from "./devices";
import type { SyncNinjaClient } from "./ports";
import { runCountersFromPages } from "./runs";

/** The row of sync_run_pages that holds finalize's own counters. */
export const FINALIZE_PAGE = -1;


type FinalizeCounters = Pick<PageCounters, "created" | "updated" | "linked" | "reactivated">;

/** Devices checked per "deletions" message, DELETION_PAUSE_SECONDS apart: per-device calls paced like the warranty phase. */
export const DELETION_CHECK_BATCH = 20;
export const DELETION_PAUSE_SECONDS = 2;
/** sync_run_pages rows of the deletion checks: keys below FINALIZE_PAGE, one per batch. */
const deletionPageKey = (offset: number) => -2 - offset;

export type FinalizeRun = { id: string; workspaceId: string };

async function applyDeferredLinks(db: Db, run: FinalizeRun, now: number, counters: FinalizeCounters): Promise<number> {
  const ws = run.workspaceId;
  const d = schema.syncRunDeferred;
  const deferred = await db.select().from(d).where(and(eq(d.runId, run.id), eq(d.workspaceId, ws))).orderBy(d.ninjaDeviceId);
  if (deferred.length === 0) return 0;
  const a = schema.assets;

  // Devices already handled by an earlier attempt of this finalize.
  const deviceIds = deferred.map((row) => row.ninjaDeviceId);
  const done = new Map<number, AssetRow>();
  for (const part of chunk(deviceIds, 90)) {
    for (const asset of await db.select().from(a).where(and(eq(a.workspaceId, ws), inArray(a.ninjaDeviceId, part)))) {
      if (asset.ninjaDeviceId !== null) done.set(asset.ninjaDeviceId, asset);
    }
  }
  const doneKinds = await runEventKinds(db, ws, run.id, [...done.values()].map((asset) => asset.id));

  const carriersBySerial = new Map<string, Set<number>>();
  for (const row of deferred) carriersBySerial.set(row.serial, new Set([...(carriersBySerial.get(row.serial) ?? []), row.ninjaDeviceId]));
  const bySerial = await assetsWithSerials(db, ws, [...carriersBySerial.keys()]);

  const candidateIds = [...new Set(deferred.map((row) => row.candidateAssetId))];
  const candidates = new Map<string, AssetRow>();
  for (const part of chunk(candidateIds, 90)) {
    for (const asset of await db.select().from(a).where(and(eq(a.workspaceId, ws), inArray(a.id, part)))) candidates.set(asset.id, asset);
  }

  const creates: Array<ReturnType<typeof newAssetFor>> = [];
  const updates: Array<ReturnType<typeof assetUpdateFor>> = [];
  const claimed = new Set<string>();
  const noNames = new Map<string, string>();
  for (const row of deferred) {
    const already = done.get(row.ninjaDeviceId);
    if (already) {
      countRedone(counters, doneKinds.get(already.id));
      continue;
    }
    const device = syncedDeviceSchema.parse(JSON.parse(row.payload));
    const serialAssets = bySerial.get(row.serial) ?? [];
    const carriers = new Set(carriersBySerial.get(row.serial));
    for (const s of serialAssets) if (s.ninjaDeviceId !== null) carriers.add(s.ninjaDeviceId);
    const decision = decideAssetMatch({
      linkedAssetId: null,
      serial: device.mapped.serialNumber,
      unlinkedAssetIdsWithSerial: serialCandidates(serialAssets, device.customerId, claimed).candidates.map((s) => s.id),
      devicesSharingSerial: carriers.size,
      customerId: device.customerId,
      unlinkedAssetIdsWithName: [],
    });
    const target = decision.action === "link" ? candidates.get(decision.assetId) : undefined;
    if (decision.action === "link" && target && target.ninjaDeviceId === null) {
      claimed.add(target.id);
      updates.push(assetUpdateFor(target, device, { runId: run.id, now, customerNames: noNames, link: { matchedBy: "serial", reason: decision.reason } }));
      counters.updated += 1;
      counters.linked += 1;
    } else {
      const reason = decision.action === "create" ? decision.reason : "created: the matching asset was linked meanwhile";
      creates.push(newAssetFor(ws, device, { matchedBy: "created", reason }, run.id, now));
      counters.created += 1;
    }
  }
  return runGrouped(db, [
    ...chunk(creates, JSON_ROWS_PER_STATEMENT).map((part) => ({
      counted: true,
      statements: [
        ...insertManyAsJson(
          a,
          part.map((c) => c.row),
        ),
        ...insertManyAsJson(
          schema.assetEvents,
          part.map((c) => c.event),
        ),
      ],
    })),
    ...chunk(updates, JSON_ROWS_PER_STATEMENT).map((part) => ({
      counted: true,
      statements: [
        // Linked meanwhile by someone else: the update does nothing rather than steal the asset.
        ...updateManyAsJson(
          a,
          ws,
          part.map((u) => ({ id: u.assetId, set: u.set })),
          "ninja_device_id IS NULL",
        ),
        ...insertManyAsJson(
          schema.assetEvents,
          part.flatMap((u) => (u.event ? [u.event] : [])),
        ),
      ],
    })),
  ]);
}

/** Assets whose device a page did not list, in a stable order (deletion checks page through it by offset). */
async function vanishedAssetIds(db: Db, run: FinalizeRun): Promise<string[]> {
  const pages = await db
    .select({ missing: schema.syncRunPages.missing })
    .from(schema.syncRunPages)
    .where(and(eq(schema.syncRunPages.runId, run.id), eq(schema.syncRunPages.workspaceId, run.workspaceId), sql`${schema.syncRunPages.missing} != '[]'`));
  return [...new Set(pages.flatMap((p) => z.array(z.string()).parse(JSON.parse(p.missing))))].sort();
}

export type DeletionBatchResult = { checked: number; more: boolean; nextAfter: number };

/**
 * Step "deletions": a device the complete listing left out is only treated as deleted when NinjaOne
 * confirms it, GET /v2/device/{id} answering 404 (fact sheet §4.8, §10.3). Any other answer (the
 * device, or an error that is not a 404) keeps the asset as it is and counts it as "not listed,
 * still exists"; two complete runs in a row of that flag the asset for a person (status untouched).
 * A transient error confirms nothing: it is thrown, and the queue retries the batch. A batch's
 * writes, its counters and the run's checkpoint commit in one transaction.
 */
export async function checkVanishedBatch(
  db: Db,
  client: Pick<SyncNinjaClient, "getDevice">,
  run: FinalizeRun,
  offset: number,
  now: number,
): Promise<DeletionBatchResult> {
  const ws = run.workspaceId;
  const ids = await vanishedAssetIds(db, run);
  const slice = ids.slice(offset, offset + DELETION_CHECK_BATCH);
  if (slice.length === 0) return { checked: 0, more: false, nextAfter: offset };

  const [workspace, roles] = await Promise.all([
    db.query.workspaces.findFirst({ where: eq(schema.workspaces.id, ws), columns: { markInactiveOnDelete: true } }),
    db
      .select({ id: schema.ninjaRoles.ninjaRoleId, mark: schema.ninjaRoles.markInactiveOnDelete })
      .from(schema.ninjaRoles)
      .where(and(eq(schema.ninjaRoles.workspaceId, ws), isNotNull(schema.ninjaRoles.markInactiveOnDelete))),
  ]);
  const workspaceDefault = workspace?.markInactiveOnDelete ?? true;
  const roleSetting = new Map(roles.map((r) => [r.id, r.mark]));

  const a = schema.assets;
  const assets = await db.select().from(a).where(and(eq(a.workspaceId, ws), inArray(a.id, slice), isNotNull(a.ninjaDeviceId), isNull(a.ninjaDeletedAt)));
  const deletions: AssetUpdatePlan[] = [];
  const kept: Array<{ asset: AssetRow; runs: number }> = [];
  for (const asset of assets) {
    if (asset.ninjaDeviceId === null) continue;
    let gone: boolean;
    try {
      gone = (await client.getDevice(asset.ninjaDeviceId)) === null;
    } catch (error) {
      // An answer that is not a 404 (a refusal, a body we cannot read) does not say "deleted".
      if (error instanceof NinjaError && error.kind === "permanent") gone = false;
      else throw error;
    }
    if (gone) {
      const decision = deviceLifecycle({
        present: false,
        status: asset.status,
        ninjaDeletedAt: asset.ninjaDeletedAt,
        markInactiveOnDelete: (asset.ninjaRoleId !== null ? roleSetting.get(asset.ninjaRoleId) : undefined) ?? workspaceDefault,
        nowMs: now,
      });
      if (decision.change === "deleted") deletions.push(assetDeletionFor(asset, decision, run.id, now));
    } else {
      kept.push({ asset, runs: asset.ninjaUnlistedRunId === run.id ? asset.ninjaUnlistedRuns : asset.ninjaUnlistedRuns + 1 });
    }
  }

  const keptStatements = kept.map(({ asset, runs }) =>
    db
      .update(a)
      .set({ ninjaUnlistedRuns: runs, ninjaUnlistedRunId: run.id })
      .where(and(eq(a.workspaceId, ws), eq(a.id, asset.id))),
  );
  const flagEvents: AssetEventInsert[] = kept
    .filter(({ asset, runs }) => runs === UNLISTED_RUNS_TO_FLAG && asset.ninjaUnlistedRuns < UNLISTED_RUNS_TO_FLAG)
    .map(({ asset }) => ({
      id: newTimeOrderedId(),
      workspaceId: ws,
      assetId: asset.id,
      runId: run.id,
      kind: "flagged",
      summary: `NinjaOne has not listed device ${asset.ninjaDeviceId} for ${UNLISTED_RUNS_TO_FLAG} complete syncs, but it still answers on its own: check it in NinjaOne (status left as it was)`,
      changes: null,
      createdAt: now,
    }));
  const events = [...deletions.flatMap((p) => (p.event ? [p.event] : [])), ...flagEvents];
  const nextAfter = offset + slice.length;
  const inactivated = deletions.filter((p) => p.kind === "inactivated").length;
  const p = schema.syncRunPages;
  const pageRow = {
    runId: run.id,
    workspaceId: ws,
    after: deletionPageKey(offset),
    nextAfter: null,
    devices: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: 0,
    inactivated,
    confirmedDeleted: deletions.length,
    keptUnlisted: kept.length,
    rowsWritten: deletions.length + kept.length + events.length,
    missing: "[]",
    createdAt: now,
  };
  const { runId: _r, after: _a, ...replace } = pageRow;
  await runGrouped(db, [
    {
      counted: false,
      statements: [
        ...updateManyAsJson(
          a,
          ws,
          deletions.map((plan) => ({ id: plan.assetId, set: plan.set })),
          "ninja_deleted_at IS NULL",
        ),
        ...keptStatements,
        ...insertManyAsJson(schema.assetEvents, events),
        db.insert(p).values(pageRow).onConflictDoUpdate({ target: [p.runId, p.after], set: replace }),
        db
          .update(schema.syncRuns)
          .set({ checkpoint: JSON.stringify({ after: nextAfter, page: 0 }), ...runCountersFromPages(run.id), lastError: null, updatedAt: now })
          .where(and(eq(schema.syncRuns.id, run.id), eq(schema.syncRuns.status, "running"), eq(schema.syncRuns.phase, "deletions"))),
      ],
    },
  ]);
  return { checked: slice.length, more: nextAfter < ids.length, nextAfter };
}

/**
 * Store how many live devices each organization has (only rows whose count changed are written):
 * one GROUP BY over the workspace's linked assets (the covering assets_ws_ninja_sync_idx), not a
 * count per organization.
 */
function refreshOrgDeviceCounts(db: Db, workspaceId: string) {
  const a = schema.assets;
  const o = schema.ninjaOrganizations;
  // Referenced twice, so SQLite materializes it once (one scan of the index, grouped).
  const live = db.$with("live").as(
    db
      .select({ org: sql<number | null>`${a.ninjaOrgId}`.as("org"), n: sql<number>`count(*)`.as("n") })
      .from(a)
      .where(and(eq(a.workspaceId, workspaceId), isNotNull(a.ninjaDeviceId), isNull(a.ninjaDeletedAt)))
      .groupBy(a.ninjaOrgId),
  );
  const count = sql`coalesce((SELECT n FROM live WHERE live.org = ${o.ninjaOrgId}), 0)`;
  return db
    .with(live)
    .update(o)
    .set({ deviceCount: count })
    .where(and(eq(o.workspaceId, workspaceId), sql`${o.deviceCount} IS NOT ${count}`));
}

/**
 * Finalize a running run whose pages are all in: deferred serial links, then either the deletion
 * checks (phase "deletions": some linked devices were not listed) or the run's completion.
 */
export async function finalizeRun(db: Db, run: FinalizeRun, now: number): Promise<"deletions" | "complete"> {
  const counters: FinalizeCounters = { created: 0, updated: 0, linked: 0, reactivated: 0 };
  const rowsWritten = await applyDeferredLinks(db, run, now, counters);
  const p = schema.syncRunPages;
  const values = {
    runId: run.id,
    workspaceId: run.workspaceId,
    after: FINALIZE_PAGE,
    nextAfter: null,
    devices: 0,
    created: counters.created,
    updated: counters.updated,
    linked: counters.linked,
    reactivated: counters.reactivated,
    unchanged: 0,
    deferred: 0,
    errors: 0,
    rowsWritten,
    missing: "[]",
    createdAt: now,
  };
  const { runId: _r, after: _a, ...replace } = values;
  const checks = (await vanishedAssetIds(db, run)).length > 0;
  await db.batch([
    db.insert(p).values(values).onConflictDoUpdate({ target: [p.runId, p.after], set: replace }),
    checks
      ? db
          .update(schema.syncRuns)
          .set({ ...runCountersFromPages(run.id), phase: "deletions", checkpoint: JSON.stringify({ after: 0, page: 0 }), updatedAt: now, lastError: null })
          .where(and(eq(schema.syncRuns.id, run.id), eq(schema.syncRuns.status, "running"), eq(schema.syncRuns.phase, "finalize")))
      : completion(db, run, now),
    ...(checks ? [] : [refreshOrgDeviceCounts(db, run.workspaceId)]),
  ]);
  await db.delete(schema.syncRunDeferred).where(and(eq(schema.syncRunDeferred.runId, run.id), eq(schema.syncRunDeferred.workspaceId, run.workspaceId)));
  return checks ? "deletions" : "complete";
}

function completion(db: Db, run: FinalizeRun, now: number) {
  return db
    .update(schema.syncRuns)
    .set({ ...runCountersFromPages(run.id), status: "succeeded", phase: "warranty", finishedAt: now, updatedAt: now, lastError: null })
    .where(and(eq(schema.syncRuns.id, run.id), eq(schema.syncRuns.status, "running")));
}

/** The run saw the whole fleet and checked every unlisted device: organization counts, run succeeded. */
export async function completeRun(db: Db, run: FinalizeRun, now: number): Promise<void> {
  await db.batch([refreshOrgDeviceCounts(db, run.workspaceId), completion(db, run, now)]);
}
