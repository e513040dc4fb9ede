// POST /api/v1/assets/contact-assignments: assign contacts to assets, all or nothing. The same
// service as Bulk Device Assignment and Bulk Contact Association (workers/sync/contact-assignments.ts).
import type { AppLoadContext } from "@remix-run/cloudflare";
import { requestIp } from "~/lib/audit.server";
import { z } from "zod";
import { MAX_RULE_LENGTH } from "@workers/domain/contact-assignment";
import { AssignmentEntrySchema, assignContacts, badAssignmentFields } from "@workers/sync/contact-assignments";
import { apiError, parseJsonBody, requireApiKey } from "~/lib/api.server";
import { addApiDocs, errorResponses, ErrorSchema } from "~/lib/openapi.server";

/** Entries per API call: keeps a body well under the 256 KB body limit (the UI's "Apply All" calls the service directly). */
export const API_MAX_ASSIGNMENTS = 2_000;
const API_RULE = "API";

export const ContactAssignmentsBody = z
  .strictObject({
    assignments: z
      .array(AssignmentEntrySchema, { error: "Give assignments as a list of { assetId, contactId }." })
      .min(1, "Give at least one assignment.")
      .max(API_MAX_ASSIGNMENTS, `At most ${API_MAX_ASSIGNMENTS} assignments per call.`),
    rule: z.string().trim().max(MAX_RULE_LENGTH).optional(),
  })
  .meta({
    id: "ContactAssignments",
    description:
      "Each entry gives an asset its contact. The contact must belong to the asset's customer when the asset has one. " +
      "`rule` (per call, or per entry) is recorded in each asset's history; it defaults to \"API\".",
  });

const AssignedSchema = z
  .object({
    data: z.object({
      assigned: z.number().int().describe("Assets whose contact was set (one history line each)"),
      unchanged: z.number().int().describe("Entries that already had that contact, set by a person: nothing written"),
    }),
  })
  .meta({ id: "ContactAssignmentsResult" });

addApiDocs((registry) => {
  registry.registerPath({
    method: "post",
    path: "/assets/contact-assignments",
    summary: "Assign contacts to assets (all or nothing)",
    description:
      `Sets each listed asset's contact (up to ${API_MAX_ASSIGNMENTS} per call) as a person's choice, which later NinjaOne syncs keep, ` +
      "and records who assigned it and by which rule in the asset's history. Every asset and contact id is checked against the workspace. " +
      "One bad entry assigns nothing: 422 names each bad entry in error.fields (e.g. `assignments.3.contactId`). " +
      "409 when the data changed between the check and the write (nothing written; retry). Needs assets:write.",
    tags: ["Assets"],
    request: { body: { content: { "application/json": { schema: ContactAssignmentsBody } } } },
    responses: {
      200: { description: "All assigned", content: { "application/json": { schema: AssignedSchema } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
      409: { description: "Something changed while assigning; nothing was written", content: { "application/json": { schema: ErrorSchema } } },
      422: errorResponses[422],
    },
  });
});

export async function contactAssignmentsApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId, apiKeyId, apiKeyName } = await requireApiKey(context, request, "assets:write");
  const body = await parseJsonBody(request, ContactAssignmentsBody);
  const result = await assignContacts(context.db, {
    workspaceId,
    actor: { type: "api_key", id: apiKeyId, name: apiKeyName },
    assignments: body.assignments,
    rule: body.rule || API_RULE,
    now: context.now(),
    ip: requestIp(request),
    max: API_MAX_ASSIGNMENTS,
  });
  if (!result.ok) {
    if (result.kind === "conflict") throw apiError(409, "conflict", result.message);
    throw apiError(422, "validation_failed", result.message, badAssignmentFields(result.bad));
  }
  return Response.json({ data: { assigned: result.assigned, unchanged: result.unchanged } });
}
