import { expect, it } from "vitest";
import { expectVisible, signUp, useBrowser } from "./browser";
import { connectNinjaOne, restoreSharedStateAfterFile, simControl } from "./ninjaone";

const { newPage } = useBrowser();
// This file resets the shared simulator's fleet: give it back afterwards.
restoreSharedStateAfterFile();

it("creates an asset through the form, finds it with search and filters, and opens it", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Assets E2E MSP" });
  await page.getByRole("link", { name: "Assets", exact: true }).click();
  await expectVisible(page.getByText("No assets yet"));

  await page.getByRole("link", { name: "New asset" }).click();
  await page.waitForURL("**/assets/new");
  // Submitting the empty form shows the errors beside the fields.
  await page.getByRole("button", { name: "Create asset" }).click();
  await expectVisible(page.getByText("Name is required."));
  await expectVisible(page.getByText("Choose a category."));

  await page.getByLabel("Name").fill("RECEPTION-PC01");
  await page.getByLabel("Category").selectOption("Server");
  await page.getByLabel("Status").selectOption("in_repair");
  await page.getByLabel("Manufacturer").fill("Dell");
  await page.getByLabel("Serial number").fill("E2E-SN-42");
  await page.getByLabel("Warranty start").fill("2025-01-10");
  await page.getByLabel("Warranty end").fill("2024-01-10");
  await page.getByRole("button", { name: "Create asset" }).click();
  await expectVisible(page.getByText("Warranty end must be on or after the warranty start."));
  await page.getByLabel("Warranty end").fill("2028-01-10");
  await page.getByRole("button", { name: "Create asset" }).click();
  await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
  await expectVisible(page.getByRole("heading", { name: "RECEPTION-PC01" }));
  await expectVisible(page.getByText("In repair").first());

  // Search finds any part of a name or serial, in any case, and the list says how many match.
  await page.goto("/assets");
  await page.getByLabel("Search").fill("ception-p");
  await page.getByLabel("Search").press("Enter");
  await page.waitForURL(/q=ception-p/);
  await expectVisible(page.getByRole("link", { name: "RECEPTION-PC01" }));
  await expectVisible(page.getByTestId("asset-count").getByText("Showing 1 of 1 asset"));
  await page.getByLabel("Search").fill("sn-4");
  await page.getByLabel("Search").press("Enter");
  await page.waitForURL(/q=sn-4/);
  await expectVisible(page.getByRole("link", { name: "RECEPTION-PC01" }));
  await page.getByLabel("Search").fill("reception");
  await page.getByLabel("Search").press("Enter");
  await page.waitForURL(/q=reception/);
  // The Warranty end column, once chosen, is remembered for the next visit.
  await page.getByLabel("Warranty end").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/wend=1/);
  await expectVisible(page.getByRole("columnheader", { name: "Warranty end" }));
  await expectVisible(page.getByRole("cell", { name: "2028-01-10" }));
  await page.goto("/assets");
  await expectVisible(page.getByRole("columnheader", { name: "Warranty end" }));
  await page.getByLabel("Search").fill("reception");
  await page.getByLabel("Search").press("Enter");
  await page.waitForURL(/q=reception/);
  // Selects apply at once.
  await page.getByLabel("Category").selectOption("Mac");
  await page.waitForURL(/category=Mac/);
  await expectVisible(page.getByText("No assets match these filters"));
  await page.getByLabel("Category").selectOption("Server");
  await page.waitForURL(/category=Server/);
  // A row's link is a plain anchor the list routes in the app: no new document is loaded (a mark
  // left on this window survives).
  await page.evaluate(() => Object.assign(window, { stillThisDocument: true }));
  await page.getByRole("link", { name: "RECEPTION-PC01" }).click();
  await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
  await expectVisible(page.getByText("E2E-SN-42"));
  expect(await page.evaluate(() => "stillThisDocument" in window)).toBe(true);
  await expectVisible(page.getByText("10 Jan 2025 to 10 Jan 2028"));
  expect(page.url()).toMatch(/\/assets\/[0-9a-f-]{36}$/);
});

it("shows the Reports page with its charts", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Reports E2E MSP" });
  await page.goto("/reports");
  await expectVisible(page.getByText("No assets to report on yet"));
  await page.goto("/assets/new");
  await page.getByLabel("Name").fill("CHART-ME");
  await page.getByLabel("Category").selectOption("Workstation");
  await page.getByRole("button", { name: "Create asset" }).click();
  await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await page.waitForURL("**/reports");
  await expectVisible(page.getByRole("heading", { name: "Assets by category" }));
  // recharts draws its SVG only after hydration.
  const chart = page.locator('[data-chart="Assets by category"] svg.recharts-surface');
  await chart.first().waitFor({ state: "visible" });
  expect(await page.locator('[data-chart="Assets by category"] .recharts-bar-rectangle').count()).toBeGreaterThan(0);
  await expectVisible(page.getByText("1 asset").first());
  // A legend row opens the assets it counts, in the app (the same document).
  await page.evaluate(() => Object.assign(window, { stillThisDocument: true }));
  await page.getByRole("link", { name: "Workstation", exact: true }).click();
  await page.waitForURL(/\/assets\?category=Workstation/);
  await expectVisible(page.getByRole("link", { name: "CHART-ME" }));
  expect(await page.evaluate(() => "stillThisDocument" in window)).toBe(true);
});

it("shows synced NinjaOne devices: badge and online dot, the NinjaOne card with why it was matched, and the device reports", async () => {
  await simControl("/reset", { seed: 11, size: 12 });
  const page = await newPage();
  await signUp(page, { workspace: "Fleet MSP" });
  await connectNinjaOne(page);
  await page.getByRole("button", { name: "Sync Devices" }).click();
  // The queue syncs in the background: reload until the result card shows the fleet.
  const deadline = Date.now() + 90_000;
  for (;;) {
    await page.goto("/settings/integrations/ninjaone");
    const found = page.getByTestId("stat-devices-found");
    if ((await found.count()) > 0 && (await found.textContent()) === "12") break;
    if (Date.now() > deadline) throw new Error("the sync did not finish with 12 devices");
    await page.waitForTimeout(1000);
  }

  await page.goto("/assets?source=ninjaone");
  await expectVisible(page.getByText("Showing 12 of 12 assets"));
  expect(await page.locator("tbody tr").count()).toBe(12);
  await expectVisible(page.locator("tbody").getByText("NinjaOne").first());
  expect(await page.locator("tbody").getByText(/^(Online|Offline)$/).count()).toBe(12);

  await page.locator("tbody tr").first().getByRole("link").first().click();
  await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
  await expectVisible(page.getByRole("heading", { name: "NinjaOne", exact: true }));
  await expectVisible(page.getByText("Why it was matched"));
  await expectVisible(page.getByText("Created from the device"));
  await expectVisible(page.getByRole("heading", { name: "Last changes from syncs" }));
  // The sync owns the device fields: the edit form shows them read-only.
  await page.getByRole("link", { name: "Edit" }).click();
  await expectVisible(page.getByText(/Managed by NinjaOne sync/));
  expect(await page.getByLabel("Name").count()).toBe(0);

  await page.goto("/reports");
  await page.locator('[data-chart="Device Age"] svg.recharts-surface').first().waitFor({ state: "visible" });
  await page.locator('[data-chart="Warranty Status"] svg.recharts-surface').first().waitFor({ state: "visible" });
  await expectVisible(page.getByRole("heading", { name: "Devices by Company" }));
  await expectVisible(page.getByText("12 devices").first());
});
