// Inbox notifications. Later capabilities post through here; dedupKey makes a post idempotent
// per user (e.g. "ninjaone.reconnect:<connectedAt>" or "ninjaone.org_mapping:2026-11-23").
import { and, eq, inArray, isNull } from "drizzle-orm";
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
