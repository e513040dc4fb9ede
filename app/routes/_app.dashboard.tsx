import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { and, count, eq, inArray, isNull } from "drizzle-orm";
import { schema } from "@workers/db/client";
import { ACTIVE_TICKET_STATUSES } from "@workers/domain/tickets";
import { recentActiveTickets } from "@workers/db/tickets";
import { TicketPriorityBadge, TicketStatusBadge } from "~/components/TicketBadges";
import { ButtonLink, Card, PageHeader } from "~/components/ui";
import { can } from "@workers/domain/permissions";
import { GettingStartedChecklist } from "~/components/GettingStartedChecklist";
import { gettingStarted } from "~/lib/getting-started.server";
import { requireUser } from "~/lib/guards.server";
import { useCan } from "~/lib/use-app";

export const meta: MetaFunction = () => [{ title: "Dashboard · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, workspace } = await requireUser(context, request);
  const ws = workspace.id;
  // The checklist's steps are done in NinjaOne settings: shown to those who may do them, until all are done.
  const checklist = can(user.role, "integrations:manage") ? gettingStarted(context, ws) : Promise.resolve(null);
  const [[customers], [contacts], [assets], [openTickets], recentTickets, setup] = await Promise.all([
    context.db.select({ n: count() }).from(schema.customers).where(and(eq(schema.customers.workspaceId, ws), isNull(schema.customers.archivedAt))),
    context.db.select({ n: count() }).from(schema.contacts).where(eq(schema.contacts.workspaceId, ws)),
    context.db.select({ n: count() }).from(schema.assets).where(eq(schema.assets.workspaceId, ws)),
    context.db
      .select({ n: count() })
      .from(schema.tickets)
      .where(and(eq(schema.tickets.workspaceId, ws), inArray(schema.tickets.status, [...ACTIVE_TICKET_STATUSES]))),
    recentActiveTickets(context.db, ws, 5),
    checklist,
  ]);
  return {
    workspaceName: workspace.name,
    gettingStarted: setup && !setup.allDone ? setup : null,
    stats: [
      { label: "Customers", value: customers?.n ?? 0, to: "/customers" },
      { label: "Contacts", value: contacts?.n ?? 0, to: "/contacts" },
      { label: "Assets", value: assets?.n ?? 0, to: "/assets" },
      { label: "Open tickets", value: openTickets?.n ?? 0, to: "/tickets?status=active" },
    ],
    recentTickets: recentTickets.map((t) => ({
      id: t.id,
      number: t.number,
      title: t.title,
      status: t.status,
      priority: t.priority,
      customerName: t.customerName,
    })),
  };
}

export default function Dashboard() {
  const { workspaceName, stats, recentTickets, gettingStarted } = useLoaderData<typeof loader>();
  const canWriteTickets = useCan("tickets:write");
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome to ${workspaceName}.`} />
      {gettingStarted ? <GettingStartedChecklist {...gettingStarted} /> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {stats.map((s) => (
          <Link key={s.label} to={s.to} className="block">
            <Card className="hover:ring-indigo-300">
              <p className="text-sm text-slate-500">{s.label}</p>
              <p className="mt-1 text-3xl font-semibold">{s.value.toLocaleString("en-US")}</p>
            </Card>
          </Link>
        ))}
      </div>
      <Card
        title="Recent tickets"
        className="mt-6"
        actions={
          <Link to="/tickets?status=active" className="text-sm text-indigo-600 hover:underline">
            All open tickets →
          </Link>
        }
      >
        {recentTickets.length === 0 ? (
          <div className="text-sm text-slate-600">
            <p>No open tickets right now. New tickets show up here until they are resolved.</p>
            {canWriteTickets ? (
              <div className="mt-3">
                <ButtonLink to="/tickets/new">New ticket</ButtonLink>
              </div>
            ) : null}
          </div>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Recent tickets">
            {recentTickets.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="min-w-0">
                  <Link to={`/tickets/${t.id}`} className="font-medium text-indigo-700 hover:underline">
                    <span className="text-slate-500">#{t.number}</span> {t.title}
                  </Link>
                  {t.customerName ? <span className="ml-2 text-slate-500">{t.customerName}</span> : null}
                </span>
                <span className="flex gap-2">
                  <TicketPriorityBadge priority={t.priority} />
                  <TicketStatusBadge status={t.status} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
