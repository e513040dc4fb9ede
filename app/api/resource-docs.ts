// OpenAPI registration for a standard /api/v1 resource: list (filters + cursor), get, create
// (POST → 201) and update (PATCH → 200), each with the shared error responses.
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { errorResponses } from "~/lib/openapi.server";

type ErrorStatus = keyof typeof errorResponses;
const errors = (...statuses: ErrorStatus[]) => Object.fromEntries(statuses.map((s) => [s, errorResponses[s]]));

export function registerResourcePaths(
  registry: OpenAPIRegistry,
  r: {
    path: string; // e.g. "/customers"
    tag: string; // e.g. "Customers"
    noun: string; // e.g. "customer"
    item: z.ZodType;
    listQuery: z.ZodObject;
    createBody: z.ZodType;
    updateBody: z.ZodType;
    writePermission: string;
    /** Extra top-level fields of the create and update responses (e.g. `warnings`). */
    writeExtras?: z.ZodRawShape;
    /** Said after the create/update descriptions. */
    writeNote?: string;
  },
) {
  const params = z.object({ id: z.string().openapi({ description: `The ${r.noun}'s id.` }) });
  const one = (description: string) => ({ description, content: { "application/json": { schema: z.object({ data: r.item }) } } });
  const written = (description: string) => ({
    description,
    content: { "application/json": { schema: z.object({ data: r.item, ...(r.writeExtras ?? {}) }) } },
  });
  const note = r.writeNote ? ` ${r.writeNote}` : "";
  const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } }, required: true });

  registry.registerPath({
    method: "get",
    path: r.path,
    tags: [r.tag],
    summary: `List ${r.tag.toLowerCase()}`,
    description: `A page of ${r.tag.toLowerCase()}. Pass \`nextCursor\` back as \`cursor\` for the next page; it is null on the last page. Any API key can read.`,
    request: { query: r.listQuery },
    responses: {
      200: {
        description: `A page of ${r.tag.toLowerCase()}`,
        content: { "application/json": { schema: z.object({ data: z.array(r.item), nextCursor: z.string().nullable() }) } },
      },
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    method: "post",
    path: r.path,
    tags: [r.tag],
    summary: `Create a ${r.noun}`,
    description: `Needs a key whose role has \`${r.writePermission}\`.${note}`,
    request: { body: json(r.createBody) },
    responses: { 201: written(`The new ${r.noun}`), ...errors(400, 401, 403, 422) },
  });
  registry.registerPath({
    method: "get",
    path: `${r.path}/{id}`,
    tags: [r.tag],
    summary: `Get a ${r.noun}`,
    request: { params },
    responses: { 200: one(`The ${r.noun}`), ...errors(401, 403, 404) },
  });
  registry.registerPath({
    method: "patch",
    path: `${r.path}/{id}`,
    tags: [r.tag],
    summary: `Update a ${r.noun}`,
    description: `Send only the fields to change; \`null\` clears an optional field. Needs a key whose role has \`${r.writePermission}\`.${note}`,
    request: { params, body: json(r.updateBody) },
    responses: { 200: written(`The updated ${r.noun}`), ...errors(400, 401, 403, 404, 422) },
  });
}

/** Epoch milliseconds → ISO 8601, as every API timestamp is shown. */
export const isoTime = (ms: number) => new Date(ms).toISOString();
export const isoTimeOrNull = (ms: number | null) => (ms === null ? null : isoTime(ms));
export const IsoTime = z.string().openapi({ format: "date-time", example: "2026-11-23T09:30:00.000Z" });
