// The audit log for people and the API: one filter schema, one page query, one row shape, the CSV.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { z } from "zod";
import { listAuditEvents, type AuditEvent } from "@workers/db/audit";
import { AUDIT_KIND_LIST, AUDIT_KINDS, csvRow } from "@workers/domain/audit";
import { decodeCursor, encodeCursor } from "./api.server";

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(64).optional().transform((v) => v || undefined),
  kind: z
    .union([z.enum(AUDIT_KIND_LIST), z.literal("")])
    .optional()
    .transform((v) => v || undefined),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

const cursorSchema = z.object({ at: z.number().int(), id: z.string().max(64) });

/** One page, newest first; `nextCursor` continues it. Throws a 400 Response for a bad cursor. */
export async function auditPage(context: AppLoadContext, workspaceId: string, filter: AuditFilter) {
  const cursor = filter.cursor ? decodeCursor(filter.cursor, cursorSchema) : undefined;
  const rows = await listAuditEvents(context.db, workspaceId, { limit: filter.limit + 1, cursor, actorId: filter.actor, kind: filter.kind });
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return { events: page, nextCursor: rows.length > filter.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null };
}

export function auditEventJson(e: AuditEvent) {
  return {
    id: e.id,
    at: new Date(e.at).toISOString(),
    kind: e.kind,
    kindLabel: AUDIT_KINDS[e.kind as keyof typeof AUDIT_KINDS] ?? e.kind,
    actor: { type: e.actorType, id: e.actorId, label: e.actorLabel },
    summary: e.summary,
    ip: e.ip,
    target: e.targetType && e.targetId ? { type: e.targetType, id: e.targetId, link: e.link } : null,
  };
}

const CSV_HEADER = ["time_utc", "kind", "actor_type", "actor_id", "actor", "summary", "ip", "target_type", "target_id", "link"];
const CSV_MAX_ROWS = 100_000;

/** The whole (filtered) log as CSV, streamed page by page so a year of events fits in memory. */
export function auditCsvStream(context: AppLoadContext, workspaceId: string, filter: Omit<AuditFilter, "cursor" | "limit">) {
  const encoder = new TextEncoder();
  let cursor: { at: number; id: string } | undefined;
  let sent = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${csvRow(CSV_HEADER)}\r\n`));
        return;
      }
      const rows = await listAuditEvents(context.db, workspaceId, { limit: 500, cursor, actorId: filter.actor, kind: filter.kind });
      if (rows.length === 0 || sent >= CSV_MAX_ROWS) return controller.close();
      const text = rows
        .map((e) =>
          csvRow([new Date(e.at).toISOString(), e.kind, e.actorType, e.actorId, e.actorLabel, e.summary, e.ip, e.targetType, e.targetId, e.link]),
        )
        .join("\r\n");
      controller.enqueue(encoder.encode(`${text}\r\n`));
      sent += rows.length;
      const last = rows[rows.length - 1];
      cursor = { at: last.at, id: last.id };
      if (rows.length < 500) controller.close();
    },
  });
}
