// GET /api/v1/customers (list) and POST /api/v1/customers (create).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { createCustomer, CustomerCursor, listCustomers } from "@workers/db/customers";
import { ARCHIVED_FILTER, CustomerCreateBody, duplicateNameWarnings, customerJson, CustomerListQuery } from "~/api/customers";
import { decodeCursor, encodeCursor, handleApi, methodNotAllowed, parseJsonBody, parseQuery, requireApiKey } from "~/lib/api.server";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const { workspaceId } = await requireApiKey(context, request, "read");
    const query = parseQuery(request, CustomerListQuery);
    const page = await listCustomers(context.db, workspaceId, {
      q: query.q || undefined,
      archived: ARCHIVED_FILTER[query.archived],
      limit: query.limit,
      after: query.cursor ? decodeCursor(query.cursor, CustomerCursor) : undefined,
    });
    return Response.json({ data: page.rows.map(customerJson), nextCursor: page.next ? encodeCursor(page.next) : null });
  });

export const action = ({ request, context }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const { workspaceId } = await requireApiKey(context, request, "customers:write");
    const body = await parseJsonBody(request, CustomerCreateBody);
    const customer = await createCustomer(context.db, workspaceId, body, context.now());
    const warnings = await duplicateNameWarnings(context.db, workspaceId, customer.name, customer.id);
    return Response.json({ data: customerJson(customer), warnings }, { status: 201 });
  });
