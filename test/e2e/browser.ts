// Browser helpers for the e2e layer: Debian's Chromium driven by playwright-core.
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://localhost:8787";

let browser: Browser | undefined;

/** One Chromium per test file; each call to newPage() gets a fresh cookie jar. */
export function useBrowser() {
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async newPage(): Promise<Page> {
      if (!browser) throw new Error("browser not started");
      const context = await browser.newContext({ baseURL: BASE_URL, timezoneId: "Europe/London" });
      context.setDefaultTimeout(15_000);
      return context.newPage();
    },
  };
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.test`;
}

/** Create a workspace through the UI and land on the dashboard. */
export async function signUp(page: Page, opts: { workspace?: string; name?: string; email?: string; password?: string } = {}) {
  const email = opts.email ?? uniqueEmail("owner");
  const password = opts.password ?? "a-very-good-password";
  await page.goto("/setup");
  await page.getByLabel("Workspace name").fill(opts.workspace ?? "E2E MSP");
  await page.getByLabel("Your name").fill(opts.name ?? "Olive Owner");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL("**/dashboard");
  return { email, password };
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL("**/dashboard");
}

/** Wait for a locator to be visible (fails the test with a clear error after the timeout). */
export async function expectVisible(locator: import("playwright-core").Locator) {
  await locator.first().waitFor({ state: "visible" });
}

/** Choose a customer in the type-ahead customer picker labelled `label`: type `search`, click the option starting with `name`. */
export async function pickCustomer(page: Page, label: string, search: string, name: string) {
  const box = page.getByRole("combobox", { name: label, exact: true });
  await box.and(page.locator("[data-ready]")).waitFor();
  await box.click();
  await box.fill(search);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await page.getByRole("listbox").getByRole("option", { name: new RegExp(`^${escaped}`) }).first().click();
  await page.getByRole("listbox").waitFor({ state: "detached" });
}
