// The one Worker entry: Remix for HTTP, the sync queue consumer, and the cron trigger.
// When NINJAONE_SIMULATOR = "on", /ninjaone-sim/* is NinjaOne's stand-in (workers/simulator).
import { createRequestHandler } from "@remix-run/cloudflare";
import * as build from "virtual:remix-build";
import { getLoadContext } from "./load-context";
import { routeToSimulator } from "./simulator";
import { handleScheduledSyncs, handleSyncBatch } from "./sync/queue";

export { NinjaSimulator } from "./simulator";

const handleRemixRequest = createRequestHandler(build);

export default {
  async fetch(request, env, ctx) {
    const simulated = routeToSimulator(request, env);
    if (simulated) return simulated;
    return handleRemixRequest(request, getLoadContext(env, ctx));
  },
  async queue(batch, env, ctx) {
    // core-sync and its dead-letter queue core-sync-dlq: each message is acked or retried there.
    await handleSyncBatch(batch, env, ctx);
  },
  async scheduled(controller, env) {
    await handleScheduledSyncs(controller, env);
  },
} satisfies ExportedHandler<Env>;
