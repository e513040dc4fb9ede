// The NinjaOne connection of a workspace: the integration row, its tokens (KV, encrypted) and a
// TokenProvider that refreshes them once per workspace however many isolates ask at once.
//
// Token layout. KV is eventually consistent across locations, so a KV entry is never rewritten:
// every new token set goes to a fresh key `ninja:tokens:<workspace>:<version>:<nonce>`, and D1
// (strongly consistent) says which key is current (`token_key`, `token_version`). A writer puts
// its KV entry first, then moves D1 to it with a compare-and-set on `token_version`; the loser
// deletes its own entry, the winner deletes the previous one. A reader that finds no entry under
// the current key re-reads D1 once, then reports a retryable error (KV has not caught up yet).
//
// Refresh. In-isolate: one promise per workspace. Across isolates: a lease in D1
// (`refresh_lock_until`/`refresh_lock_owner`, taken with a conditional UPDATE). Whoever waits for
// the lease uses the tokens the holder committed instead of spending the refresh token again.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { auditIfChanged, auditStatement, type AuditBy, type AuditInput } from "../db/audit";
import { z } from "zod";
import type { AppConfig } from "../config";
import { decryptSecret, encryptSecret, newId, randomToken } from "../crypto";
import { schema, type Db } from "../db/client";
import { notifyAdmins } from "../db/notifications";
import { createNinjaClient, type NinjaClient, type TokenProvider } from "../ninjaone/client";
import type { RetryOptions } from "../ninjaone/http";
import { NinjaError } from "../ninjaone/errors";
import { refreshAccessToken, type TokenSet } from "../ninjaone/oauth";
import { ninjaBaseUrl } from "../ninjaone/regions";
import { createNinjaFetch } from "../simulator";

export const NINJA_SETTINGS_PATH = "/settings/integrations/ninjaone";
/** Refresh this long before the access token expires (fact sheet §8.2). */
export const REFRESH_EARLY_MS = 5 * 60_000;
/** How long a token provider reuses the connection it read for the last request (see getAccessToken). */
export const TOKEN_REUSE_MS = 2_000;
// Longer than the worst refresh: REFRESH_ATTEMPTS × REFRESH_TIMEOUT_MS plus backoff.
const LEASE_MS = 60_000;
const REFRESH_ATTEMPTS = 3;
const REFRESH_TIMEOUT_MS = 15_000;
const LEASE_POLL_MS = 250;
const LEASE_MAX_POLLS = 80; // 20 s of waiting for another isolate's refresh

export type Integration = typeof schema.integrations.$inferSelect;

/** The workspace has no usable NinjaOne connection (not configured, never connected, or disconnected). */
export class NotConnectedError extends Error {
  constructor(message = "NinjaOne not connected: add the integration and click Connect NinjaOne.") {
    super(message);
    this.name = "NotConnectedError";
  }
}

// ---- token store -------------------------------------------------------------------------

const storedTokenSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  expiresAt: z.number(),
  scope: z.string().optional(),
});

// Entries are immutable per key, so a decrypted copy can be kept for the isolate's lifetime.
const tokenCache = new Map<string, TokenSet>();
const TOKEN_CACHE_LIMIT = 500;

function rememberTokens(key: string, tokens: TokenSet) {
  if (tokenCache.size >= TOKEN_CACHE_LIMIT) {
    const oldest = tokenCache.keys().next().value;
    if (oldest !== undefined) tokenCache.delete(oldest);
  }
  tokenCache.set(key, tokens);
}

export function tokenKvKey(workspaceId: string, version: number) {
  return `ninja:tokens:${workspaceId}:${version}:${randomToken(9)}`;
}

/** Sealed with another TOKEN_ENCRYPTION_KEY (or damaged): only new credentials help. */
export class UnreadableCredentialsError extends Error {
  constructor() {
    super(
      "Core cannot decrypt the stored NinjaOne credentials (TOKEN_ENCRYPTION_KEY has changed). Enter the client secret again under Edit settings, then Reconnect.",
    );
    this.name = "UnreadableCredentialsError";
  }
}

