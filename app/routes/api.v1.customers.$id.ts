// GET /api/v1/customers/:id and PATCH /api/v1/customers/:id.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { getCustomer, updateCustomer } from "@workers/db/customers";
import { customerJson, CustomerUpdateBody, duplicateNameWarnings } from "~/api/customers";
import { handleApi, methodNotAllowed, notFound, parseJsonBody, requireApiKey } from "~/lib/api.server";

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const { workspaceId } = await requireApiKey(context, request, "read");
    const customer = await getCustomer(context.db, workspaceId, params.id ?? "");
    if (!customer) throw notFound("Customer");
    return Response.json({ data: customerJson(customer) });
  });

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "PATCH") throw methodNotAllowed();
    const { workspaceId } = await requireApiKey(context, request, "customers:write");
    const patch = await parseJsonBody(request, CustomerUpdateBody);
    const customer = await updateCustomer(context.db, workspaceId, params.id ?? "", patch, context.now());
    if (!customer) throw notFound("Customer");
    const warnings = patch.name === undefined ? [] : await duplicateNameWarnings(context.db, workspaceId, customer.name, customer.id);
    return Response.json({ data: customerJson(customer), warnings });
  });
