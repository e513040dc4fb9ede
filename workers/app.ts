// The one Worker entry: Remix for HTTP, the sync queue consumer, and the cron trigger.
// When NINJAONE_SIMULATOR = "on", /ninjaone-sim/* is NinjaOne's stand-in (workers/simulator).
import { createRequestHandler } from "@remix-run/cloudflare";
import * as build from "virtual:remix-build";
import { createDb } from "./db/client";
import { getLoadContext } from "./load-context";
import { routeToSimulator } from "./simulator";
import { handleSyncBatch } from "./sync/queue-handler";
import { runScheduledSyncs } from "./sync/scheduler";
import { clockOffsetMs, handleTestClock, workerClock } from "./test-clock";

export { NinjaSimulator } from "./simulator";

const handleRemixRequest = createRequestHandler(build);

export default {
  async fetch(request, env, ctx) {
    const simulated = routeToSimulator(request, env);
    if (simulated) return simulated;
    const testClock = await handleTestClock(request, env);
    if (testClock) return testClock;
    return handleRemixRequest(request, getLoadContext(env, ctx, await workerClock(env)));
  },
  async queue(batch, env) {
    // The sync pipeline: each message is acked or retried there (workers/sync/consumer.ts).
    await handleSyncBatch(batch, env, await workerClock(env));
  },
  async scheduled(controller, env, ctx) {
    // Scheduled syncs: every workspace whose slot is due gets a run (workers/sync/scheduler.ts).
    const report = await runScheduledSyncs({
      db: createDb(env.DB),
      queue: env.SYNC_QUEUE,
      now: controller.scheduledTime + (await clockOffsetMs(env)),
    });
    console.log(`scheduled syncs (${controller.cron}): ${JSON.stringify(report)}`);
  },
} satisfies ExportedHandler<Env>;
