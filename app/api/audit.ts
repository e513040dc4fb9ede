// /api/v1 audit events: the workspace's audit log, newest first, filterable by actor and kind.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { z } from "zod";
import { AUDIT_KIND_LIST } from "@workers/domain/audit";
import { parseQuery, requireApiKey } from "~/lib/api.server";
import { auditEventJson, auditFilterSchema, auditPage } from "~/lib/audit-log.server";
import { addApiDocs, errorResponses } from "~/lib/openapi.server";

const AuditEventSchema = z
  .object({
    id: z.string(),
    at: z.string().openapi({ format: "date-time" }),
    kind: z.enum(AUDIT_KIND_LIST),
    kindLabel: z.string(),
    actor: z.object({
      type: z.enum(["user", "api_key", "system", "anonymous"]),
      id: z.string().nullable().openapi({ description: "User id or API key id" }),
      label: z.string(),
    }),
    summary: z.string(),
    ip: z.string().nullable(),
    target: z.object({ type: z.string(), id: z.string(), link: z.string().nullable() }).nullable(),
  })
  .openapi("AuditEvent");
const AuditListSchema = z.object({ data: z.array(AuditEventSchema), nextCursor: z.string().nullable() }).openapi("AuditEventList");
const AuditQuery = z.object({
  actor: z.string().optional().openapi({ description: "Only this actor (a user id or an API key id)" }),
  kind: z.enum(AUDIT_KIND_LIST).optional(),
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().optional(),
});

addApiDocs((registry) => {
  registry.registerPath({
    method: "get",
    path: "/audit-events",
    summary: "List audit events, newest first",
    description: "Security-relevant events of the workspace, kept one year. Needs the audit:view permission (Owner or Admin).",
    tags: ["Audit log"],
    request: { query: AuditQuery },
    responses: {
      200: { description: "A page of events", content: { "application/json": { schema: AuditListSchema } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
    },
  });
});

export async function listAuditEventsApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "audit:view");
  const filter = parseQuery(request, auditFilterSchema);
  const page = await auditPage(context, workspaceId, filter);
  return Response.json({ data: page.events.map(auditEventJson), nextCursor: page.nextCursor });
}
