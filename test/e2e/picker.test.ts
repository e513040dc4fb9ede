// The searchable customer picker on the asset form and the filters (assets, Reports, EOL,
// Contacts): options load as you type (none are in the page), the choice posts like a select, and
// the filter applies at once.
import { expect, it } from "vitest";
import { expectVisible, pickCustomer, signUp, useBrowser } from "./browser";

const { newPage } = useBrowser();

it("picks a customer by typing on the asset form and filters the assets list by it", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Picker MSP" });
  for (const name of ["Northwind Traders", "Fabrikam Inc", "Contoso Unused"]) {
    await page.goto("/customers/new");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create customer" }).click();
    await page.waitForURL(/\/customers\/[^/]+$/);
  }

  for (const [asset, customer, search] of [
    ["NW-LAPTOP-01", "Northwind Traders", "north"],
    ["FAB-DESK-01", "Fabrikam Inc", "fabri"],
  ] as const) {
    await page.goto("/assets/new");
    // No customer is rendered as an option before you type.
    expect(await page.content()).not.toContain("Northwind Traders");
    await page.getByLabel("Name").fill(asset);
    await page.getByLabel("Category").selectOption("Workstation");
    await pickCustomer(page, "Customer", search, customer);
    await page.getByRole("button", { name: "Create asset" }).click();
    await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
    await expectVisible(page.getByRole("link", { name: customer }));
  }

  // Escape closes the list and keeps the choice; the filter applies as soon as a customer is chosen.
  await page.goto("/assets");
  const filter = page.getByRole("combobox", { name: "Customer", exact: true });
  await filter.and(page.locator("[data-ready]")).waitFor();
  await filter.click();
  await expectVisible(page.getByRole("listbox"));
  await filter.press("Escape");
  expect(await page.getByRole("listbox").count()).toBe(0);
  expect(await filter.inputValue()).toBe("Any customer");
  await pickCustomer(page, "Customer", "fab", "Fabrikam Inc");
  await page.waitForURL(/customerId=/);
  await expectVisible(page.getByRole("link", { name: "FAB-DESK-01" }));
  expect(await page.getByRole("link", { name: "NW-LAPTOP-01" }).count()).toBe(0);
  expect(await filter.inputValue()).toBe("Fabrikam Inc");
  // The count says how many the filter matches.
  await expectVisible(page.getByTestId("asset-count").getByText("Showing 1 of 1 asset"));

  // Reports, EOL Recommendations and Contacts filter by customer with the same picker: no page
  // renders the customers as options.
  for (const [path, form] of [
    ["/reports", "Filter reports"],
    ["/assets/eol", "Filter EOL recommendations"],
    ["/contacts", "Filter contacts"],
  ] as const) {
    await page.goto(path);
    // Contoso owns nothing: its name could only be on the page as a filter option.
    expect(await page.content()).not.toContain("Contoso Unused");
    await pickCustomer(page, "Customer", "contoso", "Contoso Unused");
    await page.waitForURL(new RegExp(`${path.replace(/\//g, "\\/")}\\?.*customerId=`));
    const picker = page.locator(`form[aria-label="${form}"]`).getByRole("combobox", { name: "Customer", exact: true });
    await expect.poll(() => picker.inputValue()).toBe("Contoso Unused");
  }
  // The Reports figures follow the filter: one asset, Fabrikam's desk.
  await page.goto("/reports");
  await pickCustomer(page, "Customer", "fabri", "Fabrikam Inc");
  await page.waitForURL(/\/reports\?.*customerId=/);
  await expectVisible(page.getByText("1 asset").first());
});
