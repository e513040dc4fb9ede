// Worker-test helpers: real D1 through the app's own services, real HTTP through SELF.
import { env, SELF } from "cloudflare:test";
import { hashPassword, newId, randomToken, sha256Hex } from "@workers/crypto";
import { createDb, schema } from "@workers/db/client";
import type { Role } from "@workers/domain/permissions";

export const db = () => createDb(env.DB);
export const ORIGIN = "http://localhost";

let passwordHashCache: string | undefined;
export const TEST_PASSWORD = "correct horse battery";

/** A workspace with one user of the given role and a valid session cookie. */
export async function makeWorkspace(role: Role = "owner", name = "Test MSP") {
  const now = Date.now();
  const workspaceId = newId();
  await db().insert(schema.workspaces).values({ id: workspaceId, name, createdAt: now, updatedAt: now });
  const user = await addUser(workspaceId, role);
  return { workspaceId, ...user };
}

export async function addUser(workspaceId: string, role: Role) {
  const now = Date.now();
  const userId = newId();
  const email = `${role}-${userId.slice(0, 8)}@example.test`;
  passwordHashCache ??= await hashPassword(TEST_PASSWORD);
  await db().insert(schema.users).values({
    id: userId,
    workspaceId,
    email,
    name: `${role} user`,
    passwordHash: passwordHashCache,
    role,
    createdAt: now,
    updatedAt: now,
  });
  const token = randomToken();
  await db().insert(schema.sessions).values({
    id: await sha256Hex(token),
    userId,
    workspaceId,
    expiresAt: now + 3600_000,
    createdAt: now,
  });
  return { userId, email, cookie: `core_session=${token}` };
}

/** Fetch a page or action of the app as a signed-in user. */
export function appFetch(path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie);
  return SELF.fetch(`${ORIGIN}${path}`, { ...init, headers, redirect: "manual" });
}

/** POST a form to a route action (Remix actions accept plain form posts). */
export function postForm(path: string, fields: Record<string, string>, cookie?: string) {
  return appFetch(path, { method: "POST", body: new URLSearchParams(fields), cookie });
}

/** D1 as the loader sees it, recording each batch's statements' rows read (D1's meta.rows_read). */
export function recordingD1() {
  const batches: number[][] = [];
  let singles = 0;
  const counting = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop);
        if (prop === "bind") return (...values: unknown[]) => counting(target.bind(...values));
        if (prop === "all" || prop === "raw" || prop === "run" || prop === "first") singles++;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const d1 = new Proxy(env.DB, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === "batch")
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements);
          batches.push(results.map((r) => r.meta.rows_read));
          return results;
        };
      // A statement run on its own (not in a batch) is a round trip of its own.
      if (prop === "prepare") return (query: string) => counting(target.prepare(query));
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { d: createDb(d1), batches, singles: () => singles };
}
