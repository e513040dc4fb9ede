// /api/v1/customers: wire shapes, query parsing and OpenAPI docs, built on the same zod
// schemas the customer form uses.
import { z } from "zod";
import { customersNamedLike, type Customer } from "@workers/db/customers";
import type { Db } from "@workers/db/client";
import { listQuery } from "~/lib/api.server";
import { addApiDocs } from "~/lib/openapi.server";
import { CustomerCreateSchema, CustomerUpdateSchema } from "~/lib/schemas/customers";
import { IsoTime, isoTime, isoTimeOrNull, registerResourcePaths } from "./resource-docs";

// The form's own schemas, named for the document. `.meta({ id })` rather than `.openapi()`: zod 4
// copies `.openapi` onto a schema only when it is built after extendZodWithOpenApi ran, and these
// are built by modules the UI loads first.
export const CustomerCreateBody = CustomerCreateSchema.meta({ id: "CustomerCreate" });
export const CustomerUpdateBody = CustomerUpdateSchema.meta({ id: "CustomerUpdate" });

export const CustomerListQuery = listQuery.extend({
  q: z.string().trim().max(200).optional().openapi({ description: "Only customers whose name contains this text (case-insensitive)." }),
  archived: z
    .enum(["false", "true", "all"])
    .default("false")
    .openapi({ description: "false (default): active customers; true: archived only; all: both." }),
});

export const CustomerJson = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    notes: z.string().nullable(),
    archived: z.boolean(),
    archivedAt: IsoTime.nullable(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .openapi("Customer");

export function customerJson(c: Customer): z.infer<typeof CustomerJson> {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    website: c.website,
    notes: c.notes,
    archived: c.archivedAt !== null,
    archivedAt: isoTimeOrNull(c.archivedAt),
    createdAt: isoTime(c.createdAt),
    updatedAt: isoTime(c.updatedAt),
  };
}

/** Something the caller should know about a write that was still made, e.g. a duplicate name. */
export const CustomerWarning = z
  .object({
    code: z.literal("duplicate_name"),
    message: z.string(),
    customers: z.array(z.object({ id: z.string(), name: z.string(), archived: z.boolean() })),
  })
  .openapi("CustomerWarning");

/**
 * Warnings for a customer named `name`: other customers whose name the organization matcher
 * treats as the same ("ACME, Inc." = "Acme"), so NinjaOne organizations will never match either
 * by name. The write is made anyway (nothing is lost, a script importing customers is not broken);
 * the response says so.
 */
export async function duplicateNameWarnings(db: Db, workspaceId: string, name: string, exceptId: string): Promise<Array<z.infer<typeof CustomerWarning>>> {
  const same = await customersNamedLike(db, workspaceId, name, exceptId);
  if (same.length === 0) return [];
  return [
    {
      code: "duplicate_name",
      message: `${same.length === 1 ? "Another customer has" : `${same.length} other customers have`} the same name as the organization matcher compares names (${same
        .map((c) => c.name)
        .join(", ")}); NinjaOne organizations with that name will not be matched by name to either.`,
      customers: same,
    },
  ];
}

export const ARCHIVED_FILTER = { false: "exclude", true: "only", all: "include" } as const;

addApiDocs((registry) =>
  registerResourcePaths(registry, {
    path: "/customers",
    tag: "Customers",
    noun: "customer",
    item: CustomerJson,
    listQuery: CustomerListQuery,
    createBody: CustomerCreateBody,
    updateBody: CustomerUpdateBody,
    writePermission: "customers:write",
    writeExtras: { warnings: z.array(CustomerWarning).openapi({ description: "Empty, or a duplicate_name warning: the write was made." }) },
    writeNote:
      "A name that matches another customer's as the organization matcher compares names (case, accents, punctuation, legal suffixes ignored) is accepted, and `warnings` lists the customers it duplicates.",
  }),
);
