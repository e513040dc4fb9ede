import { describe, expect, it } from "vitest";
import { appFetch, makeWorkspace, postForm, TEST_PASSWORD } from "./helpers";

describe("workspace setup and login", () => {
  it("creates a workspace with its owner and signs them in", async () => {
    const res = await postForm("/setup", {
      workspaceName: "Acme IT",
      name: "Ada Owner",
      email: "ada@acme-it.test",
      password: "a-long-password",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/dashboard");
    const cookie = res.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const dash = await appFetch("/dashboard", { cookie: cookie.split(";")[0] });
    expect(dash.status).toBe(200);
    expect(await dash.text()).toContain("Acme IT");
  });

  it("rejects a short password with a field message and creates nothing", async () => {
    const res = await postForm("/setup", {
      workspaceName: "Acme IT",
      name: "Ada",
      email: "ada2@acme-it.test",
      password: "short",
    });
    expect(res.status).toBeLessThan(500);
    const login = await postForm("/login", { email: "ada2@acme-it.test", password: "short" });
    expect(login.status).toBe(400);
  });

  it("logs in with the right password and refuses the wrong one", async () => {
    const { email } = await makeWorkspace("technician");
    const bad = await postForm("/login", { email, password: "wrong password" });
    expect(bad.status).toBe(400);
    const good = await postForm("/login", { email, password: TEST_PASSWORD });
    expect(good.status).toBe(302);
    expect(good.headers.get("Location")).toBe("/dashboard");
  });

  it("slows down repeated failed logins", async () => {
    const { email } = await makeWorkspace("observer");
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await postForm("/login", { email, password: `nope-${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[6]).toBe(429);
    // Even the right password waits until the lock expires.
    expect((await postForm("/login", { email, password: TEST_PASSWORD })).status).toBe(429);
  });

  it("sends signed-out visitors to the login page", async () => {
    const res = await appFetch("/dashboard");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("/login");
  });
});
