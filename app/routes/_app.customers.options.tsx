// GET /customers/options?q=…: the customers a type-ahead customer picker offers (JSON, a page at a
// time), so no page has to render every customer as an option.
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { z } from "zod";
import { searchCustomerPicks } from "@workers/db/customers";
import { requireUser } from "~/lib/guards.server";

const Query = z.object({
  q: z.string().max(100).default(""),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  archived: z.enum(["include"]).optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace, user } = await requireUser(context, request);
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "Not a customer search." }, { status: 400 });
  const { q, limit, archived } = parsed.data;
  const customers = await searchCustomerPicks(context.db, workspace.id, { q, limit: limit + 1, includeArchived: archived === "include", timeZone: user.timeZone });
  return Response.json(
    { customers: customers.slice(0, limit), more: customers.length > limit },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
