// GET /api/v1/integrations/ninjaone/contact-suggestions: NinjaOne assets without a contact and the
// contacts their last logged-in user may be (Bulk Contact Association as JSON). Apply with
// POST /api/v1/assets/contact-assignments.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { z } from "zod";
import { CONTACT_MATCH_RULES, HIGH_CONFIDENCE, type ContactMatchRule } from "@workers/domain/contact-matching";
import { contactSuggestionsPage } from "@workers/sync/contact-association";
import { decodeCursor, encodeCursor, listQuery, parseQuery, requireApiKey } from "~/lib/api.server";
import { addApiDocs, errorResponses } from "~/lib/openapi.server";

const RULES = Object.keys(CONTACT_MATCH_RULES) as [ContactMatchRule, ...ContactMatchRule[]];
const cursorSchema = z.object({ name: z.string().max(1000), id: z.string().max(64) });

export const ContactSuggestionsQuery = listQuery.extend({
  customerId: z.string().trim().min(1).max(64).optional().openapi({ description: "Only assets of this customer." }),
  minConfidence: z.coerce
    .number({ error: "minConfidence must be a number from 0 to 100." })
    .int("minConfidence must be a whole number.")
    .min(0, "minConfidence must be from 0 to 100.")
    .max(100, "minConfidence must be from 0 to 100.")
    .optional()
    .openapi({ description: `Only assets whose best suggestion reaches this confidence (%). ${HIGH_CONFIDENCE} = high confidence.` }),
});

const SuggestionSchema = z
  .object({
    contactId: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    confidence: z.number().int().openapi({ description: "0-100" }),
    rule: z.enum(RULES),
    label: z.string().openapi({ description: "How the rule reads, e.g. firstname.lastname" }),
    ambiguous: z.boolean().openapi({ description: "Several contacts match equally well: capped below high confidence" }),
  })
  .openapi("ContactSuggestion");

const RowSchema = z
  .object({
    assetId: z.string(),
    assetName: z.string(),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    lastLoggedInUser: z.string().nullable().openapi({ description: "As NinjaOne reported it" }),
    account: z
      .object({
        kind: z.enum(["domain", "azuread", "upn", "local", "bare"]),
        user: z.string(),
        domain: z.string().nullable(),
        system: z.boolean().openapi({ description: "A local or system account: never suggested" }),
        systemReason: z.string().nullable(),
      })
      .nullable(),
    suggestions: z.array(SuggestionSchema).openapi({ description: "Best first; only contacts of the asset's customer" }),
  })
  .openapi("ContactSuggestionRow");

const PageSchema = z.object({ data: z.array(RowSchema), nextCursor: z.string().nullable() }).openapi("ContactSuggestionList");

addApiDocs((registry) => {
  registry.registerPath({
    method: "get",
    path: "/integrations/ninjaone/contact-suggestions",
    summary: "Contact suggestions for NinjaOne assets without a contact",
    description:
      "One row per live NinjaOne asset without a contact, with the contacts of its customer its last logged-in user may be and a confidence for each. " +
      "Paged by cursor; with minConfidence a page may hold fewer rows than limit and still have a nextCursor. Apply with POST /assets/contact-assignments. Needs read access.",
    tags: ["NinjaOne contact association"],
    request: { query: ContactSuggestionsQuery },
    responses: {
      200: { description: "A page of rows", content: { "application/json": { schema: PageSchema } } },
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
    },
  });
});

export async function contactSuggestionsApi(context: AppLoadContext, request: Request): Promise<Response> {
  const { workspaceId } = await requireApiKey(context, request, "read");
  const query = parseQuery(request, ContactSuggestionsQuery);
  const after = query.cursor ? decodeCursor(query.cursor, cursorSchema) : undefined;
  const page = await contactSuggestionsPage(context.db, workspaceId, {
    filters: { customerId: query.customerId, minConfidence: query.minConfidence },
    limit: query.limit,
    after,
  });
  const body: z.infer<typeof PageSchema> = { data: page.rows, nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null };
  return Response.json(body);
}
