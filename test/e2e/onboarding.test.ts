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
