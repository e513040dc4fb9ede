// GET /api/v1/replacement-policies (reports:view) and PUT (integrations:manage).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { getPoliciesApi, putPoliciesApi } from "~/api/lifecycle";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(() => getPoliciesApi(context, request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed();
  return handleApi(() => putPoliciesApi(context, request));
}
