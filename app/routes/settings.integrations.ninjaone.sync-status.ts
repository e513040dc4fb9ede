// JSON for the Device Sync card's progress bar: the latest run, polled while it is going.
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { requirePermission } from "~/lib/guards.server";
import { latestRunView } from "~/lib/sync.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "integrations:manage");
  return { latest: await latestRunView(context, workspace.id) };
}
