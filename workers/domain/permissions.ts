// Roles and permissions: the one place that says who may do what.
export const ROLES = ["owner", "admin", "manager", "technician", "observer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  manager: "Manager",
  technician: "Technician",
  observer: "Observer",
};

export const PERMISSIONS = [
  "read", // every signed-in role can read the workspace
  "integrations:manage",
  "settings:manage",
  "users:manage",
  "apikeys:manage",
  "customers:write",
  "contacts:write",
  "assets:write",
  "tickets:write",
  "reports:view",
  "audit:view", // Settings > Audit log and GET /api/v1/audit-events: Owners and Admins
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  manager: ["read", "customers:write", "contacts:write", "assets:write", "tickets:write", "reports:view"],
  technician: ["read", "contacts:write", "assets:write", "tickets:write"],
  observer: ["read", "reports:view"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

/** A role may hand out only roles at or below its own rank; only an owner makes owners. */
export function canAssignRole(actor: Role, target: Role): boolean {
  return ROLES.indexOf(target) >= ROLES.indexOf(actor);
}
