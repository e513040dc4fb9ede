import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { formatDistanceStrict } from "date-fns";
import { contactDeviceCard } from "@workers/db/ninja-links";
import { getTicket, ticketSidebar } from "@workers/db/tickets";
import { TICKET_STATUS_LABELS, TICKET_STATUSES } from "@workers/domain/tickets";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { TicketPriorityBadge, TicketStatusBadge } from "~/components/TicketBadges";
import { TicketDevicesCard } from "~/components/TicketDevicesCard";
import { Badge, Button, ButtonLink, Card, formatDateTime } from "~/components/ui";
import { requireUser } from "~/lib/guards.server";
import { pageNotFound } from "~/lib/pages.server";
import { useCan } from "~/lib/use-app";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `#${data.ticket.number} ${data.ticket.title} · Core` : "Ticket · Core" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace, user } = await requireUser(context, request);
  const ticket = await getTicket(context.db, workspace.id, params.id ?? "");
  if (!ticket) throw pageNotFound("Ticket");
  const [sidebar, deviceCard] = await Promise.all([
    ticketSidebar(context.db, workspace.id, ticket),
    ticket.contactId ? contactDeviceCard(context.db, workspace.id, ticket.contactId) : null,
  ]);
  const now = context.now();
  return {
    timeZone: user.timeZone,
    ticket: {
      id: ticket.id,
      number: ticket.number,
      title: ticket.title,
      description: ticket.description,
      status: ticket.status,
      priority: ticket.priority,
      createdAt: ticket.createdAt,
      updatedAt: ticket.updatedAt,
    },
    openedBy: sidebar.openedBy,
    customer: sidebar.customer && { ...sidebar.customer, archived: sidebar.customer.archivedAt !== null },
    contact: sidebar.contact,
    devices: {
      ninja: (deviceCard?.ninja ?? []).map(({ lastContact, ...d }) => ({
        ...d,
        // Made here, with the server's clock, so the page hydrates unchanged.
        lastSeen: lastContact ? `${formatDistanceStrict(lastContact, now)} ago` : null,
      })),
      other: deviceCard?.other ?? [],
      more: deviceCard?.more ?? false,
    },
  };
}

export default function TicketPage() {
  const { ticket, customer, contact, devices, openedBy, timeZone } = useLoaderData<typeof loader>();
  const canWrite = useCan("tickets:write");
  const navigation = useNavigation();
  return (
    <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
      <div className="min-w-0 flex-1">
        <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
          <div>
            <p className="text-sm text-slate-500">
              <Link to="/tickets" className="hover:underline">
                Tickets
              </Link>{" "}
              / #{ticket.number}
            </p>
            <h1 className="mt-1 text-2xl font-semibold tracking-tight">{ticket.title}</h1>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <TicketStatusBadge status={ticket.status} />
              <TicketPriorityBadge priority={ticket.priority} />
            </div>
          </div>
          {canWrite ? <ButtonLink to={`/tickets/${ticket.id}/edit`}>Edit</ButtonLink> : null}
        </div>
        <Card title="Description">
          {ticket.description ? (
            <p className="whitespace-pre-wrap text-sm leading-6 text-slate-800">{ticket.description}</p>
          ) : (
            <p className="text-sm text-slate-500">No description.</p>
          )}
        </Card>
        <dl className="mt-4 flex flex-wrap gap-x-8 gap-y-2 text-sm text-slate-600">
          <div>
            <dt className="inline">Opened </dt>
            <dd className="inline">
              {formatDateTime(ticket.createdAt, timeZone)}
              {openedBy ? ` by ${openedBy}` : ""}
            </dd>
          </div>
          <div>
            <dt className="inline">Last updated </dt>
            <dd className="inline">{formatDateTime(ticket.updatedAt, timeZone)}</dd>
          </div>
        </dl>
      </div>
      <aside aria-label="Ticket sidebar" className="w-full shrink-0 space-y-4 lg:w-80">
        {canWrite ? (
          <Card title="Status">
            <Form method="post" action={`/tickets/${ticket.id}/status`} className="flex gap-2">
              <label htmlFor="quick-status" className="sr-only">
                Status
              </label>
              <select
                id="quick-status"
                name="status"
                defaultValue={ticket.status}
                key={ticket.status}
                className="block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300"
              >
                {TICKET_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {TICKET_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
              <Button variant="secondary" disabled={navigation.state !== "idle"}>
                Set
              </Button>
            </Form>
          </Card>
        ) : null}
        <Card title="Customer">
          {customer ? (
            <div className="space-y-1 text-sm">
              <Link to={`/customers/${customer.id}`} className="font-medium text-indigo-700 hover:underline">
                {customer.name}
              </Link>
              {customer.archived ? (
                <p>
                  <Badge tone="amber">Archived</Badge>
                </p>
              ) : null}
              {customer.phone ? <p className="text-slate-600">{customer.phone}</p> : null}
              {customer.email ? <p className="truncate text-slate-600">{customer.email}</p> : null}
            </div>
          ) : (
            <p className="text-sm text-slate-600">No customer on this ticket.{canWrite ? " Edit the ticket to set one." : ""}</p>
          )}
        </Card>
        <Card title="Contact">
          {contact ? (
            <dl className="space-y-1 text-sm">
              <dt className="sr-only">Name</dt>
              <dd>
                <Link to={`/contacts/${contact.id}`} className="font-medium text-indigo-700 hover:underline">
                  {contact.name}
                </Link>
                {contact.title ? <span className="block text-xs text-slate-500">{contact.title}</span> : null}
              </dd>
              <dt className="sr-only">E-mail</dt>
              <dd className="truncate">
                {contact.email ? (
                  <a href={`mailto:${contact.email}`} className="text-slate-700 hover:underline">
                    {contact.email}
                  </a>
                ) : (
                  <span className="text-slate-400">No e-mail</span>
                )}
              </dd>
              <dt className="sr-only">Phone</dt>
              <dd>
                {contact.phone ? (
                  <a href={`tel:${contact.phone}`} className="text-slate-700 hover:underline">
                    {contact.phone}
                  </a>
                ) : (
                  <span className="text-slate-400">No phone</span>
                )}
              </dd>
            </dl>
          ) : (
            <p className="text-sm text-slate-600">No contact on this ticket.{canWrite ? " Edit the ticket to set one." : ""}</p>
          )}
        </Card>
        <TicketDevicesCard contactName={contact?.name ?? null} contactId={contact?.id ?? null} {...devices} />
      </aside>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
