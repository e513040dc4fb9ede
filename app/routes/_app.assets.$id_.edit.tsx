import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { contactOptions, findContact } from "@workers/db/assets";
import { customerPick } from "@workers/db/customers";
import { AssetForm } from "~/components/AssetForm";
import { NinjaBadge } from "~/components/assets";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { PageHeader } from "~/components/ui";
import { ManualAssetFormSchema, SyncedAssetFormSchema } from "~/lib/asset-fields";
import { assetOr404, updateAsset } from "~/lib/assets.server";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.asset.name ?? "asset"} · Core` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "assets:write");
  const asset = await assetOr404(context, workspace.id, params.id);
  const [current, contacts, currentContact] = await Promise.all([
    customerPick(context.db, workspace.id, asset.customerId),
    contactOptions(context.db, workspace.id, asset.customerId),
    asset.contactId ? findContact(context.db, workspace.id, asset.contactId) : undefined,
  ]);
  // The current contact is always offered, or saving the form would silently drop it.
  if (currentContact && !contacts.some((c) => c.id === currentContact.id)) contacts.unshift(currentContact);
  return {
    asset,
    // The picker offers active customers; an archived one stays only as this asset's current choice.
    customer: current ? { value: current.id, label: current.archived ? `${current.name} (archived)` : current.name } : null,
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, email: c.email })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "assets:write");
  const asset = await assetOr404(context, workspace.id, params.id);
  const schema = asset.source === "ninjaone" ? SyncedAssetFormSchema : ManualAssetFormSchema;
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 422 });
  const saved = await updateAsset(context, workspace.id, asset.id, submission.value);
  if (!saved) throw new Response("This asset does not exist in your workspace.", { status: 404 });
  if (!saved.ok) return data({ result: submission.reply({ fieldErrors: saved.fields }) }, { status: 422 });
  return redirectWithToast(request, `/assets/${asset.id}`, { message: `Changes to ${asset.name} saved.` });
}

export default function EditAssetPage() {
  const { asset, customer, contacts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const synced = asset.source === "ninjaone";
  return (
    <div className="max-w-3xl">
      <PageHeader title={`Edit ${asset.name}`} description={synced ? <NinjaBadge /> : undefined} />
      <AssetForm
        synced={synced}
        defaults={asset}
        customer={customer}
        contacts={contacts}
        lastResult={actionData?.result}
        submitLabel="Save changes"
        cancelTo={`/assets/${asset.id}`}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
