// The contacts the asset form offers for a customer (loaded when the customer select changes).
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { z } from "zod";
import { contactOptions } from "@workers/db/assets";
import { requireUser } from "~/lib/guards.server";

const Query = z.object({ customerId: z.string().trim().max(100).optional() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requireUser(context, request);
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Response("Not a customer id.", { status: 400 });
  const contacts = await contactOptions(context.db, workspace.id, parsed.data.customerId || null);
  return { contacts: contacts.map((c) => ({ id: c.id, name: c.name, email: c.email })) };
}
