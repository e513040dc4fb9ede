// GET /api/v1/tickets/:id and PATCH /api/v1/tickets/:id.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { getTicket, updateTicket } from "@workers/db/tickets";
import { ticketJson, TicketUpdateBody } from "~/api/tickets";
import { apiError, handleApi, methodNotAllowed, notFound, parseJsonBody, requireApiKey } from "~/lib/api.server";

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const { workspaceId } = await requireApiKey(context, request, "read");
    const ticket = await getTicket(context.db, workspaceId, params.id ?? "");
    if (!ticket) throw notFound("Ticket");
    return Response.json({ data: ticketJson(ticket) });
  });

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "PATCH") throw methodNotAllowed();
    const { workspaceId } = await requireApiKey(context, request, "tickets:write");
    const patch = await parseJsonBody(request, TicketUpdateBody);
    const updated = await updateTicket(context.db, workspaceId, params.id ?? "", patch, context.now());
    if (!updated) throw notFound("Ticket");
    if (!updated.ok) throw apiError(422, "validation_failed", "Some fields are not valid.", updated.fields);
    return Response.json({ data: ticketJson(updated.value) });
  });
