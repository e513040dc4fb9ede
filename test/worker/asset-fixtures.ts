// Fixtures for the asset tests: rows written straight to D1 (the sync writes NinjaOne assets the
// same way), plus workspace API keys.
import { SELF } from "cloudflare:test";
import { newId } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { naturalSortKey } from "@workers/domain/natural-sort";
import type { Role } from "@workers/domain/permissions";
import { makeApiKey } from "./records-helpers";
import { db, ORIGIN } from "./helpers";

export type AssetRow = typeof schema.assets.$inferInsert;

export async function addCustomer(workspaceId: string, name: string) {
  const now = Date.now();
  const id = newId();
  await db().insert(schema.customers).values({ id, workspaceId, name, createdAt: now, updatedAt: now });
  return id;
}

export async function addContact(workspaceId: string, customerId: string | null, name: string) {
  const now = Date.now();
  const id = newId();
  await db().insert(schema.contacts).values({ id, workspaceId, customerId, name, email: `${id.slice(0, 8)}@example.test`, createdAt: now, updatedAt: now });
  return id;
}

export function assetRow(workspaceId: string, overrides: Partial<AssetRow> = {}): AssetRow {
  const now = Date.now();
  const name = overrides.name ?? "PC";
  return {
    id: newId(),
    workspaceId,
    name,
    nameSort: naturalSortKey(name), // as every write path stores it
    status: "in_use",
    category: "Workstation",
    source: "manual",
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** Insert rows in chunks (D1 allows 100 bound parameters per statement). */
export async function addAssets(rows: AssetRow[]) {
  const perStatement = 2;
  const statements = [];
  for (let i = 0; i < rows.length; i += perStatement) statements.push(db().insert(schema.assets).values(rows.slice(i, i + perStatement)));
  for (let i = 0; i < statements.length; i += 50) {
    const [first, ...rest] = statements.slice(i, i + 50);
    if (first) await db().batch([first, ...rest]);
  }
  return rows.map((r) => r.id);
}

export async function addAsset(workspaceId: string, overrides: Partial<AssetRow> = {}) {
  const row = assetRow(workspaceId, overrides);
  await addAssets([row]);
  return row.id;
}

// Device ids unique within a test file (a random 1,200 of a billion collided once: 1 in 1,400).
let nextDeviceId = 1 + Math.floor(Math.random() * 1_000_000_000);

/** A NinjaOne-synced asset as the device sync writes it. */
export function ninjaAssetRow(workspaceId: string, overrides: Partial<AssetRow> = {}): AssetRow {
  return assetRow(workspaceId, {
    name: "DESKTOP-NINJA",
    manufacturer: "Dell Inc.",
    model: "OptiPlex 7090",
    serialNumber: "NJ-SERIAL-1",
    notes: "Windows 11 Pro",
    source: "ninjaone",
    ninjaDeviceId: nextDeviceId++,
    ninjaDeviceUid: newId(),
    ninjaOrgId: 7,
    ninjaNodeClass: "WINDOWS_WORKSTATION",
    ninjaOffline: false,
    ninjaLastContact: Date.now() - 3_600_000,
    ninjaLastLoggedInUser: "CORP\\ada",
    ninjaCreatedAt: Date.now() - 400 * 86_400_000,
    ninjaOsName: "Windows 11 Pro",
    matchedBy: "serial",
    matchReason: "matched existing asset by serial",
    ...overrides,
  });
}

export async function getAssetRow(id: string) {
  return db().query.assets.findFirst({ where: (a, { eq }) => eq(a.id, id) });
}

/**
 * A workspace API key with `role`; returns the secret to send as a Bearer token. Keys act with at most
 * their creator's current role, so an active Owner of the workspace creates it (records-helpers).
 */
export async function addApiKey(workspaceId: string, role: Role) {
  return makeApiKey(workspaceId, role);
}

export function api(path: string, key: string | null, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (key) headers.set("Authorization", `Bearer ${key}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(init.json);
  }
  return SELF.fetch(`${ORIGIN}/api/v1${path}`, { ...init, headers, body, redirect: "manual" });
}

/** Ids of the assets a page links to, in page order. */
export function assetIdsInHtml(html: string): string[] {
  const ids: string[] = [];
  for (const m of html.matchAll(/href="\/assets\/([0-9a-f-]{36})"/g)) if (!ids.includes(m[1])) ids.push(m[1]);
  return ids;
}

/** The href of a paging link ("Next page", "Previous") in a page's HTML. */
export function pagingLink(html: string, label: "Next page" | "Previous"): string | null {
  const re = label === "Next page" ? /href="([^"]*)"[^>]*>Next page/ : /href="([^"]*)"[^>]*>← Previous/;
  const m = re.exec(html);
  return m ? m[1].replace(/&amp;/g, "&") : null;
}

export async function addNinjaAsset(workspaceId: string, overrides: Partial<AssetRow> = {}) {
  const row = ninjaAssetRow(workspaceId, overrides);
  await addAssets([row]);
  return row.id;
}
