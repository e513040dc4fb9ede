// Route-facing helpers for the NinjaOne settings screens: what the pages show, and the words
// they use when a connect attempt comes back.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@workers/db/client";
import { REGIONS, ninjaBaseUrl } from "@workers/ninjaone/regions";
import { createNinjaFetch } from "@workers/simulator";
import { DEMO_APP } from "@workers/simulator/state";
import { loadIntegration } from "@workers/sync/connection";
import { CALLBACK_FAILURES, redirectUriFor, type CallbackFailure } from "@workers/sync/oauth-connect";
import type { DeploymentView, Flash, IntegrationView, LastSyncView } from "~/components/ninjaone/types";

export async function integrationView(context: AppLoadContext, workspaceId: string): Promise<IntegrationView> {
  const row = await loadIntegration(context.db, workspaceId);
  const [run] = await context.db
    .select()
    .from(schema.syncRuns)
    .where(eq(schema.syncRuns.workspaceId, workspaceId))
    .orderBy(desc(schema.syncRuns.createdAt))
    .limit(1);
  const lastSync: LastSyncView | null = run
    ? {
        status: run.status,
        trigger: run.trigger,
        at: run.finishedAt ?? run.startedAt ?? run.createdAt,
        devicesFound: run.devicesFound,
        assetsCreated: run.assetsCreated,
        assetsUpdated: run.assetsUpdated,
        errorCount: run.errorCount,
        failureReason: run.failureReason,
      }
    : null;
  if (!row) {
    return {
      state: "not_configured",
      statusReason: null,
      region: null,
      regionLabel: null,
      instanceUrl: null,
      clientId: null,
      secretLast4: null,
      dashboardDomain: null,
      connectedAt: null,
      lastSync,
    };
  }
  return {
    state: row.status,
    statusReason: row.status === "needs_reconnect" ? row.statusReason : null,
    region: row.region,
    regionLabel: REGIONS[row.region].label,
    instanceUrl: ninjaBaseUrl(row.region, context.config.ninjaBaseUrl),
    clientId: row.clientId,
    secretLast4: row.clientSecretLast4 || null,
    dashboardDomain: row.dashboardDomain,
    connectedAt: row.status === "connected" ? row.connectedAt : null,
    lastSync,
  };
}

/**
 * Where NinjaOne calls go, and (simulator on) the demo client plus whether the simulator already
 * accepts this app's redirect URI: asked live from its control API when `askSimulator`.
 */
export async function deploymentView(context: AppLoadContext, request: Request, askSimulator: boolean): Promise<DeploymentView> {
  const redirectUri = redirectUriFor(new URL(request.url).origin);
  const base = context.config.ninjaBaseUrl;
  if (!context.config.simulatorEnabled || !base || !askSimulator) return { baseUrlOverride: base ?? null, simulator: null, redirectUri };
  return {
    baseUrlOverride: base,
    redirectUri,
    simulator: {
      clientId: DEMO_APP.clientId,
      clientSecret: DEMO_APP.clientSecret ?? "",
      redirectRegistered: await simulatorAcceptsRedirect(context, base, redirectUri),
      // Needed only when Core and the simulator are reached on different origins.
      registerCommand: `curl -X PUT ${base}/_control/app -H 'Content-Type: application/json' -d '${JSON.stringify({
        clientId: DEMO_APP.clientId,
        clientSecret: DEMO_APP.clientSecret,
        name: DEMO_APP.name,
        redirectUris: [...new Set([...DEMO_APP.redirectUris, redirectUri])],
      })}'`,
    },
  };
}

const SimulatorStateSchema = z.object({
  settings: z.object({ permissiveOAuth: z.boolean() }),
  apps: z.array(z.object({ clientId: z.string(), redirectUris: z.array(z.string()) })),
});

async function simulatorAcceptsRedirect(context: AppLoadContext, base: string, redirectUri: string): Promise<boolean> {
  // The demo app always accepts the callback of the Core that mounts the simulator (same origin).
  if (redirectUri === redirectUriFor(new URL(base).origin)) return true;
  const fallback = DEMO_APP.redirectUris.includes(redirectUri);
  const res = await createNinjaFetch(context.env, base)(`${base}/_control/state`).catch(() => null);
  if (!res?.ok) return fallback;
  const parsed = SimulatorStateSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) return fallback;
  const { settings, apps } = parsed.data;
  return settings.permissiveOAuth || apps.some((a) => a.clientId === DEMO_APP.clientId && a.redirectUris.includes(redirectUri));
}

/** The stored integration's settings for the edit form (never the secret). */
export async function integrationFormDefaults(context: AppLoadContext, workspaceId: string) {
  const row = await loadIntegration(context.db, workspaceId);
  if (!row) return null;
  return {
    clientId: row.clientId,
    region: row.region,
    dashboardDomain: row.dashboardDomain ?? "",
    secretLast4: row.clientSecretLast4 || null,
  };
}

