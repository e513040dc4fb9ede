// GET /api/v1/integrations/ninjaone/contact-suggestions (see app/api/contact-suggestions.ts).
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { contactSuggestionsApi } from "~/api/contact-suggestions";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(() => contactSuggestionsApi(context, request));
}

export const action = () => methodNotAllowed();
