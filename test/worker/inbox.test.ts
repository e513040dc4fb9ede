// The inbox: each user sees and marks only their own notifications; posts are deduplicated.
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { listNotifications, notifyAdmins, notifyRoles } from "@workers/db/notifications";
import { ROLES } from "@workers/domain/permissions";
import { addUser, appFetch, db, makeWorkspace, postForm } from "./helpers";

async function seed(workspaceId: string, userId: string, fields: { title: string; link?: string | null; createdAt?: number; readAt?: number | null }) {
  const id = newId();
  await db()
    .insert(schema.notifications)
    .values({ id, workspaceId, userId, type: "test", title: fields.title, body: "Body text", link: fields.link ?? null, readAt: fields.readAt ?? null, createdAt: fields.createdAt ?? Date.now() });
  return id;
}
const notification = (id: string) => db().query.notifications.findFirst({ where: eq(schema.notifications.id, id) });
const unreadOf = async (userId: string) =>
  (await db().select().from(schema.notifications).where(and(eq(schema.notifications.userId, userId), isNull(schema.notifications.readAt)))).length;

describe("posting notifications", () => {
  it("notifyAdmins twice with one dedup key leaves one row per Owner/Admin and none for others", async () => {
    const owner = await makeWorkspace("owner");
    const admin = await addUser(owner.workspaceId, "admin");
    const tech = await addUser(owner.workspaceId, "technician");
    const disabledAdmin = await addUser(owner.workspaceId, "admin");
    await db().update(schema.users).set({ disabledAt: Date.now() }).where(eq(schema.users.id, disabledAdmin.userId));
    const input = { type: "ninjaone.reconnect", title: "Reconnect NinjaOne", link: "/settings/integrations", dedupKey: "ninjaone.reconnect:1" };

    expect(await notifyAdmins(db(), owner.workspaceId, input, Date.now())).toBe(2);
    expect(await notifyAdmins(db(), owner.workspaceId, input, Date.now() + 1000)).toBe(0);

    const rows = await db().select().from(schema.notifications).where(eq(schema.notifications.workspaceId, owner.workspaceId));
    expect(rows.map((r) => r.userId).sort()).toEqual([owner.userId, admin.userId].sort());
    expect(await unreadOf(tech.userId)).toBe(0);
    // A new key is a new notification.
    expect(await notifyRoles(db(), owner.workspaceId, ["technician"], { ...input, dedupKey: "other" }, Date.now())).toBe(1);
  });

  it("deduplicates per workspace: the same key in two workspaces posts to both", async () => {
    const a = await makeWorkspace("owner");
    const b = await makeWorkspace("owner");
    const input = { type: "t", title: "Same key", dedupKey: "shared" };
    expect(await notifyAdmins(db(), a.workspaceId, input, Date.now())).toBe(1);
    expect(await notifyAdmins(db(), b.workspaceId, input, Date.now())).toBe(1);
  });
});

