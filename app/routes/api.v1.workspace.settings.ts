import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { getWorkspaceSettingsApi, putWorkspaceSettingsApi } from "~/api/workspace";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(() => getWorkspaceSettingsApi(context, request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed();
  return handleApi(() => putWorkspaceSettingsApi(context, request));
}
