// The Settings sub-navigation. Every signed-in user may open these pages (read-only without
// the permission); each change checks its own permission in the page's action. Integrations is
// the exception: only integrations:manage may see it at all (issue 4).
import type { Permission } from "@workers/domain/permissions";

export const SETTINGS_PAGES: ReadonlyArray<{ to: string; label: string; view: Permission }> = [
  { to: "/settings/workspace", label: "Workspace", view: "read" },
  { to: "/settings/users", label: "Users", view: "read" },
  { to: "/settings/api-keys", label: "API keys", view: "read" },
  { to: "/settings/integrations", label: "Integrations", view: "integrations:manage" },
  { to: "/settings/audit-log", label: "Audit log", view: "audit:view" },
];
