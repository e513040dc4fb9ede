// Ticket fields, shared by the forms and the JSON API so both give the same messages.
import { z } from "zod";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@workers/domain/tickets";
import { optionalId, optionalText, requiredText } from "~/lib/validation";

export const ticketStatus = z.enum(TICKET_STATUSES, { error: `Status must be one of: ${TICKET_STATUSES.join(", ")}.` });
export const ticketPriority = z.enum(TICKET_PRIORITIES, { error: `Priority must be one of: ${TICKET_PRIORITIES.join(", ")}.` });

export const TicketFields = {
  title: requiredText("Title", 200),
  description: optionalText("Description", 20_000),
  customerId: optionalId("Customer"),
  contactId: optionalId("Contact"),
  status: ticketStatus.default("open"),
  priority: ticketPriority.default("normal"),
};

/** The ticket form (create and edit) and the API's POST body. */
export const TicketCreateSchema = z.object(TicketFields);

/** The API's PATCH body: any subset of the fields (no defaults, so absent means unchanged). */
export const TicketUpdateSchema = z.object({
  ...TicketFields,
  status: ticketStatus,
  priority: ticketPriority,
}).partial();
