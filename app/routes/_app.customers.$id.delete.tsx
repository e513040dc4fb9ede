// Delete a customer. The page says what happens to its contacts, assets and tickets (they stay,
// unassigned); a post without confirm=yes for a customer that has any comes back here.
import { countOf } from "@workers/domain/numbers";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { newId } from "@workers/crypto";
import { customerDependents, deleteCustomer, getCustomer } from "@workers/db/customers";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Alert, Button, ButtonLink, Card, PageHeader } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageNotFound } from "~/lib/pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Delete ${data?.customer.name ?? "customer"} · Core` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "customers:write");
  const customer = await getCustomer(context.db, workspace.id, params.id ?? "");
  if (!customer) throw pageNotFound("Customer");
  const dependents = await customerDependents(context.db, workspace.id, customer.id);
  return { customer: { id: customer.id, name: customer.name, archived: customer.archivedAt !== null }, dependents };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workspace, user } = await requirePermission(context, request, "customers:write");
  const confirmed = (await request.formData()).get("confirm") === "yes";
  const id = params.id ?? "";
  const customer = await getCustomer(context.db, workspace.id, id);
  if (!customer) throw pageNotFound("Customer");
  const undo = { id: newId(), userId: user.id };
  const outcome = await deleteCustomer(context.db, workspace.id, id, { confirmed, now: context.now(), undo });
  if (outcome === "not_found") throw pageNotFound("Customer");
  if (outcome === "needs_confirmation") return redirect(`/customers/${id}/delete`);
  return redirectWithToast(request, "/customers", { message: `${customer.name} deleted.`, undoId: undo.id });
}

const plural = countOf;

export default function DeleteCustomer() {
  const { customer, dependents } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const hasDependents = dependents.assets + dependents.contacts + dependents.tickets > 0;
  return (
    <>
      <PageHeader title={`Delete ${customer.name}?`} />
      <Card className="max-w-2xl">
        {hasDependents ? (
          <>
            <Alert tone="amber">
              {customer.name} has {plural(dependents.assets, "asset", "assets")}, {plural(dependents.contacts, "contact", "contacts")} and{" "}
              {plural(dependents.tickets, "ticket", "tickets")}.
            </Alert>
            <ul className="mb-4 list-disc space-y-1 pl-5 text-sm text-slate-700">
              <li>
                {dependents.assets === 1 ? "Its asset stays" : `Its ${plural(dependents.assets, "asset", "assets")} stay`} in the
                inventory and {dependents.assets === 1 ? "becomes" : "become"} <strong>unassigned</strong> (no customer). No asset is deleted.
              </li>
              <li>
                {dependents.contacts === 1 ? "Its contact stays" : `Its ${plural(dependents.contacts, "contact", "contacts")} stay`}, with no
                customer.
              </li>
              {dependents.tickets > 0 ? (
                <li>
                  {dependents.tickets === 1 ? "Its ticket stays" : `Its ${plural(dependents.tickets, "ticket", "tickets")} stay`}, with no
                  customer.
                </li>
              ) : null}
            </ul>
          </>
        ) : (
          <p className="mb-4 text-sm text-slate-700">{customer.name} has no contacts, assets or tickets.</p>
        )}
        <p className="mb-4 text-sm text-slate-700">
          You can undo the deletion for 10 minutes (Undo on the message that follows).{" "}
          {customer.archived ? null : "To hide the customer but keep everything linked, archive it instead."}
        </p>
        <Form method="post" className="flex gap-2">
          <input type="hidden" name="confirm" value="yes" />
          <Button variant="danger" disabled={navigation.state !== "idle"}>
            Delete customer
          </Button>
          <ButtonLink to={`/customers/${customer.id}`}>Cancel</ButtonLink>
        </Form>
      </Card>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
