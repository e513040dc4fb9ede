// Organization mapping in a real browser against the built-in simulator: sync a small fleet, open
// the review page from the inbox notification, confirm the auto-matches, pick a customer for one
// organization, create a customer from another, save, and find the devices under those customers;
// then remap one and Undo the save.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectVisible, pickCustomer, signUp, useBrowser } from "./browser";
import { connectNinjaOne, restoreSharedStateAfterFile, simControl, syncDevices } from "./ninjaone";

const { newPage } = useBrowser();
const NINJA_PAGE = "/settings/integrations/ninjaone";

// This test shrinks the simulator's shared fleet to four organizations; later test files get the fleet back.
restoreSharedStateAfterFile();

async function createCustomer(page: Page, name: string) {
  await page.goto("/customers/new");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL(/\/customers\/[^/]+$/);
}

async function assetsOfCustomer(page: Page, name: string): Promise<number> {
  await page.goto("/customers");
  await page.getByRole("link", { name, exact: true }).first().click();
  await page.waitForURL(/\/customers\/[^/]+$/);
  const title = await page.getByRole("heading", { name: /^Assets \(/ }).textContent();
  return Number(/\((\d[\d,]*)\)/.exec(title ?? "")?.[1]?.replace(/,/g, "") ?? NaN);
}

it("an admin maps every NinjaOne organization from the review page the inbox links to", async () => {
  await simControl("/reset", { seed: 5, size: 100 }); // four organizations
  const page = await newPage();
  await signUp(page, { workspace: "Mapping MSP" });
  await connectNinjaOne(page);

  // First sync: no customers yet, so every organization is unmatched.
  await syncDevices(page);
  await page.goto("/settings/integrations/ninjaone/mappings");
  const rows = page.locator("[data-org-name]");
  await rows.first().waitFor();
  const orgs = await rows.evaluateAll((items) =>
    items.map((li) => ({ name: li.getAttribute("data-org-name") ?? "", devices: Number(/(\d+) devices?/.exec(li.textContent ?? "")?.[1] ?? -1) })),
  );
  expect(orgs).toHaveLength(4);
  expect(await page.getByTestId("count-unmatched").textContent()).toBe("4");
  const [first, second, third, fourth] = orgs;

  // Customers under slightly different names: two will be auto-matched, one is picked by hand.
  await createCustomer(page, `${first.name.replace(/[,.]/g, "").toUpperCase()} LLC`);
  await createCustomer(page, `The ${second.name}`);
  await createCustomer(page, "Zenith Managed Clients");
  await syncDevices(page);

  // The inbox has the day's one mapping notification; it opens the review page.
  await page.goto("/inbox");
  const open = page.getByRole("button", { name: "Open “4 NinjaOne organizations need a customer”" });
  expect(await open.count()).toBe(1);
  await open.click();
  await page.waitForURL("**/settings/integrations/ninjaone/mappings");
  await expectVisible(page.getByTestId("mapping-legend"));
  expect(await page.getByTestId("count-auto").textContent()).toBe("2");
  expect(await page.getByTestId("count-unmatched").textContent()).toBe("2");
  // Confirm both auto-matches.
  await page.getByRole("button", { name: "Confirm all 2 auto-matches" }).click();
  await expectVisible(page.getByText("2 auto-matches confirmed"));
  expect(await page.getByTestId("count-mapped").textContent()).toBe("2");

  // Pick a customer for the third (searching the picker first), create one from the fourth.
  await pickCustomer(page, `Customer for ${third.name}`, "zenith", "Zenith Managed Clients");
  const fourthRow = page.locator(`[data-org-name="${fourth.name}"]`);
  await fourthRow.getByRole("button", { name: "Create customer from this organization" }).click();
  await expectVisible(fourthRow.getByText(`Creates the customer “${fourth.name.trim()}” when you save.`));
  await expectVisible(page.getByText("2 unsaved changes"));
  await page.getByRole("button", { name: "Save Mappings" }).click();

  await expectVisible(page.getByTestId("mapping-complete"));
  await expectVisible(page.getByText("All 4 organizations are mapped"));
  await expectVisible(page.getByText("1 customer created"));
  expect(await page.getByTestId("count-mapped").textContent()).toBe("4");
  expect(await page.getByText(/unsaved change/).count()).toBe(0); // the form shows what was saved

  // The devices now sit under those customers.
  expect(await assetsOfCustomer(page, "Zenith Managed Clients")).toBe(third.devices);
  expect(await assetsOfCustomer(page, fourth.name.trim())).toBe(fourth.devices);
  expect(await assetsOfCustomer(page, `The ${second.name}`)).toBe(second.devices);

  // The NinjaOne page counts follow the mapping, and the quick panel opens over it.
  await page.goto(NINJA_PAGE);
  expect(await page.getByTestId("stat-orgs-matched").textContent()).toBe("4");
  expect(await page.getByTestId("stat-orgs-unmatched").textContent()).toBe("0");
  await page.getByRole("link", { name: "Map Organizations" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone/map");
  const panel = page.getByRole("dialog", { name: "Map Organizations" });
  await expectVisible(panel);
  expect(await panel.locator("[data-org-name]").count()).toBe(4);
  await panel.getByRole("link", { name: "Close", exact: true }).click();
  await page.waitForURL(`**${NINJA_PAGE}`);
  await panel.waitFor({ state: "detached" }); // the panel leaves after the URL changes: wait, do not count at once

  // Undo of a save: remap the third organization, then the toast's Undo puts it and its devices back.
  await page.goto("/settings/integrations/ninjaone/mappings");
  await pickCustomer(page, `Customer for ${third.name}`, `The ${second.name}`, `The ${second.name}`);
  await page.getByRole("button", { name: "Save Mappings" }).click();
  const toasts = page.getByRole("status", { name: "Notifications" });
  const saved = toasts.getByTestId("toast").filter({ hasText: "1 organization mapped" });
  await expectVisible(saved);
  await saved.getByRole("button", { name: "Undo" }).click();
  await expectVisible(toasts.getByText(/^Mapping save undone: 1 organization got back the mapping it had/));
  expect(await page.getByTestId("count-mapped").textContent()).toBe("4");
  expect(await assetsOfCustomer(page, "Zenith Managed Clients")).toBe(third.devices);
  expect(await assetsOfCustomer(page, `The ${second.name}`)).toBe(second.devices);
});
