// Archive or restore a customer (a form post from the customer page).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { z } from "zod";
import { updateCustomer } from "@workers/db/customers";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageNotFound } from "~/lib/pages.server";

const ArchiveForm = z.object({ archived: z.enum(["true", "false"]) });

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/customers/${params.id ?? ""}`);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "customers:write");
  const parsed = ArchiveForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Say whether to archive (archived=true) or restore (archived=false).", { status: 400 });
  const customer = await updateCustomer(context.db, workspace.id, params.id ?? "", { archived: parsed.data.archived === "true" }, context.now());
  if (!customer) throw pageNotFound("Customer");
  return redirectWithToast(request, `/customers/${customer.id}`, {
    message: customer.archivedAt === null ? `${customer.name} restored: it is back in lists and pickers.` : `${customer.name} archived: hidden from lists and pickers.`,
  });
}
