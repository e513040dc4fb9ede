// The simulator's OAuth endpoints (fact sheet §2): the consent page at /ws/oauth/authorize
// (and /oauth/authorize) and the token endpoint at /ws/oauth/token (and /oauth/token).
import { DEMO_APP, GRANTS, SCOPES, type App } from "./state";
import {
  base64url,
  escapeHtml,
  html,
  json,
  failure,
  incidentId,
  randomBase64url,
  tooManyRequests,
  type SimContext,
} from "./respond";

/** Core's OAuth callback (workers/sync/oauth-connect.ts). */
const CORE_CALLBACK_PATH = "/api/integrations/ninja/callback";

const SCOPE_SET: ReadonlySet<string> = new Set(SCOPES);
const GRANT_SET: ReadonlySet<string> = new Set(GRANTS);

const SCOPE_TEXT: Record<string, string> = {
  monitoring: "Read monitoring data, devices and the organization structure",
  management: "Change devices and organizations",
  control: "Open remote sessions to devices",
  offline_access: "Stay connected when you are away (issue a refresh token)",
};

/** An app the request names: registered, or (permissive dev mode only) made up on the spot. */
function resolveApp(ctx: SimContext, clientId: string | null, secret?: string | null): App | null {
  if (!clientId) return null;
  const app = ctx.store.app(clientId);
  if (app) return app;
  if (!ctx.store.settings().permissiveOAuth) return null;
  return {
    ...DEMO_APP,
    clientId,
    clientSecret: secret ?? "any", // any secret passes in this mode (handleToken), so treat it as confidential
    name: `${clientId} (unregistered)`,
    redirectUris: [],
  };
}

function redirectAllowed(ctx: SimContext, app: App, redirectUri: string | null): redirectUri is string {
  if (!redirectUri) return false;
  if (app.redirectUris.includes(redirectUri)) return true; // exact match: trailing slash and port included
  // The demo app is also registered with the callback of the Core that mounts this simulator, on
  // whatever port it runs (still an exact match).
  if (app.clientId === DEMO_APP.clientId && redirectUri === `${ctx.url.origin}${CORE_CALLBACK_PATH}`) return true;
  if (!ctx.store.settings().permissiveOAuth) return false;
  try {
    return ["http:", "https:"].includes(new URL(redirectUri).protocol);
  } catch {
    return false;
  }
}

function redirectWith(redirectUri: string, params: Record<string, string | null>): Response {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== null) target.searchParams.set(key, value);
  return new Response(null, { status: 302, headers: { Location: target.toString(), "Cache-Control": "no-store" } });
}

type AuthorizeParams = {
  response_type: string | null;
  client_id: string | null;
  redirect_uri: string | null;
  scope: string | null;
  state: string | null;
  code_challenge: string | null;
  code_challenge_method: string | null;
};

function readAuthorizeParams(source: URLSearchParams | FormData): AuthorizeParams {
  const get = (key: string) => {
    const value = source.get(key);
    return typeof value === "string" ? value : null;
  };
  return {
    response_type: get("response_type"),
    client_id: get("client_id"),
    redirect_uri: get("redirect_uri"),
    scope: get("scope"),
    state: get("state"),
    code_challenge: get("code_challenge"),
    code_challenge_method: get("code_challenge_method"),
  };
}

export async function handleAuthorize(ctx: SimContext): Promise<Response> {
  const isPost = ctx.request.method === "POST";
  if (!isPost && ctx.request.method !== "GET") return failure(405, "HTTP 405 Method Not Allowed", ctx.now);
  const form = isPost ? await ctx.request.formData() : null;
  const params = readAuthorizeParams(form ?? ctx.url.searchParams);

  // Problems that must not redirect (the redirect target itself is not trusted): an error page.
  const app = resolveApp(ctx, params.client_id);
  if (!app) return json({ resultCode: "Client app not exist" }, 400);
  if (!redirectAllowed(ctx, app, params.redirect_uri)) {
    return json({ resultCode: "FAILURE", errorMessage: "HTTP 404 Not Found", incidentId: incidentId(ctx.now) }, 404);
  }
  const redirectUri = params.redirect_uri;
  const fail = (error: string, description: string) =>
    redirectWith(redirectUri, { error, error_description: description, state: params.state });

  if (params.response_type !== "code") return fail("unsupported_response_type", "response_type must be code");
  if (!app.grants.includes("authorization_code")) {
    return fail("unauthorized_client", "The authorization code grant is not enabled for this app");
  }
  const scopes = (params.scope ?? "monitoring").split(/\s+/).filter(Boolean);
  const unknown = scopes.filter((s) => !SCOPE_SET.has(s) || !new Set<string>(app.scopes).has(s));
  if (scopes.length === 0 || unknown.length) return fail("invalid_scope", `Scope not allowed: ${unknown.join(" ")}`);
  if (params.code_challenge && !["S256", "plain", null].includes(params.code_challenge_method)) {
    return fail("invalid_request", "code_challenge_method must be S256 or plain");
  }
  if (!app.clientSecret && !params.code_challenge) {
    return fail("invalid_request", "A public app must send a PKCE code_challenge");
  }

  if (!isPost) return consentPage(ctx, app, params, scopes);

  const decision = form?.get("decision");
  if (decision === "deny") return redirectWith(redirectUri, { error: "access_denied", state: params.state });
  if (decision !== "approve") return failure(400, "decision must be approve or deny", ctx.now);

  const code = randomBase64url(24);
  const settings = ctx.store.settings();
  ctx.store.insertCode({
    code,
    client_id: app.clientId,
    redirect_uri: redirectUri,
    scope: scopes.join(" "),
    expires_at: ctx.now + settings.authorizationCodeTtlSeconds * 1000,
    challenge: params.code_challenge,
    challenge_method: params.code_challenge ? params.code_challenge_method ?? "plain" : null,
  });
  return redirectWith(redirectUri, { code, state: params.state });
}

