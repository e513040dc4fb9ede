import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useActionData } from "@remix-run/react";
import { createCustomer, customersNamedLike } from "@workers/db/customers";
import { CustomerForm } from "~/components/CustomerForm";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { PageHeader } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { CustomerCreateSchema } from "~/lib/schemas/customers";

export const meta: MetaFunction = () => [{ title: "New customer · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, "customers:write");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "customers:write");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: CustomerCreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), duplicates: [] }, { status: 400 });
  if (formData.get("duplicateOk") !== "on") {
    const duplicates = await customersNamedLike(context.db, workspace.id, submission.value.name);
    if (duplicates.length) return data({ result: submission.reply(), duplicates }, { status: 409 });
  }
  const customer = await createCustomer(context.db, workspace.id, submission.value, context.now());
  return redirectWithToast(request, `/customers/${customer.id}`, { message: `Customer ${customer.name} created.` });
}

export default function NewCustomer() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="New customer" description="An organisation you look after." />
      <CustomerForm lastResult={actionData?.result} duplicates={actionData?.duplicates} submitLabel="Create customer" cancelTo="/customers" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
