// /api/v1/workspace/settings (name, "mark inactive when deleted", the workspace time zone),
// /api/v1/meta (the fixed lists: asset categories and statuses, NinjaOne node classes with the
// category each becomes, ticket statuses and priorities) and
// /api/v1/integrations/ninjaone/device-roles (per-role category override and inactive setting).
import type { AppLoadContext } from "@remix-run/cloudflare";
import { z } from "zod";
import { loadWorkspaceSettings, updateWorkspaceSettings } from "@workers/db/workspaces";
import { rescheduleForTimeZone } from "@workers/sync/sync-schedule";
import { ASSET_CATEGORIES, ASSET_STATUSES } from "@workers/domain/asset-rules";
import { NODE_CLASS_TABLE, NODE_CLASSES } from "@workers/domain/categories";
import { ORG_MAPPING_STATUSES } from "@workers/domain/org-matching";
import { TICKET_PRIORITIES, TICKET_PRIORITY_LABELS, TICKET_STATUS_LABELS, TICKET_STATUSES } from "@workers/domain/tickets";
import { isValidTimeZone } from "@workers/domain/time-zones";
import { listRoleSettings, RoleSettingSchema, saveRoleSettings, type RoleSettingRow } from "@workers/sync/role-mapping";
import { auditFromApiKey } from "~/lib/audit.server";
import { apiError, notFound, parseJsonBody, requireApiKey } from "~/lib/api.server";
import { STATUS_LABELS } from "~/lib/asset-fields";
import { addApiDocs, errorResponses } from "~/lib/openapi.server";
import { requiredText } from "~/lib/validation";

const WorkspaceSettingsSchema = z
  .object({
    name: z.string(),
    markInactiveOnDelete: z.boolean().openapi({ description: "Mark an asset inactive when its NinjaOne device is deleted (roles may override)" }),
    timeZone: z.string().openapi({ description: "IANA time zone; new teammates start with it" }),
  })
  .openapi("WorkspaceSettings");

const WorkspaceSettingsPatchSchema = z
  .object({
    name: requiredText("Workspace name", 120).optional(),
    markInactiveOnDelete: z.boolean({ error: "true or false." }).optional(),
    timeZone: z
      .string({ error: "An IANA time zone name such as Europe/Berlin." })
      .trim()
      .refine(isValidTimeZone, "Not a time zone: use an IANA name such as Europe/Berlin.")
      .optional(),
  })
  .strict()
  .openapi("WorkspaceSettingsChange");

const labelled = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));
const LabelledSchema = z.object({ value: z.string(), label: z.string() });
const MetaSchema = z
  .object({
    assetCategories: z.array(z.string()),
    assetStatuses: z.array(LabelledSchema),
    nodeClasses: z
      .array(z.object({ nodeClass: z.string(), label: z.string(), category: z.string() }))
      .openapi({ description: "Every NinjaOne nodeClass with the asset category the sync gives it (unknown classes become Other)" }),
    ticketStatuses: z.array(LabelledSchema),
    ticketPriorities: z.array(LabelledSchema),
    orgMappingStatuses: z.array(LabelledSchema),
  })
  .openapi("Meta");

const DeviceRoleSchema = z
  .object({
    ninjaRoleId: z.number().int(),
    name: z.string(),
    nodeClass: z.string().nullable(),
    nodeClassLabel: z.string(),
    defaultCategory: z.enum(ASSET_CATEGORIES).openapi({ description: "The category the nodeClass gives without an override" }),
    categoryOverride: z.enum(ASSET_CATEGORIES).nullable(),
    markInactive: z.enum(["default", "yes", "no"]).openapi({ description: "default: the workspace's markInactiveOnDelete" }),
    assetCount: z.number().int(),
  })
  .openapi("DeviceRole");
const DeviceRoleListSchema = z
  .object({ data: z.array(DeviceRoleSchema), workspaceMarksInactive: z.boolean() })
  .openapi("DeviceRoleList");
const DeviceRolesBodySchema = z
  .object({ roles: z.array(RoleSettingSchema).min(1, "Give at least one role.").max(2000) })
  .openapi("DeviceRoleChanges");

const one = <S extends z.ZodType>(schema: S) => z.object({ data: schema });

