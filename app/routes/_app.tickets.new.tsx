import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { contactOptions } from "@workers/db/contacts";
import { customerPick } from "@workers/db/customers";
import { createTicket } from "@workers/db/tickets";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { TicketForm } from "~/components/TicketForm";
import { PageHeader } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { TicketCreateSchema } from "~/lib/schemas/tickets";

export const meta: MetaFunction = () => [{ title: "New ticket · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "tickets:write");
  const contacts = await contactOptions(context.db, workspace.id);
  // ?customerId= / ?contactId= preselect when coming from a customer's or contact's page.
  const url = new URL(request.url);
  const contact = contacts.find((c) => c.id === url.searchParams.get("contactId"));
  const wantedCustomer = contact?.customerId ?? url.searchParams.get("customerId");
  const wanted = wantedCustomer && wantedCustomer.length <= 64 ? await customerPick(context.db, workspace.id, wantedCustomer) : null;
  const customer = wanted && !wanted.archived ? { value: wanted.id, label: wanted.name } : null;
  return { customer, contacts, customerId: customer?.value ?? "", contactId: contact?.id ?? "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { workspace, user } = await requirePermission(context, request, "tickets:write");
  const submission = parseWithZod(await request.formData(), { schema: TicketCreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const created = await createTicket(context.db, workspace.id, submission.value, user.id, context.now());
  if (!created.ok) return data({ result: submission.reply({ fieldErrors: created.fields }) }, { status: 400 });
  return redirectWithToast(request, `/tickets/${created.value.id}`, { message: `Ticket #${created.value.number} created.` });
}

export default function NewTicket() {
  const { customer, contacts, customerId, contactId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="New ticket" />
      <TicketForm
        lastResult={actionData?.result}
        defaultValue={{ customerId, contactId }}
        customer={customer}
        contacts={contacts}
        submitLabel="Create ticket"
        cancelTo="/tickets"
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
