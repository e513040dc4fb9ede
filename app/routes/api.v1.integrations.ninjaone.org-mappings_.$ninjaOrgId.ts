import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { getOrgMappingApi, saveOrgMappingApi } from "~/api/org-mappings";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return handleApi(() => getOrgMappingApi(context, request, params));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed();
  return handleApi(() => saveOrgMappingApi(context, request, params));
}
