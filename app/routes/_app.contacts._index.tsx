import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { ContactCursor, listContacts } from "@workers/db/contacts";
import { customerPick } from "@workers/db/customers";
import { CustomerPicker } from "~/components/CustomerPicker";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Pagination } from "~/components/Pagination";
import { Button, ButtonLink, EmptyState, PageHeader, Table, Td, Th } from "~/components/ui";
import { requireUser } from "~/lib/guards.server";
import { cursorFromUrl, cursorToParam } from "~/lib/pages.server";
import { useCan } from "~/lib/use-app";

export const meta: MetaFunction = () => [{ title: "Contacts · Core" }];

const PAGE_SIZE = 50;
const Filters = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  customerId: z.string().trim().max(64).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requireUser(context, request);
  const url = new URL(request.url);
  const filters = Filters.parse(Object.fromEntries(url.searchParams));
  const [page, picked] = await Promise.all([
    listContacts(context.db, workspace.id, {
      q: filters.q || undefined,
      customerId: filters.customerId || undefined,
      limit: PAGE_SIZE,
      after: cursorFromUrl(url, ContactCursor),
    }),
    customerPick(context.db, workspace.id, filters.customerId),
  ]);
  return {
    q: filters.q ?? "",
    customerId: filters.customerId ?? "",
    // The filter's current customer only: the picker loads the others as you type.
    customer: picked ? { value: picked.id, label: picked.archived ? `${picked.name} (archived)` : picked.name } : null,
    contacts: page.rows.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      title: c.title,
      customerId: c.customerId,
      customerName: c.customerName,
    })),
    nextCursor: cursorToParam(page.next),
  };
}

export default function Contacts() {
  const { q, customerId, customer, contacts, nextCursor } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const canWrite = useCan("contacts:write");
  const filtered = q !== "" || customerId !== "";
  const newHref = customerId ? `/contacts/new?customerId=${customerId}` : "/contacts/new";
  return (
    <>
      <PageHeader
        title="Contacts"
        description="The people you work with at your customers."
        actions={canWrite ? <ButtonLink to={newHref} variant="primary">New contact</ButtonLink> : null}
      />
      <Form method="get" role="search" aria-label="Filter contacts" className="mb-4 flex flex-wrap items-center gap-3">
        <label className="sr-only" htmlFor="contact-search">
          Search contacts
        </label>
        <input
          id="contact-search"
          type="search"
          name="q"
          defaultValue={q}
          maxLength={200}
          placeholder="Search by name or e-mail"
          className="w-72 rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500"
        />
        <div className="w-72">
          <CustomerPicker
            name="customerId"
            id="contact-customer"
            label="Customer"
            hideLabel
            value={customer}
            noneLabel="All customers"
            includeArchived
            onChange={(value) => {
              const form = document.querySelector<HTMLFormElement>('form[aria-label="Filter contacts"]');
              if (!form) return;
              const data = new FormData(form);
              data.set("customerId", value);
              submit(data, { method: "get", replace: true });
            }}
          />
        </div>
        <Button variant="secondary">Filter</Button>
        {filtered ? (
          <Link to="/contacts" className="text-sm text-slate-600 hover:underline">
            Clear
          </Link>
        ) : null}
      </Form>
      {contacts.length === 0 ? (
        filtered ? (
          <EmptyState title="No contacts match">Try another search or customer, or clear the filters.</EmptyState>
        ) : (
          <EmptyState
            title="No contacts yet"
            action={canWrite ? <ButtonLink to="/contacts/new" variant="primary">Add your first contact</ButtonLink> : null}
          >
            Add the people you talk to at your customers; tickets and assets can then name them.
          </EmptyState>
        )
      ) : (
        <>
          <Table>
            <thead className="bg-slate-50">
              <tr>
                <Th>Name</Th>
                <Th>Title</Th>
                <Th>E-mail</Th>
                <Th>Phone</Th>
                <Th>Customer</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {contacts.map((c) => (
                <tr key={c.id} className="hover:bg-slate-50">
                  <Td>
                    <Link to={`/contacts/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                      {c.name}
                    </Link>
                  </Td>
                  <Td className="text-slate-600">{c.title ?? "—"}</Td>
                  <Td className="text-slate-600">{c.email ?? "—"}</Td>
                  <Td className="text-slate-600">{c.phone ?? "—"}</Td>
                  <Td>
                    {c.customerId && c.customerName ? (
                      <Link to={`/customers/${c.customerId}`} className="hover:underline">
                        {c.customerName}
                      </Link>
                    ) : (
                      <span className="text-slate-400">No customer</span>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination nextCursor={nextCursor} shown={contacts.length} unit={contacts.length === 1 ? "contact" : "contacts"} />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
