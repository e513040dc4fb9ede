// JSON API plumbing for /api/v1: API-key auth, one error shape, zod parsing of bodies and
// query strings, opaque cursors. Handlers throw the Responses built here.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { sha256Hex } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { can, ROLES, type Permission, type Role } from "@workers/domain/permissions";

export type ApiErrorCode =
  | "bad_request"
  | "invalid_json"
  | "validation_failed"
  | "unauthorized"
  | "key_expired"
  | "creator_disabled"
  | "creator_missing"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "method_not_allowed"
  | "rate_limited";

export function apiError(status: number, code: ApiErrorCode, message: string, fields?: Record<string, string[]>): Response {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status });
}

/** role is the key's effective role: at most its creator's current role. */
export type ApiPrincipal = { workspaceId: string; apiKeyId: string; apiKeyName: string; role: Role; createdBy: string | null };

/** The weaker of two roles (ROLES is ordered strongest first). */
export function weakerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b;
}

/**
 * Authenticate `Authorization: Bearer <key>` and check the key grants `permission`. A key acts with
 * at most its creator's CURRENT role: a disabled or deleted creator's keys are refused (401 with
 * creator_disabled / creator_missing), a demoted creator's keys are capped at the new role.
 */
export async function requireApiKey(context: AppLoadContext, request: Request, permission: Permission): Promise<ApiPrincipal> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S{10,200})$/i.exec(header);
  if (!match) throw apiError(401, "unauthorized", "Send an API key as `Authorization: Bearer <key>`.");
  const keyHash = await sha256Hex(match[1]);
  const [found] = await context.db
    .select({ key: schema.apiKeys, creatorRole: schema.users.role, creatorDisabledAt: schema.users.disabledAt, creatorId: schema.users.id })
    .from(schema.apiKeys)
    .leftJoin(schema.users, and(eq(schema.users.id, schema.apiKeys.createdBy), eq(schema.users.workspaceId, schema.apiKeys.workspaceId)))
    .where(and(eq(schema.apiKeys.keyHash, keyHash), isNull(schema.apiKeys.revokedAt)))
    .limit(1);
  if (!found) throw apiError(401, "unauthorized", "This API key is not valid or has been revoked.");
  const row = found.key;
  const now = context.now();
  if (row.expiresAt !== null && row.expiresAt <= now) throw apiError(401, "key_expired", "This API key has expired. Create a new one in Settings > API keys.");
  if (!found.creatorId || !found.creatorRole) {
    throw apiError(401, "creator_missing", "The person who created this API key is no longer in the workspace, so the key no longer works.");
  }
  if (found.creatorDisabledAt !== null) {
    throw apiError(401, "creator_disabled", "The person who created this API key is disabled, so the key no longer works.");
  }
  const role = weakerRole(row.role, found.creatorRole);
  if (!can(role, permission)) {
    const capped = role !== row.role ? " (capped at its creator's current role)" : "";
    throw apiError(403, "forbidden", `This API key's role${capped} cannot ${permission}.`);
  }
  // Touch last-used at most once a minute so reads do not become writes.
  if (!row.lastUsedAt || now - row.lastUsedAt > 60_000) {
    context.ctx.waitUntil(
      context.db.update(schema.apiKeys).set({ lastUsedAt: now }).where(eq(schema.apiKeys.id, row.id)).then(() => undefined),
    );
  }
  return { workspaceId: row.workspaceId, apiKeyId: row.id, apiKeyName: row.name, role, createdBy: row.createdBy };
}

export function zodFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

const MAX_BODY_BYTES = 256 * 1024;

export async function parseJsonBody<S extends z.ZodType>(request: Request, bodySchema: S): Promise<z.output<S>> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw apiError(415 as number, "bad_request", "Send the body as JSON with `Content-Type: application/json`.");
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw apiError(413, "bad_request", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw apiError(400, "invalid_json", "The body is not valid JSON.");
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) throw apiError(422, "validation_failed", "Some fields are not valid.", zodFields(parsed.error));
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(request: Request, querySchema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = querySchema.safeParse(params);
  if (!parsed.success) throw apiError(400, "bad_request", "Some query parameters are not valid.", zodFields(parsed.error));
  return parsed.data;
}

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeCursor<S extends z.ZodType>(cursor: string, cursorSchema: S): z.output<S> {
  try {
    const json = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed = cursorSchema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw apiError(400, "bad_request", "The cursor is not valid. Start again without it.", { cursor: ["Not a cursor from this API."] });
}

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** Turn anything a handler throws into a JSON API response: never an HTML page, never a 500 for bad input. */
export async function handleApi(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) {
      if ((thrown.headers.get("Content-Type") ?? "").includes("application/json")) return thrown;
      return apiError(thrown.status, thrown.status === 404 ? "not_found" : "bad_request", (await thrown.text()) || thrown.statusText);
    }
    console.error("API error", thrown);
    return Response.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
  }
}

export const notFound = (what: string) => apiError(404, "not_found", `${what} not found.`);
export const methodNotAllowed = () => apiError(405, "method_not_allowed", "This method is not allowed here.");
