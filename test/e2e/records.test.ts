import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectVisible, pickCustomer, signUp, useBrowser } from "./browser";

const { newPage } = useBrowser();
const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

it("creates a customer, a contact and a ticket for that contact, and shows them in the ticket's sidebar", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Records MSP" });

  await nav(page).getByRole("link", { name: "Customers" }).click();
  await expectVisible(page.getByText("No customers yet"));
  await page.getByRole("link", { name: "Create your first customer" }).click();
  await page.getByLabel("Name").fill("Contoso Ltd");
  await page.getByLabel("E-mail").fill("office@contoso.example");
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  await expectVisible(page.getByRole("heading", { name: "Contoso Ltd" }));

  // A second customer, so the ticket form has to follow the chosen customer's contacts.
  await page.goto("/customers/new");
  await page.getByLabel("Name").fill("Fabrikam");
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: "Add contact" }).click();
  await page.getByLabel("Name").fill("Frank Fab");
  await page.getByRole("button", { name: "Create contact" }).click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);

  await page.goto("/customers");
  await page.getByRole("link", { name: "Contoso Ltd" }).click();
  await page.getByRole("link", { name: "Add contact" }).click();
  await page.getByLabel("Name").fill("Jane Doe");
  await page.getByLabel("E-mail").fill("jane@contoso.example");
  await page.getByLabel("Phone").fill("+44 20 7946 0018");
  await page.getByLabel("Title").fill("Office manager");
  await page.getByRole("button", { name: "Create contact" }).click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  await expectVisible(page.getByRole("heading", { name: "Jane Doe" }));

  await nav(page).getByRole("link", { name: "Tickets" }).click();
  await page.getByRole("link", { name: "Open the first ticket" }).click();
  await page.getByLabel("Title").fill("Outlook keeps asking for a password");
  await page.getByLabel("Description").fill("Since Monday's update.");
  await pickCustomer(page, "Customer", "conto", "Contoso Ltd");
  const contactOptions = await page.getByLabel("Contact").locator("option").allTextContents();
  expect(contactOptions).toEqual(["No contact", "Jane Doe"]);
  await page.getByLabel("Contact").selectOption({ label: "Jane Doe" });
  await page.getByLabel("Priority").selectOption("high");
  await page.getByRole("button", { name: "Create ticket" }).click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);

  await expectVisible(page.getByRole("heading", { name: "Outlook keeps asking for a password" }));
  await expectVisible(page.getByText("Tickets / #1"));
  const sidebar = page.getByRole("complementary", { name: "Ticket sidebar" });
  await expectVisible(sidebar.getByRole("link", { name: "Contoso Ltd" }));
  await expectVisible(sidebar.getByRole("link", { name: "Jane Doe" }));
  await expectVisible(sidebar.getByText("jane@contoso.example"));
  await expectVisible(sidebar.getByText("+44 20 7946 0018"));
  await expectVisible(sidebar.getByText("Jane Doe has no NinjaOne devices."));

  await sidebar.getByLabel("Status").selectOption("resolved");
  await sidebar.getByRole("button", { name: "Set" }).click();
  await expectVisible(page.locator("main span", { hasText: /^Resolved$/ }));

  await nav(page).getByRole("link", { name: "Dashboard" }).click();
  await expectVisible(page.getByText("No open tickets right now."));
});

it("shows field errors beside the ticket form's fields", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Errors MSP" });
  await page.goto("/tickets/new");
  await page.getByLabel("Title").fill("x".repeat(201));
  await page.getByRole("button", { name: "Create ticket" }).click();
  await expectVisible(page.getByText("Title must be at most 200 characters."));
  expect(page.url()).toContain("/tickets/new");
});
