import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getContact, updateContact } from "@workers/db/contacts";
import { customerPick } from "@workers/db/customers";
import { ContactForm } from "~/components/ContactForm";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { PageHeader } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageNotFound } from "~/lib/pages.server";
import { ContactCreateSchema } from "~/lib/schemas/contacts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.contact.name ?? "contact"} · Core` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "contacts:write");
  const contact = await getContact(context.db, workspace.id, params.id ?? "");
  if (!contact) throw pageNotFound("Contact");
  const current = await customerPick(context.db, workspace.id, contact.customerId);
  return {
    customer: current ? { value: current.id, label: current.archived ? `${current.name} (archived)` : current.name } : null,
    contact: {
      id: contact.id,
      name: contact.name,
      email: contact.email ?? "",
      phone: contact.phone ?? "",
      title: contact.title ?? "",
      customerId: contact.customerId ?? "",
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "contacts:write");
  const submission = parseWithZod(await request.formData(), { schema: ContactCreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const updated = await updateContact(context.db, workspace.id, params.id ?? "", submission.value, context.now());
  if (!updated) throw pageNotFound("Contact");
  if (!updated.ok) return data({ result: submission.reply({ fieldErrors: updated.fields }) }, { status: 400 });
  return redirectWithToast(request, `/contacts/${updated.value.id}`, { message: `Changes to ${updated.value.name} saved.` });
}

export default function EditContact() {
  const { contact, customer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { id, ...defaultValue } = contact;
  return (
    <>
      <PageHeader title={`Edit ${contact.name}`} />
      <ContactForm
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        customer={customer}
        submitLabel="Save changes"
        cancelTo={`/contacts/${id}`}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
