// Route guards: throw a redirect or a 403 and return the narrowed session.
import { redirect, type AppLoadContext } from "@remix-run/cloudflare";
import { can, type Permission } from "@workers/domain/permissions";
import { getSessionUser, type SessionUser } from "./session.server";

export async function requireUser(context: AppLoadContext, request: Request): Promise<SessionUser> {
  const session = await getSessionUser(context, request);
  if (!session) {
    const url = new URL(request.url);
    const next = url.pathname + url.search;
    throw redirect(`/login?next=${encodeURIComponent(next)}`);
  }
  return session;
}

export function forbidden(message = "You do not have permission to do this."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export async function requirePermission(
  context: AppLoadContext,
  request: Request,
  permission: Permission,
): Promise<SessionUser> {
  const session = await requireUser(context, request);
  if (!can(session.user.role, permission)) throw forbidden();
  return session;
}
