// /api/v1/integrations/ninjaone: the integration's settings (the client secret is write-only),
// its connection state, Connect (the authorization URL for the browser step), Disconnect and the
// sync schedule. Every handler calls the service the Settings pages call.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { z } from "zod";
import { findWorkspaceUser } from "@workers/db/users";
import { can } from "@workers/domain/permissions";
import { SYNC_FREQUENCIES, WEEKDAYS } from "@workers/domain/schedule";
import { disconnect } from "@workers/sync/connection";
import { saveIntegrationSettings } from "@workers/sync/integration-settings";
import { beginConnect, redirectUriFor } from "@workers/sync/oauth-connect";
import { auditFromApiKey } from "~/lib/audit.server";
import { loadSyncSchedule, saveSyncSchedule, type SyncSchedule } from "@workers/sync/sync-schedule";
import { apiError, parseJsonBody, requireApiKey } from "~/lib/api.server";
import { integrationSettingsSchema, REGION_CODES } from "~/lib/ninjaone-forms";
import { syncTimeField, syncWeekdayField } from "~/lib/sync-schedule-form";
import { integrationFormDefaults, integrationView } from "~/lib/ninjaone.server";
import { addApiDocs, errorResponses, ErrorSchema } from "~/lib/openapi.server";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const conflict = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });

const IntegrationSchema = z
  .object({
    configured: z.boolean().openapi({ description: "False until client ID, secret and region are saved" }),
    state: z.enum(["not_configured", "not_connected", "connected", "needs_reconnect"]),
    stateReason: z.string().nullable().openapi({ description: "Why NinjaOne needs a reconnect (state needs_reconnect only)" }),
    clientId: z.string().nullable(),
    clientSecretStored: z.boolean().openapi({ description: "The secret itself is write-only: never returned" }),
    region: z.enum(REGION_CODES).nullable(),
    instanceUrl: z.string().nullable(),
    dashboardDomain: z.string().nullable(),
    connectedAt: z.string().nullable().openapi({ format: "date-time" }),
    redirectUri: z.string().openapi({ description: "Register this redirect URI on the NinjaOne API client" }),
  })
  .openapi("NinjaOneIntegration");

// The same rules as the settings form; JSON may send null for "no dashboard domain" or "keep the secret".
const nullToUndefined = (v: unknown) => (v === null ? undefined : v);
function settingsBody(secretStored: boolean) {
  const form = integrationSettingsSchema({ secretStored });
  return z.object({
    clientId: form.shape.clientId,
    clientSecret: z.preprocess(nullToUndefined, form.shape.clientSecret).openapi({
      type: "string",
      description: "Write-only. Required when adding the integration; omit (or null) to keep the stored secret.",
    }),
    region: form.shape.region,
    dashboardDomain: z.preprocess(nullToUndefined, form.shape.dashboardDomain).openapi({
      type: "string",
      description: "Branded NinjaOne portal domain for device links; omit or null for none",
    }),
  });
}
const SettingsBodySchema = settingsBody(true).openapi("NinjaOneIntegrationSettings");

const ConnectStartedSchema = z
  .object({
    authorizationUrl: z.string().openapi({ description: "Open in a browser signed in to Core as the API key's creator, and approve" }),
    expiresAt: z.string().openapi({ format: "date-time", description: "The URL works once, until then" }),
    completeAs: z.object({ userId: z.string(), name: z.string() }).openapi({ description: "The Core user whose browser must finish the flow" }),
  })
  .openapi("NinjaOneConnectStarted");

const ScheduleSchema = z
  .object({
    frequency: z.enum(SYNC_FREQUENCIES),
    time: z.string().nullable().openapi({ example: "02:30", description: "Daily and weekly: the time of day (HH:MM, 24-hour) in timeZone. Null: Core picks a quiet slot" }),
    weekday: z.enum(WEEKDAYS).nullable().openapi({ description: "Weekly: the day (null: monday)" }),
    timeZone: z.string().openapi({ example: "Europe/Berlin", description: "The workspace's time zone (PUT /workspace/settings), which time is in; daylight saving time is followed" }),
    nextSyncAt: z.string().nullable().openapi({ format: "date-time", description: "Null for manual" }),
    note: z.string().nullable().openapi({ description: "Why the last scheduled slot did not run" }),
    connection: z.enum(["not_connected", "connected", "needs_reconnect"]),
  })
  .openapi("NinjaOneSyncSchedule");
