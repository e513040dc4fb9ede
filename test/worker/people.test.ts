// Users and API keys in Settings: who may do what, the Owner rules, workspace isolation, and
// API keys that are shown once and stored only as a hash.
import { createExecutionContext, env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "@workers/crypto";
import { API_KEY_PATTERN } from "@workers/db/api-keys";
import { schema } from "@workers/db/client";
import { setUserDisabled, updateUserRole } from "@workers/db/users";
import type { Role } from "@workers/domain/permissions";
import { getLoadContext } from "@workers/load-context";
import { requireApiKey } from "~/lib/api.server";
import { addUser, appFetch, db, makeWorkspace, postForm, TEST_PASSWORD } from "./helpers";

const USERS = "/settings/users";
const KEYS = "/settings/api-keys";

async function userRow(id: string) {
  return db().query.users.findFirst({ where: eq(schema.users.id, id) });
}
async function usersIn(workspaceId: string) {
  return db().select().from(schema.users).where(eq(schema.users.workspaceId, workspaceId));
}
function newTeammate(role: Role | string, email = `mate-${crypto.randomUUID().slice(0, 8)}@example.test`) {
  return { intent: "add", name: "Terry Teammate", email, role, password: "initial-password-1" };
}
const KEY_IN_HTML = /core_[0-9a-f]{8}_[A-Za-z0-9_-]{43}/;

describe("Settings > Users: permissions", () => {
  it.each(["observer", "technician", "manager"] as const)("refuses a %s every change with 403 and writes nothing", async (role) => {
    const owner = await makeWorkspace("owner");
    const actor = await addUser(owner.workspaceId, role);
    const before = await usersIn(owner.workspaceId);

    expect((await postForm(USERS, newTeammate("observer"), actor.cookie)).status).toBe(403);
    expect((await postForm(USERS, { intent: "changeRole", userId: owner.userId, role: "observer" }, actor.cookie)).status).toBe(403);
    expect((await postForm(USERS, { intent: "disable", userId: owner.userId }, actor.cookie)).status).toBe(403);
    expect((await postForm(USERS, { intent: "changeRole", userId: actor.userId, role: "admin" }, actor.cookie)).status).toBe(403);

    const after = await usersIn(owner.workspaceId);
    expect(after.map((u) => [u.id, u.role, u.disabledAt])).toEqual(before.map((u) => [u.id, u.role, u.disabledAt]));
  });

  it("lets every role see the users list, with controls only for those who manage users", async () => {
    const owner = await makeWorkspace("owner");
    const observer = await addUser(owner.workspaceId, "observer");
    const asObserver = await appFetch(USERS, { cookie: observer.cookie });
    expect(asObserver.status).toBe(200);
    const html = await asObserver.text();
    expect(html).toContain(owner.email);
    expect(html).not.toContain("Add a teammate");
    const asOwner = await (await appFetch(USERS, { cookie: owner.cookie })).text();
    expect(asOwner).toContain("Add a teammate");
  });

  it("lets an Admin add a Technician, who gets a welcome notification and can log in", async () => {
    const owner = await makeWorkspace("owner", "Welcome MSP");
    const admin = await addUser(owner.workspaceId, "admin");
    const fields = newTeammate("technician");
    const res = await postForm(USERS, fields, admin.cookie);
    expect(res.status).toBe(200);

    const created = await db().query.users.findFirst({ where: eq(schema.users.email, fields.email) });
    expect(created).toMatchObject({ workspaceId: owner.workspaceId, role: "technician", name: "Terry Teammate", disabledAt: null });
    expect(created?.passwordHash).not.toContain(fields.password);
    const inbox = await db().select().from(schema.notifications).where(eq(schema.notifications.userId, created!.id));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ workspaceId: owner.workspaceId, title: "Welcome to Welcome MSP", link: "/dashboard", readAt: null });

    const login = await postForm("/login", { email: fields.email, password: fields.password });
    expect(login.status).toBe(302);
  });

  it("stores the e-mail lower-cased and refuses a duplicate with a field message", async () => {
    const owner = await makeWorkspace("owner");
    const email = `dup-${crypto.randomUUID().slice(0, 8)}@example.test`;
    expect((await postForm(USERS, newTeammate("observer", email.toUpperCase()), owner.cookie)).status).toBe(200);
    const again = await postForm(USERS, newTeammate("manager", email), owner.cookie);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Someone with this e-mail already has a Core account.");
    const rows = await db().select().from(schema.users).where(eq(schema.users.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0].role).toBe("observer");
  });

  it("also refuses an e-mail used in another workspace", async () => {
    const other = await makeWorkspace("owner");
    const owner = await makeWorkspace("owner");
    const res = await postForm(USERS, newTeammate("observer", other.email), owner.cookie);
    expect(res.status).toBe(400);
    expect(await usersIn(owner.workspaceId)).toHaveLength(1);
  });

  it.each([
    ["a missing name", { name: "" }, "Name is required."],
    ["a bad e-mail", { email: "not-an-email" }, "Enter a valid e-mail address."],
    ["a short password", { password: "short" }, "Password must be at least 10 characters."],
    ["an unknown role", { role: "superuser" }, "Choose a role from the list."],
    ["an oversized name", { name: "x".repeat(121) }, "Name must be at most 120 characters."],
  ])("answers %s with 400 and a field message, writing nothing", async (_label, patch, message) => {
    const owner = await makeWorkspace("owner");
    const res = await postForm(USERS, { ...newTeammate("observer"), ...patch }, owner.cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
    expect(await usersIn(owner.workspaceId)).toHaveLength(1);
  });

  it("answers an unknown intent or a missing user id with 400", async () => {
    const owner = await makeWorkspace("owner");
    expect((await postForm(USERS, { intent: "delete", userId: owner.userId }, owner.cookie)).status).toBe(400);
    expect((await postForm(USERS, { intent: "disable" }, owner.cookie)).status).toBe(400);
    expect((await postForm(USERS, { intent: "changeRole", userId: owner.userId, role: "emperor" }, owner.cookie)).status).toBe(400);
    expect((await userRow(owner.userId))?.role).toBe("owner");
  });
});

