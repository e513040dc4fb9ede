// Settings > Workspace: the workspace's name and device-deletion setting (settings:manage) and
// each user's own time zone; the settings area is readable by every role.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { can, ROLES } from "@workers/domain/permissions";
import { addUser, appFetch, db, makeWorkspace, postForm, TEST_PASSWORD } from "./helpers";

const PAGE = "/settings/workspace";

const workspaceRow = (id: string) => db().query.workspaces.findFirst({ where: eq(schema.workspaces.id, id) });
const userRow = (id: string) => db().query.users.findFirst({ where: eq(schema.users.id, id) });

describe("Settings area", () => {
  it.each(ROLES)("opens every settings page for a %s", async (role) => {
    const { cookie } = await makeWorkspace(role);
    const index = await appFetch("/settings", { cookie });
    expect(index.status).toBe(302);
    expect(index.headers.get("Location")).toBe("/settings/workspace");
    for (const path of ["/settings/workspace", "/settings/users", "/settings/api-keys"]) {
      const res = await appFetch(path, { cookie });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      for (const label of ["Workspace", "Users", "API keys"]) expect(html).toContain(label);
      // Integrations is for integrations:manage only (Owner, Admin): others do not see the tab.
      expect(html.includes('href="/settings/integrations"')).toBe(can(role, "integrations:manage"));
    }
  });

  it("sends signed-out visitors to log in", async () => {
    for (const path of ["/settings", "/settings/workspace", "/settings/users", "/settings/api-keys"]) {
      const res = await appFetch(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toContain("/login");
    }
    expect((await postForm(PAGE, { intent: "rename", name: "Hijack" })).status).toBe(302);
  });
});

describe("Settings > Workspace", () => {
  it("lets an Owner and an Admin rename the workspace", async () => {
    const owner = await makeWorkspace("owner", "Old Name IT");
    const admin = await addUser(owner.workspaceId, "admin");
    expect((await postForm(PAGE, { intent: "rename", name: "  New Name IT  " }, owner.cookie)).status).toBe(200);
    expect((await workspaceRow(owner.workspaceId))?.name).toBe("New Name IT");
    expect((await postForm(PAGE, { intent: "rename", name: "Admin Named IT" }, admin.cookie)).status).toBe(200);
    expect((await workspaceRow(owner.workspaceId))?.name).toBe("Admin Named IT");
    expect(await (await appFetch("/dashboard", { cookie: owner.cookie })).text()).toContain("Admin Named IT");
  });

  it.each(["manager", "technician", "observer"] as const)("refuses a %s changing workspace settings (403)", async (role) => {
    const owner = await makeWorkspace("owner", "Stable Name");
    const actor = await addUser(owner.workspaceId, role);
    expect((await postForm(PAGE, { intent: "rename", name: "Changed" }, actor.cookie)).status).toBe(403);
    expect((await postForm(PAGE, { intent: "devicePolicy" }, actor.cookie)).status).toBe(403);
    expect(await workspaceRow(owner.workspaceId)).toMatchObject({ name: "Stable Name", markInactiveOnDelete: true });
    const html = await (await appFetch(PAGE, { cookie: actor.cookie })).text();
    expect(html).toContain("Only an Owner or Admin can change them");
  });

  it("answers an empty or oversized name with 400 and a field message, keeping the old name", async () => {
    const owner = await makeWorkspace("owner", "Keep Me");
    const empty = await postForm(PAGE, { intent: "rename", name: "   " }, owner.cookie);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Workspace name is required.");
    const long = await postForm(PAGE, { intent: "rename", name: "x".repeat(121) }, owner.cookie);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("Workspace name must be at most 120 characters.");
    expect((await postForm(PAGE, { intent: "explode" }, owner.cookie)).status).toBe(400);
    expect((await workspaceRow(owner.workspaceId))?.name).toBe("Keep Me");
  });

  it("turns 'Mark asset inactive when its NinjaOne device is deleted' off and on (default on)", async () => {
    const email = `pat-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const setup = await postForm("/setup", { workspaceName: "Policy MSP", name: "Pat", email, password: "a-long-password" });
    const cookie = (setup.headers.get("Set-Cookie") ?? "").split(";")[0];
    const html = await (await appFetch(PAGE, { cookie })).text();
    expect(html).toContain("Mark asset inactive when its NinjaOne device is deleted");
    const owner = await db().query.users.findFirst({ where: eq(schema.users.email, email) });
    const workspaceId = owner!.workspaceId;
    expect((await workspaceRow(workspaceId))?.markInactiveOnDelete).toBe(true);

    // An unchecked checkbox sends nothing: that means off.
    expect((await postForm(PAGE, { intent: "devicePolicy" }, cookie)).status).toBe(200);
    expect((await workspaceRow(workspaceId))?.markInactiveOnDelete).toBe(false);
    expect((await postForm(PAGE, { intent: "devicePolicy", markInactiveOnDelete: "on" }, cookie)).status).toBe(200);
    expect((await workspaceRow(workspaceId))?.markInactiveOnDelete).toBe(true);
    expect((await postForm(PAGE, { intent: "devicePolicy", markInactiveOnDelete: "maybe" }, cookie)).status).toBe(400);
    expect((await workspaceRow(workspaceId))?.markInactiveOnDelete).toBe(true);
  });

  it("changes only the acting workspace, even when another workspace's owner posts", async () => {
    const a = await makeWorkspace("owner", "Workspace A");
    const b = await makeWorkspace("owner", "Workspace B");
    expect((await postForm(PAGE, { intent: "rename", name: "B renamed" }, b.cookie)).status).toBe(200);
    expect((await workspaceRow(a.workspaceId))?.name).toBe("Workspace A");
    expect((await workspaceRow(b.workspaceId))?.name).toBe("B renamed");
  });
});

describe("Settings > Workspace: your time zone", () => {
  it.each(ROLES)("lets a %s set their own time zone, and only theirs", async (role) => {
    const owner = await makeWorkspace("owner");
    const actor = role === "owner" ? owner : await addUser(owner.workspaceId, role);
    const other = await addUser(owner.workspaceId, "technician");
    expect((await postForm(PAGE, { intent: "timeZone", timeZone: "Europe/Berlin" }, actor.cookie)).status).toBe(200);
    expect((await userRow(actor.userId))?.timeZone).toBe("Europe/Berlin");
    expect((await userRow(other.userId))?.timeZone).toBe("UTC");
  });

  it.each([["Mars/Olympus_Mons"], [""], ["Europe/Berlin; DROP TABLE users"], ["x".repeat(80)]])(
    "refuses %j with 400 and a field message",
    async (timeZone) => {
      const { userId, cookie } = await makeWorkspace("observer");
      const res = await postForm(PAGE, { intent: "timeZone", timeZone }, cookie);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Choose a time zone from the list");
      expect((await userRow(userId))?.timeZone).toBe("UTC");
    },
  );

  it("shows times in the user's zone", async () => {
    const { cookie, userId } = await makeWorkspace("owner");
    await postForm(PAGE, { intent: "timeZone", timeZone: "Asia/Tokyo" }, cookie);
    const created = (await userRow(userId))!.createdAt;
    const expected = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" }).format(new Date(created));
    expect(await (await appFetch("/settings/users", { cookie })).text()).toContain(expected);
  });
});

describe("Settings > Workspace: your password", () => {
  it("lets any user replace their password, signing out their other sessions", async () => {
    const { email, cookie } = await makeWorkspace("observer");
    const other = await postForm("/login", { email, password: TEST_PASSWORD });
    const otherCookie = (other.headers.get("Set-Cookie") ?? "").split(";")[0];
    expect((await appFetch("/dashboard", { cookie: otherCookie })).status).toBe(200);

    const fields = { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password" };
    expect((await postForm(PAGE, fields, cookie)).status).toBe(200);
    expect((await appFetch("/dashboard", { cookie })).status).toBe(200);
    expect((await appFetch("/dashboard", { cookie: otherCookie })).status).toBe(302);
    expect((await postForm("/login", { email, password: TEST_PASSWORD })).status).toBe(400);
    expect((await postForm("/login", { email, password: "a-brand-new-password" })).status).toBe(302);
  });

  it.each([
    ["a wrong current password", { currentPassword: "not my password" }, "This is not your current password."],
    ["a short new password", { newPassword: "short", confirmPassword: "short" }, "Password must be at least 10 characters."],
    ["a mismatched repeat", { confirmPassword: "something-else-entirely" }, "The two new passwords differ."],
  ])("refuses %s with 400 and a field message, keeping the old password", async (_label, patch, message) => {
    const { userId, cookie } = await makeWorkspace("technician");
    const before = (await userRow(userId))!.passwordHash;
    const fields = { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password", ...patch };
    const res = await postForm(PAGE, fields, cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).not.toContain(TEST_PASSWORD);
    expect((await userRow(userId))!.passwordHash).toBe(before);
  });
});
