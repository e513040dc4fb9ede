// The NinjaOne page's tabs and which one a URL belongs to (pure: the tab list and tests share it).
import type { Permission } from "@workers/domain/permissions";
import { NINJA_SETTINGS_PAGE } from "./sync-paths";

/** `view`: the permission the tab's loader asks for (Contacts: whoever assigns devices; Replacement Policies: report readers). */
export const NINJA_TABS = [
  { id: "overview", to: NINJA_SETTINGS_PAGE, label: "Overview", view: "integrations:manage" },
  { id: "mappings", to: `${NINJA_SETTINGS_PAGE}/mappings`, label: "Organization Mapping", view: "integrations:manage" },
  { id: "contacts", to: `${NINJA_SETTINGS_PAGE}/contacts`, label: "Contacts", view: "assets:write" },
  { id: "roles", to: `${NINJA_SETTINGS_PAGE}/roles`, label: "Device Roles", view: "integrations:manage" },
  { id: "replacement-policies", to: `${NINJA_SETTINGS_PAGE}/replacement-policies`, label: "Replacement Policies", view: "reports:view" },
  { id: "history", to: `${NINJA_SETTINGS_PAGE}/history`, label: "History", view: "integrations:manage" },
] as const satisfies ReadonlyArray<{ id: string; to: string; label: string; view: Permission }>;

export type NinjaTabId = (typeof NINJA_TABS)[number]["id"];

/** Pages under a tab that are not its own URL: the quick mapping panel and the settings form belong to Overview, a run to History. */
const BELONGS_TO: Record<string, NinjaTabId> = { map: "overview", configure: "overview", sync: "overview", runs: "history" };

export function ninjaTabFor(pathname: string): NinjaTabId | null {
  const path = pathname.replace(/\/+$/, "");
  if (path === NINJA_SETTINGS_PAGE) return "overview";
  if (!path.startsWith(`${NINJA_SETTINGS_PAGE}/`)) return null;
  const first = path.slice(NINJA_SETTINGS_PAGE.length + 1).split("/")[0] ?? "";
  return NINJA_TABS.find((tab) => tab.id === first)?.id ?? BELONGS_TO[first] ?? null;
}
