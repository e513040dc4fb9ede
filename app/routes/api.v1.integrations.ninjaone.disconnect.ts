import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { disconnectApi } from "~/api/integration";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export const loader = () => methodNotAllowed();

export async function action({ request, context }: ActionFunctionArgs) {
  return handleApi(async () => (request.method === "POST" ? disconnectApi(context, request) : methodNotAllowed()));
}
