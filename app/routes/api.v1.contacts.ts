// GET /api/v1/contacts (list) and POST /api/v1/contacts (create).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { ContactCursor, createContact, listContacts } from "@workers/db/contacts";
import { ContactCreateBody, contactJson, ContactListQuery } from "~/api/contacts";
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
    const query = parseQuery(request, ContactListQuery);
    const page = await listContacts(context.db, workspaceId, {
      q: query.q || undefined,
      customerId: query.customerId || undefined,
      limit: query.limit,
      after: query.cursor ? decodeCursor(query.cursor, ContactCursor) : undefined,
    });
    return Response.json({ data: page.rows.map(contactJson), nextCursor: page.next ? encodeCursor(page.next) : null });
  });

export const action = ({ request, context }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const { workspaceId } = await requireApiKey(context, request, "contacts:write");
    const body = await parseJsonBody(request, ContactCreateBody);
    const created = await createContact(context.db, workspaceId, body, context.now());
    if (!created.ok) throw apiError(422, "validation_failed", "Some fields are not valid.", created.fields);
    return Response.json({ data: contactJson(created.value) }, { status: 201 });
  });
