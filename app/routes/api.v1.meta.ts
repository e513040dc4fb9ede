import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { metaApi } from "~/api/workspace";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(() => metaApi(context, request));
}

export const action = () => methodNotAllowed();
