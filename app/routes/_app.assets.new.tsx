import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { contactOptions, findCustomer } from "@workers/db/assets";
import { AssetForm } from "~/components/AssetForm";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { PageHeader } from "~/components/ui";
import { ManualAssetFormSchema } from "~/lib/asset-fields";
import { createAsset } from "~/lib/assets.server";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";

export const meta: MetaFunction = () => [{ title: "New asset · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "assets:write");
  // `?customerId=` preselects a customer (e.g. from a customer's page).
  const wanted = new URL(request.url).searchParams.get("customerId");
  const preselected = wanted && wanted.length <= 100 ? await findCustomer(context.db, workspace.id, wanted) : undefined;
  const contacts = await contactOptions(context.db, workspace.id, preselected?.id ?? null);
  return {
    customerId: preselected?.id ?? null,
    customer: preselected ? { value: preselected.id, label: preselected.name } : null,
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, email: c.email })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "assets:write");
  const submission = parseWithZod(await request.formData(), { schema: ManualAssetFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 422 });
  const saved = await createAsset(context, workspace.id, submission.value);
  if (!saved.ok) return data({ result: submission.reply({ fieldErrors: saved.fields }) }, { status: 422 });
  return redirectWithToast(request, `/assets/${saved.value.id}`, { message: `Asset ${saved.value.name} created.` });
}

export default function NewAssetPage() {
  const { customerId, customer, contacts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <PageHeader title="New asset" description="Add a device by hand. Devices from NinjaOne arrive by themselves when you sync." />
      <AssetForm
        synced={false}
        defaults={{
          name: "",
          manufacturer: null,
          model: null,
          serialNumber: null,
          notes: null,
          status: "in_use",
          category: "",
          customerId,
          contactId: null,
          purchaseDate: null,
          installDate: null,
          warrantyStart: null,
          warrantyEnd: null,
        }}
        customer={customer}
        contacts={contacts}
        lastResult={actionData?.result}
        submitLabel="Create asset"
        cancelTo="/assets"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
