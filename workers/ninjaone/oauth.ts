// NinjaOne OAuth 2.0 (fact sheet §2): browser authorize URL and the three token grants,
// all form-encoded POSTs to /ws/oauth/token with the client credentials in the body.
import { NinjaError } from "./errors";
import { errorCode, formatZodError, parseJson, retryPolicy, sendWithRetries, type RetryOptions } from "./http";
import { TokenResponseSchema } from "./schemas";

/** Read-only monitoring data plus a refresh token. */
export const NINJA_SCOPE = "monitoring offline_access";

/** NinjaOne's documented lifetime; used when a token response omits expires_in. */
const DEFAULT_EXPIRES_IN_S = 3600;

export type TokenSet = {
  accessToken: string;
  /** Present when NinjaOne sent one: persist it, it may have been rotated (the old one is dead). */
  refreshToken?: string;
  /** Epoch ms. */
  expiresAt: number;
  scope?: string;
};

export function buildAuthorizeUrl(input: {
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  scope?: string;
}): string {
  const url = new URL(`${input.baseUrl}/ws/oauth/authorize`);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("scope", input.scope ?? NINJA_SCOPE);
  url.searchParams.set("state", input.state);
  return url.toString();
}

type TokenCallBase = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: RetryOptions["fetch"];
  now: () => number;
} & Omit<RetryOptions, "fetch" | "now">;

type Grant = "authorization_code" | "refresh_token" | "client_credentials";

async function tokenRequest(call: TokenCallBase, grant: Grant, params: Record<string, string>): Promise<TokenSet> {
  const body = new URLSearchParams({
    grant_type: grant,
    client_id: call.clientId,
    client_secret: call.clientSecret,
    ...params,
  });
  // A code is single-use: retrying its exchange after a lost answer can only end in invalid_grant,
  // which would hide the real failure. Refresh and client credentials are safe to retry.
  const policy = retryPolicy({ ...call, maxAttempts: grant === "authorization_code" ? 1 : call.maxAttempts });
  const response = await sendWithRetries(
    policy,
    () =>
      new Request(`${call.baseUrl}/ws/oauth/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: body.toString(),
      }),
  );

  if (response.status >= 200 && response.status < 300) {
    const parsed = TokenResponseSchema.safeParse(parseJson(response));
    if (!parsed.success) {
      throw new NinjaError("permanent", `NinjaOne token response is malformed: ${formatZodError(parsed.error)}`, {
        status: response.status,
      });
    }
    const token = parsed.data;
    return {
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
      expiresAt: call.now() + (token.expires_in ?? DEFAULT_EXPIRES_IN_S) * 1000,
      scope: token.scope,
    };
  }
  throw classifyTokenError(grant, response.status, response.text);
}

/** Token endpoint failures (fact sheet §2.7, §2.8), classified once. */
export function classifyTokenError(grant: Grant, status: number, text: string): NinjaError {
  const { code, message } = errorCode(text);
  const detail = `${code ?? `HTTP ${status}`}${message ? ` (${message})` : ""}`;
  const details = { status, code };
  if (code === "invalid_token" || code === "invalid_grant") {
    if (grant === "refresh_token") {
      return new NinjaError(
        "reconnect_required",
        `NinjaOne no longer accepts the refresh token (${detail}): reconnect NinjaOne`,
        details,
      );
    }
    return new NinjaError("invalid_grant", `NinjaOne rejected the grant: ${detail}`, details);
  }
  if (code === "invalid_client" || code === "unauthorized_client" || code === "Client app not exist") {
    return new NinjaError("invalid_client", `NinjaOne rejected the client app: ${detail}`, details);
  }
  if (code === "access_denied") return new NinjaError("access_denied", `NinjaOne denied access: ${detail}`, details);
  if (status === 401) return new NinjaError("unauthorized", `NinjaOne refused the token request: ${detail}`, details);
  return new NinjaError("permanent", `NinjaOne token request failed: ${detail}`, details);
}

export function exchangeCode(call: TokenCallBase & { code: string; redirectUri: string }): Promise<TokenSet> {
  return tokenRequest(call, "authorization_code", { code: call.code, redirect_uri: call.redirectUri });
}

export function refreshAccessToken(call: TokenCallBase & { refreshToken: string }): Promise<TokenSet> {
  return tokenRequest(call, "refresh_token", { refresh_token: call.refreshToken });
}

export function clientCredentialsToken(call: TokenCallBase & { scope?: string }): Promise<TokenSet> {
  return tokenRequest(call, "client_credentials", { scope: call.scope ?? "monitoring" });
}

/** What NinjaOne appends to the redirect URI (`code` + `state`, or `error` + `state`). */
export function readAuthorizeCallback(
  url: URL,
): { ok: true; code: string; state: string } | { ok: false; error: NinjaError; state: string | null } {
  const state = url.searchParams.get("state");
  const error = url.searchParams.get("error");
  const code = url.searchParams.get("code");
  if (error) {
    const description = url.searchParams.get("error_description");
    const kind = error === "access_denied" ? "access_denied" : "permanent";
    const text = error === "access_denied" ? "The NinjaOne user denied access" : `NinjaOne answered ${error}`;
    return {
      ok: false,
      state,
      error: new NinjaError(kind, description ? `${text}: ${description}` : text, { code: error }),
    };
  }
  if (!code || !state) {
    return {
      ok: false,
      state,
      error: new NinjaError("permanent", "NinjaOne's answer has no authorization code or state"),
    };
  }
  return { ok: true, code, state };
}
