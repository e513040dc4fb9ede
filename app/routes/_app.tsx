// The signed-in shell: left navigation, workspace name, unread inbox badge.
import { data, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { countUnread } from "@workers/db/notifications";
import { permissionsOf, ROLE_LABELS } from "@workers/domain/permissions";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { cx } from "~/components/ui";
import { Toaster } from "~/components/Toaster";
import { requireUser } from "~/lib/guards.server";
import { readToast } from "~/lib/toast.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, workspace } = await requireUser(context, request);
  const unread = await countUnread(context.db, workspace.id, user.id);
  const { toast, clear } = readToast(request);
  return data({
    user: { id: user.id, name: user.name, email: user.email, role: user.role, roleLabel: ROLE_LABELS[user.role], timeZone: user.timeZone },
    permissions: permissionsOf(user.role),
    workspace: { id: workspace.id, name: workspace.name },
    unread,
    toast,
  }, clear ? { headers: { "Set-Cookie": clear } } : undefined);
}

const NAV = [
  { to: "/dashboard", label: "Dashboard" },
  { to: "/customers", label: "Customers" },
  { to: "/contacts", label: "Contacts" },
  { to: "/assets", label: "Assets" },
  { to: "/tickets", label: "Tickets" },
  { to: "/reports", label: "Reports" },
  { to: "/inbox", label: "Inbox" },
  { to: "/settings", label: "Settings" },
] as const;

export default function AppShell() {
  const { user, workspace, unread, toast } = useLoaderData<typeof loader>();
  return (
    <div className="flex min-h-full">
      <aside className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="px-5 py-5">
          <p className="text-lg font-bold tracking-tight text-indigo-700">Core</p>
          <p className="truncate text-xs text-slate-500" title={workspace.name}>
            {workspace.name}
          </p>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 px-3">
          {NAV.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              prefetch="intent"
              className={({ isActive }) =>
                cx(
                  "flex items-center justify-between rounded-md px-3 py-2 text-sm font-medium",
                  isActive ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100",
                )
              }
            >
              <span>{item.label}</span>
              {item.to === "/inbox" && unread > 0 ? (
                <span aria-label={`${unread} unread`} data-testid="unread-badge" className="rounded-full bg-rose-600 px-2 py-0.5 text-xs font-semibold text-white">
                  {unread}
                </span>
              ) : null}
            </NavLink>
          ))}
        </nav>
        <div className="border-t border-slate-200 px-5 py-4 text-sm">
          <p className="truncate font-medium" title={user.email}>
            {user.name}
          </p>
          <p className="text-xs text-slate-500">{user.roleLabel}</p>
          <Form method="post" action="/logout" className="mt-2">
            <button type="submit" className="text-xs text-slate-600 hover:text-slate-900 hover:underline">
              Log out
            </button>
          </Form>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-8">
        <Outlet />
      </main>
      <Toaster toast={toast} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
