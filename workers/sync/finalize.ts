// Step "finalize": runs once every page is in (the run saw the whole fleet).
//  1. Deferred serial links: now that every page is in, a serial carried by one device only links
//     that device to the asset; a serial several devices share links nothing (each gets its own asset).
//  2. Vanished devices (recorded per page by id range): deleted in NinjaOne → the asset is marked
//     inactive when the role override, else the workspace setting, says so; otherwise left as it was.
//  3. Organization device counts, run totals from sync_run_pages, run succeeded.
// Every part is idempotent: a redelivered finalize finds its earlier work done and counts it from
// the run's own asset_events.
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import { decideAssetMatch, deviceLifecycle } from "../domain/reconcile";
import { assetDeletionFor, assetUpdateFor, newAssetFor, syncedDeviceSchema, type AssetRow } from "./asset-sync";
import { chunk, insertManyAsJson, JSON_ROWS_PER_STATEMENT, runGrouped, updateManyAsJson } from "./d1-writes";
import { assetsWithSerials, countRedone, runEventKinds, serialCandidates, type PageCounters } from "./devices";
import { runCountersFromPages } from "./runs";

/** The row of sync_run_pages that holds finalize's own counters. */
export const FINALIZE_PAGE = -1;


type FinalizeCounters = Pick<PageCounters, "created" | "updated" | "linked" | "reactivated"> & { inactivated: number };

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

async function applyVanished(db: Db, run: FinalizeRun, now: number, counters: FinalizeCounters): Promise<number> {
  const ws = run.workspaceId;
  const pages = await db
    .select({ missing: schema.syncRunPages.missing })
    .from(schema.syncRunPages)
    .where(and(eq(schema.syncRunPages.runId, run.id), sql`${schema.syncRunPages.missing} != '[]'`));
  const ids = [...new Set(pages.flatMap((p) => z.array(z.string()).parse(JSON.parse(p.missing))))];
  if (ids.length === 0) return 0;

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
  let written = 0;
  for (const part of chunk(ids, 90)) {
    const assets = await db.select().from(a).where(and(eq(a.workspaceId, ws), inArray(a.id, part), isNotNull(a.ninjaDeviceId)));
    const redone = assets.filter((asset) => asset.ninjaDeletedAt !== null && asset.ninjaLastSeenRunId === run.id);
    const kinds = await runEventKinds(db, ws, run.id, redone.map((asset) => asset.id));
    for (const asset of redone) if (kinds.get(asset.id) === "inactivated") counters.inactivated += 1;

    const plans = assets.flatMap((asset) => {
      const decision = deviceLifecycle({
        present: false,
        status: asset.status,
        ninjaDeletedAt: asset.ninjaDeletedAt,
        markInactiveOnDelete: (asset.ninjaRoleId !== null ? roleSetting.get(asset.ninjaRoleId) : undefined) ?? workspaceDefault,
        nowMs: now,
      });
      return decision.change === "deleted" ? [assetDeletionFor(asset, decision, run.id, now)] : [];
    });
    counters.inactivated += plans.filter((p) => p.kind === "inactivated").length;
    written += await runGrouped(db, [
      {
        counted: true,
        statements: [
          ...updateManyAsJson(
            a,
            ws,
            plans.map((p) => ({ id: p.assetId, set: p.set })),
            "ninja_deleted_at IS NULL",
          ),
          ...insertManyAsJson(
            schema.assetEvents,
            plans.flatMap((p) => (p.event ? [p.event] : [])),
          ),
        ],
      },
    ]);
  }
  return written;
}

/** Store how many live devices each organization has (only rows whose count changed are written). */
function refreshOrgDeviceCounts(db: Db, workspaceId: string) {
  const count = sql`(SELECT count(*) FROM assets WHERE assets.workspace_id = ninja_organizations.workspace_id
    AND assets.ninja_org_id = ninja_organizations.ninja_org_id AND assets.ninja_device_id IS NOT NULL AND assets.ninja_deleted_at IS NULL)`;
  return db
    .update(schema.ninjaOrganizations)
    .set({ deviceCount: sql`${count}` })
    .where(and(eq(schema.ninjaOrganizations.workspaceId, workspaceId), sql`${schema.ninjaOrganizations.deviceCount} != ${count}`));
}

/** Finalize a running run whose pages are all in: it ends succeeded, in phase "warranty". */
export async function finalizeRun(db: Db, run: FinalizeRun, now: number): Promise<void> {
  const counters: FinalizeCounters = { created: 0, updated: 0, linked: 0, reactivated: 0, inactivated: 0 };
  let rowsWritten = await applyDeferredLinks(db, run, now, counters);
  rowsWritten += await applyVanished(db, run, now, counters);
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
    inactivated: counters.inactivated,
    unchanged: 0,
    deferred: 0,
    errors: 0,
    rowsWritten,
    missing: "[]",
    createdAt: now,
  };
  const { runId: _r, after: _a, ...replace } = values;
  await db.batch([
    db.insert(p).values(values).onConflictDoUpdate({ target: [p.runId, p.after], set: replace }),
    refreshOrgDeviceCounts(db, run.workspaceId),
    db
      .update(schema.syncRuns)
      .set({ ...runCountersFromPages(run.id), status: "succeeded", phase: "warranty", finishedAt: now, updatedAt: now, lastError: null })
      .where(and(eq(schema.syncRuns.id, run.id), eq(schema.syncRuns.status, "running"))),
  ]);
  await db.delete(schema.syncRunDeferred).where(and(eq(schema.syncRunDeferred.runId, run.id), eq(schema.syncRunDeferred.workspaceId, run.workspaceId)));
}