const ScheduleBodySchema = z
  .object({
    frequency: z.enum(SYNC_FREQUENCIES, { error: "Choose manual, hourly, daily or weekly." }),
    time: syncTimeField.nullable().optional().openapi({
      example: "02:30",
      description: "Time of day (HH:MM, 24-hour) in the workspace's time zone for daily and weekly syncs. Left out: unchanged; null: Core picks a quiet slot",
    }),
    weekday: syncWeekdayField.nullable().optional().openapi({ description: "Day of a weekly sync. Left out: unchanged; null: monday" }),
  })
  .openapi("NinjaOneSyncScheduleChange");

const one = <S extends z.ZodType>(schema: S) => z.object({ data: schema });

addApiDocs((registry) => {
  const tags = ["NinjaOne integration"];
  const base = "/integrations/ninjaone";
  registry.registerPath({
    method: "get",
    path: base,
    summary: "The NinjaOne integration and its connection state",
    description: "Needs integrations:manage. The client secret is never returned.",
    tags,
    responses: {
      200: { description: "The integration", content: { "application/json": { schema: one(IntegrationSchema) } } },
      401: errorResponses[401],
      403: errorResponses[403],
    },
  });
  registry.registerPath({
    method: "put",
    path: base,
    summary: "Add or change the NinjaOne integration",
    description:
      "Client ID, client secret (write-only; required the first time), region and dashboard domain. Changing the client ID or the region removes the current connection: connect again.",
    tags,
    request: { body: { content: { "application/json": { schema: SettingsBodySchema } } } },
    responses: {
      200: { description: "Saved; connectionReset says whether the old connection was removed", content: { "application/json": { schema: one(IntegrationSchema).extend({ connectionReset: z.boolean() }) } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
      422: errorResponses[422],
    },
  });
  registry.registerPath({
    method: "post",
    path: `${base}/connect`,
    summary: "Start Connect NinjaOne: get the authorization URL",
    description:
      "The authorization (approve in NinjaOne) happens in a browser. The URL is single-use and valid 10 minutes, and only a browser signed in to Core as the user who created this API key can finish it (the key must still be valid then). 409 when the integration is not configured or the key's creator can no longer manage integrations.",
    tags,
    responses: {
      200: { description: "The URL to open", content: { "application/json": { schema: one(ConnectStartedSchema) } } },
      401: errorResponses[401],
      403: errorResponses[403],
      409: conflict("Not configured, or no user to finish the browser step"),
    },
  });
  registry.registerPath({
    method: "post",
    path: `${base}/disconnect`,
    summary: "Disconnect NinjaOne",
    description: "Deletes the tokens; settings stay. Scheduled syncs pause until the next connect.",
    tags,
    responses: {
      200: { description: "The integration, now not connected", content: { "application/json": { schema: one(IntegrationSchema) } } },
      401: errorResponses[401],
      403: errorResponses[403],
      409: conflict("The integration is not configured"),
    },
  });
  registry.registerPath({
    method: "get",
    path: `${base}/schedule`,
    summary: "The scheduled sync",
    tags,
    responses: {
      200: { description: "The schedule", content: { "application/json": { schema: one(ScheduleSchema) } } },
      401: errorResponses[401],
      403: errorResponses[403],
      409: conflict("The integration is not configured"),
    },
  });
  registry.registerPath({
    method: "put",
    path: `${base}/schedule`,
    summary: "Set how often, and when, NinjaOne syncs",
    description:
      "frequency alone still works (older clients): a daily or weekly schedule then keeps its stored time, or Core's quiet slot when it has none. time and weekday are in the workspace's time zone and follow daylight saving time; a time inside a spring-forward gap runs an hour later that day. A field that is not valid answers 422 with the field named in `fields`.",
    tags,
    request: { body: { content: { "application/json": { schema: ScheduleBodySchema } } } },
    responses: {
      200: { description: "The schedule with its next run", content: { "application/json": { schema: one(ScheduleSchema) } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
      409: conflict("The integration is not configured"),
      422: errorResponses[422],
    },
  });
});

async function integrationJson(context: AppLoadContext, request: Request, workspaceId: string): Promise<z.infer<typeof IntegrationSchema>> {
  const view = await integrationView(context, workspaceId);
  return {
    configured: view.state !== "not_configured",
    state: view.state,
    stateReason: view.statusReason,
    clientId: view.clientId,
    clientSecretStored: view.state !== "not_configured",
    region: (view.region as z.infer<typeof IntegrationSchema>["region"]) ?? null,
    instanceUrl: view.instanceUrl,
    dashboardDomain: view.dashboardDomain,
    connectedAt: iso(view.connectedAt),
    redirectUri: redirectUriFor(new URL(request.url).origin),
  };
}

const notConfigured = () => apiError(409, "conflict", "Add the NinjaOne integration first: PUT /integrations/ninjaone.");

export async function getIntegrationApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "integrations:manage");
  return Response.json({ data: await integrationJson(context, request, workspaceId) });
}

export async function putIntegrationApi(context: AppLoadContext, request: Request): Promise<Response> {
  const principal = await requireApiKey(context, request, "integrations:manage");
  const { workspaceId } = principal;
  const current = await integrationFormDefaults(context, workspaceId);
  const body = await parseJsonBody(request, settingsBody(current !== null));
  const saved = await saveIntegrationSettings(
    { db: context.db, kv: context.env.KV, config: context.config, workspaceId, now: context.now },
    body,
    auditFromApiKey(principal, request),
  );
  if (!saved.ok) throw apiError(422, "validation_failed", saved.message, { [saved.field]: [saved.message] });
  return Response.json(
    { data: await integrationJson(context, request, workspaceId), connectionReset: saved.connectionReset },
    { status: saved.created ? 201 : 200 },
  );
}

export async function connectApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId, apiKeyId, createdBy } = await requireApiKey(context, request, "integrations:manage");
  // The browser step must be finished by a person: the user behind this key, still able to manage integrations.
  const creator = createdBy ? await findWorkspaceUser(context.db, workspaceId, createdBy) : null;
  if (!creator || creator.disabledAt !== null || !can(creator.role, "integrations:manage")) {
    throw apiError(
      409,
      "conflict",
      "Only the user who created this API key can finish the browser step, and that user is gone, disabled or can no longer manage integrations. Use a key of an active Owner or Admin, or Connect NinjaOne in Settings.",
    );
  }
  const started = await beginConnect({
    db: context.db,
    config: context.config,
    session: { apiKeyId, userId: creator.id, workspaceId },
    origin: new URL(request.url).origin,
    now: context.now(),
  });
  if (!started.ok) throw notConfigured();
  return Response.json({
    data: { authorizationUrl: started.url, expiresAt: new Date(started.expiresAt).toISOString(), completeAs: { userId: creator.id, name: creator.name } },
  });
}

