import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { contactOptions } from "@workers/db/contacts";
import { customerPick } from "@workers/db/customers";
import { getTicket, updateTicket } from "@workers/db/tickets";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { TicketForm } from "~/components/TicketForm";
import { PageHeader } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageNotFound } from "~/lib/pages.server";
import { TicketCreateSchema } from "~/lib/schemas/tickets";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ticket #${data?.ticket.number ?? ""} · Core` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "tickets:write");
  const ticket = await getTicket(context.db, workspace.id, params.id ?? "");
  if (!ticket) throw pageNotFound("Ticket");
  const [current, contacts] = await Promise.all([customerPick(context.db, workspace.id, ticket.customerId), contactOptions(context.db, workspace.id)]);
  return {
    customer: current ? { value: current.id, label: current.archived ? `${current.name} (archived)` : current.name } : null,
    contacts,
    ticket: {
      id: ticket.id,
      number: ticket.number,
      title: ticket.title,
      description: ticket.description ?? "",
      customerId: ticket.customerId ?? "",
      contactId: ticket.contactId ?? "",
      status: ticket.status,
      priority: ticket.priority,
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "tickets:write");
  const submission = parseWithZod(await request.formData(), { schema: TicketCreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const updated = await updateTicket(context.db, workspace.id, params.id ?? "", submission.value, context.now());
  if (!updated) throw pageNotFound("Ticket");
  if (!updated.ok) return data({ result: submission.reply({ fieldErrors: updated.fields }) }, { status: 400 });
  return redirectWithToast(request, `/tickets/${updated.value.id}`, { message: `Ticket #${updated.value.number} saved.` });
}

export default function EditTicket() {
  const { ticket, customer, contacts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { id, number, ...defaultValue } = ticket;
  return (
    <>
      <PageHeader title={`Edit ticket #${number}`} />
      <TicketForm
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        customer={customer}
        contacts={contacts}
        submitLabel="Save changes"
        cancelTo={`/tickets/${id}`}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
