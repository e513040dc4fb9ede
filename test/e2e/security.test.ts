// Security in a real browser: the audit log an Owner reads (filtered, exported as CSV), refused
// weak passwords with their reason, a hostile `next` after login, and API keys that stop with
// their creator.
import http from "node:http";
import { expect, it } from "vitest";
import { BASE_URL, expectVisible, logIn, signUp, uniqueEmail, useBrowser } from "./browser";

const { newPage } = useBrowser();

it("an owner reads the audit log: people, keys and failed sign-ins, filtered and exported", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Audited MSP", name: "Olive Owner" });

  // A teammate: a common password is refused with the reason, then a good one works.
  await page.goto("/settings/users");
  const teammate = { name: "Adam Admin", email: uniqueEmail("adam"), password: "blue-kettle-sunrise" };
  const add = page.locator("#add-teammate");
  await add.getByLabel("Name").fill(teammate.name);
  await add.getByLabel("E-mail").fill(teammate.email);
  await add.getByLabel("Role").selectOption({ label: "Admin" });
  await add.getByLabel("Initial password").fill("password123");
  await add.getByRole("button", { name: "Add teammate" }).click();
  await expectVisible(page.getByText("one of the most common passwords"));
  await add.getByLabel("Initial password").fill(teammate.password);
  await add.getByRole("button", { name: "Add teammate" }).click();
  await expectVisible(page.getByText(`${teammate.name} can now log in as Admin`));

  // The admin makes an API key; the owner disables the admin; the key stops with its creator.
  const admin = await newPage();
  await logIn(admin, teammate.email, teammate.password);
  await admin.goto("/settings/api-keys");
  const form = admin.locator("#create-api-key");
  await form.getByLabel("Name").fill("Nightly export");
  await form.getByLabel("Role").selectOption({ label: "Admin" });
  await form.getByLabel("Expires").selectOption({ label: "In 90 days" });
  await form.getByRole("button", { name: "Create key" }).click();
  const key = await admin.getByLabel("New API key").inputValue();
  const callApi = () => fetch(`${BASE_URL}/api/v1/customers`, { headers: { Authorization: `Bearer ${key}` } });
  expect((await callApi()).status).toBe(200);

  await page.goto("/settings/users");
  await page.getByTestId(`user-row-${teammate.email}`).getByRole("button", { name: /Disable/ }).click();
  await expectVisible(page.getByText(`${teammate.name} is disabled`));
  const refused = await callApi();
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("creator_disabled");
  await page.goto("/settings/api-keys");
  await expectVisible(page.getByText("Creator disabled"));

  // A stranger fails to sign in as the admin.
  const stranger = await newPage();
  await stranger.goto("/login");
  await stranger.getByLabel("E-mail").fill(teammate.email);
  await stranger.getByLabel("Password").fill("not-the-password");
  await stranger.getByRole("button", { name: "Log in" }).click();
  await expectVisible(stranger.getByText("E-mail or password is incorrect."));

  // The audit log.
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  await page.waitForURL("**/settings/audit-log");
  const rows = page.getByTestId("audit-events");
  for (const text of ["User added", "API key created", "User disabled", "Sign-in failed"]) await expectVisible(rows.getByText(text, { exact: true }));
  await expectVisible(rows.getByText(`Created API key “Nightly export”`, { exact: false }));

  await page.getByLabel("Kind").selectOption({ label: "API key created" });
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL("**/settings/audit-log?**kind=api_key.created**");
  await expectVisible(rows.getByText("API key created", { exact: true }));
  expect(await rows.getByText("User added", { exact: true }).count()).toBe(0);

  const csv = await page.request.get(`/settings/audit-log.csv?kind=api_key.created`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toContain("time_utc,kind,actor_type");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("Nightly export");
});

it("after login, a hostile next never leaves the site", async () => {
  const page = await newPage();
  const { email, password } = await signUp(page, { workspace: "Redirect MSP" });
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL("**/login");
  for (const next of ["/\\evil.example", "/%09/evil.example", "//evil.example"]) {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL("**/dashboard");
    expect(new URL(page.url()).origin).toBe(BASE_URL);
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL("**/login");
  }
});

/** A raw HTTP request (fetch cannot send a GET with a body). */
function rawRequest(method: string, path: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    const url = new URL(path, BASE_URL);
    const req = http.request(url, { method, headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

it("a GET with a body is a 400 and a cross-origin form post a 403, never a 500", async () => {
  const page = await rawRequest("GET", "/login", { "Content-Type": "application/x-www-form-urlencoded" }, "x=1");
  expect(page.status).toBe(400);
  expect(page.type).toContain("text/html");
  const apiRes = await rawRequest("GET", "/api/v1/customers", { "Content-Type": "application/json" }, "{}");
  expect(apiRes.status).toBe(400);
  expect(JSON.parse(apiRes.text).error.code).toBe("bad_request");
  const csrf = await rawRequest("POST", "/login", { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" }, "email=a%40b.c&password=x");
  expect(csrf.status).toBe(403);
  expect(csrf.text).toContain("This form was sent from another site");
});
