import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { listSyncRunsApi } from "~/api/sync";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export const action = () => methodNotAllowed();

export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(() => listSyncRunsApi(context, request));
}
