// Workspace-level settings.
import { eq } from "drizzle-orm";
import { auditStatement, type AuditInput } from "./audit";
import type { Db } from "./client";
import { schema } from "./client";

export async function updateWorkspaceSettings(
  db: Db,
  workspaceId: string,
  patch: { name?: string; markInactiveOnDelete?: boolean; timeZone?: string },
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

export type WorkspaceSettings = { name: string; markInactiveOnDelete: boolean; timeZone: string };

export async function loadWorkspaceSettings(db: Db, workspaceId: string): Promise<WorkspaceSettings | null> {
  const row = await db.query.workspaces.findFirst({
    where: eq(schema.workspaces.id, workspaceId),
    columns: { name: true, markInactiveOnDelete: true, timeZone: true },
  });
  return row ?? null;
}
