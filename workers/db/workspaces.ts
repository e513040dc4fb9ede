// Workspace-level settings.
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { schema } from "./client";

export async function updateWorkspaceSettings(
  db: Db,
  workspaceId: string,
  patch: { name?: string; markInactiveOnDelete?: boolean },
  now: number,
) {
  await db
    .update(schema.workspaces)
    .set({ ...patch, updatedAt: now })
    .where(eq(schema.workspaces.id, workspaceId));
}
