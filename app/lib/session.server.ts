// Server-side sessions: the cookie holds a random token, D1 holds its SHA-256.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { and, eq, gt } from "drizzle-orm";
import { newId, randomToken, sha256Hex } from "@workers/crypto";
import { schema } from "@workers/db/client";

const COOKIE = "core_session";
const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

function isLocalhost(request: Request) {
  const host = new URL(request.url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

function cookieHeader(request: Request, value: string, maxAgeSeconds: number) {
  const secure = isLocalhost(request) ? "" : "; Secure";
  return `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === COOKIE) return v.join("=") || null;
  }
  return null;
}

export async function createSession(context: AppLoadContext, request: Request, userId: string, workspaceId: string) {
  const token = randomToken();
  const now = context.now();
  await context.db.insert(schema.sessions).values({
    id: await sha256Hex(token),
    userId,
    workspaceId,
    expiresAt: now + SESSION_TTL_MS,
    createdAt: now,
  });
  return cookieHeader(request, token, SESSION_TTL_MS / 1000);
}

export async function destroySession(context: AppLoadContext, request: Request) {
  const token = readSessionToken(request);
  if (token) await context.db.delete(schema.sessions).where(eq(schema.sessions.id, await sha256Hex(token)));
  return cookieHeader(request, "", 0);
}

export type SessionUser = {
  sessionId: string;
  user: typeof schema.users.$inferSelect;
  workspace: typeof schema.workspaces.$inferSelect;
};

/**
 * One request's session lookups, by token: a page's loaders run side by side (the layout's and
 * the page's both call requireUser), and each would otherwise ask D1 the same question. Only
 * reads share it (GET/HEAD): a POST runs its action first, which may change the user or end the
 * session, so its loaders look again.
 */
const lookups = new WeakMap<AppLoadContext, Map<string, Promise<SessionUser | null>>>();

export function getSessionUser(context: AppLoadContext, request: Request): Promise<SessionUser | null> {
  const token = readSessionToken(request);
  if (!token || token.length > 100) return Promise.resolve(null);
  if (request.method !== "GET" && request.method !== "HEAD") return lookUpSession(context, token);
  let byToken = lookups.get(context);
  if (!byToken) lookups.set(context, (byToken = new Map()));
  let lookup = byToken.get(token);
  if (!lookup) byToken.set(token, (lookup = lookUpSession(context, token)));
  return lookup;
}

async function lookUpSession(context: AppLoadContext, token: string): Promise<SessionUser | null> {
  const sessionId = await sha256Hex(token);
  const rows = await context.db
    .select({ user: schema.users, workspace: schema.workspaces })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .innerJoin(schema.workspaces, eq(schema.workspaces.id, schema.sessions.workspaceId))
    .where(and(eq(schema.sessions.id, sessionId), gt(schema.sessions.expiresAt, context.now())))
    .limit(1);
  const row = rows[0];
  if (!row || row.user.disabledAt || row.user.workspaceId !== row.workspace.id) return null;
  return { sessionId, ...row };
}
