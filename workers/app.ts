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

/**
 * `Server-Timing: app;dur=<ms>`: the time from the request reaching Remix to its response head
 * (loaders, then the document's shell render), for the reads benchmark and browser dev tools.
 * Workers advance the clock only across I/O, so this is the loaders' D1 time plus whatever the
 * clock saw of rendering: `wrangler dev` locally sees it all.
 */
function withServerTiming(response: Response, started: number): Response {
  const timed = new Response(response.body, response);
  timed.headers.append("Server-Timing", `app;dur=${(performance.now() - started).toFixed(1)}`);
  return timed;
}

export default {
  async fetch(request, env, ctx) {
    const simulated = routeToSimulator(request, env);
    if (simulated) return simulated;
    const testClock = await handleTestClock(request, env);
    if (testClock) return testClock;
    const context = getLoadContext(env, ctx, await workerClock(env));
    const refusal = refuseRequest(request);
    if (refusal) return isApiPath(request) ? jsonRefusal(refusal) : handleRemixRequest(errorPageRequest(request, refusal), context);
    const started = performance.now();
    return withServerTiming(await handleRemixRequest(withHostHeader(request), context), started);
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