describe("Settings > Users: Owner rules", () => {
  it("only an Owner creates or promotes Owners", async () => {
    const owner = await makeWorkspace("owner");
    const admin = await addUser(owner.workspaceId, "admin");
    const manager = await addUser(owner.workspaceId, "manager");

    const add = await postForm(USERS, newTeammate("owner"), admin.cookie);
    expect(add.status).toBe(403);
    expect(await add.text()).toContain("Only an Owner can make someone an Owner.");
    expect(await usersIn(owner.workspaceId)).toHaveLength(3);

    expect((await postForm(USERS, { intent: "changeRole", userId: manager.userId, role: "owner" }, admin.cookie)).status).toBe(403);
    expect((await userRow(manager.userId))?.role).toBe("manager");

    expect((await postForm(USERS, { intent: "changeRole", userId: manager.userId, role: "owner" }, owner.cookie)).status).toBe(200);
    expect((await userRow(manager.userId))?.role).toBe("owner");
    expect((await postForm(USERS, newTeammate("owner"), owner.cookie)).status).toBe(200);
  });

  it("does not let an Admin demote or disable an Owner", async () => {
    const owner = await makeWorkspace("owner");
    await addUser(owner.workspaceId, "owner");
    const admin = await addUser(owner.workspaceId, "admin");
    expect((await postForm(USERS, { intent: "changeRole", userId: owner.userId, role: "observer" }, admin.cookie)).status).toBe(403);
    expect((await postForm(USERS, { intent: "disable", userId: owner.userId }, admin.cookie)).status).toBe(403);
    const row = await userRow(owner.userId);
    expect(row).toMatchObject({ role: "owner", disabledAt: null });
  });

  it("never demotes the last active Owner", async () => {
    const owner = await makeWorkspace("owner");
    const res = await postForm(USERS, { intent: "changeRole", userId: owner.userId, role: "admin" }, owner.cookie);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("A workspace needs at least one active Owner.");
    expect((await userRow(owner.userId))?.role).toBe("owner");
  });

  it("lets one of two Owners step down, but then not the other", async () => {
    const a = await makeWorkspace("owner");
    const b = await addUser(a.workspaceId, "owner");
    expect((await postForm(USERS, { intent: "changeRole", userId: b.userId, role: "admin" }, a.cookie)).status).toBe(200);
    expect((await postForm(USERS, { intent: "changeRole", userId: a.userId, role: "admin" }, a.cookie)).status).toBe(409);
    expect((await userRow(a.userId))?.role).toBe("owner");
  });

  it("does not count a disabled Owner as the one left", async () => {
    const a = await makeWorkspace("owner");
    const b = await addUser(a.workspaceId, "owner");
    expect((await postForm(USERS, { intent: "disable", userId: b.userId }, a.cookie)).status).toBe(200);
    expect((await postForm(USERS, { intent: "changeRole", userId: a.userId, role: "manager" }, a.cookie)).status).toBe(409);
    // Demoting the disabled Owner is fine: it does not reduce the active Owners.
    expect((await postForm(USERS, { intent: "changeRole", userId: b.userId, role: "observer" }, a.cookie)).status).toBe(200);
  });

  it("refuses in the database too, when the last Owner would go (two changes racing)", async () => {
    const owner = await makeWorkspace("owner");
    const other = await addUser(owner.workspaceId, "technician");
    const now = Date.now();
    expect(await updateUserRole(db(), owner.workspaceId, owner.userId, "admin", now)).toBe("last_owner");
    expect(await setUserDisabled(db(), owner.workspaceId, owner.userId, true, now)).toBe("last_owner");
    expect(await userRow(owner.userId)).toMatchObject({ role: "owner", disabledAt: null });
    // The refused disable kept the Owner's sessions.
    expect((await appFetch("/dashboard", { cookie: owner.cookie })).status).toBe(200);
    expect(await updateUserRole(db(), owner.workspaceId, other.userId, "manager", now)).toBe("updated");
  });

  it("nobody disables themselves", async () => {
    const a = await makeWorkspace("owner");
    await addUser(a.workspaceId, "owner");
    const admin = await addUser(a.workspaceId, "admin");
    expect((await postForm(USERS, { intent: "disable", userId: a.userId }, a.cookie)).status).toBe(400);
    expect((await postForm(USERS, { intent: "disable", userId: admin.userId }, admin.cookie)).status).toBe(400);
    expect((await userRow(a.userId))?.disabledAt).toBeNull();
    expect((await userRow(admin.userId))?.disabledAt).toBeNull();
  });
});

