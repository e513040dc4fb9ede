// GET /api/integrations/ninja/callback: NinjaOne sends the admin back here after Approve/Deny.
// Success stores the tokens and shows the green badge; every failure stores nothing and explains
// itself on the NinjaOne page.
import { redirect, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { createNinjaFetch } from "@workers/simulator";
import { completeConnect } from "@workers/sync/oauth-connect";
import { NINJA_PAGE } from "~/components/ninjaone/ConnectionCard";
import { auditFromSession } from "~/lib/audit.server";
import { requirePermission } from "~/lib/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requirePermission(context, request, "integrations:manage");
  const { sessionId, user, workspace } = session;
  const url = new URL(request.url);
  const result = await completeConnect({
    db: context.db,
    kv: context.env.KV,
    config: context.config,
    fetch: createNinjaFetch(context.env, context.config.ninjaBaseUrl),
    session: { sessionId, userId: user.id, workspaceId: workspace.id },
    params: url.searchParams,
    origin: url.origin,
    now: context.now,
    audit: auditFromSession(session, request),
  });
  if (result.ok) return redirect(`${NINJA_PAGE}?connected=1`);
  const query = new URLSearchParams({ oauth_error: result.failure });
  if (result.detail) query.set("detail", result.detail);
  return redirect(`${NINJA_PAGE}?${query}`);
}