async function unseal(sealed: string, config: AppConfig, workspaceId: string): Promise<string> {
  try {
    return await decryptSecret(sealed, config.tokenEncryptionKey, workspaceId);
  } catch {
    throw new UnreadableCredentialsError();
  }
}

export function readClientSecret(row: Integration, config: AppConfig): Promise<string> {
  return unseal(row.clientSecretEnc, config, row.workspaceId);
}

async function readTokenEntry(kv: KVNamespace, config: AppConfig, workspaceId: string, key: string): Promise<TokenSet | null> {
  const cached = tokenCache.get(key);
  if (cached) return cached;
  const sealed = await kv.get(key);
  if (sealed === null) return null;
  const parsed = storedTokenSchema.safeParse(JSON.parse(await unseal(sealed, config, workspaceId)));
  if (!parsed.success) throw new UnreadableCredentialsError();
  rememberTokens(key, parsed.data);
  return parsed.data;
}

type StoreDeps = { db: Db; kv: KVNamespace; config: AppConfig; workspaceId: string; now: () => number };

/**
 * Make `tokens` the workspace's current token set if the row is still at `expectedVersion`.
 * `changes` are written in the same UPDATE (e.g. status on connect). Returns false when someone
 * else moved the version first; nothing of ours is left behind then.
 */
export async function commitTokens(
  deps: StoreDeps,
  expected: { tokenVersion: number; tokenKey: string | null },
  tokens: TokenSet,
  changes: Partial<Pick<Integration, "status" | "statusReason" | "connectedAt">> = {},
  /** An audit event written in the same batch, only if the tokens are committed (a connect). */
  audit?: Omit<AuditInput, "workspaceId" | "now">,
): Promise<boolean> {
  const { db, kv, config, workspaceId } = deps;
  const version = expected.tokenVersion + 1;
  const key = tokenKvKey(workspaceId, version);
  const sealed = await encryptSecret(JSON.stringify(tokens), config.tokenEncryptionKey, workspaceId);
  await kv.put(key, sealed);
  const now = deps.now();
  const update = db
    .update(schema.integrations)
    .set({ ...changes, tokenVersion: version, tokenKey: key, refreshLockUntil: null, refreshLockOwner: null, updatedAt: now })
    .where(and(eq(schema.integrations.workspaceId, workspaceId), eq(schema.integrations.tokenVersion, expected.tokenVersion)))
    .returning({ v: schema.integrations.tokenVersion });
  const [moved] = audit ? await db.batch([update, auditIfChanged(db, { ...audit, workspaceId, now })]) : [await update];
  if (moved.length === 0) {
    await kv.delete(key);
    return false;
  }
  rememberTokens(key, tokens);
  if (expected.tokenKey) {
    tokenCache.delete(expected.tokenKey);
    await kv.delete(expected.tokenKey);
  }
  return true;
}

/** Forget the tokens: status not_connected, version bumped so an in-flight refresh cannot commit. */
export async function disconnect(deps: StoreDeps, audit?: AuditBy & { summary?: string }): Promise<void> {
  const row = await loadIntegration(deps.db, deps.workspaceId);
  if (!row) return;
  const update = deps.db
    .update(schema.integrations)
    .set({
      status: "not_connected",
      statusReason: null,
      connectedAt: null,
      tokenVersion: row.tokenVersion + 1,
      tokenKey: null,
      refreshLockUntil: null,
      refreshLockOwner: null,
      updatedAt: deps.now(),
    })
    .where(eq(schema.integrations.workspaceId, deps.workspaceId));
  if (!audit) await update;
  else {
    const event = auditStatement(deps.db, {
      actor: audit.actor,
      ip: audit.ip,
      workspaceId: deps.workspaceId,
      kind: "integration.disconnected",
      summary: audit.summary ?? "Disconnected NinjaOne: Core's tokens were deleted",
      target: { type: "integration", id: deps.workspaceId, link: "/settings/integrations/ninjaone" },
      now: deps.now(),
    });
    await deps.db.batch([update, event]);
  }
  if (row.tokenKey) {
    tokenCache.delete(row.tokenKey);
    await deps.kv.delete(row.tokenKey);
  }
}

