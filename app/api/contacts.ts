// /api/v1/contacts: wire shapes, query parsing and OpenAPI docs, built on the same zod schemas
// the contact form uses.
import { z } from "zod";
import type { Contact } from "@workers/db/contacts";
import { listQuery } from "~/lib/api.server";
import { addApiDocs } from "~/lib/openapi.server";
import { ContactCreateSchema, ContactUpdateSchema } from "~/lib/schemas/contacts";
import { IsoTime, isoTime, registerResourcePaths } from "./resource-docs";

// The form's own schemas, named for the document. `.meta({ id })` rather than `.openapi()`: zod 4
// copies `.openapi` onto a schema only when it is built after extendZodWithOpenApi ran, and these
// are built by modules the UI loads first.
export const ContactCreateBody = ContactCreateSchema.meta({ id: "ContactCreate" });
export const ContactUpdateBody = ContactUpdateSchema.meta({ id: "ContactUpdate" });

export const ContactListQuery = listQuery.extend({
  q: z.string().trim().max(200).optional().openapi({ description: "Only contacts whose name or e-mail contains this text." }),
  customerId: z.string().trim().max(64).optional().openapi({ description: "Only this customer's contacts." }),
});

export const ContactJson = z
  .object({
    id: z.string(),
    customerId: z.string().nullable(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    title: z.string().nullable(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .openapi("Contact");

export function contactJson(c: Contact): z.infer<typeof ContactJson> {
  return {
    id: c.id,
    customerId: c.customerId,
    name: c.name,
    email: c.email,
    phone: c.phone,
    title: c.title,
    createdAt: isoTime(c.createdAt),
    updatedAt: isoTime(c.updatedAt),
  };
}

addApiDocs((registry) =>
  registerResourcePaths(registry, {
    path: "/contacts",
    tag: "Contacts",
    noun: "contact",
    item: ContactJson,
    listQuery: ContactListQuery,
    createBody: ContactCreateBody,
    updateBody: ContactUpdateBody,
    writePermission: "contacts:write",
  }),
);
