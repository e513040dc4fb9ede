// Workspace API keys. The full key exists only in the response that creates it: we keep its
// SHA-256 (what `requireApiKey` looks up) and a short prefix to recognise it in the list.
import { and, desc, eq, isNull } from "drizzle-orm";
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
  createdByName: string | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
};

export function listApiKeys(db: Db, workspaceId: string): Promise<ApiKeyListItem[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      role: apiKeys.role,
      createdAt: apiKeys.createdAt,
      createdByName: schema.users.name,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(schema.users, and(eq(schema.users.id, apiKeys.createdBy), eq(schema.users.workspaceId, apiKeys.workspaceId)))
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Create a key; returns the full key, which the caller shows once and never stores. */
export async function createApiKey(
  db: Db,
  workspaceId: string,
  input: { name: string; role: Role; createdBy: string },
  now: number,
): Promise<{ id: string; key: string; prefix: string }> {
  const { key, prefix, keyHash } = await generateApiKey();
  const id = newId();
  await db.insert(apiKeys).values({ id, workspaceId, name: input.name, prefix, keyHash, role: input.role, createdBy: input.createdBy, createdAt: now });
  return { id, key, prefix };
}

/** Revoke a key of this workspace. `not_found` for unknown ids and other workspaces' keys. */
export async function revokeApiKey(db: Db, workspaceId: string, id: string, now: number): Promise<"revoked" | "already_revoked" | "not_found"> {
  const updated = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (updated.length > 0) return "revoked";
  const existing = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)))
    .limit(1);
  return existing.length > 0 ? "already_revoked" : "not_found";
}
