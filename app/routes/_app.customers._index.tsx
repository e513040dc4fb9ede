import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { customerCounts, CustomerCursor, listCustomers } from "@workers/db/customers";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Pagination } from "~/components/Pagination";
import { Badge, Button, ButtonLink, EmptyState, PageHeader, Table, Td, Th } from "~/components/ui";
import { requireUser } from "~/lib/guards.server";
import { cursorFromUrl, cursorToParam } from "~/lib/pages.server";
import { useCan } from "~/lib/use-app";
import { formatCount } from "@workers/domain/numbers";

export const meta: MetaFunction = () => [{ title: "Customers · Core" }];

const PAGE_SIZE = 50;
// Filters from the URL; a value we do not understand is ignored rather than an error page.
const Filters = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  archived: z.literal("1").optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requireUser(context, request);
  const url = new URL(request.url);
  const filters = Filters.parse(Object.fromEntries(url.searchParams));
  const page = await listCustomers(context.db, workspace.id, {
    q: filters.q || undefined,
    archived: filters.archived ? "include" : "exclude",
    limit: PAGE_SIZE,
    after: cursorFromUrl(url, CustomerCursor),
  });
  const counts = await customerCounts(context.db, workspace.id, page.rows.map((c) => c.id));
  return {
    q: filters.q ?? "",
    showArchived: Boolean(filters.archived),
    customers: page.rows.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      archived: c.archivedAt !== null,
      ...(counts.get(c.id) ?? { assets: 0, contacts: 0, activeTickets: 0 }),
    })),
    nextCursor: cursorToParam(page.next),
  };
}

export default function Customers() {
  const { q, showArchived, customers, nextCursor } = useLoaderData<typeof loader>();
  const canWrite = useCan("customers:write");
  const filtered = q !== "" || showArchived;
  return (
    <>
      <PageHeader
        title="Customers"
        description="The organisations you look after, with their contacts, assets and tickets."
        actions={canWrite ? <ButtonLink to="/customers/new" variant="primary">New customer</ButtonLink> : null}
      />
      <Form method="get" role="search" className="mb-4 flex flex-wrap items-center gap-3">
        <label className="sr-only" htmlFor="customer-search">
          Search customers
        </label>
        <input
          id="customer-search"
          type="search"
          name="q"
          defaultValue={q}
          maxLength={200}
          placeholder="Search by name"
          className="w-72 rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500"
        />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="archived" value="1" defaultChecked={showArchived} className="rounded border-slate-300" />
          Show archived
        </label>
        <Button variant="secondary">Search</Button>
        {filtered ? (
          <Link to="/customers" className="text-sm text-slate-600 hover:underline">
            Clear
          </Link>
        ) : null}
      </Form>
      {customers.length === 0 ? (
        filtered ? (
          <EmptyState title="No customers match">Try another name, or clear the search.</EmptyState>
        ) : (
          <EmptyState
            title="No customers yet"
            action={canWrite ? <ButtonLink to="/customers/new" variant="primary">Create your first customer</ButtonLink> : null}
          >
            Add the organisations you support; their contacts, assets and tickets hang off them.
          </EmptyState>
        )
      ) : (
        <>
          <Table>
            <thead className="bg-slate-50">
              <tr>
                <Th>Name</Th>
                <Th>E-mail</Th>
                <Th>Phone</Th>
                <Th className="text-right">Contacts</Th>
                <Th className="text-right">Assets</Th>
                <Th className="text-right">Open tickets</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {customers.map((c) => (
                <tr key={c.id} className="hover:bg-slate-50">
                  <Td>
                    <Link to={`/customers/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                      {c.name}
                    </Link>
                    {c.archived ? (
                      <span className="ml-2">
                        <Badge>Archived</Badge>
                      </span>
                    ) : null}
                  </Td>
                  <Td className="text-slate-600">{c.email ?? "—"}</Td>
                  <Td className="text-slate-600">{c.phone ?? "—"}</Td>
                  <Td className="text-right tabular-nums">{formatCount(c.contacts)}</Td>
                  <Td className="text-right tabular-nums">{formatCount(c.assets)}</Td>
                  <Td className="text-right tabular-nums">{formatCount(c.activeTickets)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination nextCursor={nextCursor} shown={customers.length} unit={customers.length === 1 ? "customer" : "customers"} />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
