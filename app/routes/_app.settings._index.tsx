import { redirect, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { can } from "@workers/domain/permissions";
import { requireUser } from "~/lib/guards.server";
import { SETTINGS_PAGES } from "~/lib/settings-nav";

/** /settings opens the first settings page this user may see. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(context, request);
  const first = SETTINGS_PAGES.find((p) => can(user.role, p.view));
  if (!first) throw new Response("You have no settings to see.", { status: 403 });
  return redirect(first.to);
}
