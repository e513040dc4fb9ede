// Step "devices": several pages of /v2/devices-detailed per queue message, fetch overlapped with write.
//
// Per page:
//   plan   read what the page touches, decide each device (no writes)
//   write  assets + their events (each asset with its event in one transaction), deferred serial
//          links, error rows
//   commit the page's counters (keyed by run and `after`, so a redelivered page replaces its row)
//          and the checkpoint, in one transaction
// While page N is planned and written, page N+1 is already being fetched (devicesStep in
// consumer.ts); the device context (organization mappings, role overrides) is read once per message.
//
// A crash anywhere before commit leaves the checkpoint where it was: the retried message resumes
// at the checkpoint (the pages it committed are not redone) and redoes the page it was on. Redoing
// is safe: a device whose asset this run already wrote hashes equal and is not written again, and
// it is counted from the run's own asset_events, so nothing counts twice.
//
// The unchanged path is light: the page's linked assets are read through a covering index (id,
// hashes, customer, status, deletion, last run) and a device whose raw record hashes as when its
// asset was last written is not even mapped. Only assets that change are read in full.
//
// Seen-ness costs no writes: ids are paged in ascending order, so page k covers the id range
// (after, nextAfter] (the last page: everything above `after`). A linked asset whose device id is in
// that range but not on the page has vanished; the page records it and finalize applies it once
// the run is complete.
import { and, eq, gt, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import { mapDevice, mappedHash, rawDeviceHash, type DeviceInput } from "../domain/device-mapping";
import type { DevicePage } from "../ninjaone/client";
import { assetNameKey, decideAssetMatch, deviceLifecycle } from "../domain/reconcile";
import { serialKey } from "../domain/serials";
import {
  assetUpdateFor,
  newAssetFor,
  syncedCustomer,
  type AssetEventInsert,
  type AssetInsert,
  type AssetRow,
  type AssetUpdatePlan,
  type SyncedDevice,
} from "./asset-sync";
import { chunk, insertManyAsJson, JSON_ROWS_PER_STATEMENT, jsonValues, rowsPerInsert, runGrouped, updateManyAsJson } from "./d1-writes";
import { effectiveOrgCustomers } from "./organizations";
import type { SyncNinjaClient } from "./ports";
import { runCountersFromPages } from "./runs";

export type PageRun = { id: string; workspaceId: string };

export type PageCounters = {
  devices: number;
  created: number;
  updated: number;
  linked: number;
  reactivated: number;
  unchanged: number;
  deferred: number;
  errors: number;
};

type DeferredRow = typeof schema.syncRunDeferred.$inferInsert;
type ErrorRow = typeof schema.syncRunErrors.$inferInsert;
type ClashRow = typeof schema.syncSerialClashes.$inferInsert;

export type DevicePagePlan = {
  run: PageRun;
  after: number;
  nextAfter: number;
  done: boolean;
  creates: Array<{ row: AssetInsert; event: AssetEventInsert }>;
  updates: AssetUpdatePlan[];
  deferred: DeferredRow[];
  /** Devices created instead of claiming another customer's asset with their serial. */
  clashes: ClashRow[];
  errors: ErrorRow[];
  missingAssetIds: string[];
  counters: PageCounters;
};

const emptyCounters = (): PageCounters => ({
  devices: 0,
  created: 0,
  updated: 0,
  linked: 0,
  reactivated: 0,
  unchanged: 0,
  deferred: 0,
  errors: 0,
});

/** What the run already did to an asset it wrote before a redelivery, read from its event. */
export function countRedone(counters: Pick<PageCounters, "created" | "updated" | "linked" | "reactivated">, eventKind: string | undefined) {
  if (eventKind === "created") counters.created += 1;
  else {
    counters.updated += 1;
    if (eventKind === "linked") counters.linked += 1;
    if (eventKind === "reactivated") counters.reactivated += 1;
  }
}

export type DeviceContext = {
  orgCustomers: Map<number, string | null>;
  roleCategory: Map<number, AssetRow["category"] | null>;
};

export async function loadDeviceContext(db: Db, workspaceId: string): Promise<DeviceContext> {
  const [orgCustomers, roles] = await Promise.all([
    effectiveOrgCustomers(db, workspaceId),
    db
      .select({ id: schema.ninjaRoles.ninjaRoleId, category: schema.ninjaRoles.categoryOverride })
      .from(schema.ninjaRoles)
      .where(and(eq(schema.ninjaRoles.workspaceId, workspaceId), isNotNull(schema.ninjaRoles.categoryOverride))),
  ]);
  return { orgCustomers, roleCategory: new Map(roles.map((r) => [r.id, r.category])) };
}

export function syncedDevice(device: DeviceInput, ctx: DeviceContext): SyncedDevice {
  const override = device.nodeRoleId == null ? null : (ctx.roleCategory.get(device.nodeRoleId) ?? null);
  const mapped = mapDevice(device, { nodeClassCategoryOverride: override });
  const customerId = mapped.ninjaOrgId == null ? null : (ctx.orgCustomers.get(mapped.ninjaOrgId) ?? null);
  return { mapped, hash: mappedHash(mapped), customerId };
}

export type SerialAsset = { id: string; serialKey: string | null; customerId: string | null; ninjaDeviceId: number | null };

/** Assets of the workspace carrying any of these serial keys (linked or not), by key: one indexed lookup on assets.serial_key. */
export async function assetsWithSerials(db: Db, workspaceId: string, keys: readonly string[]): Promise<Map<string, SerialAsset[]>> {
  const a = schema.assets;
  const rows: SerialAsset[] = [];
  // A page's keys travel as one JSON parameter: one indexed query instead of dozens of IN lists.
  for (const part of chunk(keys, 1000)) {
    rows.push(
      ...(await db
        .select({ id: a.id, serialKey: a.serialKey, customerId: a.customerId, ninjaDeviceId: a.ninjaDeviceId })
        .from(a)
        .where(and(eq(a.workspaceId, workspaceId), inArray(a.serialKey, jsonValues(part))))),
    );
  }
  const byKey = new Map<string, SerialAsset[]>();
  for (const row of rows) {
    if (row.serialKey) byKey.set(row.serialKey, [...(byKey.get(row.serialKey) ?? []), row]);
  }
  return byKey;
}

/**
 * Unlinked assets with the serial split by customer (seed 000: serial matching stays within the
 * account the organization is mapped to): candidates belong to the device's customer or to none;
 * the others belong to another customer and are never claimed (a serial clash). A device whose
 * organization has no customer claims only assets without one.
 */
export function serialCandidates(serialAssets: readonly SerialAsset[], customerId: string | null, skip: ReadonlySet<string> = new Set()) {
  const unlinked = serialAssets.filter((s) => s.ninjaDeviceId === null && !skip.has(s.id));
  return {
    candidates: unlinked.filter((s) => s.customerId === null || s.customerId === customerId),
    others: unlinked.filter((s) => s.customerId !== null && s.customerId !== customerId),
  };
}

/** The kind of event this run recorded for each asset ("created" wins): how a redone device is counted. */
export async function runEventKinds(db: Db, workspaceId: string, runId: string, assetIds: readonly string[]) {
  const kinds = new Map<string, string>();
  for (const part of chunk(assetIds, 90)) {
    const e = schema.assetEvents;
    const rows = await db
      .select({ assetId: e.assetId, kind: e.kind })
      .from(e)
      .where(and(eq(e.workspaceId, workspaceId), eq(e.runId, runId), inArray(e.assetId, part)));
    for (const r of rows) if (!kinds.has(r.assetId) || r.kind === "created") kinds.set(r.assetId, r.kind);
  }
  return kinds;
}

export async function customerNames(db: Db, workspaceId: string, ids: Iterable<string | null | undefined>) {
  const wanted = [...new Set([...ids].filter((id): id is string => typeof id === "string"))];
  const names = new Map<string, string>();
  for (const part of chunk(wanted, 90)) {
    const rows = await db
      .select({ id: schema.customers.id, name: schema.customers.name })
      .from(schema.customers)
      .where(and(eq(schema.customers.workspaceId, workspaceId), inArray(schema.customers.id, part)));
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}

/** Fetch the page after `after` and plan it (one page, context read here): tests and one-off callers. */
export async function planDevicePage(
  db: Db,
  client: SyncNinjaClient,
  run: PageRun,
  after: number,
  pageSize: number,
  now: number,
): Promise<DevicePagePlan> {
  const page = await fetchDevicePage(client, after, pageSize);
  return planFetchedPage(db, run, after, page, await loadDeviceContext(db, run.workspaceId), now);
}

export function fetchDevicePage(client: SyncNinjaClient, after: number, pageSize: number): Promise<DevicePage> {
  return client.devicesDetailedPage({ after, pageSize, expand: "warranty" });
}

/**
 * What the unchanged path reads of a linked asset: all served by the covering index
 * assets_ws_ninja_sync_idx, never the table.
 */
export type LinkedAsset = Pick<
  AssetRow,
  | "id"
  | "ninjaDeviceId"
  | "ninjaSyncHash"
  | "ninjaRawHash"
  | "customerId"
  | "customerSource"
  | "status"
  | "ninjaDeletedAt"
  | "ninjaLastSeenRunId"
  | "ninjaUnlistedRuns"
>;

/** Linked assets whose device id is in (after, upTo] (upTo null: no upper end), light columns only. */
export function linkedAssetsInRange(db: Db, workspaceId: string, after: number, upTo: number | null): Promise<LinkedAsset[]> {
  const a = schema.assets;
  return db
    .select({
      id: a.id,
      ninjaDeviceId: a.ninjaDeviceId,
      ninjaSyncHash: a.ninjaSyncHash,
      ninjaRawHash: a.ninjaRawHash,
      customerId: a.customerId,
      customerSource: a.customerSource,
      status: a.status,
      ninjaDeletedAt: a.ninjaDeletedAt,
      ninjaLastSeenRunId: a.ninjaLastSeenRunId,
      ninjaUnlistedRuns: a.ninjaUnlistedRuns,
    })
    .from(a)
    .where(
      and(
        eq(a.workspaceId, workspaceId),
        isNotNull(a.ninjaDeviceId),
        gt(a.ninjaDeviceId, after),
        upTo === null ? undefined : lte(a.ninjaDeviceId, upTo),
      ),
    );
}

/** Full rows of these assets of the workspace (the ones a page changes). */
export async function assetsById(db: Db, workspaceId: string, ids: readonly string[]): Promise<Map<string, AssetRow>> {
  const a = schema.assets;
  const out = new Map<string, AssetRow>();
  for (const part of chunk(ids, 1000)) {
    const rows = await db
      .select()
      .from(a)
      // `+workspace_id`: primary-key lookups of the ids, not a walk of a workspace-wide index.
      .where(and(sql`+${a.workspaceId} = ${workspaceId}`, inArray(a.id, jsonValues(part))));
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** Plan a fetched page: read what it touches, decide each device. No writes. */
export async function planFetchedPage(
  db: Db,
  run: PageRun,
  after: number,
  page: DevicePage,
  ctx: DeviceContext,
  now: number,
): Promise<DevicePagePlan> {
  const ws = run.workspaceId;
  const counters = emptyCounters();
  const errors: ErrorRow[] = [];
  const errorRow = (deviceId: number | null, message: string, index: number): ErrorRow => ({
    id: `${run.id}:${after}:${deviceId ?? `i${index}`}`,
    runId: run.id,
    workspaceId: ws,
    ninjaDeviceId: deviceId,
    kind: "device_invalid",
    message: message.slice(0, 1000),
    createdAt: now,
  });
  page.invalid.forEach((bad, i) => errors.push(errorRow(bad.id, `Device record failed validation: ${bad.error}`, i)));

  // Linked assets in this page's id range: both the assets to update and, by difference, the vanished.
  const a = schema.assets;
  const linked = await linkedAssetsInRange(db, ws, after, page.done ? null : page.nextAfter);
  const linkedByDevice = new Map(linked.map((asset) => [asset.ninjaDeviceId, asset]));

  // Assets this run wrote before a redelivery: count them by what the run recorded, not again.
  const redone = linked.filter((asset) => asset.ninjaLastSeenRunId === run.id).map((asset) => asset.id);
  const redoneKinds = await runEventKinds(db, ws, run.id, redone);
  const countUnchanged = (existing: LinkedAsset) => {
    if (existing.ninjaLastSeenRunId === run.id) countRedone(counters, redoneKinds.get(existing.id));
    else counters.unchanged += 1;
  };

  // The light path: a linked device whose raw record hashes as when its asset was last written,
  // whose customer stays and which is neither deleted nor counted unlisted, is unchanged: not mapped.
  const skipped = new Set<number>(); // device ids on the page left unmapped (unchanged)
  const synced: Array<SyncedDevice & { device: DeviceInput }> = [];
  page.devices.forEach((device, i) => {
    try {
      const override = device.nodeRoleId == null ? null : (ctx.roleCategory.get(device.nodeRoleId) ?? null);
      const rawHash = rawDeviceHash(device, override);
      const existing = linkedByDevice.get(device.id);
      if (existing && existing.ninjaRawHash === rawHash && existing.ninjaDeletedAt === null && existing.ninjaUnlistedRuns === 0) {
        const customerId = device.organizationId == null ? null : (ctx.orgCustomers.get(device.organizationId) ?? null);
        if (syncedCustomer(existing, { customerId }).customerId === existing.customerId) {
          skipped.add(device.id);
          countUnchanged(existing);
          return;
        }
      }
      synced.push({ ...syncedDevice(device, ctx), rawHash, device });
    } catch (error) {
      errors.push(errorRow(device.id, `Device could not be mapped: ${error instanceof Error ? error.message : String(error)}`, i));
    }
  });
  counters.devices = page.devices.length + page.invalid.length;
  counters.errors = errors.length;

  const seen = new Set<number>([...page.devices.map((d) => d.id), ...page.invalid.flatMap((b) => (b.id === null ? [] : [b.id]))]);
  const missingAssetIds = linked
    .filter((asset) => asset.ninjaDeviceId !== null && !seen.has(asset.ninjaDeviceId) && asset.ninjaDeletedAt === null)
    .map((asset) => asset.id);

  // Devices without a linked asset: gather what rules 2-4 need in a few queries.
  const unlinked = synced.filter((d) => !linkedByDevice.has(d.mapped.ninjaDeviceId));
  const serialOf = (d: SyncedDevice) => (d.mapped.serialTrustworthy ? d.mapped.serialNumber : null);
  const pageCarriers = new Map<string, Set<number>>(); // serial key → device ids on this page carrying it
  for (const d of synced) {
    const key = serialKey(serialOf(d));
    if (key) pageCarriers.set(key, new Set([...(pageCarriers.get(key) ?? []), d.mapped.ninjaDeviceId]));
  }
  const unlinkedKeys = [...new Set(unlinked.flatMap((d) => serialKey(serialOf(d)) ?? []))];
  const bySerial = unlinkedKeys.length ? await assetsWithSerials(db, ws, unlinkedKeys) : new Map<string, SerialAsset[]>();

  const nameCustomers = [...new Set(unlinked.flatMap((d) => (!serialOf(d) && d.customerId ? [d.customerId] : [])))];
  const unlinkedByCustomerName = new Map<string, AssetRow[]>(); // `${customerId}\n${nameKey}` → assets
  for (const part of chunk(nameCustomers, 90)) {
    const rows = await db
      .select()
      .from(a)
      .where(and(eq(a.workspaceId, ws), inArray(a.customerId, part), isNull(a.ninjaDeviceId)));
    for (const r of rows) {
      const key = `${r.customerId}\n${assetNameKey(r.name)}`;
      unlinkedByCustomerName.set(key, [...(unlinkedByCustomerName.get(key) ?? []), r]);
    }
  }
  const namesakes = new Map<string, number>();
  for (const d of unlinked) {
    if (serialOf(d) || !d.customerId) continue;
    const key = `${d.customerId}\n${assetNameKey(d.mapped.name)}`;
    namesakes.set(key, (namesakes.get(key) ?? 0) + 1);
  }

  const movedCustomerIds = synced.flatMap((d) => {
    const existing = linkedByDevice.get(d.mapped.ninjaDeviceId);
    const customerId = existing ? syncedCustomer(existing, d).customerId : null;
    return existing && existing.customerId !== customerId ? [existing.customerId, customerId] : [];
  });
  const names = await customerNames(db, ws, movedCustomerIds);

  const creates: DevicePagePlan["creates"] = [];
  const updates: AssetUpdatePlan[] = [];
  const deferred: DeferredRow[] = [];
  const clashes: ClashRow[] = [];
  const claimed = new Set<string>(); // assets linked by name on this page: one device each
  const changedLinked: Array<{ assetId: string; d: SyncedDevice; reactivate?: { status: AssetRow["status"]; reason: string } }> = [];
  for (const d of synced) {
    const existing = linkedByDevice.get(d.mapped.ninjaDeviceId);
    if (existing) {
      const lifecycle = deviceLifecycle({
        present: true,
        status: existing.status,
        ninjaDeletedAt: existing.ninjaDeletedAt,
        markInactiveOnDelete: true,
        device: d.device,
        nowMs: now,
      });
      const changed =
        existing.ninjaSyncHash !== d.hash ||
        existing.customerId !== syncedCustomer(existing, d).customerId ||
        existing.ninjaUnlistedRuns > 0 || // listed again: clear the "not listed, still exists" count
        lifecycle.change !== "none";
      if (!changed) {
        countUnchanged(existing);
        continue;
      }
      changedLinked.push({ assetId: existing.id, d, reactivate: lifecycle.change === "reactivated" ? { status: lifecycle.status, reason: lifecycle.reason } : undefined });
      continue;
    }

    const serial = serialOf(d);
    const key = serialKey(serial);
    const serialAssets = key ? (bySerial.get(key) ?? []) : [];
    const carriers = new Set(key ? pageCarriers.get(key) : [d.mapped.ninjaDeviceId]);
    // Assets linked to devices not on this page carry their device's serial as last synced.
    // So do unchanged devices on this page that were not mapped (their asset's serial is theirs).
    for (const s of serialAssets) if (s.ninjaDeviceId !== null && (!seen.has(s.ninjaDeviceId) || skipped.has(s.ninjaDeviceId))) carriers.add(s.ninjaDeviceId);
    const nameKey = `${d.customerId}\n${assetNameKey(d.mapped.name)}`;
    const nameMatches = d.customerId ? (unlinkedByCustomerName.get(nameKey) ?? []).filter((r) => !claimed.has(r.id)) : [];
    const { candidates, others } = serialCandidates(serialAssets, d.customerId);
    const decision = decideAssetMatch({
      linkedAssetId: null,
      serial,
      unlinkedAssetIdsWithSerial: candidates.map((s) => s.id),
      otherCustomerAssetIdsWithSerial: others.map((s) => s.id),
      devicesSharingSerial: carriers.size,
      customerId: d.customerId,
      unlinkedAssetIdsWithName: nameMatches.map((r) => r.id),
      devicesSharingName: namesakes.get(nameKey) ?? 1,
    });
    if (decision.action === "link" && decision.matchedBy === "serial") {
      // Another device further on in the fleet may share this serial: decided at finalize.
      deferred.push({
        runId: run.id,
        workspaceId: ws,
        ninjaDeviceId: d.mapped.ninjaDeviceId,
        serial: key ?? "",
        candidateAssetId: decision.assetId,
        pageAfter: after,
        payload: JSON.stringify({ mapped: d.mapped, hash: d.hash, customerId: d.customerId, rawHash: d.rawHash ?? null } satisfies SyncedDevice),
        createdAt: now,
      });
      counters.deferred += 1;
    } else if (decision.action === "link") {
      const target = nameMatches.find((r) => r.id === decision.assetId);
      if (!target) throw new Error(`name match ${decision.assetId} is not among the candidates`);
      claimed.add(target.id);
      updates.push(assetUpdateFor(target, d, { runId: run.id, now, customerNames: names, link: { matchedBy: "name", reason: decision.reason } }));
      counters.updated += 1;
      counters.linked += 1;
    } else {
      const created = newAssetFor(ws, d, decision, run.id, now);
      creates.push(created);
      counters.created += 1;
      const clashWith = decision.action === "create" ? (decision.clashWith ?? []) : [];
      for (const other of others.filter((s) => clashWith.includes(s.id))) {
        clashes.push({
          runId: run.id,
          workspaceId: ws,
          ninjaDeviceId: d.mapped.ninjaDeviceId,
          serial: serial ?? "",
          assetId: created.row.id,
          customerId: d.customerId,
          otherAssetId: other.id,
          otherCustomerId: other.customerId,
          createdAt: now,
        });
      }
    }
  }

  // Only the assets that change are read in full.
  const full = await assetsById(db, ws, changedLinked.map((c) => c.assetId));
  for (const { assetId, d, reactivate } of changedLinked) {
    const existing = full.get(assetId);
    if (!existing) throw new Error(`asset ${assetId} vanished while its page was planned`);
    updates.push(assetUpdateFor(existing, d, { runId: run.id, now, customerNames: names, reactivate }));
    counters.updated += 1;
    if (reactivate) counters.reactivated += 1;
  }

  return { run, after, nextAfter: page.nextAfter, done: page.done, creates, updates, deferred, clashes, errors, missingAssetIds, counters };
}

/** Assets, events, deferred links and error rows. Returns the asset and event rows written. */
export async function writeDevicePage(db: Db, plan: DevicePagePlan): Promise<number> {
  const ws = plan.run.workspaceId;
  // Each group carries some assets and their events, so an asset and its history line commit together.
  const createGroups = chunk(plan.creates, JSON_ROWS_PER_STATEMENT).map((part) => ({
    counted: true,
    statements: [
      ...insertManyAsJson(
        schema.assets,
        part.map((c) => c.row),
      ),
      ...insertManyAsJson(
        schema.assetEvents,
        part.map((c) => c.event),
      ),
    ],
  }));
  const updateGroups = chunk(plan.updates, JSON_ROWS_PER_STATEMENT).map((part) => ({
    counted: true,
    statements: [
      ...updateManyAsJson(
        schema.assets,
        ws,
        part.map((u) => ({ id: u.assetId, set: u.set })),
      ),
      ...insertManyAsJson(
        schema.assetEvents,
        part.flatMap((u) => (u.event ? [u.event] : [])),
      ),
    ],
  }));
  const d = schema.syncRunDeferred;
  const deferredGroups = chunk(plan.deferred, rowsPerInsert(d)).map((rows) => ({
    counted: false,
    statements: [
      db
        .insert(d)
        .values(rows)
        .onConflictDoUpdate({
          target: [d.runId, d.ninjaDeviceId],
          set: { payload: sql`excluded.payload`, candidateAssetId: sql`excluded.candidate_asset_id`, serial: sql`excluded.serial` },
        }),
    ],
  }));
  const errorGroups = chunk(plan.errors, rowsPerInsert(schema.syncRunErrors)).map((rows) => ({
    counted: false,
    statements: [db.insert(schema.syncRunErrors).values(rows).onConflictDoNothing()],
  }));
  const clashGroups = chunk(plan.clashes, rowsPerInsert(schema.syncSerialClashes)).map((rows) => ({
    counted: false,
    statements: [db.insert(schema.syncSerialClashes).values(rows).onConflictDoNothing()],
  }));
  return runGrouped(db, [...createGroups, ...updateGroups, ...deferredGroups, ...errorGroups, ...clashGroups]);
}

/** The page's counters and the run's checkpoint, in one transaction. False: the run is no longer running. */
export async function commitDevicePage(db: Db, plan: DevicePagePlan, rowsWritten: number, now: number, page: number): Promise<boolean> {
  const p = schema.syncRunPages;
  const c = plan.counters;
  const values = {
    runId: plan.run.id,
    workspaceId: plan.run.workspaceId,
    after: plan.after,
    nextAfter: plan.nextAfter,
    devices: c.devices,
    created: c.created,
    updated: c.updated,
    linked: c.linked,
    reactivated: c.reactivated,
    unchanged: c.unchanged,
    deferred: c.deferred,
    errors: c.errors,
    rowsWritten,
    missing: JSON.stringify(plan.missingAssetIds),
    createdAt: now,
  };
  const { runId: _runId, after: _after, ...replace } = values;
  const [, moved] = await db.batch([
    db.insert(p).values(values).onConflictDoUpdate({ target: [p.runId, p.after], set: replace }),
    db
      .update(schema.syncRuns)
      .set({
        phase: plan.done ? "finalize" : "devices",
        checkpoint: JSON.stringify({ after: plan.nextAfter, page: page + 1 }),
        ...runCountersFromPages(plan.run.id),
        lastError: null,
        updatedAt: now,
        heartbeatAt: now, // a message doing several pages is alive after each (workers/sync/watchdog.ts)
      })
      .where(and(eq(schema.syncRuns.id, plan.run.id), eq(schema.syncRuns.status, "running")))
      .returning({ id: schema.syncRuns.id }),
  ]);
  return moved.length > 0;
}
