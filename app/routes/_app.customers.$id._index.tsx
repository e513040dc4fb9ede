import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listContacts } from "@workers/db/contacts";
import { customerAssets, customerTickets, getCustomer } from "@workers/db/customers";
import { assignableDeviceFilters, countAssets } from "@workers/db/device-assignment";
import { AssetMiniTable } from "~/components/AssetMiniTable";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { EolCounts } from "~/components/lifecycle";
import { TicketPriorityBadge, TicketStatusBadge } from "~/components/TicketBadges";
import { Badge, Button, ButtonLink, Card, PageHeader } from "~/components/ui";
import { requireUser } from "~/lib/guards.server";
import { customerLifecycle } from "~/lib/lifecycle.server";
import { pageNotFound } from "~/lib/pages.server";
import { useCan } from "~/lib/use-app";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.customer.name ?? "Customer"} · Core` }];

const SHOWN = { contacts: 50, assets: 50, tickets: 10 };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, workspace } = await requireUser(context, request);
  const customer = await getCustomer(context.db, workspace.id, params.id ?? "");
  if (!customer) throw pageNotFound("Customer");
  const [contacts, assets, tickets, unassignedDevices, lifecycle] = await Promise.all([
    listContacts(context.db, workspace.id, { customerId: customer.id, limit: SHOWN.contacts }),
    customerAssets(context.db, workspace.id, customer.id, SHOWN.assets),
    customerTickets(context.db, workspace.id, customer.id, SHOWN.tickets),
    countAssets(context.db, workspace.id, assignableDeviceFilters(customer.id, {}), context.now()),
    customerLifecycle(context, workspace.id, customer.id, user.role),
  ]);
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      website: customer.website,
      notes: customer.notes,
      archived: customer.archivedAt !== null,
    },
    contacts: { rows: contacts.rows.map((c) => ({ id: c.id, name: c.name, email: c.email, phone: c.phone, title: c.title })), more: contacts.next !== null },
    assets,
    tickets,
    unassignedDevices,
    lifecycle,
  };
}

function websiteHref(website: string) {
  return /^https?:\/\//i.test(website) ? website : `https://${website}`;
}

