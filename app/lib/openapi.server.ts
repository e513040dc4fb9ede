// The OpenAPI document of /api/v1, generated from the same zod schemas the handlers parse with.
// Each resource module exports a `register…Api(registry)` function; openapiDocument() calls them.
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

extendZodWithOpenApi(z);

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional(),
    }),
  })
  .openapi("Error");

export const errorResponses = {
  400: { description: "Bad request", content: { "application/json": { schema: ErrorSchema } } },
  401: { description: "Missing or invalid API key", content: { "application/json": { schema: ErrorSchema } } },
  403: { description: "The key's role lacks the permission", content: { "application/json": { schema: ErrorSchema } } },
  404: { description: "Not found in this workspace", content: { "application/json": { schema: ErrorSchema } } },
  422: { description: "Validation failed", content: { "application/json": { schema: ErrorSchema } } },
} as const;

export type ApiRegistrar = (registry: OpenAPIRegistry) => void;
const registrars: ApiRegistrar[] = [];

/** Resource modules call this at import time with their path registrations. */
export function addApiDocs(registrar: ApiRegistrar) {
  registrars.push(registrar);
}

export function openapiDocument(origin: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", { type: "http", scheme: "bearer", description: "A workspace API key from Settings > API keys." });
  for (const register of registrars) register(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Core API", version: "1.0.0", description: "Customers, contacts, assets, tickets and NinjaOne sync." },
    servers: [{ url: `${origin}/api/v1` }],
    security: [{ apiKey: [] }],
  });
}