describe("the inbox page", () => {
  it.each(ROLES)("shows a %s only their own notifications, with the unread count in the navigation", async (role) => {
    const owner = await makeWorkspace("owner");
    const me = role === "owner" ? owner : await addUser(owner.workspaceId, role);
    const colleague = await addUser(owner.workspaceId, "admin");
    await seed(owner.workspaceId, me.userId, { title: "Mine to read" });
    await seed(owner.workspaceId, me.userId, { title: "Already seen", readAt: Date.now() });
    await seed(owner.workspaceId, colleague.userId, { title: "Not yours" });

    const html = await (await appFetch("/inbox", { cookie: me.cookie })).text();
    expect(html).toContain("Mine to read");
    expect(html).toContain("Already seen");
    expect(html).not.toContain("Not yours");
    expect(html).toContain('aria-label="1 unread"');
  });

  it("says what to expect when empty", async () => {
    const { cookie } = await makeWorkspace("technician");
    const html = await (await appFetch("/inbox", { cookie })).text();
    expect(html).toContain("Your inbox is empty");
    expect(html).not.toContain("unread-badge");
  });

  it("opens a notification: marks it read and goes to its link", async () => {
    const { workspaceId, userId, cookie } = await makeWorkspace("manager");
    const id = await seed(workspaceId, userId, { title: "Map organizations", link: "/settings/integrations/ninjaone/mappings" });
    const res = await postForm("/inbox", { intent: "open", id }, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/settings/integrations/ninjaone/mappings");
    expect((await notification(id))?.readAt).not.toBeNull();
  });

  it("never follows a link that leaves Core", async () => {
    const { workspaceId, userId, cookie } = await makeWorkspace("observer");
    for (const link of ["https://evil.example/", "//evil.example", "/\\evil.example"]) {
      const id = await seed(workspaceId, userId, { title: "Odd link", link });
      const res = await postForm("/inbox", { intent: "open", id }, cookie);
      expect(res.headers.get("Location")).toBe("/inbox");
    }
  });

  it("marks one read, then all read, touching only the user's own notifications", async () => {
    const owner = await makeWorkspace("owner");
    const me = await addUser(owner.workspaceId, "technician");
    const one = await seed(owner.workspaceId, me.userId, { title: "One" });
    await seed(owner.workspaceId, me.userId, { title: "Two" });
    await seed(owner.workspaceId, me.userId, { title: "Three" });
    const theirs = await seed(owner.workspaceId, owner.userId, { title: "Owner's" });

    expect((await postForm("/inbox", { intent: "markRead", id: one }, me.cookie)).status).toBe(200);
    expect((await notification(one))?.readAt).not.toBeNull();
    expect(await unreadOf(me.userId)).toBe(2);

    expect((await postForm("/inbox", { intent: "markAllRead" }, me.cookie)).status).toBe(200);
    expect(await unreadOf(me.userId)).toBe(0);
    expect((await notification(theirs))?.readAt).toBeNull();
  });

  it("answers 404 for another user's or another workspace's notification, and changes nothing", async () => {
    const a = await makeWorkspace("owner");
    const colleague = await addUser(a.workspaceId, "admin");
    const b = await makeWorkspace("owner");
    const aOwn = await seed(a.workspaceId, a.userId, { title: "A's", link: "/dashboard" });
    for (const cookie of [colleague.cookie, b.cookie]) {
      expect((await postForm("/inbox", { intent: "markRead", id: aOwn }, cookie)).status).toBe(404);
      expect((await postForm("/inbox", { intent: "open", id: aOwn }, cookie)).status).toBe(404);
    }
    expect((await postForm("/inbox", { intent: "markRead", id: newId() }, a.cookie)).status).toBe(404);
    expect((await notification(aOwn))?.readAt).toBeNull();
  });

  it("answers bad input with 400", async () => {
    const { workspaceId, userId, cookie } = await makeWorkspace("owner");
    const id = await seed(workspaceId, userId, { title: "Stay unread" });
    expect((await postForm("/inbox", { intent: "shred", id }, cookie)).status).toBe(400);
    expect((await postForm("/inbox", { intent: "markRead" }, cookie)).status).toBe(400);
    expect((await postForm("/inbox", { intent: "markRead", id: "x".repeat(65) }, cookie)).status).toBe(400);
    expect((await notification(id))?.readAt).toBeNull();
    expect((await appFetch("/inbox?before=not-a-cursor", { cookie })).status).toBe(400);
  });
});

describe("inbox pagination", () => {
  it("pages newest first, 50 at a time, without gaps or repeats even when times tie", async () => {
    const { workspaceId, userId, cookie } = await makeWorkspace("owner");
    const base = Date.UTC(2026, 0, 1);
    // 120 notifications over 60 distinct timestamps: pairs share a created_at.
    const rows = Array.from({ length: 120 }, (_, i) => ({
      id: newId(),
      workspaceId,
      userId,
      type: "test",
      title: `Note ${String(i).padStart(3, "0")}`,
      createdAt: base + Math.floor(i / 2) * 1000,
    }));
    for (let i = 0; i < rows.length; i += 10) await db().insert(schema.notifications).values(rows.slice(i, i + 10));

    const seen: string[] = [];
    let after: { createdAt: number; id: string } | undefined;
    const pageSizes: number[] = [];
    do {
      const page = await listNotifications(db(), workspaceId, userId, { after, limit: 50 });
      pageSizes.push(page.items.length);
      seen.push(...page.items.map((n) => n.id));
      for (let i = 1; i < page.items.length; i++) expect(page.items[i - 1].createdAt).toBeGreaterThanOrEqual(page.items[i].createdAt);
      after = page.next ?? undefined;
    } while (after);
    expect(pageSizes).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    expect(seen[0]).toBe(rows.filter((r) => r.createdAt === base + 59_000).map((r) => r.id).sort().reverse()[0]);

    // The page links walk the same way.
    const first = await (await appFetch("/inbox", { cookie })).text();
    expect(first.match(/data-testid="notification"/g)).toHaveLength(50);
    const older = /href="\/inbox(\?before=[^"]+)"/.exec(first)?.[1];
    expect(older).toBeDefined();
    const second = await (await appFetch(`/inbox${older!.replace(/&amp;/g, "&")}`, { cookie })).text();
    expect(second.match(/data-testid="notification"/g)).toHaveLength(50);
    expect(second).toContain("← Newest");
  });
});
