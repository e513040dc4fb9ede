import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { customerPick } from "@workers/db/customers";
import { listTickets, TicketCursor } from "@workers/db/tickets";
import { TICKET_PRIORITIES, TICKET_PRIORITY_LABELS, TICKET_STATUS_LABELS, TICKET_STATUSES } from "@workers/domain/tickets";
import { CustomerPicker } from "~/components/CustomerPicker";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Pagination } from "~/components/Pagination";
import { TicketPriorityBadge, TicketStatusBadge } from "~/components/TicketBadges";
import { Button, ButtonLink, EmptyState, formatDateTime, PageHeader, Table, Td, Th } from "~/components/ui";
import { requireUser } from "~/lib/guards.server";
import { cursorFromUrl, cursorToParam } from "~/lib/pages.server";
import { useCan } from "~/lib/use-app";

export const meta: MetaFunction = () => [{ title: "Tickets · Core" }];

const PAGE_SIZE = 50;
const Filters = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum([...TICKET_STATUSES, "active"]).optional().catch(undefined),
  priority: z.enum(TICKET_PRIORITIES).optional().catch(undefined),
  customerId: z.string().trim().max(64).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace, user } = await requireUser(context, request);
  const url = new URL(request.url);
  const filters = Filters.parse(Object.fromEntries(url.searchParams));
  const [page, picked] = await Promise.all([
    listTickets(context.db, workspace.id, {
      q: filters.q || undefined,
      status: filters.status,
      priority: filters.priority,
      customerId: filters.customerId || undefined,
      limit: PAGE_SIZE,
      after: cursorFromUrl(url, TicketCursor),
    }),
    customerPick(context.db, workspace.id, filters.customerId),
  ]);
  return {
    filters: { q: filters.q ?? "", status: filters.status ?? "", priority: filters.priority ?? "", customerId: filters.customerId ?? "" },
    // The filter's current customer only: the picker loads the others as you type.
    customer: picked ? { value: picked.id, label: picked.archived ? `${picked.name} (archived)` : picked.name } : null,
    timeZone: user.timeZone,
    tickets: page.rows.map((t) => ({
      id: t.id,
      number: t.number,
      title: t.title,
      status: t.status,
      priority: t.priority,
      customerId: t.customerId,
      customerName: t.customerName,
      contactName: t.contactName,
      updatedAt: t.updatedAt,
    })),
    nextCursor: cursorToParam(page.next),
  };
}

const selectClass = "rounded-md border-0 py-2 pl-3 pr-8 text-sm shadow-sm ring-1 ring-inset ring-slate-300";

export default function Tickets() {
  const { filters, customer, tickets, nextCursor, timeZone } = useLoaderData<typeof loader>();
  const canWrite = useCan("tickets:write");
  const filtered = Object.values(filters).some((v) => v !== "");
  return (
    <>
      <PageHeader
        title="Tickets"
        description="Requests and incidents from your customers, newest first."
        actions={canWrite ? <ButtonLink to="/tickets/new" variant="primary">New ticket</ButtonLink> : null}
      />
      <Form method="get" role="search" className="mb-4 flex flex-wrap items-center gap-3">
        <label className="sr-only" htmlFor="ticket-search">
          Search tickets
        </label>
        <input
          id="ticket-search"
          type="search"
          name="q"
          defaultValue={filters.q}
          maxLength={200}
          placeholder="Search titles"
          className="w-64 rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500"
        />
        <label className="sr-only" htmlFor="ticket-status">
          Status
        </label>
        <select id="ticket-status" name="status" defaultValue={filters.status} className={selectClass}>
          <option value="">Any status</option>
          <option value="active">Unresolved (open, in progress, waiting)</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {TICKET_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor="ticket-priority">
          Priority
        </label>
        <select id="ticket-priority" name="priority" defaultValue={filters.priority} className={selectClass}>
          <option value="">Any priority</option>
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {TICKET_PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
        <div className="w-64">
          <CustomerPicker
            name="customerId"
            id="ticket-customer"
            label="Customer"
            hideLabel
            value={customer}
            noneLabel="All customers"
            includeArchived
            inputClassName={selectClass + " w-full"}
          />
        </div>
        <Button variant="secondary">Filter</Button>
        {filtered ? (
          <Link to="/tickets" className="text-sm text-slate-600 hover:underline">
            Clear
          </Link>
        ) : null}
      </Form>
      {tickets.length === 0 ? (
        filtered ? (
          <EmptyState title="No tickets match">Try other filters, or clear them.</EmptyState>
        ) : (
          <EmptyState
            title="No tickets yet"
            action={canWrite ? <ButtonLink to="/tickets/new" variant="primary">Open the first ticket</ButtonLink> : null}
          >
            Tickets track what your customers asked for, with their contact and devices beside them.
          </EmptyState>
        )
      ) : (
        <>
          <Table>
            <thead className="bg-slate-50">
              <tr>
                <Th className="w-16">#</Th>
                <Th>Title</Th>
                <Th>Customer</Th>
                <Th>Contact</Th>
                <Th>Priority</Th>
                <Th>Status</Th>
                <Th>Updated</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tickets.map((t) => (
                <tr key={t.id} className="hover:bg-slate-50">
                  <Td className="tabular-nums text-slate-500">#{t.number}</Td>
                  <Td>
                    <Link to={`/tickets/${t.id}`} className="font-medium text-indigo-700 hover:underline">
                      {t.title}
                    </Link>
                  </Td>
                  <Td>
                    {t.customerId && t.customerName ? (
                      <Link to={`/customers/${t.customerId}`} className="hover:underline">
                        {t.customerName}
                      </Link>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </Td>
                  <Td className="text-slate-600">{t.contactName ?? "—"}</Td>
                  <Td>
                    <TicketPriorityBadge priority={t.priority} />
                  </Td>
                  <Td>
                    <TicketStatusBadge status={t.status} />
                  </Td>
                  <Td className="whitespace-nowrap text-slate-600">{formatDateTime(t.updatedAt, timeZone)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination nextCursor={nextCursor} shown={tickets.length} unit={tickets.length === 1 ? "ticket" : "tickets"} />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