export default function CustomerPage() {
  const { customer, contacts, assets, tickets, unassignedDevices, lifecycle } = useLoaderData<typeof loader>();
  const canWriteCustomers = useCan("customers:write");
  const canWriteContacts = useCan("contacts:write");
  const canWriteTickets = useCan("tickets:write");
  const canWriteAssets = useCan("assets:write");
  return (
    <>
      <PageHeader
        title={customer.name}
        description={customer.archived ? <Badge tone="amber">Archived: hidden from lists and pickers</Badge> : "Customer"}
        actions={
          canWriteCustomers ? (
            <>
              <ButtonLink to={`/customers/${customer.id}/edit`}>Edit</ButtonLink>
              <Form method="post" action={`/customers/${customer.id}/archive`}>
                <input type="hidden" name="archived" value={customer.archived ? "false" : "true"} />
                <Button variant="secondary">{customer.archived ? "Unarchive" : "Archive"}</Button>
              </Form>
              <ButtonLink to={`/customers/${customer.id}/delete`} variant="danger">
                Delete
              </ButtonLink>
            </>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Details" className="lg:col-span-1">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-500">E-mail</dt>
              <dd>{customer.email ? <a href={`mailto:${customer.email}`} className="text-indigo-700 hover:underline">{customer.email}</a> : "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Phone</dt>
              <dd>{customer.phone ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Website</dt>
              <dd>
                {customer.website ? (
                  <a href={websiteHref(customer.website)} rel="noreferrer noopener" target="_blank" className="text-indigo-700 hover:underline">
                    {customer.website}
                  </a>
                ) : (
                  "—"
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Notes</dt>
              <dd className="whitespace-pre-wrap">{customer.notes ?? "—"}</dd>
            </div>
          </dl>
        </Card>
        <Card
          title={`Contacts`}
          className="lg:col-span-2"
          actions={canWriteContacts ? <ButtonLink to={`/contacts/new?customerId=${customer.id}`}>Add contact</ButtonLink> : null}
        >
          {contacts.rows.length === 0 ? (
            <p className="text-sm text-slate-600">No contacts yet. Add the people you talk to at {customer.name}.</p>
          ) : (
            <>
              <ul className="divide-y divide-slate-100 text-sm">
                {contacts.rows.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                    <span>
                      <Link to={`/contacts/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                        {c.name}
                      </Link>
                      {c.title ? <span className="ml-2 text-slate-500">{c.title}</span> : null}
                    </span>
                    <span className="text-slate-600">{[c.email, c.phone].filter(Boolean).join(" · ") || "—"}</span>
                  </li>
                ))}
              </ul>
              {contacts.more ? (
                <Link to={`/contacts?customerId=${customer.id}`} className="mt-3 inline-block max-w-full text-sm text-indigo-600 [overflow-wrap:anywhere] hover:underline">
                  All contacts of {customer.name} →
                </Link>
              ) : null}
            </>
          )}
        </Card>
      </div>
      <div className="mt-6 space-y-6">
        <Card
          title={`Assets (${assets.total.toLocaleString("en-US")})`}
          actions={
            unassignedDevices > 0 ? (
              <span className="flex items-center gap-3 text-sm text-slate-600">
                {`${unassignedDevices.toLocaleString("en-US")} NinjaOne ${unassignedDevices === 1 ? "device has" : "devices have"} no contact`}
                {canWriteAssets ? (
                  <ButtonLink to={`/customers/${customer.id}/assign-devices`} variant="primary">
                    Assign Devices
                  </ButtonLink>
                ) : null}
              </span>
            ) : null
          }
        >
          {assets.rows.length === 0 ? (
            <p className="text-sm text-slate-600">No assets belong to {customer.name} yet. Add one on the Assets page, or sync them from NinjaOne.</p>
          ) : (
            <>
              <AssetMiniTable assets={assets.rows} />
              {assets.total > assets.rows.length ? (
                <Link to={`/assets?customerId=${customer.id}`} className="mt-3 inline-block max-w-full text-sm text-indigo-600 [overflow-wrap:anywhere] hover:underline">
                  All {assets.total.toLocaleString("en-US")} assets of {customer.name} →
                </Link>
              ) : null}
            </>
          )}
        </Card>
        <Card
          title={`Tickets (${tickets.total.toLocaleString("en-US")})`}
          actions={canWriteTickets ? <ButtonLink to={`/tickets/new?customerId=${customer.id}`}>New ticket</ButtonLink> : null}
        >
          {tickets.rows.length === 0 ? (
            <p className="text-sm text-slate-600">No tickets for {customer.name}.</p>
          ) : (
            <>
              <ul className="divide-y divide-slate-100 text-sm">
                {tickets.rows.map((t) => (
                  <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <Link to={`/tickets/${t.id}`} className="text-indigo-700 hover:underline">
                      <span className="text-slate-500">#{t.number}</span> {t.title}
                    </Link>
                    <span className="flex gap-2">
                      <TicketPriorityBadge priority={t.priority} />
                      <TicketStatusBadge status={t.status} />
                    </span>
                  </li>
                ))}
              </ul>
              {tickets.total > tickets.rows.length ? (
                <Link to={`/tickets?customerId=${customer.id}`} className="mt-3 inline-block max-w-full text-sm text-indigo-600 [overflow-wrap:anywhere] hover:underline">
                  All {tickets.total.toLocaleString("en-US")} tickets of {customer.name} →
                </Link>
              ) : null}
            </>
          )}
        </Card>
        {lifecycle ? (
          <Card
            title="Lifecycle"
            actions={
              <Link to={`/settings/integrations/ninjaone/replacement-policies?customerId=${customer.id}`} className="text-sm text-indigo-600 hover:underline">
                {lifecycle.overrides ? `Replacement policy: ${lifecycle.overrides} ${lifecycle.overrides === 1 ? "category" : "categories"} overridden` : "Replacement policy: global default"}
              </Link>
            }
          >
            {lifecycle.total === 0 ? (
              <p className="text-sm text-slate-600">No asset of {customer.name} is in service yet, so there is nothing to plan.</p>
            ) : (
              <>
                <EolCounts counts={lifecycle.counts} query={`customerId=${customer.id}`} />
                <Link to={`/assets/eol?customerId=${customer.id}`} className="mt-3 inline-block max-w-full text-sm text-indigo-600 [overflow-wrap:anywhere] hover:underline">
                  EOL Recommendations for {customer.name} →
                </Link>
              </>
            )}
          </Card>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
