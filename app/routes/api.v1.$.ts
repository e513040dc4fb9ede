// Anything else under /api/v1 answers a JSON 404, whatever the method.
import { apiError } from "~/lib/api.server";

const noSuchEndpoint = () => apiError(404, "not_found", "There is no such API endpoint. See /api/v1/openapi.json for the API.");

export const loader = noSuchEndpoint;
export const action = noSuchEndpoint;
