// Devices on people and tickets, in a real browser against the built-in simulator: sync, give an
// organization a customer, assign three of its devices with "Assign all selected to", open a
// ticket of that contact and find the NinjaOne Devices card linking to the branded domain.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectVisible, pickCustomer, signUp, useBrowser } from "./browser";
import { connectNinjaOne, restoreSharedStateAfterFile, simControl, syncDevices } from "./ninjaone";

const { newPage } = useBrowser();
const NINJA_PAGE = "/settings/integrations/ninjaone";

// This test changes the simulator's shared fleet; later test files get it back.
restoreSharedStateAfterFile();

it("assigns three devices to a contact and shows them on the contact's ticket with Open in NinjaOne on the branded domain", async () => {
  await simControl("/reset", { seed: 5, size: 100 });
  const page = await newPage();
  await signUp(page, { workspace: "Assign MSP" });
  await connectNinjaOne(page);
  await page.goto(`${NINJA_PAGE}/configure`);
  await page.getByLabel("Dashboard Link Domain (optional)").fill("https://rmm.example-msp.com");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectVisible(page.getByText(/Remove the scheme \(https:\/\/\)\./));
  await page.getByLabel("Dashboard Link Domain (optional)").fill("rmm.example-msp.com");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(/\/settings\/integrations\/ninjaone\?saved=/);
  await syncDevices(page);

  // Give the first organization a customer (created from it), so its devices belong to someone's company.
  await page.goto(`${NINJA_PAGE}/mappings`);
  const firstOrg = page.locator("[data-org-name]").first();
  const orgName = ((await firstOrg.getAttribute("data-org-name")) ?? "").trim();
  await firstOrg.getByRole("button", { name: "Create customer from this organization" }).click();
  await page.getByRole("button", { name: "Save Mappings" }).click();
  await expectVisible(page.getByText("1 customer created"));

  await page.goto("/customers");
  await page.getByRole("link", { name: orgName, exact: true }).click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  const customerUrl = page.url();
  await page.getByRole("link", { name: "Add contact" }).click();
  await page.getByLabel("Name").fill("Dana Device");
  await page.getByLabel("E-mail").fill("dana@example.test");
  await page.getByRole("button", { name: "Create contact" }).click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);

  // Bulk Device Assignment: tick three devices, "Assign all selected to" Dana (searching as you type), Confirm.
  await page.goto(customerUrl);
  await page.getByRole("link", { name: "Assign Devices" }).click();
  await page.waitForURL(/\/assign-devices$/);
  const form = page.getByRole("form", { name: "Assign devices" });
  const boxes = form.locator('tbody input[type="checkbox"]');
  const names: string[] = [];
  for (let i = 0; i < 3; i++) {
    const row = form.locator("tbody tr").nth(i);
    names.push(((await row.locator("td").nth(1).textContent()) ?? "").trim());
    await boxes.nth(i).check();
  }
  await expectVisible(form.getByRole("button", { name: "Confirm: assign 3 devices" }));
  await form.getByRole("combobox", { name: "Assign all selected to" }).fill("dan");
  await form.getByRole("option", { name: /Dana Device/ }).click();
  await form.getByRole("button", { name: "Confirm: assign 3 devices" }).click();
  await expectVisible(page.getByText("Assigned 3 devices to contacts."));
  for (const name of names) expect(await form.getByRole("link", { name, exact: true }).count()).toBe(0);

  // A ticket of Dana: the NinjaOne Devices card lists the three, each opening NinjaOne on the branded domain.
  await page.goto("/tickets/new");
  await page.getByLabel("Title").fill("Laptop will not wake up");
  await pickCustomer(page, "Customer", orgName, orgName);
  await page.getByLabel("Contact").selectOption({ label: "Dana Device" });
  await page.getByRole("button", { name: "Create ticket" }).click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  const card = page.getByRole("list", { name: "NinjaOne devices of Dana Device" });
  await expectVisible(card);
  expect(await card.locator("li").count()).toBe(3);
  for (const name of names) {
    await expectVisible(card.getByRole("link", { name, exact: true }));
    const link = card.getByRole("link", { name: `Open ${name} in NinjaOne` });
    expect(await link.getAttribute("href")).toMatch(/^https:\/\/rmm\.example-msp\.com\/#\/deviceDashboard\/\d+\/overview$/);
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
  }
  // The history of one device says who assigned it.
  await card.getByRole("link", { name: names[0], exact: true }).click();
  await expectVisible(page.getByText(/Assigned to Dana Device by .+, by bulk device assignment: assign all selected to/));
});
