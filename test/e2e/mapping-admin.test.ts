// Issue 16, organization mapping in a real browser: unsaved picks survive paging (with a count),
// Confirm all confirms the auto-matches only and leaves the picks unsaved, same-named customers
// are told apart in the picker (after the duplicate-name warning), and "Create customers for all
// unmatched organizations" creates the ticked ones from a preview.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectVisible, pickCustomer, signUp, useBrowser } from "./browser";
import { connectNinjaOne, restoreSharedStateAfterFile, simControl, syncDevices } from "./ninjaone";

const { newPage } = useBrowser();
const NINJA_PAGE = "/settings/integrations/ninjaone";
const MAPPINGS = "/settings/integrations/ninjaone/mappings";

// This test changes the simulator's shared fleet; later test files get it back.
restoreSharedStateAfterFile();

async function newCustomer(page: Page, name: string, email = "") {
  await page.goto("/customers/new");
  await page.getByLabel("Name").fill(name);
  if (email) await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Create customer" }).click();
}

it("keeps picks across pages, confirms only auto-matches, tells twins apart and bulk-creates customers", async () => {
  await simControl("/reset", { seed: 5, size: 700 }); // 28 organizations: two pages of the quick panel
  const page = await newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  await signUp(page, { workspace: "Mapping Admin MSP" });
  await connectNinjaOne(page);
  await syncDevices(page);

  await page.goto(MAPPINGS);
  const names = await page.locator("[data-org-name]").evaluateAll((items) => items.map((li) => li.getAttribute("data-org-name") ?? ""));
  expect(names).toHaveLength(28);

  // Two customers with one name: the second is warned about, then created anyway.
  await newCustomer(page, "Zenith Clients", "it@zenith-a.example");
  await page.waitForURL(/\/customers\/[^/]+$/);
  await newCustomer(page, "ZENITH CLIENTS LLC");
  await expectVisible(page.getByTestId("duplicate-warning"));
  await expectVisible(page.getByText("A customer with the same name already exists"));
  await page.getByLabel("Create it anyway").check();
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL(/\/customers\/[^/]+$/);
  // One auto-match for the first organization.
  await newCustomer(page, `${names[0].replace(/[,.&]/g, " ").toUpperCase()} LLC`);
  await page.waitForURL(/\/customers\/[^/]+$/);
  await syncDevices(page);

  // Quick panel, page 1 (unmatched first): pick the Zenith with the e-mail domain for one organization.
  await page.goto(`${NINJA_PAGE}/map`);
  const panel = page.getByRole("dialog", { name: "Map Organizations" });
  const firstOrg = (await panel.locator("[data-org-name]").first().getAttribute("data-org-name")) ?? "";
  // The type-ahead picker loads customers as you type; the two Zenith customers are told apart.
  const box = page.getByRole("combobox", { name: `Customer for ${firstOrg}`, exact: true });
  await box.and(page.locator("[data-ready]")).waitFor();
  await box.click();
  await box.fill("zenith");
  const zenithOptions = page.getByRole("listbox").getByRole("option", { name: /^Zenith Clients|^ZENITH CLIENTS LLC/ });
  await expectVisible(zenithOptions.nth(1));
  const texts = await zenithOptions.allTextContents();
  expect(texts).toHaveLength(2);
  expect(new Set(texts).size).toBe(2);
  // Keyboard: move to the one with the e-mail domain and choose it with Enter.
  const target = texts.findIndex((t) => t.includes("zenith-a.example"));
  expect(target).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < 10; i++) {
    const active = (await page.getByRole("listbox").getByRole("option", { selected: true }).textContent()) ?? "";
    if (active.includes("zenith-a.example")) break;
    await box.press("ArrowDown");
  }
  await box.press("Enter");
  expect(await box.inputValue()).toBe("Zenith Clients");
  await expectVisible(panel.getByText("1 unsaved change."));

  // Page 2: the pick from page 1 is still counted.
  await panel.getByRole("link", { name: "Next →" }).click();
  await page.waitForURL(/page=2/);
  await expectVisible(panel.getByText("1 unsaved change (1 on other pages)."));

  // Confirm all confirms the one auto-match and leaves the pick unsaved.
  await panel.getByRole("button", { name: "Confirm all 1 auto-match" }).click();
  await expectVisible(panel.getByText("1 auto-match confirmed"));
  await expectVisible(panel.getByText("1 unsaved change (1 on other pages)."));

  // Create a customer from an organization on this page, then save both pages at once.
  const secondOrg = (await panel.locator("[data-org-name]").first().getAttribute("data-org-name")) ?? "";
  expect(secondOrg).not.toBe(firstOrg);
  await pickCustomer(page, `Customer for ${secondOrg}`, "+ new", "+ New customer");
  await expectVisible(panel.getByText("2 unsaved changes (1 on other pages)."));
  await panel.getByRole("button", { name: "Save Mappings" }).click();
  await expectVisible(panel.getByText(/2 organizations mapped, 1 customer created/));
  expect(await panel.getByText(/unsaved change/).count()).toBe(0);

  // Create customers for all unmatched organizations: preview, untick one, create the rest.
  await page.goto(MAPPINGS);
  expect(await page.getByTestId("count-mapped").textContent()).toBe("3");
  await page.getByRole("link", { name: "Create customers for all unmatched organizations" }).click();
  await page.waitForURL(`**${MAPPINGS}/create-customers`);
  const rows = page.locator("[data-create-org]");
  // The URL changes before the new page has rendered: wait for its rows.
  await rows.first().waitFor();
  expect(await rows.count()).toBe(25);
  const blocked = await page.locator('input[name="org"]:disabled').count();
  await rows.first().locator('input[name="org"]').uncheck();
  const ticked = 25 - blocked - 1;
  await expectVisible(page.getByTestId("bulk-create-summary").getByText(`${ticked} of 25 organizations ticked`));
  await page.getByRole("button", { name: `Create customers for ${ticked} organizations` }).click();
  await page.waitForURL(`**${MAPPINGS}?saved=*`);
  await expectVisible(page.getByText(`${ticked} organizations mapped`));
  expect(await page.getByTestId("count-mapped").textContent()).toBe(String(3 + ticked));
  expect(await page.getByTestId("count-unmatched").textContent()).toBe(String(25 - ticked));
});
