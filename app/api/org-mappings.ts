// /api/v1/integrations/ninjaone/org-mappings: every NinjaOne organization with its mapping status,
// score, suggested and mapped customer; PUT saves mappings with the same rules as the review page
// (all or nothing, 422 with the fields at fault). One organization at .../org-mappings/{ninjaOrgId}.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { auditFromApiKey } from "~/lib/audit.server";
import { z } from "zod";
import { ORG_MAPPING_STATUSES } from "@workers/domain/org-matching";
import {
  listOrgMappings,
  OrgMappingSaveSchema,
  OrgMappingTargetSchema,
  saveOrgMappings,
  summarizeOrgMappings,
  type OrgMappingRow,
  type OrgMappingSave,
} from "@workers/sync/org-mapping";
import { apiError, notFound, parseJsonBody, requireApiKey } from "~/lib/api.server";
import { addApiDocs, errorResponses } from "~/lib/openapi.server";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const OrgMappingSchema = z
  .object({
    ninjaOrgId: z.number().int(),
    name: z.string(),
    status: z.enum(["mapped", "auto", "unmatched", "stale"]).openapi({
      description: "mapped (green): confirmed by a person; auto (amber): matched by name, awaiting review; unmatched (red); stale (yellow): the customer was deleted or archived, or the organization left NinjaOne",
    }),
    statusLabel: z.string(),
    score: z.number().int().nullable().openapi({ description: "Name similarity of the best customer, 0..100 (100: exact after normalisation)" }),
    deviceCount: z.number().int(),
    mappingSource: z.enum(["confirmed", "auto"]).nullable(),
    leftUnmapped: z.boolean().openapi({ description: "A person chose no customer: syncs do not auto-match it" }),
    mappedCustomer: z
      .object({ id: z.string(), name: z.string().nullable(), state: z.enum(["active", "archived", "deleted"]) })
      .nullable(),
    suggestedCustomer: z.object({ id: z.string(), name: z.string() }).nullable(),
    vanishedAt: z.string().nullable().openapi({ format: "date-time", description: "When the organization disappeared from NinjaOne" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("OrgMapping");

const SummarySchema = z
  .object({
    total: z.number().int(),
    mapped: z.number().int(),
    auto: z.number().int(),
    unmatched: z.number().int(),
    stale: z.number().int(),
    organizationsMatched: z.number().int().openapi({ description: "Organizations in NinjaOne whose devices sync under a customer" }),
    organizationsUnmatched: z.number().int(),
    complete: z.boolean(),
  })
  .openapi("OrgMappingSummary");

const ListSchema = z.object({ data: z.array(OrgMappingSchema), summary: SummarySchema }).openapi("OrgMappingList");
const SavedSchema = z
  .object({
    saved: z.object({
      confirmed: z.number().int(),
      mapped: z.number().int(),
      cleared: z.number().int(),
      createdCustomers: z.array(z.object({ id: z.string(), name: z.string() })),
      assetsMoved: z.number().int(),
    }),
    data: z.array(OrgMappingSchema),
    summary: SummarySchema,
  })
  .openapi("OrgMappingSaved");
// Schemas from workers/ may be created before zod is extended with .openapi(): used as they are.
const OneChangeSchema = OrgMappingTargetSchema;
const OrgIdParams = z.object({ ninjaOrgId: z.coerce.number().int().positive().openapi({ description: "NinjaOne organization id" }) });

function orgMappingJson(row: OrgMappingRow): z.infer<typeof OrgMappingSchema> {
  return {
    ninjaOrgId: row.ninjaOrgId,
    name: row.name,
    status: row.status,
    statusLabel: ORG_MAPPING_STATUSES[row.status].label,
    score: row.matchScore,
    deviceCount: row.deviceCount,
    mappingSource: row.mappingSource,
    leftUnmapped: row.leftUnmapped,
    mappedCustomer: row.customerId && row.customerState ? { id: row.customerId, name: row.customerName, state: row.customerState } : null,
    suggestedCustomer: row.suggestedCustomerId && row.suggestedCustomerName ? { id: row.suggestedCustomerId, name: row.suggestedCustomerName } : null,
    vanishedAt: iso(row.vanishedAt),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

function summaryJson(rows: OrgMappingRow[]): z.infer<typeof SummarySchema> {
  const s = summarizeOrgMappings(rows);
  return { total: s.total, ...s.byStatus, organizationsMatched: s.matched, organizationsUnmatched: s.unmatched, complete: s.complete };
}

addApiDocs((registry) => {
  const path = "/integrations/ninjaone/org-mappings";
  const tags = ["NinjaOne organization mapping"];
  registry.registerPath({
    method: "get",
    path,
    summary: "List NinjaOne organizations with their customer mapping",
    description: "Every organization the last syncs saw, with its status, name-match score, suggested and mapped customer. Needs integrations:manage.",
    tags,
    responses: {
      200: { description: "All organizations, by name", content: { "application/json": { schema: ListSchema } } },
      401: errorResponses[401],
      403: errorResponses[403],
    },
  });
  registry.registerPath({
    method: "put",
    path,
    summary: "Save organization mappings",
    description:
      "Maps organizations to customers (customerId), to no customer (customerId: null, kept by later syncs), or to a new customer named after the organization (createCustomer: true). confirmAllAutoMatched also confirms every auto-match not listed. All or nothing: one invalid entry saves nothing (422, with the entries at fault in error.fields, e.g. mappings.2.customerId). Assets of an organization whose customer changes move to the new customer.",
    tags,
    request: { body: { content: { "application/json": { schema: OrgMappingSaveSchema } } } },
    responses: {
      200: { description: "Saved; the organizations as they now stand", content: { "application/json": { schema: SavedSchema } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
      422: errorResponses[422],
    },
  });
  registry.registerPath({
    method: "get",
    path: `${path}/{ninjaOrgId}`,
    summary: "One NinjaOne organization's mapping",
    tags,
    request: { params: OrgIdParams },
    responses: {
      200: { description: "The organization", content: { "application/json": { schema: OrgMappingSchema } } },
      401: errorResponses[401],
      403: errorResponses[403],
      404: errorResponses[404],
    },
  });
  registry.registerPath({
    method: "put",
    path: `${path}/{ninjaOrgId}`,
    summary: "Map one NinjaOne organization",
    tags,
    request: { params: OrgIdParams, body: { content: { "application/json": { schema: OneChangeSchema } } } },
    responses: {
      200: { description: "The organization as it now stands", content: { "application/json": { schema: OrgMappingSchema } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
      404: errorResponses[404],
      422: errorResponses[422],
    },
  });
});

export async function listOrgMappingsApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "integrations:manage");
  const rows = await listOrgMappings(context.db, workspaceId);
  return Response.json({ data: rows.map(orgMappingJson), summary: summaryJson(rows) });
}

export async function saveOrgMappingsApi(context: AppLoadContext, request: Request): Promise<Response> {
  const principal = await requireApiKey(context, request, "integrations:manage");
  const { workspaceId } = principal;
  const body = await parseJsonBody(request, OrgMappingSaveSchema);
  if (body.mappings.length === 0 && !body.confirmAllAutoMatched) {
    throw apiError(422, "validation_failed", "Nothing to save.", { mappings: ["Give at least one mapping, or confirmAllAutoMatched: true."] });
  }
  const result = await saveOrgMappings(context.db, workspaceId, body, context.now(), auditFromApiKey(principal, request));
  if (!result.ok) throw apiError(422, "validation_failed", result.message, result.fields);
  const { ok: _ok, ...saved } = result;
  const rows = await listOrgMappings(context.db, workspaceId);
  return Response.json({ saved, data: rows.map(orgMappingJson), summary: summaryJson(rows) });
}

async function oneOrg(context: AppLoadContext, workspaceId: string, params: unknown) {
  const parsed = OrgIdParams.safeParse(params);
  if (!parsed.success) throw notFound("NinjaOne organization");
  const row = (await listOrgMappings(context.db, workspaceId)).find((r) => r.ninjaOrgId === parsed.data.ninjaOrgId);
  if (!row) throw notFound("NinjaOne organization");
  return row;
}

export async function getOrgMappingApi(context: AppLoadContext, request: Request, params: unknown): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "integrations:manage");
  return Response.json(orgMappingJson(await oneOrg(context, workspaceId, params)));
}

export async function saveOrgMappingApi(context: AppLoadContext, request: Request, params: unknown): Promise<Response> {
  const principal = await requireApiKey(context, request, "integrations:manage");
  const { workspaceId } = principal;
  const org = await oneOrg(context, workspaceId, params);
  const target = await parseJsonBody(request, OneChangeSchema);
  const result = await saveOrgMappings(context.db, workspaceId, { mappings: [{ ...target, ninjaOrgId: org.ninjaOrgId }], confirmAllAutoMatched: false }, context.now(), auditFromApiKey(principal, request));
  if (!result.ok) {
    // The single entry's fields, without the list's "mappings.0." prefix.
    const fields = Object.fromEntries(Object.entries(result.fields).map(([key, messages]) => [key.replace(/^mappings\.0\./, ""), messages]));
    throw apiError(422, "validation_failed", result.message, fields);
  }
  return Response.json(orgMappingJson(await oneOrg(context, workspaceId, params)));
}