export async function disconnectApi(context: AppLoadContext, request: Request): Promise<Response> {
  const principal = await requireApiKey(context, request, "integrations:manage");
  const { workspaceId } = principal;
  if (!(await integrationFormDefaults(context, workspaceId))) throw notConfigured();
  await disconnect({ db: context.db, kv: context.env.KV, config: context.config, workspaceId, now: context.now }, auditFromApiKey(principal, request));
  return Response.json({ data: await integrationJson(context, request, workspaceId) });
}

function scheduleJson(schedule: SyncSchedule): z.infer<typeof ScheduleSchema> {
  return {
    frequency: schedule.frequency,
    time: schedule.time,
    weekday: schedule.weekday,
    timeZone: schedule.timeZone,
    nextSyncAt: iso(schedule.nextSyncAt),
    note: schedule.note,
    connection: schedule.connection,
  };
}

export async function getScheduleApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "integrations:manage");
  const schedule = await loadSyncSchedule(context.db, workspaceId);
  if (!schedule) throw notConfigured();
  return Response.json({ data: scheduleJson(schedule) });
}

export async function putScheduleApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "integrations:manage");
  const body = await parseJsonBody(request, ScheduleBodySchema);
  const saved = await saveSyncSchedule(context.db, workspaceId, body, context.now());
  if (!saved) throw notConfigured();
  return Response.json({ data: scheduleJson(saved) });
}

