// GET /api/v1/eol-recommendations: filters and keyset cursor (reports:view).
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { listEolApi } from "~/api/lifecycle";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(() => listEolApi(context, request));
}

export const action = () => methodNotAllowed();