const flashParams = z.object({
  connected: z.literal("1").optional(),
  saved: z.enum(["created", "updated", "reset"]).optional(),
  disconnected: z.literal("1").optional(),
  oauth_error: z.enum(CALLBACK_FAILURES).optional(),
  detail: z
    .string()
    .regex(/^[A-Za-z0-9_. -]{1,60}$/)
    .optional()
    .catch(undefined),
});

/** The one-time message a redirect put in the query string (unknown values are ignored). */
export function flashFromUrl(url: URL, view: IntegrationView, deployment: DeploymentView): Flash | null {
  const parsed = flashParams.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return null;
  const p = parsed.data;
  if (p.oauth_error) {
    const unchanged =
      view.state === "connected" || view.state === "needs_reconnect" ? " Your existing connection was not changed." : "";
    return { tone: "red", text: callbackFailureMessage(p.oauth_error, p.detail, view, deployment) + unchanged };
  }
  if (p.connected) return { tone: "green", text: "NinjaOne is connected. Core can now sync your devices." };
  if (p.disconnected) {
    return { tone: "amber", text: "NinjaOne is disconnected and its tokens are deleted. Scheduled syncs are paused until you connect again." };
  }
  if (p.saved === "created") return { tone: "green", text: "Integration saved. Next, click Connect NinjaOne to authorize Core." };
  if (p.saved === "reset") {
    return { tone: "amber", text: "Settings saved. The client ID or region changed, so the old connection was removed: click Connect NinjaOne." };
  }
  if (p.saved === "updated") return { tone: "green", text: "Integration settings saved." };
  return null;
}

const START_AGAIN = "Nothing was saved. Start again with Connect NinjaOne.";

export function callbackFailureMessage(
  failure: CallbackFailure,
  detail: string | undefined,
  view: Pick<IntegrationView, "instanceUrl">,
  deployment: Pick<DeploymentView, "redirectUri" | "baseUrlOverride">,
): string {
  const where = view.instanceUrl ?? "your NinjaOne region";
  switch (failure) {
    case "access_denied":
      return "NinjaOne authorization was denied, so Core is not connected. If that was a mistake, click Connect NinjaOne again and choose Approve.";
    case "authorize_error":
      return `NinjaOne did not authorize Core${detail ? ` (it answered “${detail}”)` : ""}. Check the API client in NinjaOne: the Authorization code grant, the Monitoring scope and the redirect URI ${deployment.redirectUri}. Then try again.`;
    case "state_missing":
      return `NinjaOne sent you back without Core's security check (state). ${START_AGAIN}`;
    case "state_unknown":
      return `This authorization does not match any request Core started. ${START_AGAIN}`;
    case "state_reused":
      return `This authorization was already used once and cannot be used again. ${START_AGAIN}`;
    case "state_expired":
      return `The authorization took too long (more than 10 minutes). ${START_AGAIN}`;
    case "state_other_session":
      return `This authorization was started in another sign-in session or by another user. ${START_AGAIN}`;
    case "state_key_revoked":
      return `The API key that started this connection has been revoked since. ${START_AGAIN}`;
    case "code_missing":
      return `NinjaOne sent you back without an authorization code. ${START_AGAIN}`;
    case "not_configured":
      return "Add the NinjaOne integration (client ID and secret) before connecting.";
    case "invalid_client":
      return "NinjaOne rejected the client ID or client secret. Check them under Settings > Integrations > NinjaOne > Edit settings (paste the secret again), then click Connect NinjaOne.";
    case "invalid_grant":
      return `NinjaOne refused the authorization code: it expired or was already used. Start again with Connect NinjaOne. If this keeps happening, check that the redirect URI registered in NinjaOne is exactly ${deployment.redirectUri}.`;
    case "redirect_mismatch":
      return `The redirect URI registered in NinjaOne does not match ${deployment.redirectUri}. Copy it exactly (no trailing slash) into the API client in NinjaOne, then click Connect NinjaOne.`;
    case "unreachable":
      return `NinjaOne could not be reached at ${where}. Check the region${deployment.baseUrlOverride ? " and NINJAONE_BASE_URL" : ""} in the integration settings, then try again.`;
    case "no_refresh_token":
      return "NinjaOne did not return a refresh token, so the connection would stop after an hour. Tick the Refresh token grant type on the API client in NinjaOne, then click Connect NinjaOne.";
    case "secret_unreadable":
      return "Core cannot decrypt the stored client secret (TOKEN_ENCRYPTION_KEY has changed). Enter the client secret again under Edit settings, then click Connect NinjaOne.";
    case "exchange_failed":
      return `NinjaOne answered with an error while finishing the connection${detail ? ` (${detail})` : ""}. Try again; if it keeps failing, check the API client in NinjaOne.`;
  }
}
