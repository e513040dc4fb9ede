// The EOL Recommendations' query string: one schema for the page (/assets/eol), its CSV export
// and the API (/api/v1/eol-recommendations).
import { z } from "zod";
import { ASSET_CATEGORIES } from "@workers/domain/categories";
import { EOL_CLASSES, EOL_SORTS } from "@workers/domain/eol";
import { nonEmptyParams } from "./asset-query";

export const eolFilterShape = {
  customerId: z.string().trim().min(1).max(100).optional().describe('A customer id, or "unassigned" for assets without a customer.'),
  category: z.enum(ASSET_CATEGORIES).optional(),
  classification: z.enum(EOL_CLASSES).optional().describe("overdue, approaching (end of life), compliant, or unknown (no age basis)."),
  online: z.enum(["online", "offline"]).optional().describe("NinjaOne online state (manual assets never match)."),
  sort: z.enum(EOL_SORTS).default("due").describe('"due": most overdue first; "-due": latest due first. Assets without an age come last.'),
};

export const EolFilterQuery = z.object(eolFilterShape);
export type EolFilterQuery = z.infer<typeof EolFilterQuery>;

/** Unknown values from old links are dropped rather than failing the page (the API answers 400). */
export function parseEolFiltersLeniently(url: URL): EolFilterQuery {
  const params = nonEmptyParams(url);
  const parsed = EolFilterQuery.safeParse(params);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) delete params[String(issue.path[0])];
  return EolFilterQuery.parse(params);
}