describe("Settings > Users: disable and enable", () => {
  it("disabling signs the user out everywhere and stops logins; enabling lets them back in", async () => {
    const owner = await makeWorkspace("owner");
    const tech = await addUser(owner.workspaceId, "technician");
    expect((await appFetch("/dashboard", { cookie: tech.cookie })).status).toBe(200);

    expect((await postForm(USERS, { intent: "disable", userId: tech.userId }, owner.cookie)).status).toBe(200);
    expect((await userRow(tech.userId))?.disabledAt).not.toBeNull();
    const sessions = await db().select().from(schema.sessions).where(eq(schema.sessions.userId, tech.userId));
    expect(sessions).toHaveLength(0);
    const kicked = await appFetch("/dashboard", { cookie: tech.cookie });
    expect(kicked.status).toBe(302);
    expect(kicked.headers.get("Location")).toContain("/login");
    expect((await postForm("/login", { email: tech.email, password: TEST_PASSWORD })).status).toBe(400);

    expect((await postForm(USERS, { intent: "enable", userId: tech.userId }, owner.cookie)).status).toBe(200);
    expect((await userRow(tech.userId))?.disabledAt).toBeNull();
    expect((await postForm("/login", { email: tech.email, password: TEST_PASSWORD })).status).toBe(302);
  });

  it("a user of another workspace gets 404 for this workspace's users and changes nothing", async () => {
    const a = await makeWorkspace("owner");
    const aTech = await addUser(a.workspaceId, "technician");
    const b = await makeWorkspace("owner");
    const attempts: Array<Record<string, string>> = [
      { intent: "changeRole", userId: aTech.userId, role: "admin" },
      { intent: "disable", userId: aTech.userId },
      { intent: "enable", userId: aTech.userId },
      { intent: "changeRole", userId: a.userId, role: "observer" },
    ];
    for (const fields of attempts) {
      expect((await postForm(USERS, fields, b.cookie)).status).toBe(404);
    }
    expect(await userRow(aTech.userId)).toMatchObject({ role: "technician", disabledAt: null });
    expect(await userRow(a.userId)).toMatchObject({ role: "owner", disabledAt: null });
    expect((await postForm(USERS, { intent: "disable", userId: crypto.randomUUID() }, b.cookie)).status).toBe(404);
  });
});

