// The one Worker entry: Remix for HTTP, the sync queue consumer, and the cron trigger.
import { createRequestHandler } from "@remix-run/cloudflare";
import * as build from "virtual:remix-build";
import { getLoadContext } from "./load-context";

const handleRemixRequest = createRequestHandler(build);

export default {
  async fetch(request, env, ctx) {
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
