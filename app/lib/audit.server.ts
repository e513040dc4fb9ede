// Who and where, for audit events recorded by routes: the actor from a session or an API key,
// and the client's address.
import type { AuditActor } from "@workers/domain/audit";
import type { ApiPrincipal } from "./api.server";
import type { SessionUser } from "./session.server";

export function userActor(session: Pick<SessionUser, "user">): AuditActor {
  return { type: "user", id: session.user.id, label: `${session.user.name} (${session.user.email})` };
}

export function apiKeyActor(principal: ApiPrincipal): AuditActor {
  return { type: "api_key", id: principal.apiKeyId, label: `API key “${principal.apiKeyName}”` };
}

/** The client address Cloudflare saw (null in local tools that do not set it). */
export function requestIp(request: Request): string | null {
  return request.headers.get("CF-Connecting-IP");
}

/** What every audited service needs from the route: who, from where. */
export type AuditContext = { actor: AuditActor; ip: string | null };

export function auditFromSession(session: Pick<SessionUser, "user">, request: Request): AuditContext {
  return { actor: userActor(session), ip: requestIp(request) };
}

export function auditFromApiKey(principal: ApiPrincipal, request: Request): AuditContext {
  return { actor: apiKeyActor(principal), ip: requestIp(request) };
}