describe("Settings > API keys", () => {
  async function createKey(cookie: string, fields: Record<string, string> = {}) {
    const res = await postForm(KEYS, { intent: "create", name: "PSA sync", role: "technician", ...fields }, cookie);
    return { res, html: await res.text() };
  }

  it("shows the new key once and stores only its SHA-256 and prefix", async () => {
    const owner = await makeWorkspace("owner");
    const { res, html } = await createKey(owner.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const key = KEY_IN_HTML.exec(html)?.[0];
    expect(key).toMatch(API_KEY_PATTERN);

    const rows = await db().select().from(schema.apiKeys).where(eq(schema.apiKeys.workspaceId, owner.workspaceId));
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({ name: "PSA sync", role: "technician", createdBy: owner.userId, revokedAt: null, lastUsedAt: null });
    expect(row.keyHash).toBe(await sha256Hex(key!));
    expect(key!.startsWith(`${row.prefix}_`)).toBe(true);
    expect(JSON.stringify(row)).not.toContain(key!.slice(row.prefix.length + 1));

    const list = await (await appFetch(KEYS, { cookie: owner.cookie })).text();
    expect(list).toContain("PSA sync");
    expect(list).toContain(row.prefix);
    expect(list).not.toContain(key!);
  });

  it("creates a key that authenticates API requests with its role, until it is revoked", async () => {
    const owner = await makeWorkspace("owner");
    const key = KEY_IN_HTML.exec((await createKey(owner.cookie, { role: "observer" })).html)![0];
    const context = getLoadContext(env, createExecutionContext());
    const request = (k: string) => new Request("http://localhost/api/v1/customers", { headers: { Authorization: `Bearer ${k}` } });

    const principal = await requireApiKey(context, request(key), "read");
    expect(principal).toMatchObject({ workspaceId: owner.workspaceId, role: "observer" });
    const denied = await requireApiKey(context, request(key), "customers:write").catch((r: Response) => r);
    expect(denied).toBeInstanceOf(Response);
    expect((denied as Response).status).toBe(403);

    expect((await postForm(KEYS, { intent: "revoke", keyId: principal.apiKeyId }, owner.cookie)).status).toBe(200);
    const revoked = await requireApiKey(context, request(key), "read").catch((r: Response) => r);
    expect((revoked as Response).status).toBe(401);
  });

  it.each(["observer", "technician", "manager"] as const)("refuses a %s creating or revoking keys (403)", async (role) => {
    const owner = await makeWorkspace("owner");
    const actor = await addUser(owner.workspaceId, role);
    const key = KEY_IN_HTML.exec((await createKey(owner.cookie)).html)![0];
    expect((await createKey(actor.cookie, { role: "observer" })).res.status).toBe(403);
    const [row] = await db().select().from(schema.apiKeys).where(eq(schema.apiKeys.keyHash, await sha256Hex(key)));
    expect((await postForm(KEYS, { intent: "revoke", keyId: row.id }, actor.cookie)).status).toBe(403);
    const rows = await db().select().from(schema.apiKeys).where(eq(schema.apiKeys.workspaceId, owner.workspaceId));
    expect(rows.map((r) => r.revokedAt)).toEqual([null]);
    // Reading the list is allowed.
    expect((await appFetch(KEYS, { cookie: actor.cookie })).status).toBe(200);
  });

  it("gives a key no more than its creator's role", async () => {
    const owner = await makeWorkspace("owner");
    const admin = await addUser(owner.workspaceId, "admin");
    const { res, html } = await createKey(admin.cookie, { role: "owner" });
    expect(res.status).toBe(403);
    expect(html).toContain("Only an Owner can make someone an Owner.");
    expect(html).not.toMatch(KEY_IN_HTML);
    expect((await createKey(admin.cookie, { role: "admin" })).res.status).toBe(200);
    expect((await createKey(owner.cookie, { role: "owner" })).res.status).toBe(200);
    const roles = (await db().select().from(schema.apiKeys).where(eq(schema.apiKeys.workspaceId, owner.workspaceId))).map((r) => r.role);
    expect(roles.sort()).toEqual(["admin", "owner"]);
  });

  it("answers bad input with 400 and field messages, creating nothing", async () => {
    const owner = await makeWorkspace("owner");
    const empty = await createKey(owner.cookie, { name: "  " });
    expect(empty.res.status).toBe(400);
    expect(empty.html).toContain("Name is required.");
    const badRole = await createKey(owner.cookie, { role: "root" });
    expect(badRole.res.status).toBe(400);
    expect(badRole.html).toContain("Choose a role from the list.");
    expect((await createKey(owner.cookie, { name: "k".repeat(81) })).res.status).toBe(400);
    expect(await db().select().from(schema.apiKeys).where(eq(schema.apiKeys.workspaceId, owner.workspaceId))).toHaveLength(0);
  });

  it("a user of another workspace gets 404 revoking this workspace's key", async () => {
    const a = await makeWorkspace("owner");
    const key = KEY_IN_HTML.exec((await createKey(a.cookie)).html)![0];
    const [row] = await db().select().from(schema.apiKeys).where(eq(schema.apiKeys.keyHash, await sha256Hex(key)));
    const b = await makeWorkspace("owner");
    expect((await postForm(KEYS, { intent: "revoke", keyId: row.id }, b.cookie)).status).toBe(404);
    expect((await postForm(KEYS, { intent: "revoke", keyId: crypto.randomUUID() }, b.cookie)).status).toBe(404);
    const after = await db().query.apiKeys.findFirst({ where: and(eq(schema.apiKeys.id, row.id)) });
    expect(after?.revokedAt).toBeNull();
    expect(await (await appFetch(KEYS, { cookie: b.cookie })).text()).not.toContain(row.prefix);
  });
});
