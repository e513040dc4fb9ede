// Settings services for routes: teammates, roles, account status and API keys. Each one takes
// the signed-in actor, applies the rules of workers/domain/user-admin.ts and writes through
// workers/db. Unknown ids and other workspaces' ids are a 404 (never a 403: no leak).
import type { AppLoadContext } from "@remix-run/cloudflare";
import { hashPassword, verifyPassword } from "@workers/crypto";
import { createApiKey } from "@workers/db/api-keys";
import {
  countActiveOwners,
  findWorkspaceUser,
  insertTeammate,
  isEmailTaken,
  setUserDisabled,
  updateUserPassword,
  updateUserRole,
  type WorkspaceUser,
} from "@workers/db/users";
import { passwordProblem } from "@workers/domain/password-policy";
import { ROLE_LABELS, type Role } from "@workers/domain/permissions";
import { checkGrantRole, checkRoleChange, checkStatusChange, LAST_OWNER_REFUSAL, type Refusal } from "@workers/domain/user-admin";
import type { AuditContext } from "./audit.server";
import type { SessionUser } from "./session.server";

export type Outcome = { ok: true; message: string } | ({ ok: false; field?: "email" | "role" | "password" } & Refusal);

export function notFound(what: string): Response {
  return new Response(`${what} not found in this workspace.`, { status: 404, statusText: "Not Found" });
}

async function requireTarget(context: AppLoadContext, actor: SessionUser, userId: string): Promise<WorkspaceUser> {
  const target = await findWorkspaceUser(context.db, actor.workspace.id, userId);
  if (!target) throw notFound("User");
  return target;
}

export async function addTeammate(
  context: AppLoadContext,
  actor: SessionUser,
  input: { name: string; email: string; role: Role; password: string },
  audit: AuditContext,
): Promise<Outcome> {
  const refusal = checkGrantRole(actor.user.role, input.role);
  if (refusal) return { ok: false, field: "role", ...refusal };
  const weak = passwordProblem(input.password, input.email);
  if (weak) return { ok: false, field: "password", status: 400, message: weak };
  const emailTaken = { ok: false as const, field: "email" as const, status: 400 as const, message: "Someone with this e-mail already has a Core account." };
  if (await isEmailTaken(context.db, input.email)) return emailTaken;
  const result = await insertTeammate(
    context.db,
    actor.workspace.id,
    { name: input.name, email: input.email, role: input.role, passwordHash: await hashPassword(input.password) },
    {
      type: "welcome",
      title: `Welcome to ${actor.workspace.name}`,
      body: `${actor.user.name} added you as ${ROLE_LABELS[input.role]}. Start on the dashboard.`,
      link: "/dashboard",
    },
    context.now(),
    { ...audit, kind: "user.added", summary: `Added ${input.name} (${input.email}) as ${ROLE_LABELS[input.role]}` },
  );
  if (!result.ok) return emailTaken;
  return { ok: true, message: `${input.name} can now log in as ${ROLE_LABELS[input.role]} with ${input.email} and the password you chose.` };
}

export async function changeRole(context: AppLoadContext, actor: SessionUser, userId: string, role: Role, audit: AuditContext): Promise<Outcome> {
  const target = await requireTarget(context, actor, userId);
  if (target.role === role) return { ok: true, message: `${target.name} is already ${ROLE_LABELS[role]}.` };
  const refusal = checkRoleChange({
    actor: actor.user,
    target: { ...target, disabled: target.disabledAt !== null },
    newRole: role,
    activeOwners: await countActiveOwners(context.db, actor.workspace.id),
  });
  if (refusal) return { ok: false, field: "role", ...refusal };
  // The database re-checks the last-Owner rule atomically, in case two changes race.
  const event = { ...audit, kind: "user.role_changed" as const, summary: `Changed ${target.name}'s role from ${ROLE_LABELS[target.role]} to ${ROLE_LABELS[role]}` };
  if ((await updateUserRole(context.db, actor.workspace.id, userId, role, context.now(), event)) === "last_owner") {
    return { ok: false, field: "role", ...LAST_OWNER_REFUSAL };
  }
  return { ok: true, message: `${target.name} is now ${ROLE_LABELS[role]}.` };
}

export async function changeStatus(context: AppLoadContext, actor: SessionUser, userId: string, disable: boolean, audit: AuditContext): Promise<Outcome> {
  const target = await requireTarget(context, actor, userId);
  const refusal = checkStatusChange({
    actor: actor.user,
    target: { ...target, disabled: target.disabledAt !== null },
    disable,
    activeOwners: await countActiveOwners(context.db, actor.workspace.id),
  });
  if (refusal) return { ok: false, ...refusal };
  const event = disable
    ? { ...audit, kind: "user.disabled" as const, summary: `Disabled ${target.name} (${target.email}); their sessions ended and their API keys stopped working` }
    : { ...audit, kind: "user.enabled" as const, summary: `Enabled ${target.name} (${target.email})` };
  if ((await setUserDisabled(context.db, actor.workspace.id, userId, disable, context.now(), event)) === "last_owner") {
    return { ok: false, ...LAST_OWNER_REFUSAL };
  }
  return disable
    ? { ok: true, message: `${target.name} is disabled and signed out everywhere.` }
    : { ok: true, message: `${target.name} can log in again.` };
}

export type ApiKeyCreated = { ok: true; id: string; key: string; prefix: string; name: string; role: Role };

export function createWorkspaceApiKey(
  context: AppLoadContext,
  actor: SessionUser,
  input: { name: string; role: Role; expiresInDays?: number | null },
  audit: AuditContext,
): Promise<ApiKeyCreated | ({ ok: false; field: "role" } & Refusal)> {
  return createApiKeyAs(context, { workspaceId: actor.workspace.id, role: actor.user.role, userId: actor.user.id }, input, audit);
}

/**
 * Create a key with a role no higher than the actor's (Settings › API keys, and POST /api/v1/api-keys
 * where the actor is the calling key: its role, on behalf of the user who created it).
 */
export async function createApiKeyAs(
  context: AppLoadContext,
  actor: { workspaceId: string; role: Role; userId: string },
  input: { name: string; role: Role; expiresInDays?: number | null },
  audit: AuditContext,
): Promise<ApiKeyCreated | ({ ok: false; field: "role" } & Refusal)> {
  const refusal = checkGrantRole(actor.role, input.role);
  if (refusal) return { ok: false, field: "role", ...refusal };
  const now = context.now();
  const expiresAt = input.expiresInDays ? now + input.expiresInDays * 24 * 3600 * 1000 : null;
  const created = await createApiKey(
    context.db,
    actor.workspaceId,
    { name: input.name, role: input.role, createdBy: actor.userId, expiresAt },
    now,
    audit,
  );
  return { ok: true, id: created.id, key: created.key, prefix: created.prefix, name: input.name, role: input.role };
}

/** The signed-in user replaces their password (e.g. the initial one an admin chose). */
export async function changeOwnPassword(
  context: AppLoadContext,
  session: SessionUser,
  input: { currentPassword: string; newPassword: string },
): Promise<{ ok: true } | { ok: false; field: "currentPassword" | "newPassword"; message: string }> {
  if (!(await verifyPassword(input.currentPassword, session.user.passwordHash))) {
    return { ok: false, field: "currentPassword", message: "This is not your current password." };
  }
  const weak = passwordProblem(input.newPassword, session.user.email);
  if (weak) return { ok: false, field: "newPassword", message: weak };
  const hash = await hashPassword(input.newPassword);
  await updateUserPassword(context.db, session.workspace.id, session.user.id, hash, session.sessionId, context.now());
  return { ok: true };
}
