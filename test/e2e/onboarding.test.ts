import { expect, it } from "vitest";
import { expectVisible, logIn, signUp, useBrowser } from "./browser";

const { newPage } = useBrowser();

it("a new user creates a workspace, logs out and logs back in", async () => {
  const page = await newPage();
  const { email, password } = await signUp(page, { workspace: "Northwind Managed IT" });
  await expectVisible(page.getByRole("heading", { name: "Dashboard" }));
  await expectVisible(page.getByText("Northwind Managed IT"));
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL("**/login");
  await logIn(page, email, password);
  expect(page.url()).toContain("/dashboard");
});

it("shows field errors next to the field when the form is wrong", async () => {
  const page = await newPage();
  await page.goto("/setup");
  await page.getByLabel("Workspace name").fill("X");
  await page.getByLabel("Your name").fill("Y");
  await page.getByLabel("E-mail").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expectVisible(page.getByText("Enter a valid e-mail address."));
  await expectVisible(page.getByText("Password must be at least 10 characters."));
});

it("a new workspace's dashboard shows the getting-started checklist; its steps open the NinjaOne tabs, which work from the keyboard", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Checklist MSP" });
  const checklist = page.getByTestId("getting-started");
  await expectVisible(checklist.getByRole("heading", { name: "Get started with NinjaOne" }));
  await expectVisible(checklist.getByText("0 of 5 done"));
  expect(await checklist.locator('[data-done="no"]').count()).toBe(5);

  // Each step links to the tab that does it.
  await checklist.getByRole("link", { name: "Set replacement policies" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone/replacement-policies");
  const tabs = page.getByRole("navigation", { name: "NinjaOne settings" });
  expect(await tabs.locator('a[aria-current="page"]').textContent()).toBe("Replacement Policies");

  // The tab list from the keyboard: arrows and Home/End move between tabs, Enter opens one (a real URL).
  await tabs.getByRole("link", { name: "Replacement Policies" }).focus();
  await page.keyboard.press("Home");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Overview");
  await page.keyboard.press("ArrowRight");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Organization Mapping");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft"); // wraps round to the last tab
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("History");
  await page.keyboard.press("Enter");
  await page.waitForURL("**/settings/integrations/ninjaone/history");
  await tabs.locator('a[aria-current="page"]', { hasText: "History" }).waitFor();
  await expectVisible(page.getByText("No syncs yet."));
});
