// GET /api/v1/tickets (list) and POST /api/v1/tickets (create).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { createTicket, listTickets, TicketCursor } from "@workers/db/tickets";
import { TicketCreateBody, ticketJson, TicketListQuery } from "~/api/tickets";
import {
  apiError,
  decodeCursor,
  encodeCursor,
  handleApi,
  methodNotAllowed,
  parseJsonBody,
  parseQuery,
  requireApiKey,
} from "~/lib/api.server";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const { workspaceId } = await requireApiKey(context, request, "read");
    const query = parseQuery(request, TicketListQuery);
    const page = await listTickets(context.db, workspaceId, {
      q: query.q || undefined,
      status: query.status,
      priority: query.priority,
      customerId: query.customerId || undefined,
      contactId: query.contactId || undefined,
      limit: query.limit,
      after: query.cursor ? decodeCursor(query.cursor, TicketCursor) : undefined,
    });
    return Response.json({ data: page.rows.map(ticketJson), nextCursor: page.next ? encodeCursor(page.next) : null });
  });

export const action = ({ request, context }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const { workspaceId } = await requireApiKey(context, request, "tickets:write");
    const body = await parseJsonBody(request, TicketCreateBody);
    const created = await createTicket(context.db, workspaceId, body, null, context.now());
    if (!created.ok) throw apiError(422, "validation_failed", "Some fields are not valid.", created.fields);
    return Response.json({ data: ticketJson(created.value) }, { status: 201 });
  });