// ---- the connection ----------------------------------------------------------------------

export async function loadIntegration(db: Db, workspaceId: string): Promise<Integration | null> {
  const rows = await db.select().from(schema.integrations).where(eq(schema.integrations.workspaceId, workspaceId)).limit(1);
  return rows[0] ?? null;
}

export type Connection = {
  integration: Integration;
  /** Origin (and path prefix) of the workspace's NinjaOne: the region's host, or NINJAONE_BASE_URL. */
  baseUrl: string;
  clientSecret: () => Promise<string>;
  /** The current token set, or null when there is none (or KV has not caught up). */
  readTokens: () => Promise<TokenSet | null>;
};

export async function getConnection(db: Db, kv: KVNamespace, config: AppConfig, workspaceId: string): Promise<Connection | null> {
  const integration = await loadIntegration(db, workspaceId);
  if (!integration) return null;
  return {
    integration,
    baseUrl: ninjaBaseUrl(integration.region, config.ninjaBaseUrl),
    clientSecret: () => readClientSecret(integration, config),
    readTokens: async () =>
      integration.tokenKey ? readTokenEntry(kv, config, workspaceId, integration.tokenKey) : null,
  };
}

function assertUsable(row: Integration | null): asserts row is Integration & { tokenKey: string } {
  if (!row || row.status === "not_connected" || !row.tokenKey) throw new NotConnectedError();
  if (row.status === "needs_reconnect") {
    throw new NinjaError("reconnect_required", row.statusReason ?? "NinjaOne needs to be reconnected.");
  }
}

// ---- the token provider ------------------------------------------------------------------

const inflightRefresh = new Map<string, Promise<string>>();

export type TokenProviderDeps = StoreDeps & {
  fetch: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** The in-isolate single-flight registry; tests pass their own to play a second isolate. */
  inflight?: Map<string, Promise<string>>;
};

