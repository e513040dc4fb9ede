// /api/v1 NinjaOne sync: start a device sync, list runs, read one run with its errors and serial clashes.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { z } from "zod";
import { stallInfo } from "@workers/sync/watchdog";
import { syncProgress } from "@workers/domain/sync-progress";
import { describeRun, getRun, listRunErrors, listRuns, listRunSerialClashes, SyncUnavailableError, type SyncRun } from "@workers/sync/runs";
import { apiError, decodeCursor, encodeCursor, listQuery, notFound, parseQuery, requireApiKey } from "~/lib/api.server";
import { addApiDocs, errorResponses, ErrorSchema } from "~/lib/openapi.server";
import { auditFromApiKey } from "~/lib/audit.server";
import { startSyncFor } from "~/lib/sync.server";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const SyncRunSchema = z
  .object({
    id: z.string(),
    trigger: z.enum(["manual", "scheduled"]),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    phase: z.string().openapi({ description: "organizations, contacts, devices, finalize, deletions, warranty (after success) or done" }),
    failureReason: z.string().nullable(),
    allWorkFinished: z.boolean().openapi({
      description: "True once the run will do nothing more: failed, or succeeded and its warranty pass is over. status succeeded alone means the devices are synced; warranty dates may still be filling in.",
    }),
    allWorkFinishedAt: z.string().nullable().openapi({ format: "date-time", description: "When all of the run's work ended, warranty pass included" }),
    stage: z.string().openapi({ description: 'Where the run is, in words: "Reading organizations…", "Reading contacts…", "Devices: page 3 of about 20", "Finishing…", "Checking warranties: 120 of 500", "Finished" or "Failed"' }),
    warranty: z
      .object({
        total: z.number().int().nullable().openapi({ description: "Assets the warranty pass set out to check (null until its first batch)" }),
        done: z.number().int().openapi({ description: "Assets checked so far" }),
        finishedAt: z.string().nullable().openapi({ format: "date-time", description: "When the warranty pass ended; null while it runs, or when the run failed before it" }),
      })
      .openapi({ description: "The warranty pass that follows a successful device sync" }),
    stalled: z.boolean().openapi({
      description:
        "True when an active run has shown no progress for 10 minutes. The watchdog then re-sends the step the run waits for, and fails the run if that does not help within another 10 minutes.",
    }),
    stalledSince: z.string().nullable().openapi({ format: "date-time", description: "When a stalled run last made progress" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    startedAt: z.string().nullable().openapi({ format: "date-time" }),
    finishedAt: z.string().nullable().openapi({ format: "date-time", description: "When the device sync ended (the warranty pass may follow)" }),
    progress: z.object({
      pagesDone: z.number().int(),
      devicesDone: z.number().int(),
      devicesExpected: z.number().int().nullable().openapi({ description: "Devices found by the last successful run, as an estimate" }),
    }),
    counters: z.object({
      devicesFound: z.number().int(),
      assetsCreated: z.number().int(),
      assetsUpdated: z.number().int(),
      assetsLinked: z.number().int().openapi({ description: "Existing assets linked by serial or name (included in assetsUpdated)" }),
      assetsUnchanged: z.number().int(),
      assetsInactivated: z.number().int(),
      assetsReactivated: z.number().int(),
      organizationsMatched: z.number().int(),
      organizationsUnmatched: z.number().int(),
      errors: z.number().int(),
      rowsWritten: z.number().int(),
      warrantyChecked: z.number().int(),
      warrantyUpdated: z.number().int(),
      warrantyTotal: z.number().int().nullable(),
      devicesConfirmedDeleted: z.number().int().openapi({ description: "Unlisted devices NinjaOne confirmed deleted (GET /v2/device/{id} answered 404)" }),
      devicesKeptUnlisted: z.number().int().openapi({ description: "Unlisted devices kept because NinjaOne still answered for them (not listed, still exists)" }),
      serialClashes: z.number().int().openapi({ description: "Devices created instead of claiming another customer's asset with their serial" }),
      contactsFound: z.number().int().openapi({ description: "NinjaOne end users and contacts read by the contact sync" }),
      contactsCreated: z.number().int().openapi({ description: "Core contacts created for them" }),
      contactsLinked: z.number().int().openapi({ description: "Existing Core contacts linked to them by e-mail" }),
      contactsUpdated: z.number().int().openapi({ description: "Linked contacts whose name, e-mail, phone or title changed in NinjaOne" }),
      contactsSkipped: z.number().int().openapi({ description: "People of organizations not mapped to a customer (synced once mapped)" }),
    }),
  })
  .openapi("SyncRun");

const SyncRunErrorSchema = z
  .object({
    ninjaDeviceId: z.number().int().nullable(),
    kind: z.enum(["device_invalid", "device_write", "warranty", "run"]),
    message: z.string(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("SyncRunError");

const NamedRef = z.object({ id: z.string(), name: z.string() });
const SerialClashSchema = z
  .object({
    ninjaDeviceId: z.number().int(),
    serial: z.string(),
    asset: NamedRef.nullable().openapi({ description: "The asset the sync created for the device" }),
    customer: NamedRef.nullable().openapi({ description: "The device's customer (null: its organization has none)" }),
    otherAsset: NamedRef.nullable().openapi({ description: "The asset of another customer carrying the serial (never claimed or moved)" }),
    otherCustomer: NamedRef.nullable(),
  })
  .openapi("SerialClash");

const SyncRunDetailSchema = SyncRunSchema.extend({ errors: z.array(SyncRunErrorSchema), serialClashes: z.array(SerialClashSchema) }).openapi("SyncRunDetail");
const StartedSchema = z
  .object({ run: SyncRunSchema, alreadyActive: z.boolean().openapi({ description: "True when a run was already going: that run is returned" }) })
  .openapi("SyncStarted");
const RunListSchema = z.object({ data: z.array(SyncRunSchema), nextCursor: z.string().nullable() }).openapi("SyncRunList");
const RunIdParams = z.object({ id: z.string().min(1).max(64).openapi({ description: "Sync run id" }) });
const runCursor = z.object({ createdAt: z.number().int(), id: z.string() });

export function syncRunJson(run: SyncRun, now: number, pageSize: number): z.infer<typeof SyncRunSchema> {
  const view = describeRun(run);
  const work = syncProgress(run, pageSize);
  const stall = stallInfo(run, now);
  return {
    id: view.id,
    trigger: view.trigger,
    status: view.status,
    phase: view.phase,
    failureReason: view.failureReason,
    allWorkFinished: work.allWorkFinished,
    allWorkFinishedAt: iso(work.allWorkFinishedAt),
    stage: work.label,
    warranty: { total: work.warranty.total, done: work.warranty.done, finishedAt: iso(work.warranty.finishedAt) },
    stalled: stall !== null,
    stalledSince: iso(stall?.since ?? null),
    createdAt: new Date(view.createdAt).toISOString(),
    startedAt: iso(view.startedAt),
    finishedAt: iso(view.finishedAt),
    progress: view.progress,
    counters: view.counters,
  };
}

addApiDocs((registry) => {
  registry.registerPath({
    method: "post",
    path: "/integrations/ninjaone/sync",
    summary: "Start a NinjaOne device sync",
    description:
      "Queues a sync of organizations, contacts and devices. At most one sync runs per workspace: when one is already going, it is returned. Needs the integrations:manage permission.",
    tags: ["NinjaOne sync"],
    responses: {
      202: { description: "The run (queued, or the one already going)", content: { "application/json": { schema: StartedSchema } } },
      401: errorResponses[401],
      403: errorResponses[403],
      409: { description: "NinjaOne not connected, or it needs a reconnect", content: { "application/json": { schema: ErrorSchema } } },
    },
  });
  registry.registerPath({
    method: "get",
    path: "/sync-runs",
    summary: "List sync runs, newest first",
    tags: ["NinjaOne sync"],
    request: { query: listQuery },
    responses: {
      200: { description: "A page of runs", content: { "application/json": { schema: RunListSchema } } },
      400: errorResponses[400],
      401: errorResponses[401],
    },
  });
  registry.registerPath({
    method: "get",
    path: "/sync-runs/{id}",
    summary: "One sync run: status, counters and errors",
    tags: ["NinjaOne sync"],
    request: { params: RunIdParams },
    responses: {
      200: { description: "The run", content: { "application/json": { schema: SyncRunDetailSchema } } },
      401: errorResponses[401],
      404: errorResponses[404],
    },
  });
});

export async function startSyncApi(context: AppLoadContext, request: Request): Promise<Response> {
  const principal = await requireApiKey(context, request, "integrations:manage");
  try {
    const run = await startSyncFor(context, principal.workspaceId, "manual", auditFromApiKey(principal, request));
    return Response.json({ run: syncRunJson(run, context.now(), context.config.syncPageSize), alreadyActive: run.alreadyActive }, { status: 202 });
  } catch (error) {
    if (error instanceof SyncUnavailableError) return apiError(409, "conflict", error.message);
    throw error;
  }
}

export async function listSyncRunsApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "read");
  const query = parseQuery(request, listQuery);
  const cursor = query.cursor ? decodeCursor(query.cursor, runCursor) : undefined;
  const runs = await listRuns(context.db, workspaceId, { limit: query.limit + 1, cursor });
  const page = runs.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = runs.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
  return Response.json({ data: page.map((run) => syncRunJson(run, context.now(), context.config.syncPageSize)), nextCursor });
}

export async function getSyncRunApi(context: AppLoadContext, request: Request, params: unknown): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "read");
  const parsed = RunIdParams.safeParse(params);
  if (!parsed.success) throw notFound("Sync run");
  const run = await getRun(context.db, workspaceId, parsed.data.id);
  if (!run) throw notFound("Sync run");
  const [errors, clashes] = await Promise.all([listRunErrors(context.db, workspaceId, run.id), listRunSerialClashes(context.db, workspaceId, run.id)]);
  return Response.json({
    ...syncRunJson(run, context.now(), context.config.syncPageSize),
    errors: errors.map((e) => ({ ninjaDeviceId: e.ninjaDeviceId, kind: e.kind, message: e.message, createdAt: new Date(e.createdAt).toISOString() })),
    serialClashes: clashes,
  } satisfies z.infer<typeof SyncRunDetailSchema>);
}
