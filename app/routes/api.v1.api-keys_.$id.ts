import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { revokeApiKeyApi } from "~/api/api-keys";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export const loader = () => methodNotAllowed();

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed();
  return handleApi(() => revokeApiKeyApi(context, request, params));
}
