// Ticket status and priority badges: one look everywhere tickets are listed.
import { TICKET_PRIORITY_LABELS, TICKET_STATUS_LABELS, type TicketPriority, type TicketStatus } from "@workers/domain/tickets";
import { Badge, type BadgeTone } from "./ui";

const STATUS_TONES: Record<TicketStatus, BadgeTone> = {
  open: "blue",
  in_progress: "indigo",
  waiting: "amber",
  resolved: "green",
  closed: "gray",
};

const PRIORITY_TONES: Record<TicketPriority, BadgeTone> = {
  low: "gray",
  normal: "blue",
  high: "amber",
  urgent: "red",
};

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{TICKET_STATUS_LABELS[status]}</Badge>;
}

export function TicketPriorityBadge({ priority }: { priority: TicketPriority }) {
  return <Badge tone={PRIORITY_TONES[priority]}>{TICKET_PRIORITY_LABELS[priority]}</Badge>;
}
