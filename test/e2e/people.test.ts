import { expect, it } from "vitest";
import { expectVisible, logIn, signUp, uniqueEmail, useBrowser } from "./browser";

const { newPage } = useBrowser();

it("an owner adds a Technician, who logs in, sees their role and a welcome in the inbox", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Contoso Managed IT", name: "Olive Owner" });

  await page.getByRole("link", { name: "Settings" }).click();
  await page.waitForURL("**/settings/workspace");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Users" }).click();
  await page.waitForURL("**/settings/users");

  const teammate = { name: "Tina Tech", email: uniqueEmail("tina"), password: "tina-initial-pass" };
  const add = page.locator("#add-teammate");
  await add.getByLabel("Name").fill(teammate.name);
  await add.getByLabel("E-mail").fill(teammate.email);
  await add.getByLabel("Role").selectOption({ label: "Technician" });
  await add.getByLabel("Initial password").fill(teammate.password);
  await add.getByRole("button", { name: "Add teammate" }).click();
  await expectVisible(page.getByText(`${teammate.name} can now log in as Technician`));
  const row = page.getByTestId(`user-row-${teammate.email}`);
  await expectVisible(row.getByText("Technician"));
  await expectVisible(row.getByText("Active"));

  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL("**/login");
  await logIn(page, teammate.email, teammate.password);
  const account = page.locator("aside");
  await expectVisible(account.getByText(teammate.name));
  await expectVisible(account.getByText("Technician", { exact: true }));

  // The welcome notification: unread badge, then Open marks it read and goes to its link.
  const badge = page.getByTestId("unread-badge");
  await expectVisible(badge);
  expect(await badge.textContent()).toBe("1");
  await page.getByRole("link", { name: /Inbox/ }).click();
  await page.waitForURL("**/inbox");
  const item = page.getByTestId("notification").filter({ hasText: "Welcome to Contoso Managed IT" });
  await expectVisible(item);
  await expectVisible(item.getByText("Olive Owner added you as Technician."));
  expect(await item.getAttribute("data-unread")).toBe("true");
  await item.getByRole("button", { name: /^Open/ }).click();
  await page.waitForURL("**/dashboard");
  await page.getByTestId("unread-badge").waitFor({ state: "detached" });
  await page.getByRole("link", { name: /Inbox/ }).click();
  await page.waitForURL("**/inbox");
  expect(await page.getByTestId("notification").first().getAttribute("data-unread")).toBe("false");
  await expectVisible(page.getByText("You are all caught up."));

  // A Technician sees Users read-only.
  await page.goto("/settings/users");
  await expectVisible(page.getByText("Only an Owner or Admin can add people or change roles."));
  expect(await page.locator("#add-teammate").count()).toBe(0);
});

it("an owner creates an API key and sees it exactly once", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Keyed MSP" });
  await page.goto("/settings/api-keys");
  await expectVisible(page.getByText("No API keys yet"));

  const form = page.locator("#create-api-key");
  await form.getByLabel("Name").fill("PSA connector");
  await form.getByLabel("Role").selectOption({ label: "Technician" });
  await form.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByLabel("New API key");
  await expectVisible(shown);
  const key = await shown.inputValue();
  expect(key).toMatch(/^core_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  await expectVisible(page.getByText("you will not see this key again"));
  const row = page.getByRole("row").filter({ hasText: "PSA connector" });
  await expectVisible(row.getByText(key.slice(0, 13)));
  await expectVisible(row.getByText("Never"));

  // Reloading the page does not show the key again.
  await page.goto("/settings/api-keys");
  await expectVisible(page.getByRole("row").filter({ hasText: "PSA connector" }));
  expect(await page.getByLabel("New API key").count()).toBe(0);
  expect(await page.content()).not.toContain(key);

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Revoke PSA connector" }).click();
  await expectVisible(page.getByRole("row").filter({ hasText: "PSA connector" }).getByText("Revoked"));
});

it("adding a teammate shows field errors beside the fields", async () => {
  const page = await newPage();
  const owner = await signUp(page);
  await page.goto("/settings/users");
  const add = page.locator("#add-teammate");
  await add.getByLabel("Name").fill("Dup");
  await add.getByLabel("E-mail").fill(owner.email);
  await add.getByLabel("Initial password").fill("long-enough-pass");
  await add.getByRole("button", { name: "Add teammate" }).click();
  await expectVisible(add.getByText("Someone with this e-mail already has a Core account."));
});
