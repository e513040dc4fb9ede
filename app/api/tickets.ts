// /api/v1/tickets: wire shapes, query parsing and OpenAPI docs, built on the same zod schemas
// the ticket form uses.
import { z } from "zod";
import type { Ticket } from "@workers/db/tickets";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@workers/domain/tickets";
import { listQuery } from "~/lib/api.server";
import { addApiDocs } from "~/lib/openapi.server";
import { TicketCreateSchema, TicketUpdateSchema } from "~/lib/schemas/tickets";
import { IsoTime, isoTime, registerResourcePaths } from "./resource-docs";

// The form's own schemas, named for the document. `.meta({ id })` rather than `.openapi()`: zod 4
// copies `.openapi` onto a schema only when it is built after extendZodWithOpenApi ran, and these
// are built by modules the UI loads first.
export const TicketCreateBody = TicketCreateSchema.meta({ id: "TicketCreate" });
export const TicketUpdateBody = TicketUpdateSchema.meta({ id: "TicketUpdate" });

export const TicketListQuery = listQuery.extend({
  q: z.string().trim().max(200).optional().openapi({ description: "Only tickets whose title contains this text." }),
  status: z
    .enum([...TICKET_STATUSES, "active"])
    .optional()
    .openapi({ description: "One status, or `active` for open, in_progress and waiting." }),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  customerId: z.string().trim().max(64).optional(),
  contactId: z.string().trim().max(64).optional(),
});

export const TicketJson = z
  .object({
    id: z.string(),
    number: z.number().int().openapi({ description: "Per-workspace ticket number (#1, #2, …)." }),
    title: z.string(),
    description: z.string().nullable(),
    customerId: z.string().nullable(),
    contactId: z.string().nullable(),
    status: z.enum(TICKET_STATUSES),
    priority: z.enum(TICKET_PRIORITIES),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .openapi("Ticket");

export function ticketJson(t: Ticket): z.infer<typeof TicketJson> {
  return {
    id: t.id,
    number: t.number,
    title: t.title,
    description: t.description,
    customerId: t.customerId,
    contactId: t.contactId,
    status: t.status,
    priority: t.priority,
    createdAt: isoTime(t.createdAt),
    updatedAt: isoTime(t.updatedAt),
  };
}

addApiDocs((registry) =>
  registerResourcePaths(registry, {
    path: "/tickets",
    tag: "Tickets",
    noun: "ticket",
    item: TicketJson,
    listQuery: TicketListQuery,
    createBody: TicketCreateBody,
    updateBody: TicketUpdateBody,
    writePermission: "tickets:write",
  }),
);
