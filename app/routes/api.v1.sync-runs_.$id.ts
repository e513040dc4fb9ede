import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { getSyncRunApi } from "~/api/sync";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export const action = () => methodNotAllowed();

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return handleApi(() => getSyncRunApi(context, request, params));
}
