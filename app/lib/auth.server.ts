// Sign-up (workspace + owner) and password login with failed-attempt throttling.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { eq, inArray, sql } from "drizzle-orm";
import { DUMMY_PASSWORD_HASH, hashPassword, newId, verifyPassword } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { isEmailTaken } from "@workers/db/users";

export function emailTaken(context: AppLoadContext, email: string) {
  return isEmailTaken(context.db, email);
}

export async function createWorkspaceWithOwner(
  context: AppLoadContext,
  input: { workspaceName: string; name: string; email: string; password: string },
) {
  const now = context.now();
  const workspaceId = newId();
  const userId = newId();
  const passwordHash = await hashPassword(input.password);
  await context.db.batch([
    context.db.insert(schema.workspaces).values({ id: workspaceId, name: input.workspaceName, createdAt: now, updatedAt: now }),
    context.db.insert(schema.users).values({
      id: userId,
      workspaceId,
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash,
      role: "owner",
      createdAt: now,
      updatedAt: now,
    }),
  ]);
  return { workspaceId, userId };
}

// After FREE_FAILURES failed logins within WINDOW_MS, each further failure locks the key for
// an exponentially growing delay (capped), so guessing slows down without locking people out.
const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;

export type LoginResult =
  | { ok: true; userId: string; workspaceId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function attemptLogin(
  context: AppLoadContext,
  input: { email: string; password: string; clientAddress: string },
): Promise<LoginResult> {
  const now = context.now();
  const email = input.email.toLowerCase();
  const keys = [`email:${email}`, `ip:${input.clientAddress}`];
  const throttles = await context.db.select().from(schema.loginThrottles).where(inArray(schema.loginThrottles.key, keys));
  const lockedUntil = Math.max(0, ...throttles.map((t) => t.lockedUntil ?? 0));
  if (lockedUntil > now) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil((lockedUntil - now) / 1000) };

  const rows = await context.db.select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
  const user = rows[0];
  // Verify against a dummy hash when the user is unknown so timing does not reveal accounts.
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (user && valid && !user.disabledAt) {
    await context.db.delete(schema.loginThrottles).where(inArray(schema.loginThrottles.key, keys));
    return { ok: true, userId: user.id, workspaceId: user.workspaceId };
  }

  for (const key of keys) {
    const prev = throttles.find((t) => t.key === key);
    const failures = prev && now - prev.lastFailureAt < WINDOW_MS ? prev.failures + 1 : 1;
    const over = failures - FREE_FAILURES;
    const lock = over > 0 ? now + Math.min(MAX_LOCK_MS, 1000 * 2 ** (over + 2)) : null;
    await context.db
      .insert(schema.loginThrottles)
      .values({ key, failures, lastFailureAt: now, lockedUntil: lock })
      .onConflictDoUpdate({
        target: schema.loginThrottles.key,
        set: { failures, lastFailureAt: now, lockedUntil: lock ?? sql`NULL` },
      });
  }
  return { ok: false, reason: "invalid" };
}

export function clientAddress(request: Request) {
  return request.headers.get("CF-Connecting-IP") ?? "local";
}
