// Workspace-level settings.
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { schema } from "./client";

export async function updateWorkspaceSettings(
  db: Db,
  workspaceId: string,
  patch: { name?: string; markInactiveOnDelete?: boolean; timeZone?: string },
  now: number,
) {
  await db
    .update(schema.workspaces)
    .set({ ...patch, updatedAt: now })
    .where(eq(schema.workspaces.id, workspaceId));
}

export type WorkspaceSettings = { name: string; markInactiveOnDelete: boolean; timeZone: string };

export async function loadWorkspaceSettings(db: Db, workspaceId: string): Promise<WorkspaceSettings | null> {
  const row = await db.query.workspaces.findFirst({
    where: eq(schema.workspaces.id, workspaceId),
    columns: { name: true, markInactiveOnDelete: true, timeZone: true },
  });
  return row ?? null;
}
