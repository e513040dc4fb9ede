// The one Worker entry: Remix for HTTP, the sync queue consumer, and the cron trigger.
// When NINJAONE_SIMULATOR = "on", /ninjaone-sim/* is NinjaOne's stand-in (workers/simulator).
import { createRequestHandler } from "@remix-run/cloudflare";
import * as build from "virtual:remix-build";
import { getLoadContext } from "./load-context";
import { errorPageRequest, isApiPath, jsonRefusal, refuseRequest, withHostHeader } from "./request-guard";
import { routeToSimulator } from "./simulator";
import { handleCronMaintenance, handleScheduledSyncs, handleSyncBatch } from "./sync/queue";
import { handleTestClock, workerClock } from "./test-clock";

export { NinjaSimulator } from "./simulator";

const handleRemixRequest = createRequestHandler(build);

export default {
  async fetch(request, env, ctx) {
    const simulated = routeToSimulator(request, env);
    if (simulated) return simulated;
    const testClock = await handleTestClock(request, env);
    if (testClock) return testClock;
    const context = getLoadContext(env, ctx, await workerClock(env));
    const refusal = refuseRequest(request);
    if (refusal) return isApiPath(request) ? jsonRefusal(refusal) : handleRemixRequest(errorPageRequest(request, refusal), context);
    return handleRemixRequest(withHostHeader(request), context);
  },
  async queue(batch, env, ctx) {
    // core-sync and its dead-letter queue core-sync-dlq: each message is acked or retried there.
    await handleSyncBatch(batch, env, ctx, { now: await workerClock(env) });
  },
  async scheduled(controller, env, ctx) {
    // Scheduled syncs: every workspace whose slot is due gets a run (workers/sync/scheduler.ts);
    // then the watchdog (stalled runs) and the audit log's retention (workers/sync/queue.ts).
    await handleScheduledSyncs(controller, env);
    await handleCronMaintenance(controller, env);
  },
} satisfies ExportedHandler<Env>;
