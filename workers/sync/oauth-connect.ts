// Connect NinjaOne: the authorization-code flow from "Connect" to the callback.
// The `state` is random, kept only as its SHA-256, single-use, valid 10 minutes, and bound to the
// session, user and workspace that started it. A connect started over the API is bound to the API
// key and the user who created it instead (README Decisions, 2026-12-07). A failed callback
// stores nothing and leaves an existing connection exactly as it was.
import { and, eq, isNull, lt } from "drizzle-orm";
import type { AuditBy } from "../db/audit";
import type { AppConfig } from "../config";
import { randomToken, sha256Hex } from "../crypto";
import { schema, type Db } from "../db/client";
import { NinjaError } from "../ninjaone/errors";
import { buildAuthorizeUrl, exchangeCode, NINJA_SCOPE } from "../ninjaone/oauth";
import { ninjaBaseUrl } from "../ninjaone/regions";
import { commitTokens, loadIntegration, readClientSecret, UnreadableCredentialsError } from "./connection";

export const CALLBACK_PATH = "/api/integrations/ninja/callback";
export const STATE_TTL_MS = 10 * 60_000;

export function redirectUriFor(origin: string) {
  return `${origin}${CALLBACK_PATH}`;
}

export type OAuthSession = { sessionId: string; userId: string; workspaceId: string };
/** Who may finish a connect: one sign-in session, or (started over the API) any session of the key's creator. */
export type OAuthBinding = OAuthSession | { apiKeyId: string; userId: string; workspaceId: string };

export async function beginConnect(deps: {
  db: Db;
  config: AppConfig;
  session: OAuthBinding;
  origin: string;
  now: number;
}): Promise<{ ok: true; url: string; expiresAt: number } | { ok: false; reason: "not_configured" }> {
  const { db, session, now } = deps;
  const integration = await loadIntegration(db, session.workspaceId);
  if (!integration) return { ok: false, reason: "not_configured" };
  const state = randomToken(32);
  // Housekeeping: this workspace's expired states are of no use to anyone.
  await db
    .delete(schema.oauthStates)
    .where(and(eq(schema.oauthStates.workspaceId, session.workspaceId), lt(schema.oauthStates.expiresAt, now)));
  await db.insert(schema.oauthStates).values({
    stateHash: await sha256Hex(state),
    workspaceId: session.workspaceId,
    userId: session.userId,
    sessionId: "sessionId" in session ? session.sessionId : null,
    apiKeyId: "apiKeyId" in session ? session.apiKeyId : null,
    expiresAt: now + STATE_TTL_MS,
    createdAt: now,
  });
  const url = buildAuthorizeUrl({
    baseUrl: ninjaBaseUrl(integration.region, deps.config.ninjaBaseUrl),
    clientId: integration.clientId,
    redirectUri: redirectUriFor(deps.origin),
    state,
    scope: NINJA_SCOPE,
  });
  return { ok: true, url, expiresAt: now + STATE_TTL_MS };
}

export const CALLBACK_FAILURES = [
  "access_denied",
  "authorize_error",
  "state_missing",
  "state_unknown",
  "state_reused",
  "state_expired",
  "state_other_session",
  "state_key_revoked",
  "code_missing",
  "not_configured",
  "invalid_client",
  "invalid_grant",
  "redirect_mismatch",
  "unreachable",
  "no_refresh_token",
  "secret_unreadable",
  "exchange_failed",
] as const;
export type CallbackFailure = (typeof CALLBACK_FAILURES)[number];

export type CallbackResult = { ok: true } | { ok: false; failure: CallbackFailure; detail?: string };

type StateCheck = { ok: true } | { ok: false; failure: CallbackFailure };

/** Check and spend the state. Only a state of this very session is ever spent. */
async function consumeState(db: Db, session: OAuthSession, state: string | null, now: number): Promise<StateCheck> {
  if (!state) return { ok: false, failure: "state_missing" };
  if (state.length > 200) return { ok: false, failure: "state_unknown" };
  const stateHash = await sha256Hex(state);
  const [row] = await db.select().from(schema.oauthStates).where(eq(schema.oauthStates.stateHash, stateHash)).limit(1);
  if (!row) return { ok: false, failure: "state_unknown" };
  if (row.workspaceId !== session.workspaceId || row.userId !== session.userId) return { ok: false, failure: "state_other_session" };
  if (row.apiKeyId === null) {
    if (row.sessionId !== session.sessionId) return { ok: false, failure: "state_other_session" };
  } else {
    // Started over the API: the key that asked must still be valid when the browser comes back.
    const [key] = await db
      .select({ revokedAt: schema.apiKeys.revokedAt })
      .from(schema.apiKeys)
      .where(and(eq(schema.apiKeys.id, row.apiKeyId), eq(schema.apiKeys.workspaceId, row.workspaceId)))
      .limit(1);
    if (!key || key.revokedAt !== null) return { ok: false, failure: "state_key_revoked" };
  }
  if (row.usedAt !== null) return { ok: false, failure: "state_reused" };
  if (row.expiresAt <= now) return { ok: false, failure: "state_expired" };
  // The conditional update is what makes it single-use when two callbacks race.
  const spent = await db
    .update(schema.oauthStates)
    .set({ usedAt: now })
    .where(and(eq(schema.oauthStates.stateHash, stateHash), isNull(schema.oauthStates.usedAt)))
    .returning({ h: schema.oauthStates.stateHash });
  return spent.length === 1 ? { ok: true } : { ok: false, failure: "state_reused" };
}