export function createTokenProvider(deps: TokenProviderDeps): TokenProvider {
  const { db, kv, config, workspaceId, now } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const inflight = deps.inflight ?? inflightRefresh;

  async function current(): Promise<{ row: Integration; tokens: TokenSet }> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const row = await loadIntegration(db, workspaceId);
      assertUsable(row);
      const tokens = await readTokenEntry(kv, config, workspaceId, row.tokenKey).catch(async (error: unknown) => {
        if (!(error instanceof UnreadableCredentialsError)) throw error;
        await markNeedsReconnect(deps, row, error.message);
        throw new NinjaError("reconnect_required", error.message);
      });
      if (tokens) return { row, tokens };
      // The entry was replaced between our two reads; the second pass reads the new key.
    }
    throw new NinjaError("retryable", "NinjaOne tokens are not visible here yet (KV replication); try again in a minute.");
  }

  function refreshOnce(staleVersion: number): Promise<string> {
    let pending = inflight.get(workspaceId);
    if (!pending) {
      pending = refreshWithLease(staleVersion).finally(() => inflight.delete(workspaceId));
      inflight.set(workspaceId, pending);
    }
    return pending;
  }

  async function refreshWithLease(staleVersion: number): Promise<string> {
    const owner = newId();
    for (let poll = 0; ; poll++) {
      const { row, tokens } = await current();
      // Someone else refreshed (or reconnected) since we decided to: use their tokens.
      if (row.tokenVersion !== staleVersion) return tokens.accessToken;
      const at = now();
      const leased = await db
        .update(schema.integrations)
        .set({ refreshLockUntil: at + LEASE_MS, refreshLockOwner: owner })
        .where(
          and(
            eq(schema.integrations.workspaceId, workspaceId),
            eq(schema.integrations.tokenVersion, staleVersion),
            or(isNull(schema.integrations.refreshLockUntil), lt(schema.integrations.refreshLockUntil, at)),
          ),
        )
        .returning({ v: schema.integrations.tokenVersion });
      if (leased.length > 0) return refreshHoldingLease(row, tokens, owner);
      if (poll >= LEASE_MAX_POLLS) {
        throw new NinjaError("retryable", "Another refresh of the NinjaOne token is taking too long; try again shortly.");
      }
      await sleep(LEASE_POLL_MS);
    }
  }

  async function refreshHoldingLease(row: Integration, tokens: TokenSet, owner: string): Promise<string> {
    try {
      if (!tokens.refreshToken) {
        throw new NinjaError("reconnect_required", "NinjaOne gave Core no refresh token, so the connection cannot be renewed.");
      }
      const next = await refreshAccessToken({
        baseUrl: ninjaBaseUrl(row.region, config.ninjaBaseUrl),
        clientId: row.clientId,
        clientSecret: await readClientSecret(row, config),
        refreshToken: tokens.refreshToken,
        fetch: deps.fetch,
        now,
        maxAttempts: REFRESH_ATTEMPTS,
        timeoutMs: REFRESH_TIMEOUT_MS,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
      });
      // Keep the old refresh token unless NinjaOne rotated it.
      const merged: TokenSet = { ...next, refreshToken: next.refreshToken ?? tokens.refreshToken };
      if (await commitTokens(deps, row, merged)) return merged.accessToken;
      // A reconnect or disconnect won the race; whatever is current now is the answer.
      return (await current()).tokens.accessToken;
    } catch (caught) {
      const error = caught instanceof UnreadableCredentialsError ? new NinjaError("reconnect_required", caught.message) : caught;
      if (error instanceof NinjaError && error.kind === "reconnect_required") {
        const reason =
          caught instanceof UnreadableCredentialsError
            ? caught.message
            : error.code
              ? `NinjaOne stopped accepting Core's refresh token on ${utcMinute(now())} UTC (${error.code}): the access was revoked or has expired. Reconnect to resume syncing.`
              : `${error.message} Reconnect to resume syncing.`;
        if (await markNeedsReconnect(deps, row, reason)) throw error;
        // The version moved while we refreshed: our refresh token was simply already spent.
        return (await current()).tokens.accessToken;
      }
      await db
        .update(schema.integrations)
        .set({ refreshLockUntil: null, refreshLockOwner: null })
        .where(and(eq(schema.integrations.workspaceId, workspaceId), eq(schema.integrations.refreshLockOwner, owner)));
      throw error;
    }
  }

  // The connection as last read for a request, reused for TOKEN_REUSE_MS: a sync asks for the
  // token before every page, and the read (a D1 query) would sit between one page's answer and the
  // next page's request. A disconnect is seen within that time; a 401 always reads afresh.
  let recent: { at: number; row: Integration; tokens: TokenSet } | undefined;
  return {
    async getAccessToken() {
      const at = now();
      if (!recent || at - recent.at >= TOKEN_REUSE_MS || at < recent.at) recent = { at, ...(await current()) };
      const { row, tokens } = recent;
      if (tokens.expiresAt - now() > REFRESH_EARLY_MS) return tokens.accessToken;
      recent = undefined;
      return refreshOnce(row.tokenVersion);
    },
    async refreshAfterUnauthorized(rejectedToken: string) {
      recent = undefined;
      const { row, tokens } = await current();
      if (tokens.accessToken !== rejectedToken) return tokens.accessToken;
      return refreshOnce(row.tokenVersion);
    },
  };
}

/**
 * Flag the connection as needing a reconnect (only if `row`'s tokens are still current) and tell
 * owners and admins once per connection. Returns false when the tokens had already moved on.
 */
