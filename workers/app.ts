// The one Worker entry: Remix for HTTP, the sync queue consumer, and the cron trigger.
// When NINJAONE_SIMULATOR = "on", /ninjaone-sim/* is NinjaOne's stand-in (workers/simulator).
import { createRequestHandler } from "@remix-run/cloudflare";
import * as build from "virtual:remix-build";
import { getLoadContext } from "./load-context";
import { routeToSimulator } from "./simulator";

export { NinjaSimulator } from "./simulator";

const handleRemixRequest = createRequestHandler(build);

export default {
  async fetch(request, env, ctx) {
    const simulated = routeToSimulator(request, env);
    if (simulated) return simulated;
    return handleRemixRequest(request, getLoadContext(env, ctx));
  },
  async queue(batch, env, ctx) {
    // Wired by the sync pipeline: each message is acked or retried there.
    for (const message of batch.messages) message.ack();
  },
  async scheduled(controller, env, ctx) {
    // Wired by the scheduled-sync capability.
  },
} satisfies ExportedHandler<Env>;
