import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { and, count, eq, inArray, isNull } from "drizzle-orm";
import { schema } from "@workers/db/client";
import { Card, PageHeader } from "~/components/ui";
import { requireUser } from "~/lib/guards.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requireUser(context, request);
  const ws = workspace.id;
  const [[customers], [contacts], [assets], [openTickets]] = await Promise.all([
    context.db.select({ n: count() }).from(schema.customers).where(and(eq(schema.customers.workspaceId, ws), isNull(schema.customers.archivedAt))),
    context.db.select({ n: count() }).from(schema.contacts).where(eq(schema.contacts.workspaceId, ws)),
    context.db.select({ n: count() }).from(schema.assets).where(eq(schema.assets.workspaceId, ws)),
    context.db
      .select({ n: count() })
      .from(schema.tickets)
      .where(and(eq(schema.tickets.workspaceId, ws), inArray(schema.tickets.status, ["open", "in_progress", "waiting"]))),
  ]);
  return {
    workspaceName: workspace.name,
    stats: [
      { label: "Customers", value: customers?.n ?? 0, to: "/customers" },
      { label: "Contacts", value: contacts?.n ?? 0, to: "/contacts" },
      { label: "Assets", value: assets?.n ?? 0, to: "/assets" },
      { label: "Open tickets", value: openTickets?.n ?? 0, to: "/tickets" },
    ],
  };
}

export default function Dashboard() {
  const { workspaceName, stats } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome to ${workspaceName}.`} />
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
    </>
  );
}
