// GET /settings/audit-log.csv: the audit log as CSV, with the page's filters (Owners and Admins).
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { auditCsvStream, auditFilterSchema } from "~/lib/audit-log.server";
import { requirePermission } from "~/lib/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "audit:view");
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response("The audit log filter is not valid.", { status: 400 });
  const day = new Date(context.now()).toISOString().slice(0, 10);
  return new Response(auditCsvStream(context, workspace.id, parsed.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="core-audit-log-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
