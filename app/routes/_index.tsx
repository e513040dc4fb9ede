import { redirect, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { getSessionUser } from "~/lib/session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await getSessionUser(context, request);
  if (session) return redirect("/dashboard");
  const anyWorkspace = await context.db.query.workspaces.findFirst({ columns: { id: true } });
  return redirect(anyWorkspace ? "/login" : "/setup");
}
