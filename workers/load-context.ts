// The typed load context: the only way bindings reach Remix loaders and actions.
import { readConfig, type AppConfig } from "./config";
import { createDb, type Db } from "./db/client";

declare module "@remix-run/cloudflare" {
  interface AppLoadContext {
    env: Env;
    ctx: ExecutionContext;
    db: Db;
    config: AppConfig;
    /** The clock every service reads, so tests can move time. */
    now: () => number;
  }
}

/**
 * The config parsed once per env object (the isolate's bindings), not on every request: zod's
 * parse of it cost up to several milliseconds of a page's server time.
 */
const configs = new WeakMap<Env, AppConfig>();

function configOf(env: Env): AppConfig {
  let config = configs.get(env);
  if (!config) {
    config = readConfig(env);
    configs.set(env, config);
  }
  return config;
}

/** `now` defaults to real time; the entry passes the test clock when TEST_CLOCK is on (workers/test-clock.ts). */
export function getLoadContext(env: Env, ctx: ExecutionContext, now: () => number = () => Date.now()) {
  return { env, ctx, db: createDb(env.DB), config: configOf(env), now };
}
