// Delete a contact: its assets and tickets stay, with no contact.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { newId } from "@workers/crypto";
import { contactDependents, deleteContact, getContact } from "@workers/db/contacts";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Button, ButtonLink, Card, PageHeader } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageNotFound } from "~/lib/pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Delete ${data?.contact.name ?? "contact"} · Core` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "contacts:write");
  const contact = await getContact(context.db, workspace.id, params.id ?? "");
  if (!contact) throw pageNotFound("Contact");
  const dependents = await contactDependents(context.db, workspace.id, contact.id);
  return { contact: { id: contact.id, name: contact.name, customerId: contact.customerId }, dependents };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workspace, user } = await requirePermission(context, request, "contacts:write");
  const undo = { id: newId(), userId: user.id };
  const deleted = await deleteContact(context.db, workspace.id, params.id ?? "", context.now(), undo);
  if (!deleted) throw pageNotFound("Contact");
  return redirectWithToast(request, deleted.customerId ? `/customers/${deleted.customerId}` : "/contacts", {
    message: `${deleted.name} deleted.`,
    undoId: undo.id,
  });
}

export default function DeleteContact() {
  const { contact, dependents } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader title={`Delete ${contact.name}?`} />
      <Card className="max-w-2xl">
        <p className="mb-4 text-sm text-slate-700">
          {dependents.assets + dependents.tickets === 0
            ? `${contact.name} is not assigned to any asset or ticket.`
            : `${contact.name} is assigned to ${dependents.assets.toLocaleString("en-US")} ${dependents.assets === 1 ? "asset" : "assets"} and ${dependents.tickets.toLocaleString("en-US")} ${dependents.tickets === 1 ? "ticket" : "tickets"}. They are kept, with no contact.`}{" "}
          You can undo the deletion for 10 minutes (Undo on the message that follows).
        </p>
        <Form method="post" className="flex gap-2">
          <Button variant="danger" disabled={navigation.state !== "idle"}>
            Delete contact
          </Button>
          <ButtonLink to={`/contacts/${contact.id}`}>Cancel</ButtonLink>
        </Form>
      </Card>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
