// Add or edit the NinjaOne integration (client app credentials, region, dashboard domain).
// The client secret is encrypted at rest and never read back out to a page; editing keeps it
// unless a new one is typed.
import { eq } from "drizzle-orm";
import { auditStatement, type AuditBy } from "../db/audit";
import type { AppConfig } from "../config";
import { encryptSecret } from "../crypto";
import { schema, type Db } from "../db/client";
import type { NinjaRegion } from "../ninjaone/regions";
import { disconnect, loadIntegration } from "./connection";

export type IntegrationSettingsInput = {
  clientId: string;
  /** null: keep the stored secret (editing only). */
  clientSecret: string | null;
  region: NinjaRegion;
  dashboardDomain: string | null;
};

export type SaveResult =
  | { ok: true; created: boolean; connectionReset: boolean }
  | { ok: false; field: "clientSecret"; message: string };

export async function saveIntegrationSettings(
  deps: { db: Db; kv: KVNamespace; config: AppConfig; workspaceId: string; now: () => number },
  input: IntegrationSettingsInput,
  audit?: AuditBy,
): Promise<SaveResult> {
  const { db, config, workspaceId } = deps;
  const now = deps.now();
  const existing = await loadIntegration(db, workspaceId);
  const configured = (summary: string) =>
    audit
      ? [
          auditStatement(db, {
            ...audit,
            workspaceId,
            kind: "integration.configured",
            summary,
            target: { type: "integration", id: workspaceId, link: "/settings/integrations/ninjaone" },
            now,
          }),
        ]
      : [];
  const secret = input.clientSecret
    ? { clientSecretEnc: await encryptSecret(input.clientSecret, config.tokenEncryptionKey, workspaceId), clientSecretLast4: lastFour(input.clientSecret) }
    : null;

  if (!existing) {
    if (!secret) return { ok: false, field: "clientSecret", message: "Client Secret is required." };
    const insert = db.insert(schema.integrations).values({
      workspaceId,
      provider: "ninjaone",
      clientId: input.clientId,
      ...secret,
      region: input.region,
      dashboardDomain: input.dashboardDomain,
      status: "not_connected",
      createdAt: now,
      updatedAt: now,
    });
    await db.batch([insert, ...configured(`Added the NinjaOne integration (client ID ${input.clientId}, region ${input.region})`)]);
    return { ok: true, created: true, connectionReset: false };
  }

  // Tokens belong to one client app on one instance: a new client ID or region needs a new connect.
  const identityChanged = existing.clientId !== input.clientId || existing.region !== input.region;
  const hadConnection = existing.status !== "not_connected" || existing.tokenKey !== null;
  if (identityChanged && hadConnection) {
    await disconnect(deps, audit && { ...audit, summary: "Disconnected NinjaOne: the client ID or region changed, so Core's tokens were deleted" });
  }
  const update = db
    .update(schema.integrations)
    .set({
      clientId: input.clientId,
      ...(secret ?? {}),
      region: input.region,
      dashboardDomain: input.dashboardDomain,
      updatedAt: now,
    })
    .where(eq(schema.integrations.workspaceId, workspaceId));
  const what = [
    existing.clientId !== input.clientId ? `client ID ${existing.clientId} → ${input.clientId}` : null,
    existing.region !== input.region ? `region ${existing.region} → ${input.region}` : null,
    secret ? "client secret replaced" : null,
    (existing.dashboardDomain ?? null) !== input.dashboardDomain ? "dashboard domain changed" : null,
  ].filter(Boolean);
  await db.batch([update, ...configured(`Changed the NinjaOne integration settings${what.length ? `: ${what.join(", ")}` : " (no change)"}`)]);
  return { ok: true, created: false, connectionReset: identityChanged && hadConnection };
}

/** The last four characters, shown to recognise the secret; none at all for a short secret. */
function lastFour(secret: string) {
  return secret.length >= 12 ? secret.slice(-4) : "";
}
