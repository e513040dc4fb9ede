// The Worker's queue entry for the sync pipeline: builds the consumer's dependencies from the env
// (bindings stay at the edge) and hands it the batch. Messages from the dead-letter queue fail
// their run (consumer.handleDeadLetters).
import { readConfig } from "../config";
import { createDb } from "../db/client";
import { ninjaClientFor } from "./connection";
import { createSyncConsumer } from "./consumer";

export const SYNC_DEAD_LETTER_QUEUE = "core-sync-dlq";

export async function handleSyncBatch(batch: MessageBatch, env: Env, now: () => number): Promise<void> {
  const db = createDb(env.DB);
  const config = readConfig(env);
  const consumer = createSyncConsumer({
    db,
    queue: env.SYNC_QUEUE,
    now,
    pageSize: config.syncPageSize,
    clientFor: (workspaceId) => ninjaClientFor({ db, kv: env.KV, config, env, workspaceId, now }),
  });
  if (batch.queue === SYNC_DEAD_LETTER_QUEUE) await consumer.handleDeadLetters(batch);
  else await consumer.handleBatch(batch);
}
