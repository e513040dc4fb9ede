// Workspace API keys. The full key exists only in the response that creates it: we keep its
// SHA-256 (what `requireApiKey` looks up) and a short prefix to recognise it in the list.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { AuditActor } from "../domain/audit";
import { auditIfChanged, auditStatement } from "./audit";
import { newId, randomToken, sha256Hex } from "../crypto";
import type { Role } from "../domain/permissions";
import type { Db } from "./client";
import { schema } from "./client";

const { apiKeys } = schema;

export const API_KEY_PATTERN = /^core_[0-9a-f]{8}_[A-Za-z0-9_-]{32,}$/;

/** `core_<8 hex>_<43 base64url chars>`: 32 random bytes of secret plus a 4-byte public prefix. */
export async function generateApiKey(): Promise<{ key: string; prefix: string; keyHash: string }> {
  const prefixHex = [...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, "0")).join("");
  const prefix = `core_${prefixHex}`;
  const key = `${prefix}_${randomToken(32)}`;
  return { key, prefix, keyHash: await sha256Hex(key) };
}

export type ApiKeyListItem = {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: number;
  createdBy: string | null;
  createdByName: string | null;
  createdByRole: Role | null;
  createdByDisabledAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  expiresAt: number | null;
};

export type ApiKeyState = "active" | "revoked" | "expired" | "creator_disabled" | "creator_missing";

/** Whether a key works now, and if not why (the same rules requireApiKey applies). */
export function apiKeyState(key: Pick<ApiKeyListItem, "revokedAt" | "expiresAt" | "createdByRole" | "createdByDisabledAt">, now: number): ApiKeyState {
  if (key.revokedAt !== null) return "revoked";
  if (key.expiresAt !== null && key.expiresAt <= now) return "expired";
  if (key.createdByRole === null) return "creator_missing";
  if (key.createdByDisabledAt !== null) return "creator_disabled";
  return "active";
}

/** Who did it and from where, for the audit event written with the change. */
export type AuditBy = { actor: AuditActor; ip: string | null };

export function listApiKeys(db: Db, workspaceId: string): Promise<ApiKeyListItem[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      role: apiKeys.role,
      createdAt: apiKeys.createdAt,
      createdBy: apiKeys.createdBy,
      createdByName: schema.users.name,
      createdByRole: schema.users.role,
      createdByDisabledAt: schema.users.disabledAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      expiresAt: apiKeys.expiresAt,
    })
    .from(apiKeys)
    .leftJoin(schema.users, and(eq(schema.users.id, apiKeys.createdBy), eq(schema.users.workspaceId, apiKeys.workspaceId)))
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Create a key (and its audit event when `audit` is given); returns the full key, which the caller shows once and never stores. */
export async function createApiKey(
  db: Db,
  workspaceId: string,
  input: { name: string; role: Role; createdBy: string; expiresAt?: number | null },
  now: number,
  audit?: AuditBy,
): Promise<{ id: string; key: string; prefix: string }> {
  const { key, prefix, keyHash } = await generateApiKey();
  const id = newId();
  const insert = db
    .insert(apiKeys)
    .values({ id, workspaceId, name: input.name, prefix, keyHash, role: input.role, createdBy: input.createdBy, expiresAt: input.expiresAt ?? null, createdAt: now });
  if (!audit) await insert;
  else {
    const expiry = input.expiresAt ? `, expires ${new Date(input.expiresAt).toISOString().slice(0, 10)}` : "";
    await db.batch([
      insert,
      auditStatement(db, {
        workspaceId,
        kind: "api_key.created",
        ...audit,
        summary: `Created API key “${input.name}” (${prefix}_…, role ${input.role}${expiry})`,
        target: { type: "api_key", id, link: "/settings/api-keys" },
        now,
      }),
    ]);
  }
  return { id, key, prefix };
}

/** Revoke a key of this workspace. `not_found` for unknown ids and other workspaces' keys. */
export async function revokeApiKey(
  db: Db,
  workspaceId: string,
  id: string,
  now: number,
  audit?: AuditBy,
): Promise<"revoked" | "already_revoked" | "not_found"> {
  const [existing] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)))
    .limit(1);
  if (!existing) return "not_found";
  if (existing.revokedAt !== null) return "already_revoked";
  const update = db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (!audit) return (await update).length > 0 ? "revoked" : "already_revoked";
  const [updated] = await db.batch([
    update,
    auditIfChanged(db, {
        workspaceId,
        kind: "api_key.revoked",
        ...audit,
        summary: `Revoked API key “${existing.name}” (${existing.prefix}_…)`,
        target: { type: "api_key", id, link: "/settings/api-keys" },
      now,
    }),
  ]);
  return updated.length > 0 ? "revoked" : "already_revoked";
}
