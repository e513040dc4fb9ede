import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { listAuditEventsApi } from "~/api/audit";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export const action = () => methodNotAllowed();

export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(() => listAuditEventsApi(context, request));
}
