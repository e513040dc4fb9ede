// The audit log's storage. Callers record an event in the SAME db.batch as the change it
// records, so both land or neither does:
//
//   await db.batch([
//     db.update(schema.users).set({ role }).where(...),
//     auditStatement(db, { workspaceId, kind: "user.role_changed", actor, summary: "Ada is now Admin", ip,
//                          target: { type: "user", id: userId, link: "/settings/users" }, now }),
//   ]);
//
// `actor` is { type: "user" | "api_key", id, label } (app/lib/audit.server.ts builds it from a
// session or an API principal), or { type: "system" } / { type: "anonymous", label }.
import { and, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { newId } from "../crypto";
import { AUDIT_RETENTION_MS, type AuditActor, type AuditKind } from "../domain/audit";
import type { Db } from "./client";
import { schema } from "./client";

const { auditEvents } = schema;

/** Who did it and from where: what a service needs to write the audit event with its change. */
export type AuditBy = { actor: AuditActor; ip: string | null };

export type AuditInput = {
  workspaceId: string;
  kind: AuditKind;
  actor: AuditActor;
  summary: string;
  ip?: string | null;
  target?: { type: string; id: string; link?: string | null } | null;
  now: number;
};

function auditRow(input: AuditInput) {
  return {
    id: newId(),
    workspaceId: input.workspaceId,
    at: input.now,
    kind: input.kind,
    actorType: input.actor.type,
    actorId: input.actor.type === "user" || input.actor.type === "api_key" ? input.actor.id : null,
    actorLabel: (input.actor.label ?? "Core").slice(0, 200),
    summary: input.summary.slice(0, 500),
    ip: input.ip ? input.ip.slice(0, 64) : null,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    link: input.target?.link ?? null,
  };
}

/** An INSERT of one audit event, to add to the caller's db.batch (or await on its own). */
export function auditStatement(db: Db, input: AuditInput) {
  return db.insert(auditEvents).values(auditRow(input));
}

/**
 * The same INSERT, made only when `onlyIf` holds when it runs: put it after a conditional change
 * in the batch (e.g. `EXISTS (SELECT 1 FROM users WHERE id = ? AND disabled_at IS NOT NULL)`), so a
 * change that was refused leaves no event.
 */
export function auditStatementIf(db: Db, input: AuditInput, onlyIf: SQL) {
  const r = auditRow(input);
  // INSERT ... SELECT, in the table's column order (drizzle lists every column of audit_events).
  return db
    .insert(auditEvents)
    .select(
      sql`SELECT ${r.id}, ${r.workspaceId}, ${r.at}, ${r.kind}, ${r.actorType}, ${r.actorId}, ${r.actorLabel}, ${r.summary}, ${r.ip}, ${r.targetType}, ${r.targetId}, ${r.link} WHERE ${onlyIf}`,
    );
}

/** Audit the statement just before it in the batch, only if it changed a row (SQLite's changes()). */
export function auditIfChanged(db: Db, input: AuditInput) {
  return auditStatementIf(db, input, sql`changes() > 0`);
}

export type AuditEvent = typeof auditEvents.$inferSelect;
export type AuditCursor = { at: number; id: string };

/** Newest first, keyset-paged on (at, id); optionally one actor and/or one kind. */
export function listAuditEvents(
  db: Db,
  workspaceId: string,
  opts: { limit: number; cursor?: AuditCursor; actorId?: string; kind?: AuditKind; since?: number },
): Promise<AuditEvent[]> {
  const { cursor } = opts;
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.workspaceId, workspaceId),
        opts.actorId ? eq(auditEvents.actorId, opts.actorId) : undefined,
        opts.kind ? eq(auditEvents.kind, opts.kind) : undefined,
        cursor ? or(lt(auditEvents.at, cursor.at), and(eq(auditEvents.at, cursor.at), lt(auditEvents.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(opts.limit);
}

/** The actors that appear in a workspace's log (for the filter), most recent first. */
export async function listAuditActors(db: Db, workspaceId: string): Promise<Array<{ id: string; label: string; type: string }>> {
  const rows = await db
    .selectDistinct({ id: auditEvents.actorId, label: auditEvents.actorLabel, type: auditEvents.actorType })
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, workspaceId))
    .limit(200);
  const seen = new Map<string, { id: string; label: string; type: string }>();
  for (const r of rows) if (r.id && !seen.has(r.id)) seen.set(r.id, { id: r.id, label: r.label, type: r.type });
  return [...seen.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** Delete events older than the retention (one year), in bounded chunks; returns how many went. */
export async function pruneAuditEvents(db: Db, now: number, maxRows = 5000): Promise<number> {
  const cutoff = now - AUDIT_RETENTION_MS;
  let deleted = 0;
  while (deleted < maxRows) {
    const gone = await db
      .delete(auditEvents)
      // one chunk of expired rows at a time, found through the (at) index
      .where(inArray(auditEvents.id, db.select({ id: auditEvents.id }).from(auditEvents).where(lt(auditEvents.at, cutoff)).limit(500)))
      .returning({ id: auditEvents.id });
    if (gone.length === 0) break;
    deleted += gone.length;
  }
  return deleted;
}
