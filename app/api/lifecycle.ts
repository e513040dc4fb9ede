// /api/v1/replacement-policies (GET: reports:view; PUT: integrations:manage) and
// /api/v1/eol-recommendations (GET: reports:view): the schemas the handlers parse with, the JSON
// they answer with, and the OpenAPI paths generated from both.
import { auditFromApiKey } from "~/lib/audit.server";
import type { AppLoadContext } from "@remix-run/cloudflare";
import { z } from "zod";
import { findCustomer } from "@workers/db/assets";
import { eolCursorSchema, listEol, type EolRow } from "@workers/db/eol";
import { loadPolicyBook, policiesOf } from "@workers/db/replacement-policies";
import { ASSET_CATEGORIES } from "@workers/domain/categories";
import { EOL_CLASSES, type EffectivePolicy } from "@workers/domain/eol";
import { AGE_BASES } from "@workers/domain/lifecycle";
import { apiError, decodeCursor, encodeCursor, listQuery, notFound, parseJsonBody, parseQuery, requireApiKey } from "~/lib/api.server";
import { eolFilterShape } from "~/lib/eol-query";
import { changeReplacementPolicies } from "~/lib/lifecycle.server";
import { addApiDocs, errorResponses } from "~/lib/openapi.server";
import { PolicyPut } from "~/lib/replacement-policies";

const PolicySource = z.enum(["default", "global", "customer"]).describe("default: Core's prefilled value; global: the workspace's global policy; customer: this customer's override");

const ApiPolicy = z
  .object({
    category: z.enum(ASSET_CATEGORIES),
    maxAgeMonths: z.number().int(),
    warningMonths: z.number().int(),
    replacementCost: z.number().nullable().describe("Cost of one replacement; null when not set"),
    source: PolicySource,
    inherited: z.boolean().describe("For a customer: true when the category is not overridden"),
  })
  .meta({ id: "ReplacementPolicy" });

const ApiPolicies = z
  .object({
    data: z.object({
      customerId: z.string().nullable().describe("null: the global policy"),
      policies: z.array(ApiPolicy),
      customersWithOverrides: z.array(z.string()).optional().describe("Global only: customers that override at least one category"),
    }),
  })
  .meta({ id: "ReplacementPolicies" });

const ApiEol = z
  .object({
    assetId: z.string(),
    name: z.string(),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    category: z.enum(ASSET_CATEGORIES),
    online: z.boolean().nullable().describe("NinjaOne online state; null for manual assets"),
    classification: z.enum(EOL_CLASSES),
    age: z
      .object({
        months: z.number().int(),
        basis: z.enum(AGE_BASES),
        basisDate: z.string().describe("YYYY-MM-DD"),
        estimate: z.boolean().describe("true when the age is only NinjaOne's first sight of the device"),
      })
      .nullable(),
    policy: z.object({ source: PolicySource, maxAgeMonths: z.number().int(), warningMonths: z.number().int(), replacementCost: z.number().nullable() }),
    dueDate: z.string().nullable().describe("YYYY-MM-DD: the day the device reaches its maximum age"),
    warningDate: z.string().nullable(),
    monthsOverdue: z.number().int().nullable(),
  })
  .meta({ id: "EolRecommendation" });

const PoliciesQuery = z.object({ customerId: z.string().trim().min(1).max(100).optional().describe("A customer id: its policies with what it inherits") });
export const EolListQuery = listQuery.extend(eolFilterShape);

const cost = (cents: number | null) => (cents === null ? null : cents / 100);

function policyJson(p: EffectivePolicy, customerId: string | null): z.infer<typeof ApiPolicy> {
  return {
    category: p.category,
    maxAgeMonths: p.maxAgeMonths,
    warningMonths: p.warningMonths,
    replacementCost: cost(p.replacementCostCents),
    source: p.source,
    inherited: customerId !== null && p.source !== "customer",
  };
}

function eolJson(r: EolRow): z.infer<typeof ApiEol> {
  return {
    assetId: r.assetId,
    name: r.name,
    customerId: r.customerId,
    customerName: r.customerName,
    category: r.category,
    online: r.ninjaOffline === null ? null : !r.ninjaOffline,
    classification: r.assessment.classification,
    age: r.age ? { months: r.age.months, basis: r.age.basis, basisDate: r.age.since, estimate: r.age.estimate } : null,
    policy: { source: r.policy.source, maxAgeMonths: r.policy.maxAgeMonths, warningMonths: r.policy.warningMonths, replacementCost: cost(r.policy.replacementCostCents) },
    dueDate: r.assessment.dueDate,
    warningDate: r.assessment.warningDate,
    monthsOverdue: r.assessment.monthsOverdue,
  };
}

