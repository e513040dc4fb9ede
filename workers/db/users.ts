// Users of a workspace: list, add, change role, disable/enable, personal preferences.
// Every function takes the workspace id and filters on it.
import { and, asc, count, eq, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { newId } from "../crypto";
import type { Role } from "../domain/permissions";
import type { Db } from "./client";
import { schema } from "./client";
import type { NotificationInput } from "./notifications";
import { auditIfChanged, auditStatement, type AuditInput } from "./audit";

/** The audit event to write in the same batch as the change (workers/db/audit.ts). */
export type UserAudit = Omit<AuditInput, "workspaceId" | "now" | "target">;
const userTarget = (id: string) => ({ type: "user", id, link: "/settings/users" });

const { users } = schema;

const publicColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  timeZone: users.timeZone,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

export type WorkspaceUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  timeZone: string;
  disabledAt: number | null;
  createdAt: number;
};

export function listWorkspaceUsers(db: Db, workspaceId: string): Promise<WorkspaceUser[]> {
  return db.select(publicColumns).from(users).where(eq(users.workspaceId, workspaceId)).orderBy(asc(users.name), asc(users.id));
}

export async function findWorkspaceUser(db: Db, workspaceId: string, userId: string): Promise<WorkspaceUser | null> {
  const rows = await db
    .select(publicColumns)
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
    .limit(1);
  return rows[0] ?? null;
}

/** E-mail addresses are unique across Core (login has no workspace picker). */
export async function isEmailTaken(db: Db, email: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return rows.length > 0;
}

export async function countActiveOwners(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, "owner"), isNull(users.disabledAt)));
  return row?.n ?? 0;
}

// "More than one active Owner in this workspace", evaluated inside the UPDATE itself so two
// Owners demoting each other at the same moment cannot leave the workspace without one.
const anotherActiveOwner = (workspaceId: string) =>
  sql`(SELECT count(*) FROM ${users} WHERE ${users.workspaceId} = ${workspaceId} AND ${users.role} = 'owner' AND ${users.disabledAt} IS NULL) > 1`;

export type NewTeammate = { name: string; email: string; role: Role; passwordHash: string };

/** Insert the user and their welcome notification together. `email_taken` if the address is in use. */
export async function insertTeammate(
  db: Db,
  workspaceId: string,
  input: NewTeammate,
  welcome: NotificationInput,
  now: number,
  audit?: UserAudit,
): Promise<{ ok: true; userId: string } | { ok: false; reason: "email_taken" }> {
  const userId = newId();
  try {
    await db.batch([
      db.insert(users).values({
        id: userId,
        workspaceId,
        email: input.email.toLowerCase(),
        name: input.name,
        passwordHash: input.passwordHash,
        role: input.role,
        // New teammates start in the workspace's time zone; they change their own later.
        timeZone: sql`(SELECT ${schema.workspaces.timeZone} FROM ${schema.workspaces} WHERE ${schema.workspaces.id} = ${workspaceId})`,
        createdAt: now,
        updatedAt: now,
      }),
      db.insert(schema.notifications).values({
        id: newId(),
        workspaceId,
        userId,
        type: welcome.type,
        title: welcome.title,
        body: welcome.body ?? null,
        link: welcome.link ?? null,
        dedupKey: welcome.dedupKey ?? null,
        createdAt: now,
      }),
      ...(audit ? [auditStatement(db, { ...audit, workspaceId, now, target: userTarget(userId) })] : []),
    ]);
  } catch (error) {
    // Two admins adding the same address at once: the unique index decides.
    if (String(error).includes("UNIQUE constraint failed: users.email")) return { ok: false, reason: "email_taken" };
    throw error;
  }
  return { ok: true, userId };
}

/** Change a role, refusing (`last_owner`) to demote the last active Owner. */
export async function updateUserRole(
  db: Db,
  workspaceId: string,
  userId: string,
  role: Role,
  now: number,
  audit?: UserAudit,
): Promise<"updated" | "last_owner"> {
  const update = db
    .update(users)
    .set({ role, updatedAt: now })
    .where(
      and(
        eq(users.workspaceId, workspaceId),
        eq(users.id, userId),
        // Promoting needs no guard; anything else must not take away the last active Owner.
        role === "owner" ? undefined : or(ne(users.role, "owner"), isNotNull(users.disabledAt), anotherActiveOwner(workspaceId)),
      ),
    )
    .returning({ id: users.id });
  const [updated] = audit ? await db.batch([update, auditIfChanged(db, { ...audit, workspaceId, now, target: userTarget(userId) })]) : [await update];
  return updated.length > 0 ? "updated" : "last_owner";
}

/** Disable (and sign out everywhere) or re-enable a user; never disables the last active Owner. */
export async function setUserDisabled(
  db: Db,
  workspaceId: string,
  userId: string,
  disabled: boolean,
  now: number,
  audit?: UserAudit,
): Promise<"updated" | "last_owner"> {
  const event = audit ? [auditIfChanged(db, { ...audit, workspaceId, now, target: userTarget(userId) })] : [];
  if (!disabled) {
    await db.batch([
      db
        .update(users)
        .set({ disabledAt: null, updatedAt: now })
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId))),
      ...event,
    ]);
    return "updated";
  }
  const [updated] = await db.batch([
    db
      .update(users)
      .set({ disabledAt: sql`coalesce(${users.disabledAt}, ${now})`, updatedAt: now })
      .where(
        and(
          eq(users.workspaceId, workspaceId),
          eq(users.id, userId),
          or(ne(users.role, "owner"), isNotNull(users.disabledAt), anotherActiveOwner(workspaceId)),
        ),
      )
      .returning({ id: users.id }),
    ...event,
    // Only deletes when the row above is (now) disabled, so a refused disable keeps sessions.
    db
      .delete(schema.sessions)
      .where(
        and(
          eq(schema.sessions.workspaceId, workspaceId),
          eq(schema.sessions.userId, userId),
          sql`EXISTS (SELECT 1 FROM ${users} WHERE ${users.id} = ${userId} AND ${users.disabledAt} IS NOT NULL)`,
        ),
      ),
  ]);
  return updated.length > 0 ? "updated" : "last_owner";
}

export async function updateUserTimeZone(db: Db, workspaceId: string, userId: string, timeZone: string, now: number) {
  await db
    .update(users)
    .set({ timeZone, updatedAt: now })
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
}

/** Set a new password hash and sign the user out of every other session. */
export async function updateUserPassword(db: Db, workspaceId: string, userId: string, passwordHash: string, keepSessionId: string, now: number) {
  await db.batch([
    db
      .update(users)
      .set({ passwordHash, updatedAt: now })
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId))),
    db
      .delete(schema.sessions)
      .where(and(eq(schema.sessions.workspaceId, workspaceId), eq(schema.sessions.userId, userId), ne(schema.sessions.id, keepSessionId))),
  ]);
}
