// The NinjaOne settings tabs: the integration itself, organization mapping, device roles, contact association, replacement policies.
import { Link, useLocation } from "@remix-run/react";
import { cx } from "~/components/ui";

const TABS = [
  { to: "/settings/integrations/ninjaone", label: "Overview", exact: true },
  { to: "/settings/integrations/ninjaone/mappings", label: "Organization Mapping", exact: false },
  { to: "/settings/integrations/ninjaone/roles", label: "Device Roles", exact: false },
  { to: "/settings/integrations/ninjaone/contacts", label: "Bulk Contact Association", exact: false },
  { to: "/settings/integrations/ninjaone/replacement-policies", label: "Replacement Policies", exact: false },
] as const;

export function NinjaOneTabs() {
  const { pathname } = useLocation();
  const current = (tab: (typeof TABS)[number]) =>
    tab.exact ? pathname === tab.to || pathname === `${tab.to}/map` : pathname === tab.to || pathname.startsWith(`${tab.to}/`);
  return (
    <nav aria-label="NinjaOne settings" className="mb-5 flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => (
        <Link
          key={tab.to}
          to={tab.to}
          prefetch="intent"
          aria-current={current(tab) ? "page" : undefined}
          className={cx(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            current(tab) ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
