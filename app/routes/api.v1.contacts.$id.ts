// GET /api/v1/contacts/:id and PATCH /api/v1/contacts/:id.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { getContact, updateContact } from "@workers/db/contacts";
import { contactJson, ContactUpdateBody } from "~/api/contacts";
import { apiError, handleApi, methodNotAllowed, notFound, parseJsonBody, requireApiKey } from "~/lib/api.server";

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const { workspaceId } = await requireApiKey(context, request, "read");
    const contact = await getContact(context.db, workspaceId, params.id ?? "");
    if (!contact) throw notFound("Contact");
    return Response.json({ data: contactJson(contact) });
  });

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "PATCH") throw methodNotAllowed();
    const { workspaceId } = await requireApiKey(context, request, "contacts:write");
    const patch = await parseJsonBody(request, ContactUpdateBody);
    const updated = await updateContact(context.db, workspaceId, params.id ?? "", patch, context.now());
    if (!updated) throw notFound("Contact");
    if (!updated.ok) throw apiError(422, "validation_failed", "Some fields are not valid.", updated.fields);
    return Response.json({ data: contactJson(updated.value) });
  });
