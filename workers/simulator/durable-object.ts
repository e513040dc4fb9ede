// The NinjaOne simulator as one SQLite-backed Durable Object: every request for
// <mount>/ws/oauth/*, /oauth/*, /v2/*, /api/v2/* and /_control/* lands here.
import { DurableObject } from "cloudflare:workers";
import { handleApi } from "./api-routes";
import { handleControl } from "./control-routes";
import { handleAuthorize, handleToken } from "./oauth-routes";
import { escapeHtml, failure, html, type SimContext } from "./respond";
import { SimStore } from "./store";

export const SIMULATOR_PREFIX = "/ninjaone-sim";

export class NinjaSimulator extends DurableObject<Env> {
  private readonly store: SimStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new SimStore(ctx.storage.sql, env, Date.now());
  }

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const mounted = url.pathname === SIMULATOR_PREFIX || url.pathname.startsWith(`${SIMULATOR_PREFIX}/`);
    const mount = mounted ? SIMULATOR_PREFIX : "";
    const path = url.pathname.slice(mount.length) || "/";
    const ctx: SimContext = {
      store: this.store,
      request,
      url,
      path,
      mount,
      now: Date.now() + this.store.clockOffsetMs(),
    };

    if (path.startsWith("/_control/")) return handleControl(ctx, path.slice("/_control".length));
    if (path === "/ws/oauth/authorize" || path === "/oauth/authorize") return handleAuthorize(ctx);
    if (path === "/ws/oauth/token" || path === "/oauth/token") return handleToken(ctx);
    if (path.startsWith("/v2/")) return handleApi(ctx, path.slice("/v2".length));
    if (path.startsWith("/api/v2/")) return handleApi(ctx, path.slice("/api/v2".length));
    if (path === "/" && request.method === "GET") return landingPage(ctx);
    return failure(404, "HTTP 404 Not Found", ctx.now);
  }
}

/** GET <mount>/: what this is and how to use it. */
function landingPage(ctx: SimContext): Response {
  const spec = ctx.store.fleetSpec();
  const counts = ctx.store.view().counts();
  const base = `${ctx.url.origin}${ctx.mount}`;
  const apps = ctx.store
    .apps()
    .map(
      (a) =>
        `<li><code>${escapeHtml(a.clientId)}</code> (${escapeHtml(a.name)}): redirect URIs ${
          a.redirectUris.map((u) => `<code>${escapeHtml(u)}</code>`).join(", ") || "none"
        }</li>`,
    )
    .join("");
  return html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>NinjaOne simulator</title>
<style>body{font:15px/1.6 system-ui,sans-serif;max-width:760px;margin:40px auto;padding:0 16px;color:#1f2a37}code{background:#f3f4f6;padding:1px 4px;border-radius:4px}</style></head>
<body><h1>NinjaOne simulator</h1>
<p>A local stand-in for NinjaOne's API at <code>${escapeHtml(
    base,
  )}</code>: OAuth at <code>/ws/oauth/authorize</code> and <code>/ws/oauth/token</code>, the REST API under <code>/v2</code> and <code>/api/v2</code>, and its own control API under <code>/_control</code> (see <a href="${escapeHtml(
    ctx.mount,
  )}/_control/state">/_control/state</a>).</p>
<p>Fleet: seed ${spec.seed}, ${counts.devices.toLocaleString("en-US")} devices in ${
    counts.organizations
  } organizations.</p>
<p>Registered client apps:</p><ul>${apps}</ul>
<p>The demo app's secret is <code>core-demo-secret</code>.</p></body></html>`);
}
