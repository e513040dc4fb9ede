// /api/v1/assets: the schemas the handlers parse with, the JSON shape they answer with, and the
// OpenAPI paths generated from both.
import { z } from "zod";
import type { Asset } from "@workers/db/assets";
import { assetDashboardUrl } from "@workers/db/ninja-links";
import type { DashboardLinkSettings } from "@workers/domain/dashboard-domain";
import { ASSET_CATEGORIES, ASSET_SOURCES, ASSET_STATUSES } from "@workers/domain/asset-rules";
import { apiError, listQuery } from "~/lib/api.server";
import { addApiDocs } from "~/lib/openapi.server";
import { assetFields } from "~/lib/asset-fields";
import { assetFilterShape } from "~/lib/asset-query";
import { IsoTime, isoTime, isoTimeOrNull, registerResourcePaths } from "./resource-docs";

const isoDateOrNull = z.string().nullable().describe("YYYY-MM-DD");

export const ApiAsset = z
  .object({
    id: z.string(),
    name: z.string(),
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    serialNumber: z.string().nullable(),
    notes: z.string().nullable(),
    status: z.enum(ASSET_STATUSES),
    category: z.enum(ASSET_CATEGORIES),
    customerId: z.string().nullable(),
    contactId: z.string().nullable(),
    purchaseDate: isoDateOrNull,
    installDate: isoDateOrNull,
    warrantyStart: isoDateOrNull,
    warrantyEnd: isoDateOrNull,
    source: z.enum(ASSET_SOURCES).describe("manual, or ninjaone for assets the NinjaOne sync keeps"),
    ninjaDeviceId: z.number().int().nullable(),
    ninjaDeviceUid: z.string().nullable(),
    ninjaOrgId: z.number().int().nullable(),
    ninjaLocationId: z.number().int().nullable(),
    ninjaRoleId: z.number().int().nullable(),
    ninjaNodeClass: z.string().nullable(),
    ninjaOffline: z.boolean().nullable(),
    ninjaLastContact: IsoTime.nullable(),
    ninjaLastLoggedInUser: z.string().nullable(),
    ninjaCreatedAt: IsoTime.nullable().describe("When the device was created in NinjaOne"),
    ninjaOsName: z.string().nullable(),
    ninjaDeletedAt: IsoTime.nullable().describe("When the device was found missing from NinjaOne"),
    matchedBy: z.string().nullable().describe("ninja_id, serial, name or created"),
    matchReason: z.string().nullable().describe("Why the sync chose this asset for the device"),
    contactSource: z
      .enum(["person", "ninjaone"])
      .nullable()
      .describe("Who set contactId: person (kept by syncs) or ninjaone (the device's assigned owner); null when no one has"),
    ninjaDashboardUrl: z
      .string()
      .nullable()
      .describe("Open in NinjaOne: the device dashboard, on the integration's Dashboard Link Domain when set, else the region's instance; null for assets without a NinjaOne device"),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .meta({ id: "Asset" });
export type ApiAsset = z.infer<typeof ApiAsset>;

/** `links`: the workspace's dashboard link settings (dashboardLinkSettings), for ninjaDashboardUrl. */
export function toApiAsset(a: Asset, links: DashboardLinkSettings | null): ApiAsset {
  return {
    id: a.id,
    name: a.name,
    manufacturer: a.manufacturer,
    model: a.model,
    serialNumber: a.serialNumber,
    notes: a.notes,
    status: a.status,
    category: a.category,
    customerId: a.customerId,
    contactId: a.contactId,
    purchaseDate: a.purchaseDate,
    installDate: a.installDate,
    warrantyStart: a.warrantyStart,
    warrantyEnd: a.warrantyEnd,
    source: a.source,
    ninjaDeviceId: a.ninjaDeviceId,
    ninjaDeviceUid: a.ninjaDeviceUid,
    ninjaOrgId: a.ninjaOrgId,
    ninjaLocationId: a.ninjaLocationId,
    ninjaRoleId: a.ninjaRoleId,
    ninjaNodeClass: a.ninjaNodeClass,
    ninjaOffline: a.ninjaOffline,
    ninjaLastContact: isoTimeOrNull(a.ninjaLastContact),
    ninjaLastLoggedInUser: a.ninjaLastLoggedInUser,
    ninjaCreatedAt: isoTimeOrNull(a.ninjaCreatedAt),
    ninjaOsName: a.ninjaOsName,
    ninjaDeletedAt: isoTimeOrNull(a.ninjaDeletedAt),
    matchedBy: a.matchedBy,
    matchReason: a.matchReason,
    contactSource: a.contactSource,
    ninjaDashboardUrl: assetDashboardUrl(links, a),
    createdAt: isoTime(a.createdAt),
    updatedAt: isoTime(a.updatedAt),
  };
}

export const AssetCreate = z
  .strictObject({
    ...assetFields,
    status: assetFields.status.default("in_use"),
    category: assetFields.category.default("Other"),
  })
  .meta({
    id: "AssetCreate",
    description: "A manual asset. status defaults to in_use, category to Other. The contact must belong to the customer when both are set.",
  });

// `.partial()` leaves absent fields absent: a PATCH changes only what it sends (null clears).
export const AssetUpdate = z
  .strictObject(assetFields)
  .partial()
  .meta({
    id: "AssetUpdate",
    description:
      "On a NinjaOne asset the sync owns name, manufacturer, model, serialNumber, notes, status and category: " +
      "changing them answers 422. The ninja* fields, source, matchedBy and matchReason are read-only on every asset.",
  });

export const AssetListQuery = listQuery.extend(assetFilterShape);

/** Fields of an Asset a client can read but never write. */
const READ_ONLY_FIELDS = new Set(Object.keys(ApiAsset.shape).filter((key) => !(key in assetFields)));

const SET_BY_SYNC = /^(ninja|matched|matchReason$|source$)/;

/** A JSON object body, as a record, before the field schemas see it. */
export const JsonObject = z.record(z.string(), z.unknown(), { error: "The body must be a JSON object." });

/**
 * Parse an asset body, with a message per field: read-only and unknown fields are named (zod's
 * strict objects report them together at the root).
 */
export function parseAssetBody<S extends z.ZodType>(schema: S, body: Record<string, unknown>): z.output<S> {
  const fields: Record<string, string[]> = {};
  for (const key of Object.keys(body)) {
    if (READ_ONLY_FIELDS.has(key)) fields[key] = [SET_BY_SYNC.test(key) ? "Read-only: set by the NinjaOne sync." : "Read-only."];
    else if (!(key in assetFields)) fields[key] = ["Unknown field."];
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") continue; // named above
      const key = issue.path.join(".") || "_";
      (fields[key] ??= []).push(issue.message);
    }
  }
  if (Object.keys(fields).length || !parsed.success) throw apiError(422, "validation_failed", "Some fields are not valid.", fields);
  return parsed.data;
}

addApiDocs((registry) =>
  registerResourcePaths(registry, {
    path: "/assets",
    tag: "Assets",
    noun: "asset",
    item: ApiAsset,
    listQuery: AssetListQuery,
    createBody: AssetCreate,
    updateBody: AssetUpdate,
    writePermission: "assets:write",
  }),
);
