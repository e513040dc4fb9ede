// Sign-up (workspace + owner) and password login with failed-attempt throttling.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { DUMMY_PASSWORD_HASH, hashPassword, newId, randomToken, sha256Hex, verifyPassword } from "@workers/crypto";
import { auditStatement } from "@workers/db/audit";
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

// Failed-login throttling, three ways, so that guessing slows down without letting strangers lock
// anyone out:
//  - per address (`ip:`): one client guessing many accounts;
//  - per (e-mail, address) (`email-ip:`): one client guessing one account; this is the lock a
//    single attacker meets, and it does not touch the same account from anywhere else;
//  - per e-mail (`email:`): many clients guessing one account (distributed guessing), at a much
//    higher threshold, and never for a browser that has signed in to that account before
//    (known_devices), so an Owner is not locked out of their own browser by strangers.
// Past its free failures within WINDOW_MS, each further failure locks the key for an exponentially
// growing delay, capped at MAX_LOCK_MS.
export const THROTTLES = {
  ip: { freeFailures: 20 },
  emailIp: { freeFailures: 5 },
  email: { freeFailures: 50 },
} as const;
const WINDOW_MS = 15 * 60 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;
const DEVICE_COOKIE = "core_device";
const DEVICE_TTL_S = 365 * 24 * 3600;

export type LoginResult =
  | { ok: true; userId: string; workspaceId: string; deviceCookie: string | null }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

type ThrottleKey = { key: string; freeFailures: number };

function throttleKeys(email: string, address: string) {
  return {
    ip: { key: `ip:${address}`, freeFailures: THROTTLES.ip.freeFailures },
    emailIp: { key: `email-ip:${email}|${address}`, freeFailures: THROTTLES.emailIp.freeFailures },
    email: { key: `email:${email}`, freeFailures: THROTTLES.email.freeFailures },
  } satisfies Record<string, ThrottleKey>;
}

function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=") || null;
  }
  return null;
}

function deviceCookieHeader(request: Request, token: string) {
  const host = new URL(request.url).hostname;
  const secure = host === "localhost" || host === "127.0.0.1" ? "" : "; Secure";
  return `${DEVICE_COOKIE}=${token}; Path=/login; HttpOnly; SameSite=Lax; Max-Age=${DEVICE_TTL_S}${secure}`;
}

export async function attemptLogin(
  context: AppLoadContext,
  request: Request,
  input: { email: string; password: string },
): Promise<LoginResult> {
  const now = context.now();
  const email = input.email.toLowerCase();
  const address = clientAddress(request);
  const keys = throttleKeys(email, address);
  const deviceToken = readCookie(request, DEVICE_COOKIE);
  const deviceHash = deviceToken && deviceToken.length <= 100 ? await sha256Hex(deviceToken) : null;

  const [throttles, userRows] = await Promise.all([
    context.db.select().from(schema.loginThrottles).where(inArray(schema.loginThrottles.key, [keys.ip.key, keys.emailIp.key, keys.email.key])),
    context.db.select().from(schema.users).where(eq(schema.users.email, email)).limit(1),
  ]);
  const user = userRows[0];
  const knownDevice =
    user && deviceHash
      ? (await context.db
          .select({ userId: schema.knownDevices.userId })
          .from(schema.knownDevices)
          .where(and(eq(schema.knownDevices.tokenHash, deviceHash), eq(schema.knownDevices.userId, user.id)))
          .limit(1)).length > 0
      : false;
  // A browser this account signed in from before is not slowed by strangers guessing the address elsewhere.
  const applicable = knownDevice ? [keys.ip, keys.emailIp] : [keys.ip, keys.emailIp, keys.email];
  const lockedUntil = Math.max(0, ...throttles.filter((t) => applicable.some((k) => k.key === t.key)).map((t) => t.lockedUntil ?? 0));
  if (lockedUntil > now) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil((lockedUntil - now) / 1000) };

  // Verify against a dummy hash when the user is unknown so timing does not reveal accounts.
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (user && valid && !user.disabledAt) {
    // Success clears this client's counters (not the e-mail-wide one: others may still be guessing).
    const token = knownDevice && deviceToken ? deviceToken : randomToken();
    const tokenHash = knownDevice && deviceHash ? deviceHash : await sha256Hex(token);
    await context.db.batch([
      context.db.delete(schema.loginThrottles).where(inArray(schema.loginThrottles.key, [keys.emailIp.key])),
      context.db
        .insert(schema.knownDevices)
        .values({ tokenHash, userId: user.id, workspaceId: user.workspaceId, lastUsedAt: now, createdAt: now })
        .onConflictDoUpdate({ target: [schema.knownDevices.tokenHash, schema.knownDevices.userId], set: { lastUsedAt: now } }),
    ]);
    return { ok: true, userId: user.id, workspaceId: user.workspaceId, deviceCookie: deviceCookieHeader(request, token) };
  }

  const statements: BatchItem<"sqlite">[] = [];
  const newLocks: string[] = [];
  for (const k of [keys.ip, keys.emailIp, keys.email]) {
    const prev = throttles.find((t) => t.key === k.key);
    const failures = prev && now - prev.lastFailureAt < WINDOW_MS ? prev.failures + 1 : 1;
    const over = failures - k.freeFailures;
    const lock = over > 0 ? now + Math.min(MAX_LOCK_MS, 1000 * 2 ** (over + 2)) : null;
    if (lock && over === 1) newLocks.push(k === keys.ip ? "this address" : k === keys.emailIp ? "this account from this address" : "this account from unknown browsers");
    statements.push(
      context.db
        .insert(schema.loginThrottles)
        .values({ key: k.key, failures, lastFailureAt: now, lockedUntil: lock })
        .onConflictDoUpdate({
          target: schema.loginThrottles.key,
          set: { failures, lastFailureAt: now, lockedUntil: lock ?? sql`NULL` },
        }),
    );
  }
  if (user) {
    const actor = { type: "anonymous" as const, label: `Someone signing in as ${email}` };
    const target = { type: "user", id: user.id, link: "/settings/users" };
    const base = { workspaceId: user.workspaceId, actor, ip: address === "local" ? null : address, target, now };
    statements.push(auditStatement(context.db, { ...base, kind: "auth.login_failed", summary: `Failed sign-in for ${email}${user.disabledAt ? " (user disabled)" : ""}` }));
    if (newLocks.length) {
      statements.push(auditStatement(context.db, { ...base, kind: "auth.lockout", summary: `Sign-in slowed down for ${newLocks.join(" and ")} after repeated failures` }));
    }
  }
  const [first, ...rest] = statements;
  await context.db.batch([first, ...rest]);
  return { ok: false, reason: "invalid" };
}

export function clientAddress(request: Request) {
  return request.headers.get("CF-Connecting-IP") ?? "local";
}
