// Helpers for the customers/contacts/tickets tests: API keys, API calls, and rows inserted
// directly (assets belong to another module; the tests only need rows to exist).
import { naturalSortKey } from "@workers/domain/natural-sort";
import { newId } from "@workers/crypto";
import { createApiKey } from "@workers/db/api-keys";
import { schema } from "@workers/db/client";
import type { Role } from "@workers/domain/permissions";
import { and, eq, isNull } from "drizzle-orm";
import { addUser, appFetch, db } from "./helpers";

/**
 * An API key of the given role in the workspace (made by the Settings service); returns the secret.
 * A key acts with at most its creator's current role, so it is created by an active Owner of the
 * workspace (one is added when there is none).
 */
export async function makeApiKey(workspaceId: string, role: Role) {
  const [owner] = await db()
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(and(eq(schema.users.workspaceId, workspaceId), eq(schema.users.role, "owner"), isNull(schema.users.disabledAt)))
    .limit(1);
  const createdBy = owner?.id ?? (await addUser(workspaceId, "owner")).userId;
  const { key } = await createApiKey(db(), workspaceId, { name: `${role} key`, role, createdBy }, Date.now());
  return key;
}

/** Call /api/v1 with a key; a `json` value is sent as the JSON body. */
export function api(path: string, key: string | null, init: { method?: string; json?: unknown; body?: string } = {}) {
  const headers = new Headers();
  if (key) headers.set("Authorization", `Bearer ${key}`);
  let body = init.body;
  if (init.json !== undefined) body = JSON.stringify(init.json);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  return appFetch(`/api/v1${path}`, { method: init.method ?? "GET", headers, body });
}

export async function insertCustomer(workspaceId: string, name: string, extra: Partial<typeof schema.customers.$inferInsert> = {}) {
  const now = Date.now();
  const id = newId();
  await db().insert(schema.customers).values({ id, workspaceId, name, createdAt: now, updatedAt: now, ...extra });
  return id;
}

export async function insertContact(workspaceId: string, name: string, customerId: string | null, extra: Partial<typeof schema.contacts.$inferInsert> = {}) {
  const now = Date.now();
  const id = newId();
  await db().insert(schema.contacts).values({ id, workspaceId, name, customerId, createdAt: now, updatedAt: now, ...extra });
  return id;
}

export async function insertAsset(workspaceId: string, name: string, extra: Partial<typeof schema.assets.$inferInsert> = {}) {
  const now = Date.now();
  const id = newId();
  await db()
    .insert(schema.assets)
    .values({ id, workspaceId, name, nameSort: naturalSortKey(name), status: "in_use", category: "Workstation", source: "manual", createdAt: now, updatedAt: now, ...extra });
  return id;
}

/** The id at the end of a redirect to /<kind>/<id>. */
export function redirectedId(res: Response, kind: "customers" | "contacts" | "tickets") {
  const location = res.headers.get("Location") ?? "";
  const match = new RegExp(`^/${kind}/([0-9a-f-]{36})$`).exec(location);
  if (!match) throw new Error(`expected a redirect to /${kind}/<id>, got ${res.status} ${location}`);
  return match[1];
}
