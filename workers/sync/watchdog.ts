// The stalled-sync watchdog. A run moves by queue messages; when one is lost (a crash between a
// step's commit and its send, a message dropped by the platform), the run would wait forever. Each
// step records a heartbeat (consumer.ts); the cron (every 5 minutes) calls runSyncWatchdog:
//  - an active run with no sign of life for WATCHDOG_STALL_MS gets the message it waits for
//    (expectedMessage) sent again, and watchdog_resent_at set;
//  - if it still shows no sign of life WATCHDOG_STALL_MS after that, it is failed with the reason.
// A sign of life is any write to the run (updated_at) or a heartbeat (heartbeat_at; a retry
// scheduled for later sets it to when the retry is due, so a long Retry-After is not a stall).
// Re-sending is safe: the consumer ignores a message that is not the one the run waits for.
import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { AuditActor } from "../domain/audit";
import { auditIfChanged } from "../db/audit";
import { schema, type Db } from "../db/client";
import { expectedMessage } from "./consumer";
import type { SyncQueue } from "./messages";
import { ACTIVE_STATUSES, failRun, type SyncRun } from "./runs";

export const WATCHDOG_STALL_MS = 10 * 60 * 1000;
const RUNS_PER_TICK = 500;

type LivenessFields = Pick<SyncRun, "status" | "updatedAt" | "heartbeatAt">;

/** When the run last showed it was alive (a write or a heartbeat). */
export function lastSignOfLife(run: Pick<SyncRun, "updatedAt" | "heartbeatAt">): number {
  return Math.max(run.updatedAt, run.heartbeatAt ?? 0);
}

/** An active run with no sign of life for WATCHDOG_STALL_MS. */
export function isStalled(run: LivenessFields, now: number): boolean {
  return (run.status === "queued" || run.status === "running") && now - lastSignOfLife(run) >= WATCHDOG_STALL_MS;
}

/** What the page and the API say about a stalled run (null when it is not stalled). */
export function stallInfo(run: LivenessFields & Pick<SyncRun, "watchdogResentAt">, now: number) {
  if (!isStalled(run, now)) return null;
  const since = lastSignOfLife(run);
  const resent = run.watchdogResentAt !== null && run.watchdogResentAt >= since;
  return { since, resentAt: resent ? run.watchdogResentAt : null };
}

export type WatchdogReport = { stalled: number; resent: number; failed: number };

export async function runSyncWatchdog(deps: { db: Db; queue: SyncQueue; now: number }): Promise<WatchdogReport> {
  const { db, now } = deps;
  const runs = await db
    .select()
    .from(schema.syncRuns)
    .where(
      and(
        inArray(schema.syncRuns.status, [...ACTIVE_STATUSES]),
        lte(sql`max(${schema.syncRuns.updatedAt}, coalesce(${schema.syncRuns.heartbeatAt}, 0))`, now - WATCHDOG_STALL_MS),
      ),
    )
    .limit(RUNS_PER_TICK);
  const report: WatchdogReport = { stalled: runs.length, resent: 0, failed: 0 };
  for (const run of runs) {
    const since = lastSignOfLife(run);
    const alreadyResent = run.watchdogResentAt !== null && run.watchdogResentAt >= since;
    const message = expectedMessage(run);
    if (!alreadyResent && message) {
      // Claim first (compare-and-set), so two overlapping crons do not both send.
      const claimed = await db
        .update(schema.syncRuns)
        .set({ watchdogResentAt: now })
        .where(
          and(
            eq(schema.syncRuns.id, run.id),
            run.watchdogResentAt === null ? isNull(schema.syncRuns.watchdogResentAt) : eq(schema.syncRuns.watchdogResentAt, run.watchdogResentAt),
            eq(schema.syncRuns.updatedAt, run.updatedAt),
          ),
        )
        .returning({ id: schema.syncRuns.id });
      if (claimed.length === 0) continue;
      await deps.queue.send(message);
      report.resent++;
      continue;
    }
    if (alreadyResent && now - (run.watchdogResentAt ?? now) < WATCHDOG_STALL_MS) continue;
    const minutes = Math.round((now - since) / 60_000);
    const step = message ? `step “${message.step}”` : `phase “${run.phase}”`;
    const reason = message
      ? `Stopped by the watchdog: no progress for ${minutes} minutes at ${step}, even after Core re-sent it. Start a new sync.`
      : `Stopped by the watchdog: no progress for ${minutes} minutes (${step} has no next step). Start a new sync.`;
    if (await failRun(db, run.workspaceId, run.id, reason, now)) report.failed++;
  }
  return report;
}

/** A person stops an active run (the run page). Returns false when it had already finished. */
export async function cancelRun(
  db: Db,
  workspaceId: string,
  runId: string,
  by: { actor: AuditActor; ip: string | null; name: string },
  now: number,
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(schema.syncRuns)
      .set({ status: "failed", failureReason: `Cancelled by ${by.name}.`.slice(0, 500), finishedAt: now, updatedAt: now })
      .where(
        and(eq(schema.syncRuns.id, runId), eq(schema.syncRuns.workspaceId, workspaceId), or(...ACTIVE_STATUSES.map((s) => eq(schema.syncRuns.status, s)))),
      )
      .returning({ id: schema.syncRuns.id }),
    auditIfChanged(db, {
      workspaceId,
      kind: "sync.cancelled",
      actor: by.actor,
      ip: by.ip,
      summary: "Cancelled a NinjaOne sync run",
      target: { type: "sync_run", id: runId, link: `/settings/integrations/ninjaone/runs/${runId}` },
      now,
    }),
  ]);
  return updated.length > 0;
}