export async function markNeedsReconnect(deps: StoreDeps, row: Integration, reason: string): Promise<boolean> {
  const at = deps.now();
  const flagged = await deps.db
    .update(schema.integrations)
    .set({ status: "needs_reconnect", statusReason: reason, refreshLockUntil: null, refreshLockOwner: null, updatedAt: at })
    .where(and(eq(schema.integrations.workspaceId, deps.workspaceId), eq(schema.integrations.tokenVersion, row.tokenVersion)))
    .returning({ v: schema.integrations.tokenVersion });
  if (flagged.length === 0) return false;
  await notifyAdmins(
    deps.db,
    deps.workspaceId,
    {
      type: "ninjaone.reconnect",
      title: "NinjaOne needs to be reconnected",
      body: "NinjaOne no longer accepts Core's access. Syncs are paused until an owner or admin reconnects.",
      link: NINJA_SETTINGS_PATH,
      dedupKey: `ninjaone.reconnect:${row.connectedAt ?? 0}`,
    },
    at,
  );
  return true;
}

function utcMinute(ms: number) {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

// ---- the client --------------------------------------------------------------------------

export type { NinjaClient };

export type NinjaClientDeps = {
  db: Db;
  kv: KVNamespace;
  config: AppConfig;
  env: Env;
  workspaceId: string;
  now: () => number;
  /** The client's retry policy (default: the client's own); interactive calls give up sooner. */
  retry?: Pick<RetryOptions, "maxAttempts" | "timeoutMs" | "sleep">;
};

/** A NinjaOne client for the workspace, or NotConnectedError / NinjaError("reconnect_required"). */
export async function ninjaClientFor(deps: NinjaClientDeps): Promise<NinjaClient> {
  const row = await loadIntegration(deps.db, deps.workspaceId);
  assertUsable(row);
  const fetch = createNinjaFetch(deps.env, deps.config.ninjaBaseUrl);
  return createNinjaClient({
    ...deps.retry,
    baseUrl: ninjaBaseUrl(row.region, deps.config.ninjaBaseUrl),
    tokens: createTokenProvider({ ...deps, fetch, sleep: deps.retry?.sleep }),
    fetch,
    now: deps.now,
  });
}

// ---- Test connection ---------------------------------------------------------------------

export type ConnectionTest =
  | { ok: true; message: string }
  | { ok: false; problem: "not_connected" | "reconnect" | "unreachable" | "rate_limited" | "refused" | "failed"; message: string };

/** One cheap call (organizations, page size 1) and the exact problem when it fails. */
export async function testConnection(deps: NinjaClientDeps): Promise<ConnectionTest> {
  const row = await loadIntegration(deps.db, deps.workspaceId);
  const where = row ? ninjaBaseUrl(row.region, deps.config.ninjaBaseUrl) : "";
  try {
    // Someone is waiting on the button: two attempts, ten seconds each.
    const client = await ninjaClientFor({ ...deps, retry: { maxAttempts: 2, timeoutMs: 10_000, ...deps.retry } });
    await client.testConnection();
    return { ok: true, message: `Connection works: NinjaOne at ${where} answered.` };
  } catch (error) {
    return describeConnectionProblem(error, where);
  }
}

/** A failed NinjaOne call in the words of the Test connection result. */
export function describeConnectionProblem(error: unknown, where: string): ConnectionTest {
  if (error instanceof NotConnectedError) return { ok: false, problem: "not_connected", message: error.message };
  if (!(error instanceof NinjaError)) throw error;
  switch (error.kind) {
    case "reconnect_required":
      return { ok: false, problem: "reconnect", message: "Token revoked or expired: click Reconnect to authorize Core again." };
    case "unreachable":
      return {
        ok: false,
        problem: "unreachable",
        message: `Region or domain unreachable: Core could not reach NinjaOne at ${where}. Check the region in the integration settings (and NINJAONE_BASE_URL if set).`,
      };
    case "rate_limited":
      return { ok: false, problem: "rate_limited", message: "NinjaOne is rate limiting Core right now; try again in a minute." };
    case "unauthorized":
    case "invalid_client":
      return {
        ok: false,
        problem: "refused",
        message: "NinjaOne refused the request: check that the API client has the Monitoring scope and the client secret is current, then Reconnect.",
      };
    default:
      return { ok: false, problem: "failed", message: `NinjaOne answered with an error: ${error.message}` };
  }
}
