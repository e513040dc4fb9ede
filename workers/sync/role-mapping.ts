// Device role mapping (issue 6, seed 000 "Device Roles"): per NinjaOne device role, an optional asset
// category override and "Mark configuration inactive if corresponding NinjaOne device is deleted"
// (workspace default / yes / no). The sync reads both: the override in the device step
// (loadDeviceContext → mapDevice), the inactive flag in finalize (applyVanished).
import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { auditStatement, type AuditBy } from "../db/audit";
import { z } from "zod";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import { ASSET_CATEGORIES, categoryForNodeClass, nodeClassLabel, type AssetCategory } from "../domain/categories";

export type InactiveSetting = "default" | "yes" | "no";

export const inactiveSettingOf = (value: boolean | null): InactiveSetting => (value === null ? "default" : value ? "yes" : "no");
const inactiveValueOf = (setting: InactiveSetting): boolean | null => (setting === "default" ? null : setting === "yes");

export type RoleSettingRow = {
  ninjaRoleId: number;
  name: string;
  nodeClass: string | null;
  nodeClassLabel: string;
  /** What the nodeClass table gives when there is no override. */
  defaultCategory: AssetCategory;
  categoryOverride: AssetCategory | null;
  markInactive: InactiveSetting;
  /** NinjaOne assets currently carrying this role. */
  assetCount: number;
};

export async function listRoleSettings(db: Db, workspaceId: string): Promise<{ roles: RoleSettingRow[]; workspaceMarksInactive: boolean }> {
  const r = schema.ninjaRoles;
  const a = schema.assets;
  const [roles, counts, workspace] = await Promise.all([
    db.select().from(r).where(eq(r.workspaceId, workspaceId)).orderBy(r.name, r.ninjaRoleId),
    db
      .select({ roleId: a.ninjaRoleId, n: count() })
      .from(a)
      .where(and(eq(a.workspaceId, workspaceId), isNotNull(a.ninjaRoleId), isNotNull(a.ninjaDeviceId)))
      .groupBy(a.ninjaRoleId),
    db.query.workspaces.findFirst({ where: eq(schema.workspaces.id, workspaceId), columns: { markInactiveOnDelete: true } }),
  ]);
  const byRole = new Map(counts.map((c) => [c.roleId, c.n]));
  return {
    workspaceMarksInactive: workspace?.markInactiveOnDelete ?? true,
    roles: roles.map((role) => ({
      ninjaRoleId: role.ninjaRoleId,
      name: role.name,
      nodeClass: role.nodeClass,
      nodeClassLabel: nodeClassLabel(role.nodeClass),
      defaultCategory: categoryForNodeClass(role.nodeClass),
      categoryOverride: role.categoryOverride,
      markInactive: inactiveSettingOf(role.markInactiveOnDelete),
      assetCount: byRole.get(role.ninjaRoleId) ?? 0,
    })),
  };
}

export const RoleSettingSchema = z.object({
  ninjaRoleId: z.number().int().positive(),
  categoryOverride: z.enum(ASSET_CATEGORIES, { error: "Pick a category from the list." }).nullable(),
  markInactive: z.enum(["default", "yes", "no"], { error: "Pick workspace default, yes or no." }),
});
export type RoleSetting = z.infer<typeof RoleSettingSchema>;

export type RoleSaveResult = { ok: true; changed: number } | { ok: false; message: string; byRole: Record<number, string> };

/** Save role settings in one batch; roles must be the workspace's. They apply from the next sync. */
export async function saveRoleSettings(db: Db, workspaceId: string, settings: readonly RoleSetting[], audit?: AuditBy, now = Date.now()): Promise<RoleSaveResult> {
  const r = schema.ninjaRoles;
  const ids = [...new Set(settings.map((s) => s.ninjaRoleId))];
  const known = ids.length
    ? await db.select().from(r).where(and(eq(r.workspaceId, workspaceId), inArray(r.ninjaRoleId, ids)))
    : [];
  const byId = new Map(known.map((role) => [role.ninjaRoleId, role]));
  const byRole: Record<number, string> = {};
  for (const s of settings) if (!byId.has(s.ninjaRoleId)) byRole[s.ninjaRoleId] = `No NinjaOne device role ${s.ninjaRoleId} in this workspace.`;
  if (Object.keys(byRole).length) return { ok: false, message: "Nothing was saved: a device role is not known (run a sync to refresh them).", byRole };

  const updates = settings.filter((s) => {
    const role = byId.get(s.ninjaRoleId);
    return role && (role.categoryOverride !== s.categoryOverride || role.markInactiveOnDelete !== inactiveValueOf(s.markInactive));
  });
  const statements: BatchItem<"sqlite">[] = updates.map((s) =>
    db
      .update(r)
      .set({ categoryOverride: s.categoryOverride, markInactiveOnDelete: inactiveValueOf(s.markInactive) })
      .where(and(eq(r.workspaceId, workspaceId), eq(r.ninjaRoleId, s.ninjaRoleId))),
  );
  if (audit && statements.length) {
    statements.push(
      auditStatement(db, {
        ...audit,
        workspaceId,
        kind: "policy.saved",
        summary: `Saved NinjaOne device role settings (${updates.length} role${updates.length === 1 ? "" : "s"} changed)`,
        target: { type: "ninja_roles", id: workspaceId, link: "/settings/integrations/ninjaone/roles" },
        now,
      }),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  return { ok: true, changed: updates.length };
}
