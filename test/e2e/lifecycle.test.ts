import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { expectVisible, pickCustomer, signUp, useBrowser } from "./browser";

const { newPage } = useBrowser();

/** The day `months` months and a few days ago (UTC), as the date input takes it. */
function monthsAgo(months: number) {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

it("a customer override moves a device from Compliant to Overdue, and the recommendations download as CSV", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Lifecycle E2E MSP" });

  await page.goto("/customers/new");
  await page.getByLabel("Name").fill("Acme Lifecycle");
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);

  await page.goto("/assets/new");
  await page.getByLabel("Name").fill("ACME-PC-OLD");
  await page.getByLabel("Category").selectOption("Workstation");
  await pickCustomer(page, "Customer", "Acme Life", "Acme Lifecycle");
  await page.getByLabel("Purchase date").fill(monthsAgo(30));
  await page.getByRole("button", { name: "Create asset" }).click();
  await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
  // The age says where it comes from.
  await expectVisible(page.getByTestId("asset-age").getByText("2 y 6 m, from purchase date"));
  await expectVisible(page.getByTestId("asset-replacement").getByText("Compliant"));

  await page.goto("/assets");
  await page.getByRole("link", { name: "EOL Recommendations" }).click();
  await page.waitForURL("**/assets/eol");
  const row = page.locator('tr[data-asset-name="ACME-PC-OLD"]');
  await expectVisible(row.getByText("Compliant"));
  await expectVisible(row.getByText("Core default"));
  await page.locator('[data-chart="Replacements due by quarter"] svg.recharts-surface').first().waitFor({ state: "visible" });

  // Settings › Integrations › NinjaOne › Manage Replacement Policies: override Workstations for Acme.
  await page.getByRole("link", { name: "Manage Replacement Policies" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone/replacement-policies");
  await pickCustomer(page, "Policy for", "Acme Life", "Acme Lifecycle");
  await page.waitForURL(/customerId=/);
  await page.getByLabel("Override Workstation for Acme Lifecycle").check();
  await page.getByLabel("Maximum age for Workstation").fill("24");
  await page.getByLabel("Warning threshold for Workstation").fill("30");
  await page.getByRole("button", { name: "Save policies for Acme Lifecycle" }).click();
  // Errors appear beside the field; nothing is saved.
  await expectVisible(page.getByText("Warning threshold must be below the maximum age."));
  await page.getByLabel("Warning threshold for Workstation").fill("18");
  await page.getByLabel("Replacement cost for Workstation").fill("950");
  await page.getByRole("button", { name: "Save policies for Acme Lifecycle" }).click();
  await expectVisible(page.getByText("Replacement policies saved for Acme Lifecycle (1 category changed)."));
  await expectVisible(page.getByText("Acme Lifecycle's override"));

  await page.goto("/assets/eol");
  await expectVisible(row.getByText("Overdue"));
  await expectVisible(row.getByText("Customer's"));
  await expectVisible(page.getByTestId("eol-budget"));

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^eol-recommendations-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const [header, ...lines] = csv.trim().split("\r\n");
  expect(header.split(",").slice(0, 6)).toEqual(["Asset id", "Name", "Customer", "Category", "Online", "Classification"]);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain("ACME-PC-OLD,Acme Lifecycle,Workstation,,Overdue");
  expect(lines[0]).toContain(",950.00");

  await row.getByRole("link", { name: "ACME-PC-OLD" }).click();
  await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
  await expectVisible(page.getByTestId("asset-replacement").getByText("Overdue"));
});
