import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { startSyncApi } from "~/api/sync";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export const loader = () => methodNotAllowed();

export async function action({ request, context }: ActionFunctionArgs) {
  return handleApi(async () => (request.method === "POST" ? startSyncApi(context, request) : methodNotAllowed()));
}
