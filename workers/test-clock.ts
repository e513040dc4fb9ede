// TEST-ONLY clock. With the var TEST_CLOCK=on (the e2e runner starts wrangler with
// `--var TEST_CLOCK:on`; wrangler.toml says "off", and production never sets it), an offset kept in
// KV moves every clock of the Worker forward: loaders and actions (`context.now()`), the queue
// consumer and the cron. `POST /__test/clock {"offsetMs": n}` sets it; the route answers only when
// the var is on. This is how the e2e test makes a scheduled slot come due without waiting an hour.
import { z } from "zod";

export const TEST_CLOCK_PATH = "/__test/clock";
export const TEST_CLOCK_KEY = "test:clock-offset-ms";

type ClockEnv = { TEST_CLOCK?: string; KV: KVNamespace };

const offsetSchema = z.coerce.number().int().min(-1e12).max(1e12);
const bodySchema = z.object({ offsetMs: offsetSchema });

export function testClockEnabled(env: ClockEnv): boolean {
  return env.TEST_CLOCK === "on";
}

/** How far the test clock is ahead of real time (0 unless TEST_CLOCK=on and an offset was set). */
export async function clockOffsetMs(env: ClockEnv): Promise<number> {
  if (!testClockEnabled(env)) return 0;
  const parsed = offsetSchema.safeParse(await env.KV.get(TEST_CLOCK_KEY));
  return parsed.success ? parsed.data : 0;
}

/** The clock an invocation reads: real time, plus the test offset when the test clock is on. */
export async function workerClock(env: ClockEnv): Promise<() => number> {
  const offset = await clockOffsetMs(env);
  return () => Date.now() + offset;
}

/** `GET|POST /__test/clock` when the test clock is on; null for every other request. */
export async function handleTestClock(request: Request, env: ClockEnv): Promise<Response | null> {
  if (!testClockEnabled(env) || new URL(request.url).pathname !== TEST_CLOCK_PATH) return null;
  if (request.method === "GET") return Response.json({ offsetMs: await clockOffsetMs(env) });
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405 });
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "Send {\"offsetMs\": <integer>}." }, { status: 400 });
  await env.KV.put(TEST_CLOCK_KEY, String(parsed.data.offsetMs));
  return Response.json({ offsetMs: parsed.data.offsetMs });
}
