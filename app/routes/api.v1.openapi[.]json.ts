// GET /api/v1/openapi.json: the OpenAPI 3.1 document, generated from the handlers' zod schemas.
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { openapiDocument } from "~/api";
import { methodNotAllowed } from "~/lib/api.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  Response.json(openapiDocument(new URL(request.url).origin), { headers: { "Cache-Control": "no-cache" } });

export const action = () => methodNotAllowed();
