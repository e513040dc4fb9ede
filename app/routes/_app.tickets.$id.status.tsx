// Change a ticket's status from its sidebar (a form post).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { z } from "zod";
import { updateTicket } from "@workers/db/tickets";
import { TICKET_STATUS_LABELS } from "@workers/domain/tickets";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageNotFound } from "~/lib/pages.server";
import { ticketStatus } from "~/lib/schemas/tickets";

const StatusForm = z.object({ status: ticketStatus });

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/tickets/${params.id ?? ""}`);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "tickets:write");
  const parsed = StatusForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response(parsed.error.issues[0]?.message ?? "Choose a status.", { status: 400 });
  const updated = await updateTicket(context.db, workspace.id, params.id ?? "", { status: parsed.data.status }, context.now());
  if (!updated) throw pageNotFound("Ticket");
  if (!updated.ok) throw new Response(Object.values(updated.fields).flat().join(" "), { status: 400 });
  return redirectWithToast(request, `/tickets/${updated.value.id}`, { message: `Ticket #${updated.value.number} is now ${TICKET_STATUS_LABELS[updated.value.status]}.` });
}