function consentPage(ctx: SimContext, app: App, params: AuthorizeParams, scopes: string[]): Response {
  const hidden = Object.entries(params)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value ?? "")}">`)
    .join("\n        ");
  const redirectOrigin = new URL(params.redirect_uri ?? "").origin;
  const items = scopes
    .map((s) => `<li><strong>${escapeHtml(s)}</strong><span>${escapeHtml(SCOPE_TEXT[s] ?? s)}</span></li>`)
    .join("\n          ");
  return html(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Authorize ${escapeHtml(app.name)} · NinjaOne (simulator)</title>
  <style>
    body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; background: #eef2f6; color: #1f2a37; }
    .banner { background: #7c2d12; color: #fff; text-align: center; padding: 6px; font-size: 13px; }
    header { background: #0b1f33; color: #fff; padding: 14px 24px; font-weight: 600; letter-spacing: .02em; }
    header span { color: #5eead4; }
    main { max-width: 460px; margin: 40px auto; background: #fff; border-radius: 10px; box-shadow: 0 2px 12px rgba(0,0,0,.08); padding: 28px 32px; }
    h1 { font-size: 20px; margin: 0 0 6px; }
    p { margin: 6px 0; color: #4b5563; }
    ul { list-style: none; padding: 0; margin: 18px 0; }
    li { border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 12px; margin-bottom: 8px; display: flex; flex-direction: column; }
    li span { color: #4b5563; font-size: 14px; }
    .meta { font-size: 13px; color: #6b7280; }
    .actions { display: flex; gap: 12px; margin-top: 22px; }
    button { flex: 1; padding: 10px 14px; border-radius: 6px; font-size: 15px; font-weight: 600; cursor: pointer; border: 1px solid #0b1f33; }
    button.approve { background: #0b1f33; color: #fff; }
    button.deny { background: #fff; color: #0b1f33; }
  </style>
</head>
<body>
  <div class="banner">NinjaOne simulator: a local stand-in for NinjaOne, not the real service.</div>
  <header>Ninja<span>One</span></header>
  <main>
    <h1>${escapeHtml(app.name)} wants to access your NinjaOne account</h1>
    <p class="meta">Signed in as demo.technician@ninjaone-sim.test · client id <code>${escapeHtml(
      app.clientId,
    )}</code></p>
    <p>It is asking for:</p>
    <ul>
          ${items}
    </ul>
    <p class="meta">After you choose, you will be sent back to <strong>${escapeHtml(redirectOrigin)}</strong>.</p>
    <form method="post" action="${escapeHtml(ctx.mount + ctx.path)}">
        ${hidden}
      <div class="actions">
        <button class="deny" type="submit" name="decision" value="deny">Deny</button>
        <button class="approve" type="submit" name="decision" value="approve">Approve</button>
      </div>
    </form>
  </main>
</body>
</html>`);
}

// ---- token endpoint ----------------------------------------------------------------------------

function oauthError(error: string, status = 400, description?: string): Response {
  // invalid_token keeps the exact observed body ({"error":"invalid_token"}, 25 bytes).
  const body = description ? { error, error_description: description } : { error };
  return json(body, status, { "Cache-Control": "no-store", Pragma: "no-cache" });
}

async function sha256base64url(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

function basicCredentials(request: Request): { id: string; secret: string } | null {
  const header = request.headers.get("Authorization");
  if (!header?.startsWith("Basic ")) return null;
  try {
    const [id, ...rest] = atob(header.slice(6)).split(":");
    return { id: decodeURIComponent(id), secret: decodeURIComponent(rest.join(":")) };
  } catch {
    return null;
  }
}

export async function handleToken(ctx: SimContext): Promise<Response> {
  if (ctx.request.method !== "POST") return oauthError("invalid_request", 405, "POST the token request");
  const fault = ctx.store.takeNextFault("token");
  if (fault) {
    if (fault.status === 429) {
      return tooManyRequests(fault.retryAfterSeconds ?? 1, fault.retryAfterFormat ?? "seconds", ctx.now);
    }
    return failure(fault.status, `HTTP ${fault.status}`, ctx.now);
  }
  const type = ctx.request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return oauthError("invalid_request", 400, "Send the parameters as application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(await ctx.request.text());
  const basic = basicCredentials(ctx.request);
  const clientId = form.get("client_id") ?? basic?.id ?? null;
  const clientSecret = form.get("client_secret") ?? basic?.secret ?? null;
  const grant = form.get("grant_type");
  if (!grant) return oauthError("invalid_request", 400, "grant_type is required");
  if (!GRANT_SET.has(grant)) return oauthError("unsupported_grant_type");

  const app = resolveApp(ctx, clientId, clientSecret);
  if (!app) return json({ resultCode: "Client app not exist" }, 400);
  if (!new Set<string>(app.grants).has(grant))
    return oauthError("unauthorized_client", 400, `${grant} is not enabled for this app`);
  const permissive = ctx.store.settings().permissiveOAuth;
  const secretOk = !app.clientSecret || permissive || clientSecret === app.clientSecret;
  if (!secretOk) return oauthError("invalid_client", 401, "Client authentication failed");

  if (grant === "authorization_code") return authorizationCodeGrant(ctx, app, form, clientSecret);
  if (grant === "refresh_token") return refreshTokenGrant(ctx, app, form);
  return clientCredentialsGrant(ctx, app, form);
}

async function authorizationCodeGrant(ctx: SimContext, app: App, form: URLSearchParams, secret: string | null) {
  const code = form.get("code");
  if (!code) return oauthError("invalid_request", 400, "code is required");
  const row = ctx.store.consumeCode(code);
  if (!row || row.client_id !== app.clientId) return oauthError("invalid_grant", 400, "Unknown authorization code");
  if (row.used) return oauthError("invalid_grant", 400, "The authorization code was already used");
  if (row.expires_at <= ctx.now) return oauthError("invalid_grant", 400, "The authorization code has expired");
  if (form.get("redirect_uri") !== row.redirect_uri) {
    return oauthError("invalid_grant", 400, "redirect_uri does not match the authorization request");
  }
  let publicClient = false;
  if (row.challenge) {
    const verifier = form.get("code_verifier");
    if (!verifier) return oauthError("invalid_grant", 400, "code_verifier is required");
    const computed = row.challenge_method === "S256" ? await sha256base64url(verifier) : verifier;
    if (computed !== row.challenge) return oauthError("invalid_grant", 400, "code_verifier does not match");
    publicClient = !secret;
  } else if (!secret && app.clientSecret && !ctx.store.settings().permissiveOAuth) {
    return oauthError("invalid_client", 401, "client_secret is required");
  }
  return issueTokens(ctx, app, row.scope, row.scope.split(" ").includes("offline_access"), publicClient);
}

function refreshTokenGrant(ctx: SimContext, app: App, form: URLSearchParams) {
  const presented = form.get("refresh_token");
  const row = presented ? ctx.store.token(presented, "refresh") : null;
  if (!row || row.revoked || row.expires_at <= ctx.now || row.client_id !== app.clientId)
    return oauthError("invalid_token");
  const settings = ctx.store.settings();
  if (settings.rotateRefreshTokens) {
    ctx.store.revokeToken(row.token);
    return issueTokens(ctx, app, row.scope, true, row.public_client === 1);
  }
  return issueTokens(ctx, app, row.scope, false, row.public_client === 1, row.token);
}

function clientCredentialsGrant(ctx: SimContext, app: App, form: URLSearchParams) {
  const requested = (form.get("scope") ?? "monitoring management control").split(/\s+/).filter(Boolean);
  const allowed = new Set<string>(app.scopes.filter((s) => s !== "offline_access"));
  const refused = requested.filter((s) => !allowed.has(s));
  if (refused.length) return oauthError("invalid_scope", 400, `Scope not allowed: ${refused.join(" ")}`);
  return issueTokens(ctx, app, requested.join(" "), false, false);
}

function issueTokens(
  ctx: SimContext,
  app: App,
  scope: string,
  withRefreshToken: boolean,
  publicClient: boolean,
  keepRefreshToken?: string,
): Response {
  const settings = ctx.store.settings();
  const accessToken = `${randomBase64url(30)}.${randomBase64url(24)}`;
  ctx.store.insertToken(
    {
      token: accessToken,
      kind: "access",
      client_id: app.clientId,
      scope,
      expires_at: ctx.now + settings.accessTokenTtlSeconds * 1000,
      public_client: publicClient ? 1 : 0,
    },
    ctx.now,
  );
  const body: Record<string, unknown> = {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: settings.accessTokenTtlSeconds,
    scope,
  };
  if (withRefreshToken) {
    const refreshToken = `${crypto.randomUUID()}.${randomBase64url(32)}`;
    ctx.store.insertToken(
      {
        token: refreshToken,
        kind: "refresh",
        client_id: app.clientId,
        scope,
        expires_at: ctx.now + settings.refreshTokenTtlSeconds * 1000,
        public_client: publicClient ? 1 : 0,
      },
      ctx.now,
    );
    body.refresh_token = refreshToken;
  } else if (keepRefreshToken) {
    body.refresh_token = keepRefreshToken;
  }
  return json(body, 200, { "Cache-Control": "no-store", Pragma: "no-cache" });
}
