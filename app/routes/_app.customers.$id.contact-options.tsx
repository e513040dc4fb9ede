// A customer's contacts matching what is typed (name or e-mail), for the contact pickers of Bulk
// Device Assignment: loaded on demand, 20 at a time, never the whole list.
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { z } from "zod";
import { listContacts } from "@workers/db/contacts";
import { getCustomer } from "@workers/db/customers";
import { requireUser } from "~/lib/guards.server";
import { pageNotFound } from "~/lib/pages.server";

const Query = z.object({ q: z.string().trim().max(200).optional() });
const CONTACT_OPTIONS_LIMIT = 20;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await requireUser(context, request);
  const customer = await getCustomer(context.db, workspace.id, params.id ?? "");
  if (!customer) throw pageNotFound("Customer");
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Response("The search is too long.", { status: 400 });
  const page = await listContacts(context.db, workspace.id, { customerId: customer.id, q: parsed.data.q || undefined, limit: CONTACT_OPTIONS_LIMIT });
  return { contacts: page.rows.map((c) => ({ id: c.id, name: c.name, email: c.email })), more: page.next !== null };
}
