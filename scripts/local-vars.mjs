// Variables for local runs only (npm start, the e2e runner, the benchmark, worker tests).
// wrangler.toml keeps production-safe defaults: simulator off, no base-URL override, and no
// encryption key (production sets it with `wrangler secret put TOKEN_ENCRYPTION_KEY`).

/** Development-only AES key. Never use it for a deployment. */
export const DEV_TOKEN_ENCRYPTION_KEY = "ZGV2LW9ubHktY29yZS10b2tlbi1rZXktMzItYnl0ZXM=";

export function localVars(origin) {
  return {
    NINJAONE_SIMULATOR: "on",
    NINJAONE_BASE_URL: `${origin}/ninjaone-sim`,
    TOKEN_ENCRYPTION_KEY: DEV_TOKEN_ENCRYPTION_KEY,
  };
}

/** `--var KEY:VALUE` arguments for `wrangler dev`. */
export function varArgs(vars) {
  return Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
}

/**
 * Environment for local `wrangler` processes: no fetch of the sample `Request.cf` object from
 * workers.cloudflare.com (offline it prints a DNS stack trace and falls back to the same
 * placeholder; miniflare's CLOUDFLARE_CF_FETCH_ENABLED switch) and no usage metrics.
 */
export const quietWranglerEnv = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };
