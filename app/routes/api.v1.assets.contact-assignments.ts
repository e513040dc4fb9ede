// POST /api/v1/assets/contact-assignments (see app/api/contact-assignments.ts).
import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { contactAssignmentsApi } from "~/api/contact-assignments";
import { handleApi, methodNotAllowed } from "~/lib/api.server";

export const loader = () => methodNotAllowed();

export async function action({ request, context }: ActionFunctionArgs) {
  return handleApi(async () => (request.method === "POST" ? contactAssignmentsApi(context, request) : methodNotAllowed()));
}
