// Shapes shared by the organization mapping screens and their server helpers.
import type { OrgMappingRow } from "@workers/sync/org-mapping";

/** The picker's value for "create a customer from this organization". */
export const NEW_CUSTOMER = "__new__";

export type OrgMappingFilter = "all" | "attention" | "mapped" | "auto" | "unmatched" | "stale";

export type MappingRowView = OrgMappingRow & {
  /** The likeliest customers by name (best first), listed first in the picker. */
  candidates: Array<{ customerId: string; name: string; score: number }>;
};

/** What a save did, shown after the redirect. */
export type SavedFlash = { confirmed: number; mapped: number; cleared: number; created: number; moved: number };

/** A save that did not happen: why, per organization, and what the person had picked (kept on the redrawn form). */
export type MappingFormFailure = {
  ok: false;
  message: string;
  byOrg: Record<number, string>;
  picks: Record<number, { customer: string; confirm: boolean }>;
};
