import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { customersNamedLike, getCustomer, updateCustomer } from "@workers/db/customers";
import { CustomerForm } from "~/components/CustomerForm";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { PageHeader } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageNotFound } from "~/lib/pages.server";
import { CustomerCreateSchema } from "~/lib/schemas/customers";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.customer.name ?? "customer"} · Core` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "customers:write");
  const customer = await getCustomer(context.db, workspace.id, params.id ?? "");
  if (!customer) throw pageNotFound("Customer");
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      email: customer.email ?? "",
      phone: customer.phone ?? "",
      website: customer.website ?? "",
      notes: customer.notes ?? "",
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "customers:write");
  const submission = parseWithZod(await request.formData(), { schema: CustomerCreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const customer = await updateCustomer(context.db, workspace.id, params.id ?? "", submission.value, context.now());
  if (!customer) throw pageNotFound("Customer");
  const twins = await customersNamedLike(context.db, workspace.id, customer.name, customer.id);
  return redirectWithToast(request, `/customers/${customer.id}`, {
    tone: twins.length ? "info" : "success",
    message: twins.length
      ? `Changes to ${customer.name} saved. ${twins.length === 1 ? "Another customer has" : `${twins.length} other customers have`} the same name, so NinjaOne organizations will not match either by name.`
      : `Changes to ${customer.name} saved.`,
  });
}

export default function EditCustomer() {
  const { customer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { id, ...defaultValue } = customer;
  return (
    <>
      <PageHeader title={`Edit ${customer.name}`} />
      <CustomerForm lastResult={actionData?.result} defaultValue={defaultValue} submitLabel="Save changes" cancelTo={`/customers/${id}`} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
