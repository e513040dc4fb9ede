// Bindings that wrangler.toml deliberately does not declare, so `wrangler types` cannot see them:
// TOKEN_ENCRYPTION_KEY is a secret in production, and NINJAONE_BASE_URL is set only by local runs
// (scripts/local-vars.mjs) or by a deployment that points at a proxy.
declare namespace Cloudflare {
  interface Env {
    TOKEN_ENCRYPTION_KEY?: string;
    NINJAONE_BASE_URL?: string;
  }
}
