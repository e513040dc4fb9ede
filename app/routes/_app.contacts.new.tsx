import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { createContact } from "@workers/db/contacts";
import { customerPick } from "@workers/db/customers";
import { ContactForm } from "~/components/ContactForm";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { PageHeader } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { ContactCreateSchema } from "~/lib/schemas/contacts";

export const meta: MetaFunction = () => [{ title: "New contact · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "contacts:write");
  // ?customerId= preselects the customer when coming from a customer's page.
  const wanted = new URL(request.url).searchParams.get("customerId");
  const picked = wanted && wanted.length <= 64 ? await customerPick(context.db, workspace.id, wanted) : null;
  const customer = picked && !picked.archived ? { value: picked.id, label: picked.name } : null;
  return { customer, customerId: customer?.value ?? "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "contacts:write");
  const submission = parseWithZod(await request.formData(), { schema: ContactCreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const created = await createContact(context.db, workspace.id, submission.value, context.now());
  if (!created.ok) return data({ result: submission.reply({ fieldErrors: created.fields }) }, { status: 400 });
  return redirectWithToast(request, `/contacts/${created.value.id}`, { message: `Contact ${created.value.name} created.` });
}

export default function NewContact() {
  const { customer, customerId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="New contact" description="A person at one of your customers." />
      <ContactForm
        lastResult={actionData?.result}
        defaultValue={{ customerId }}
        customer={customer}
        submitLabel="Create contact"
        cancelTo={customerId ? `/customers/${customerId}` : "/contacts"}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
