// Settings layout: a sub-navigation above the Workspace, Users, API keys and Integrations pages.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { NavLink, Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { cx, PageHeader } from "~/components/ui";
import { requireUser } from "~/lib/guards.server";
import { SETTINGS_PAGES } from "~/lib/settings-nav";
import { useApp } from "~/lib/use-app";

export const meta: MetaFunction = () => [{ title: "Settings · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(context, request);
  return null;
}

export default function SettingsLayout() {
  const { permissions } = useApp();
  return (
    <>
      <PageHeader title="Settings" description="Your workspace, the people in it, API access and integrations." />
      <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-slate-200">
        {SETTINGS_PAGES.filter((p) => permissions.includes(p.view)).map((page) => (
          <NavLink
            key={page.to}
            to={page.to}
            prefetch="intent"
            className={({ isActive }) =>
              cx(
                "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
                isActive ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )
            }
          >
            {page.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
