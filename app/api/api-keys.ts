// /api/v1/api-keys: Owners' and Admins' keys manage API keys (apikeys:manage). A new key's role is
// no higher than the calling key's, and it is created on behalf of the user who created the
// calling key. The secret is in the create response only; the list never shows it.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { z } from "zod";
import { listApiKeys, revokeApiKey, type ApiKeyListItem } from "@workers/db/api-keys";
import { ROLES } from "@workers/domain/permissions";
import { apiError, notFound, parseJsonBody, requireApiKey } from "~/lib/api.server";
import { addApiDocs, errorResponses } from "~/lib/openapi.server";
import { createApiKeyAs } from "~/lib/people.server";
import { auditFromApiKey } from "~/lib/audit.server";
import { requiredText } from "~/lib/validation";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The key's public start, to recognise it" }),
    role: z.enum(ROLES),
    createdBy: z.string().nullable().openapi({ description: "Name of the user the key was created by (or for)" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    lastUsedAt: z.string().nullable().openapi({ format: "date-time" }),
    revokedAt: z.string().nullable().openapi({ format: "date-time" }),
    expiresAt: z.string().nullable().openapi({ format: "date-time", description: "When the key stops working; null: never" }),
  })
  .openapi("ApiKey");
const ApiKeyCreateSchema = z
  .object({
    name: requiredText("Name", 80),
    role: z.enum(ROLES, { error: "One of owner, admin, manager, technician, observer." }),
    expiresInDays: z.number().int().min(1).max(3650).nullable().optional().openapi({ description: "Days until the key stops working; omit or null for no expiry" }),
  })
  .strict()
  .openapi("ApiKeyCreate");
const ApiKeyCreatedSchema = z
  .object({ data: ApiKeySchema, key: z.string().openapi({ description: "The secret: shown this once, stored only as a hash" }) })
  .openapi("ApiKeyCreated");
const KeyIdParams = z.object({ id: z.string().min(1).max(64).openapi({ description: "API key id" }) });

addApiDocs((registry) => {
  const tags = ["API keys"];
  registry.registerPath({
    method: "get",
    path: "/api-keys",
    summary: "List the workspace's API keys (never their secrets)",
    description: "Needs apikeys:manage (Owner and Admin keys).",
    tags,
    responses: {
      200: { description: "Keys, newest first, revoked ones included", content: { "application/json": { schema: z.object({ data: z.array(ApiKeySchema) }) } } },
      401: errorResponses[401],
      403: errorResponses[403],
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api-keys",
    summary: "Create an API key",
    description:
      "The role must be no higher than the calling key's (only an Owner key makes Owner keys). The new key is created on behalf of the user who created the calling key.",
    tags,
    request: { body: { content: { "application/json": { schema: ApiKeyCreateSchema } } } },
    responses: {
      201: { description: "Created; `key` is the secret, shown once", content: { "application/json": { schema: ApiKeyCreatedSchema } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
      422: errorResponses[422],
    },
  });
  registry.registerPath({
    method: "delete",
    path: "/api-keys/{id}",
    summary: "Revoke an API key",
    description: "Requests with the key are refused from then on. Revoking a revoked key is harmless.",
    tags,
    request: { params: KeyIdParams },
    responses: {
      200: { description: "The key, revoked", content: { "application/json": { schema: z.object({ data: ApiKeySchema }) } } },
      401: errorResponses[401],
      403: errorResponses[403],
      404: errorResponses[404],
    },
  });
});

function keyJson(k: ApiKeyListItem): z.infer<typeof ApiKeySchema> {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    role: k.role,
    createdBy: k.createdByName,
    createdAt: new Date(k.createdAt).toISOString(),
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt),
    expiresAt: iso(k.expiresAt),
  };
}

async function oneKey(context: AppLoadContext, workspaceId: string, id: string) {
  const key = (await listApiKeys(context.db, workspaceId)).find((k) => k.id === id);
  if (!key) throw notFound("API key");
  return keyJson(key);
}

export async function listApiKeysApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "apikeys:manage");
  return Response.json({ data: (await listApiKeys(context.db, workspaceId)).map(keyJson) });
}

export async function createApiKeyApi(context: AppLoadContext, request: Request): Promise<Response> {
  const principal = await requireApiKey(context, request, "apikeys:manage");
  const { workspaceId, role, createdBy } = principal;
  const body = await parseJsonBody(request, ApiKeyCreateSchema);
  if (!createdBy) throw apiError(403, "forbidden", "This API key has no creator on record, so it cannot create keys. Create one in Settings › API keys.");
  const outcome = await createApiKeyAs(context, { workspaceId, role, userId: createdBy }, body, auditFromApiKey(principal, request));
  if (!outcome.ok) throw apiError(outcome.status, "forbidden", outcome.message, { role: [outcome.message] });
  return Response.json({ data: await oneKey(context, workspaceId, outcome.id), key: outcome.key }, { status: 201, headers: { "Cache-Control": "no-store" } });
}

export async function revokeApiKeyApi(context: AppLoadContext, request: Request, params: unknown): Promise<Response> {
  const principal = await requireApiKey(context, request, "apikeys:manage");
  const { workspaceId } = principal;
  const parsed = KeyIdParams.safeParse(params);
  if (!parsed.success) throw notFound("API key");
  const outcome = await revokeApiKey(context.db, workspaceId, parsed.data.id, context.now(), auditFromApiKey(principal, request));
  if (outcome === "not_found") throw notFound("API key");
  return Response.json({ data: await oneKey(context, workspaceId, parsed.data.id) });
}
