// Workspace-level settings.
import { eq } from "drizzle-orm";
import { auditStatement, type AuditInput } from "./audit";
import type { Db } from "./client";
import { schema } from "./client";

export async function updateWorkspaceSettings(
  db: Db,
  workspaceId: string,
  patch: { name?: string; markInactiveOnDelete?: boolean },
  now: number,
  audit?: Omit<AuditInput, "workspaceId" | "now" | "target">,
) {
  const update = db
    .update(schema.workspaces)
    .set({ ...patch, updatedAt: now })
    .where(eq(schema.workspaces.id, workspaceId));
  if (!audit) return void (await update);
  await db.batch([update, auditStatement(db, { ...audit, workspaceId, now, target: { type: "workspace", id: workspaceId, link: "/settings/workspace" } })]);
}
