import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { getIntegrationApi, putIntegrationApi } from "~/api/integration";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(() => getIntegrationApi(context, request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed();
  return handleApi(() => putIntegrationApi(context, request));
}
