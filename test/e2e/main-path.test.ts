// The main path across the product: an owner's API key drives the JSON API, the records it
// creates show in the UI, and an Observer teammate can read them but is refused every change.
import { expect, it } from "vitest";
import { z } from "zod";
import { BASE_URL, expectVisible, logIn, signUp, uniqueEmail, useBrowser } from "./browser";

const { newPage } = useBrowser();

const One = z.object({ data: z.object({ id: z.string(), name: z.string() }) });
const Many = z.object({ data: z.array(z.object({ id: z.string(), name: z.string() })) });
const Invalid = z.object({ error: z.object({ code: z.string(), fields: z.record(z.string(), z.array(z.string())) }) });

it("the API works with an API key, and an Observer can read but not change", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Main Path MSP" });

  // An API key with the Manager role, shown once.
  await page.goto("/settings/api-keys");
  const form = page.locator("#create-api-key");
  await form.getByLabel("Name").fill("Automation");
  await form.getByLabel("Role").selectOption({ label: "Manager" });
  await form.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel("New API key").inputValue();
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${BASE_URL}/api/v1${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...init.headers },
    });

  const created = await api("/customers", { method: "POST", body: JSON.stringify({ name: "Fabrikam Dental" }) });
  expect(created.status).toBe(201);
  const customer = One.parse(await created.json()).data;
  expect(customer.name).toBe("Fabrikam Dental");
  const invalid = await api("/customers", { method: "POST", body: JSON.stringify({ name: "" }) });
  expect(invalid.status).toBe(422);
  expect(Invalid.parse(await invalid.json()).error.fields.name?.length).toBeGreaterThan(0);
  const list = await api("/customers?limit=10");
  expect(Many.parse(await list.json()).data.map((c) => c.id)).toContain(customer.id);
  expect((await fetch(`${BASE_URL}/api/v1/customers`)).status).toBe(401);

  // What the API created is in the UI.
  await page.goto("/customers");
  await expectVisible(page.getByRole("link", { name: "Fabrikam Dental" }));

  // An Observer teammate.
  await page.goto("/settings/users");
  const observer = { name: "Oscar Observer", email: uniqueEmail("oscar"), password: "observer-pass-1" };
  const add = page.locator("#add-teammate");
  await add.getByLabel("Name").fill(observer.name);
  await add.getByLabel("E-mail").fill(observer.email);
  await add.getByLabel("Role").selectOption({ label: "Observer" });
  await add.getByLabel("Initial password").fill(observer.password);
  await add.getByRole("button", { name: "Add teammate" }).click();
  await expectVisible(page.getByText(`${observer.name} can now log in as Observer`));
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL("**/login");

  await logIn(page, observer.email, observer.password);
  await page.goto("/customers");
  await expectVisible(page.getByRole("link", { name: "Fabrikam Dental" }));
  expect(await page.getByRole("link", { name: "New customer" }).count()).toBe(0);
  // Going around the hidden button is refused too, and nothing is written.
  const denied = await page.goto("/customers/new");
  expect(denied?.status()).toBe(403);
  const post = await page.request.post("/customers/new", { form: { name: "Sneaky Ltd" } });
  expect(post.status()).toBe(403);
  const after = await api("/customers?limit=50");
  expect(Many.parse(await after.json()).data.map((c) => c.name)).not.toContain("Sneaky Ltd");
});
