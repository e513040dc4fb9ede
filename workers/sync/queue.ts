// The Worker's queue and cron entry points for syncs: bindings in, the pipeline's deps out.
import { readConfig } from "../config";
import { createDb } from "../db/client";
import { ninjaClientFor } from "./connection";
import { createSyncConsumer, type ConsumableMessage } from "./consumer";
import type { SyncDeps } from "./ports";
import { clockOffsetMs } from "../test-clock";
import { runScheduledSyncs, type ScheduledSyncReport } from "./scheduler";
import { runSyncWatchdog } from "./watchdog";
import { pruneAuditEvents } from "../db/audit";
import { pruneUndo } from "../db/undo";
import { pruneReportCache } from "../db/read-cache";

export function syncDepsFromEnv(env: Env, overrides: Partial<SyncDeps> = {}): SyncDeps {
  const db = overrides.db ?? createDb(env.DB);
  const config = readConfig(env);
  const now = overrides.now ?? (() => Date.now());
  return {
    db,
    queue: env.SYNC_QUEUE,
    warrantyQueue: env.WARRANTY_QUEUE,
    warrantyPauseSeconds: config.warrantyPauseSeconds,
    now,
    pageSize: config.syncPageSize,
    pagesPerMessage: config.syncPagesPerMessage,
    chainSteps: true,
    clientFor: (workspaceId) => ninjaClientFor({ db, kv: env.KV, config, env, workspaceId, now }),
    ...overrides,
  };
}

const isDeadLetterQueue = (queue: string) => queue.endsWith("-dlq");

/** workers/app.ts `queue`: the sync queue, the warranty queue (same consumer: a message names its step) and the dead-letter queue. */
export async function handleSyncBatch(
  batch: { queue: string; messages: readonly ConsumableMessage[] },
  env: Env,
  _ctx: ExecutionContext,
  overrides: Partial<SyncDeps> = {},
): Promise<void> {
  const consumer = createSyncConsumer(syncDepsFromEnv(env, overrides));
  if (isDeadLetterQueue(batch.queue)) await consumer.handleDeadLetters(batch);
  else await consumer.handleBatch(batch);
}

/** workers/app.ts `scheduled`: start the syncs that are due (issue 7), on the Worker's clock (TEST_CLOCK aware). */
export async function handleScheduledSyncs(controller: Pick<ScheduledController, "scheduledTime" | "cron">, env: Env): Promise<ScheduledSyncReport> {
  const report = await runScheduledSyncs({
    db: createDb(env.DB),
    queue: env.SYNC_QUEUE,
    now: controller.scheduledTime + (await clockOffsetMs(env)),
  });
  console.log(`scheduled syncs (${controller.cron}): ${JSON.stringify(report)}`);
  return report;
}

/** workers/app.ts `scheduled`, after the syncs: the stalled-run watchdog, then the audit log's one-year retention. */
export async function handleCronMaintenance(controller: Pick<ScheduledController, "scheduledTime" | "cron">, env: Env) {
  const db = createDb(env.DB);
  const now = controller.scheduledTime + (await clockOffsetMs(env));
  const watchdog = await runSyncWatchdog({ db, queue: env.SYNC_QUEUE, now });
  const pruned = await pruneAuditEvents(db, now);
  const undoPruned = await pruneUndo(db, now);
  const reportCachePruned = await pruneReportCache(db, now);
  console.log(`cron maintenance (${controller.cron}): ${JSON.stringify({ watchdog, auditEventsPruned: pruned, undoPruned, reportCachePruned })}`);
  return { watchdog, pruned };
}
