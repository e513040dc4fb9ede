// The Reports page's filters (customer, device type, online status), shared by the page and its
// CSV exports. Unknown values are dropped: reports never fail on an old link.
import { z } from "zod";
import { ASSET_CATEGORIES } from "@workers/domain/asset-rules";
import { AGE_FILTERS, WARRANTY_BANDS } from "@workers/domain/lifecycle";
import { nonEmptyParams } from "./asset-query";

export const ReportQuery = z.object({
  customerId: z.string().trim().min(1).max(100).optional().catch(undefined),
  category: z.enum(ASSET_CATEGORIES).optional().catch(undefined),
  online: z.enum(["online", "offline"]).optional().catch(undefined),
});

/** A report's filters plus a drill-down band (Device Age or Warranty Status). */
export const ReportDrillQuery = ReportQuery.extend({
  age: z.enum(AGE_FILTERS).optional().catch(undefined),
  warranty: z.enum(WARRANTY_BANDS).optional().catch(undefined),
});

export const parseReportQuery = (url: URL) => ReportDrillQuery.parse(nonEmptyParams(url));
