// Inbox notifications. Later capabilities post through here; dedupKey makes a post idempotent
// per user (e.g. "ninjaone.reconnect:<connectedAt>" or "ninjaone.org_mapping:2026-11-23").
import { and, count, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { newId } from "../crypto";
import type { Db } from "./client";
import { schema } from "./client";
import type { Role } from "../domain/permissions";

export type NotificationInput = {
  type: string;
  title: string;
  body?: string;
  link?: string;
  dedupKey?: string;
};

/** Post to every active user of the workspace holding one of `roles`. Returns how many were new. */
export async function notifyRoles(
  db: Db,
  workspaceId: string,
  roles: readonly Role[],
  input: NotificationInput,
  now: number,
): Promise<number> {
  const recipients = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(and(eq(schema.users.workspaceId, workspaceId), inArray(schema.users.role, [...roles]), isNull(schema.users.disabledAt)));
  if (recipients.length === 0) return 0;
  // D1 binds at most 100 parameters per statement: 9 columns a row, so 10 rows a statement.
  let created = 0;
  for (let i = 0; i < recipients.length; i += 10) {
    const inserted = await db
      .insert(schema.notifications)
      .values(
        recipients.slice(i, i + 10).map((r) => ({
          id: newId(),
          workspaceId,
          userId: r.id,
          type: input.type,
          title: input.title,
          body: input.body ?? null,
          link: input.link ?? null,
          dedupKey: input.dedupKey ?? null,
          createdAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: schema.notifications.id });
    created += inserted.length;
  }
  return created;
}

export const notifyAdmins = (db: Db, workspaceId: string, input: NotificationInput, now: number) =>
  notifyRoles(db, workspaceId, ["owner", "admin"], input, now);

// Reading the inbox: always one user's own notifications in their own workspace.
const { notifications } = schema;
const own = (workspaceId: string, userId: string) =>
  and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId));

export type InboxItem = {
  id: string;
  type: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: number | null;
  createdAt: number;
};
/** Keyset position: the last item of the previous page (newest first). */
export type InboxCursor = { createdAt: number; id: string };

export async function listNotifications(
  db: Db,
  workspaceId: string,
  userId: string,
  opts: { after?: InboxCursor; limit: number },
): Promise<{ items: InboxItem[]; next: InboxCursor | null }> {
  const { after, limit } = opts;
  const rows = await db
    .select({
      id: notifications.id,
      type: notifications.type,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(
      and(
        own(workspaceId, userId),
        after
          ? or(lt(notifications.createdAt, after.createdAt), and(eq(notifications.createdAt, after.createdAt), lt(notifications.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export async function countUnread(db: Db, workspaceId: string, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(own(workspaceId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Mark one of the user's notifications read (idempotent). Null when it is not theirs or does not exist. */
export async function markNotificationRead(
  db: Db,
  workspaceId: string,
  userId: string,
  id: string,
  now: number,
): Promise<{ id: string; link: string | null } | null> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(own(workspaceId, userId), eq(notifications.id, id), isNull(notifications.readAt)));
  const rows = await db
    .select({ id: notifications.id, link: notifications.link })
    .from(notifications)
    .where(and(own(workspaceId, userId), eq(notifications.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/** Mark every unread notification of the user read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, workspaceId: string, userId: string, now: number): Promise<number> {
  const result = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(own(workspaceId, userId), isNull(notifications.readAt)));
  return result.meta.changes;
}