/** What went wrong in a code exchange, in the words the callback page uses. */
export function classifyExchangeError(error: unknown): { failure: CallbackFailure; detail?: string } {
  if (!(error instanceof NinjaError)) throw error;
  const said = `${error.code ?? ""} ${error.message}`;
  if (/redirect/i.test(said)) return { failure: "redirect_mismatch", detail: error.code };
  switch (error.kind) {
    case "invalid_client":
    case "unauthorized":
      return { failure: "invalid_client", detail: error.code };
    case "invalid_grant":
    case "reconnect_required":
      return { failure: "invalid_grant", detail: error.code };
    case "unreachable":
      return { failure: "unreachable" };
    default:
      return { failure: "exchange_failed", detail: error.code ?? (error.status ? `HTTP ${error.status}` : undefined) };
  }
}

export async function completeConnect(deps: {
  db: Db;
  kv: KVNamespace;
  config: AppConfig;
  fetch: typeof fetch;
  session: OAuthSession;
  params: URLSearchParams;
  origin: string;
  now: () => number;
  /** Who connects, from where: recorded as integration.connected (or .reconnected) with the tokens. */
  audit?: AuditBy;
}): Promise<CallbackResult> {
  const { db, session, params } = deps;
  const state = await consumeState(db, session, params.get("state"), deps.now());
  const error = params.get("error");
  if (error) {
    // NinjaOne's own answer is the most useful thing to show, whatever the state says.
    if (error === "access_denied") return { ok: false, failure: "access_denied" };
    return { ok: false, failure: "authorize_error", detail: safeDetail(error) };
  }
  if (!state.ok) return state;
  const code = params.get("code");
  if (!code) return { ok: false, failure: "code_missing" };

  const integration = await loadIntegration(db, session.workspaceId);
  if (!integration) return { ok: false, failure: "not_configured" };
  let clientSecret;
  try {
    clientSecret = await readClientSecret(integration, deps.config);
  } catch (e) {
    if (e instanceof UnreadableCredentialsError) return { ok: false, failure: "secret_unreadable" };
    throw e;
  }
  let tokens;
  try {
    tokens = await exchangeCode({
      baseUrl: ninjaBaseUrl(integration.region, deps.config.ninjaBaseUrl),
      clientId: integration.clientId,
      clientSecret,
      code,
      redirectUri: redirectUriFor(deps.origin),
      fetch: deps.fetch,
      now: deps.now,
    });
  } catch (e) {
    const { failure, detail } = classifyExchangeError(e);
    return { ok: false, failure, detail: detail ? safeDetail(detail) : undefined };
  }
  if (!tokens.refreshToken) return { ok: false, failure: "no_refresh_token" };

  const store = { db, kv: deps.kv, config: deps.config, workspaceId: session.workspaceId, now: deps.now };
  // A refresh may commit between our read and our write; re-read and try again (connect wins).
  let row = integration;
  const reconnect = integration.status !== "not_connected" || integration.tokenKey !== null || integration.connectedAt !== null;
  const event = deps.audit
    ? {
        ...deps.audit,
        kind: reconnect ? ("integration.reconnected" as const) : ("integration.connected" as const),
        summary: `${reconnect ? "Reconnected" : "Connected"} NinjaOne (client ID ${integration.clientId}, region ${integration.region})`,
        target: { type: "integration", id: session.workspaceId, link: "/settings/integrations/ninjaone" },
      }
    : undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const at = deps.now();
    if (await commitTokens(store, row, tokens, { status: "connected", statusReason: null, connectedAt: at }, event)) return { ok: true };
    const fresh = await loadIntegration(db, session.workspaceId);
    if (!fresh) return { ok: false, failure: "not_configured" };
    row = fresh;
  }
  throw new Error("Could not store the NinjaOne tokens: the integration kept changing underneath.");
}

/** Error codes go back into a URL and onto the page: keep them short and plain. */
function safeDetail(value: string): string | undefined {
  return /^[A-Za-z0-9_. -]{1,60}$/.test(value) ? value : undefined;
}