async function policiesJson(context: AppLoadContext, workspaceId: string, customerId: string | null): Promise<z.infer<typeof ApiPolicies>> {
  const book = await loadPolicyBook(context.db, workspaceId, customerId ? [customerId] : undefined);
  return {
    data: {
      customerId,
      policies: policiesOf(book, customerId).map((p) => policyJson(p, customerId)),
      ...(customerId ? {} : { customersWithOverrides: [...book.overrides.keys()] }),
    },
  };
}

export async function getPoliciesApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "reports:view");
  const { customerId } = parseQuery(request, PoliciesQuery);
  if (customerId && !(await findCustomer(context.db, workspaceId, customerId))) throw notFound("Customer");
  return Response.json(await policiesJson(context, workspaceId, customerId ?? null));
}

export async function putPoliciesApi(context: AppLoadContext, request: Request): Promise<Response> {
  const principal = await requireApiKey(context, request, "integrations:manage");
  const { workspaceId, apiKeyId, apiKeyName } = principal;
  const body = await parseJsonBody(request, PolicyPut);
  const customerId = body.customerId ?? null;
  const result = await changeReplacementPolicies(
    context,
    workspaceId,
    customerId,
    body.policies,
    { id: `apikey:${apiKeyId}`, name: `API key ${apiKeyName}` },
    auditFromApiKey(principal, request),
  );
  if (!result.ok) throw apiError(422, "validation_failed", "Some fields are not valid.", result.fields);
  return Response.json({ ...(await policiesJson(context, workspaceId, customerId)), changed: Object.keys(result.value) });
}

export async function listEolApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "reports:view");
  const { limit, cursor, sort, ...filters } = parseQuery(request, EolListQuery);
  const after = cursor ? decodeCursor(cursor, eolCursorSchema) : undefined;
  if (after && after.s !== sort) {
    throw apiError(400, "bad_request", "This cursor belongs to another sort. Start again without it.", { cursor: [`The cursor was made for sort "${after.s}".`] });
  }
  const page = await listEol(context.db, workspaceId, { filters, sort, limit, after, now: context.now() });
  return Response.json({ data: page.rows.map(eolJson), nextCursor: page.next ? encodeCursor(page.next) : null });
}

addApiDocs((registry) => {
  const tags = ["Lifecycle"];
  registry.registerPath({
    method: "get",
    path: "/replacement-policies",
    tags,
    summary: "Replacement policies (global, or a customer's with what it inherits)",
    description: "Per device category: maximum age and warning threshold in months and the optional replacement cost. Needs reports:view.",
    request: { query: PoliciesQuery },
    responses: { 200: { description: "The policies of the scope", content: { "application/json": { schema: ApiPolicies } } }, 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
  });
  registry.registerPath({
    method: "put",
    path: "/replacement-policies",
    tags,
    summary: "Change replacement policies",
    description:
      "Sets the listed categories of the global policy (no customerId) or of a customer's overrides; unlisted categories are unchanged. " +
      "`inherit: true` removes the scope's own policy for a category (a customer inherits the global one; the global one falls back to Core's default). " +
      "Rules: whole months 1–240, warningMonths below maxAgeMonths, replacementCost ≥ 0. All or nothing: 422 with the fields at fault (e.g. policies.0.warningMonths). " +
      "Takes effect at once; each change is recorded with the API key. Needs integrations:manage.",
    request: { body: { content: { "application/json": { schema: PolicyPut } }, required: true } },
    responses: {
      200: { description: "The scope's policies as they now stand, and the categories that changed", content: { "application/json": { schema: ApiPolicies.extend({ changed: z.array(z.enum(ASSET_CATEGORIES)) }) } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
      422: errorResponses[422],
    },
  });
  registry.registerPath({
    method: "get",
    path: "/eol-recommendations",
    tags,
    summary: "EOL recommendations",
    description:
      "Every asset in service (not retired or inactive) classified against its replacement policy: overdue (past the maximum age), approaching (past the warning threshold), compliant, or unknown (no age basis). " +
      "Age comes from the purchase date, else the warranty start, else NinjaOne's first sight (an estimate). Sorted by due date, paged with `cursor`. Needs reports:view.",
    request: { query: EolListQuery },
    responses: {
      200: { description: "A page of recommendations", content: { "application/json": { schema: z.object({ data: z.array(ApiEol), nextCursor: z.string().nullable() }) } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
    },
  });
});
