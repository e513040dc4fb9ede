// Asset field schemas and labels, shared by the asset form (browser and server) and the JSON API,
// so both accept the same values and give the same messages.
import { z } from "zod";
import { AGE_BAND_LABELS, WARRANTY_BAND_LABELS } from "@workers/domain/lifecycle";
import { ASSET_CATEGORIES, ASSET_STATUSES, warrantyOrderValid, type AssetStatus } from "@workers/domain/asset-rules";
import { requiredText } from "./validation";

export { AGE_BAND_LABELS, ASSET_CATEGORIES, ASSET_STATUSES, WARRANTY_BAND_LABELS };

export const STATUS_LABELS: Record<AssetStatus, string> = {
  in_use: "In use",
  available: "Available",
  in_repair: "In repair",
  inactive: "Inactive",
  retired: "Retired",
};

export const SORT_LABELS = {
  name: "Name (A to Z)",
  "-name": "Name (Z to A)",
  "-created": "Newest first",
  created: "Oldest first",
  "-updated": "Recently updated",
  updated: "Least recently updated",
} as const;

export const SOURCE_LABELS = { manual: "Added by hand", ninjaone: "NinjaOne" } as const;

/** Empty, missing and null all mean "no value". */
const nullableText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

const nullableDate = (label: string) =>
  z
    .string({ error: `${label} must be a date (YYYY-MM-DD).` })
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(z.iso.date(`${label} must be a date (YYYY-MM-DD).`).nullable());

const nullableId = (label: string) =>
  z
    .string({ error: `${label} must be an id.` })
    .trim()
    .max(100, `${label} is not a known id.`)
    .nullish()
    .transform((v) => (v ? v : null));

export const assetFields = {
  name: requiredText("Name", 200),
  manufacturer: nullableText("Manufacturer", 200),
  model: nullableText("Model", 200),
  serialNumber: nullableText("Serial number", 200),
  notes: nullableText("Notes", 5000),
  status: z.enum(ASSET_STATUSES, { error: "Choose a status." }),
  category: z.enum(ASSET_CATEGORIES, { error: "Choose a category." }),
  customerId: nullableId("Customer"),
  contactId: nullableId("Contact"),
  purchaseDate: nullableDate("Purchase date"),
  installDate: nullableDate("Install date"),
  warrantyStart: nullableDate("Warranty start"),
  warrantyEnd: nullableDate("Warranty end"),
};

export const WARRANTY_ORDER_MESSAGE = "Warranty end must be on or after the warranty start.";

function checkWarrantyOrder(value: { warrantyStart?: string | null; warrantyEnd?: string | null }, ctx: z.RefinementCtx) {
  if (!warrantyOrderValid(value.warrantyStart ?? null, value.warrantyEnd ?? null)) {
    ctx.addIssue({ code: "custom", path: ["warrantyEnd"], message: WARRANTY_ORDER_MESSAGE });
  }
}

/** The form for an asset added by hand: every field. */
export const ManualAssetFormSchema = z.object(assetFields).superRefine(checkWarrantyOrder);

/**
 * The form for a NinjaOne asset. The sync owns name, make, model, serial, status and category:
 * the form does not send them, and a post that does is checked by the asset service (a changed
 * value is refused with "Managed by NinjaOne sync"). Notes are the person's (the sync keeps only
 * its own OS line), so the form sends them.
 */
export const SyncedAssetFormSchema = z
  .object({
    ...assetFields,
    // `.optional()` leaves a missing field missing (not null), so it changes nothing.
    name: assetFields.name.optional(),
    manufacturer: assetFields.manufacturer.optional(),
    model: assetFields.model.optional(),
    serialNumber: assetFields.serialNumber.optional(),
    status: assetFields.status.optional(),
    category: assetFields.category.optional(),
  })
  .superRefine(checkWarrantyOrder);
