// The assets list's query string, one schema for the page (/assets) and the API (/api/v1/assets).
import { z } from "zod";
import { ASSET_CATEGORIES, ASSET_SORTS, ASSET_SOURCES, ASSET_STATUSES } from "@workers/domain/asset-rules";
import { AGE_FILTERS, WARRANTY_BANDS } from "@workers/domain/lifecycle";

const idParam = z.string().trim().min(1).max(100);

export const assetFilterShape = {
  q: z.string().trim().max(200, "Search must be at most 200 characters.").optional().describe("Three or more characters anywhere in the name or serial number, any case; one or two: the start of the name or a whole serial number."),
  customerId: idParam.optional().describe('A customer id, or "unassigned" for assets without a customer.'),
  contactId: idParam.optional().describe('A contact id, or "unassigned" for assets without a contact.'),
  category: z.enum(ASSET_CATEGORIES).optional(),
  status: z.enum(ASSET_STATUSES).optional(),
  source: z.enum(ASSET_SOURCES).optional(),
  online: z.enum(["online", "offline"]).optional().describe("NinjaOne online state (manual assets never match)."),
  age: z.enum(AGE_FILTERS).optional().describe("Device age band (NinjaOne creation date, else purchase date)."),
  warranty: z.enum(WARRANTY_BANDS).optional().describe("Warranty band (expiring = ends within 90 days)."),
  sort: z.enum(ASSET_SORTS).default("name").describe('"name", "created" or "updated"; a leading "-" sorts descending.'),
};

export const AssetFilterQuery = z.object(assetFilterShape);
export type AssetFilterQuery = z.infer<typeof AssetFilterQuery>;

/** Blank form fields (`?status=`) mean "any". */
export function nonEmptyParams(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (value.trim() !== "") out[key] = value;
  return out;
}

/**
 * The page reads its filters leniently: a value it does not know (an old bookmark, a hand-edited
 * URL) is dropped rather than failing the page. The API reports it as a 400 instead.
 */
export function parseFiltersLeniently(url: URL): AssetFilterQuery {
  const params = nonEmptyParams(url);
  const parsed = AssetFilterQuery.safeParse(params);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) delete params[String(issue.path[0])];
  return AssetFilterQuery.parse(params);
}