addApiDocs((registry) => {
  registry.registerPath({
    method: "get",
    path: "/workspace/settings",
    summary: "Workspace settings",
    tags: ["Workspace"],
    responses: {
      200: { description: "The settings", content: { "application/json": { schema: one(WorkspaceSettingsSchema) } } },
      401: errorResponses[401],
    },
  });
  registry.registerPath({
    method: "put",
    path: "/workspace/settings",
    summary: "Change workspace settings",
    description: "Send only the fields to change. Needs settings:manage.",
    tags: ["Workspace"],
    request: { body: { content: { "application/json": { schema: WorkspaceSettingsPatchSchema } } } },
    responses: {
      200: { description: "The settings now", content: { "application/json": { schema: one(WorkspaceSettingsSchema) } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
      422: errorResponses[422],
    },
  });
  registry.registerPath({
    method: "get",
    path: "/meta",
    summary: "The fixed lists: categories, statuses, NinjaOne node classes with their categories",
    tags: ["Workspace"],
    responses: {
      200: { description: "The lists", content: { "application/json": { schema: one(MetaSchema) } } },
      401: errorResponses[401],
    },
  });
  registry.registerPath({
    method: "get",
    path: "/integrations/ninjaone/device-roles",
    summary: "NinjaOne device roles with their category and inactive settings",
    description: "The roles the last syncs saw. Needs integrations:manage.",
    tags: ["NinjaOne integration"],
    responses: {
      200: { description: "The roles, by name", content: { "application/json": { schema: DeviceRoleListSchema } } },
      401: errorResponses[401],
      403: errorResponses[403],
    },
  });
  registry.registerPath({
    method: "put",
    path: "/integrations/ninjaone/device-roles",
    summary: "Change device role settings",
    description:
      "categoryOverride (null: the nodeClass default) and markInactive per role; they apply from the next sync. All or nothing: an unknown role saves nothing (422 with roles.N.ninjaRoleId).",
    tags: ["NinjaOne integration"],
    request: { body: { content: { "application/json": { schema: DeviceRolesBodySchema } } } },
    responses: {
      200: { description: "Saved; changed counts the roles that changed", content: { "application/json": { schema: DeviceRoleListSchema.extend({ changed: z.number().int() }) } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
      422: errorResponses[422],
    },
  });
});

async function settingsOrThrow(context: AppLoadContext, workspaceId: string) {
  const settings = await loadWorkspaceSettings(context.db, workspaceId);
  if (!settings) throw notFound("Workspace");
  return settings;
}

export async function getWorkspaceSettingsApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "read");
  return Response.json({ data: await settingsOrThrow(context, workspaceId) });
}

export async function putWorkspaceSettingsApi(context: AppLoadContext, request: Request): Promise<Response> {
  const principal = await requireApiKey(context, request, "settings:manage");
  const { workspaceId } = principal;
  const patch = await parseJsonBody(request, WorkspaceSettingsPatchSchema);
  if (Object.keys(patch).length === 0) {
    throw apiError(422, "validation_failed", "Nothing to change.", { _: ["Send name, markInactiveOnDelete or timeZone."] });
  }
  // The deletion policy decides what syncs do to assets: it is audited, as in Settings › Workspace.
  const audit =
    patch.markInactiveOnDelete === undefined
      ? undefined
      : {
          ...auditFromApiKey(principal, request),
          kind: "policy.saved" as const,
          summary: `Set “Mark asset inactive when its NinjaOne device is deleted” ${patch.markInactiveOnDelete ? "on" : "off"}`,
        };
  await updateWorkspaceSettings(context.db, workspaceId, patch, context.now(), audit);
  if (patch.timeZone !== undefined) await rescheduleForTimeZone(context.db, workspaceId, context.now()); // a daily/weekly sync time is in this zone
  return Response.json({ data: await settingsOrThrow(context, workspaceId) });
}

export async function metaApi(context: AppLoadContext, request: Request): Promise<Response> {
  await requireApiKey(context, request, "read");
  const data: z.infer<typeof MetaSchema> = {
    assetCategories: [...ASSET_CATEGORIES],
    assetStatuses: labelled(ASSET_STATUSES, STATUS_LABELS),
    nodeClasses: NODE_CLASSES.map((nodeClass) => ({ nodeClass, ...NODE_CLASS_TABLE[nodeClass] })),
    ticketStatuses: labelled(TICKET_STATUSES, TICKET_STATUS_LABELS),
    ticketPriorities: labelled(TICKET_PRIORITIES, TICKET_PRIORITY_LABELS),
    orgMappingStatuses: Object.entries(ORG_MAPPING_STATUSES).map(([value, s]) => ({ value, label: s.label })),
  };
  return Response.json({ data });
}

const roleJson = (r: RoleSettingRow): z.infer<typeof DeviceRoleSchema> => r;

export async function listDeviceRolesApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "integrations:manage");
  const { roles, workspaceMarksInactive } = await listRoleSettings(context.db, workspaceId);
  return Response.json({ data: roles.map(roleJson), workspaceMarksInactive });
}

export async function putDeviceRolesApi(context: AppLoadContext, request: Request): Promise<Response> {
  const principal = await requireApiKey(context, request, "integrations:manage");
  const { workspaceId } = principal;
  const body = await parseJsonBody(request, DeviceRolesBodySchema);
  const result = await saveRoleSettings(context.db, workspaceId, body.roles, auditFromApiKey(principal, request), context.now());
  if (!result.ok) {
    const fields: Record<string, string[]> = {};
    body.roles.forEach((r, i) => {
      const message = result.byRole[r.ninjaRoleId];
      if (message) fields[`roles.${i}.ninjaRoleId`] = [message];
    });
    throw apiError(422, "validation_failed", result.message, fields);
  }
  const { roles, workspaceMarksInactive } = await listRoleSettings(context.db, workspaceId);
  return Response.json({ data: roles.map(roleJson), workspaceMarksInactive, changed: result.changed });
}
