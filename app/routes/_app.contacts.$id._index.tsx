import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { contactAssets, contactNinjaLinks, contactTickets, getContact } from "@workers/db/contacts";
import { AssetMiniTable } from "~/components/AssetMiniTable";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { TicketPriorityBadge, TicketStatusBadge } from "~/components/TicketBadges";
import { Badge, ButtonLink, Card, PageHeader } from "~/components/ui";
import { requireUser } from "~/lib/guards.server";
import { pageNotFound } from "~/lib/pages.server";
import { useCan } from "~/lib/use-app";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.contact.name ?? "Contact"} · Core` }];

const ASSETS_SHOWN = 100;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await requireUser(context, request);
  const contact = await getContact(context.db, workspace.id, params.id ?? "");
  if (!contact) throw pageNotFound("Contact");
  const [assets, tickets, ninjaLinks] = await Promise.all([
    contactAssets(context.db, workspace.id, contact.id, ASSETS_SHOWN),
    contactTickets(context.db, workspace.id, contact.id, 20),
    contactNinjaLinks(context.db, workspace.id, contact.id),
  ]);
  return {
    contact: {
      id: contact.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      title: contact.title,
      customerId: contact.customerId,
      customerName: contact.customerName,
    },
    assets,
    tickets,
    ninjaLinks,
  };
}

export default function ContactPage() {
  const { contact, assets, tickets, ninjaLinks } = useLoaderData<typeof loader>();
  const canWrite = useCan("contacts:write");
  const canWriteTickets = useCan("tickets:write");
  return (
    <>
      <PageHeader
        title={contact.name}
        description={
          <>
            {ninjaLinks.length ? (
              <span className="mr-2" data-testid="ninjaone-badge">
                <Badge tone="blue" title="Synced from NinjaOne: name, e-mail, phone and title follow NinjaOne unless edited here">
                  NinjaOne
                </Badge>
              </span>
            ) : null}
            {contact.title ? `${contact.title} · ` : ""}
            {contact.customerId && contact.customerName ? (
              <Link to={`/customers/${contact.customerId}`} className="text-indigo-700 hover:underline">
                {contact.customerName}
              </Link>
            ) : (
              "No customer"
            )}
          </>
        }
        actions={
          <>
            {canWriteTickets ? <ButtonLink to={`/tickets/new?contactId=${contact.id}`}>New ticket</ButtonLink> : null}
            {canWrite ? (
              <>
                <ButtonLink to={`/contacts/${contact.id}/edit`}>Edit</ButtonLink>
                <ButtonLink to={`/contacts/${contact.id}/delete`} variant="danger">
                  Delete
                </ButtonLink>
              </>
            ) : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Details">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-500">E-mail</dt>
              <dd>{contact.email ? <a href={`mailto:${contact.email}`} className="text-indigo-700 hover:underline">{contact.email}</a> : "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Phone</dt>
              <dd>{contact.phone ? <a href={`tel:${contact.phone}`} className="text-indigo-700 hover:underline">{contact.phone}</a> : "—"}</dd>
            </div>
            {ninjaLinks.length ? (
              <div>
                <dt className="text-slate-500">In NinjaOne</dt>
                <dd>
                  <ul data-testid="ninjaone-links">
                    {ninjaLinks.map((l) => (
                      <li key={l.ninjaUid}>
                        {l.kind === "end_user" ? "End user" : "Contact"} #{l.ninjaId}
                        {l.orgName ? ` · ${l.orgName}` : ""}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ) : null}
          </dl>
        </Card>
        <div className="space-y-6 lg:col-span-2">
          <Card title={`Devices and assets (${assets.length.toLocaleString("en-US")}${assets.length === ASSETS_SHOWN ? "+" : ""})`}>
            {assets.length === 0 ? (
              <p className="text-sm text-slate-600">No assets are assigned to {contact.name}. Assign one from its asset page.</p>
            ) : (
              <AssetMiniTable assets={assets} />
            )}
          </Card>
          <Card title="Tickets">
            {tickets.length === 0 ? (
              <p className="text-sm text-slate-600">No tickets name {contact.name}.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {tickets.map((t) => (
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
            )}
          </Card>
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
