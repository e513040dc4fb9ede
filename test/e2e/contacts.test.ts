// Contacts from NinjaOne and Bulk Contact Association in a real browser (issue 11): sync the
// simulator's fleet, map its organizations, sync again (contacts arrive), open the inbox's contact
// notice, Apply All High-Confidence, and find the device on a ticket of one of those contacts.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectVisible, signUp, useBrowser } from "./browser";
import { connectNinjaOne, restoreSharedStateAfterFile, simControl, syncDevices } from "./ninjaone";

const { newPage } = useBrowser();
const NINJA_PAGE = "/settings/integrations/ninjaone";

// This test changes the simulator's shared fleet; later test files get it back.
restoreSharedStateAfterFile();

const num = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())?.replace(/,/g, ""));

it("sync → inbox notice → Bulk Contact Association → Apply All High-Confidence → the contact's ticket shows the device", async () => {
  await simControl("/reset", { seed: 5, size: 150 }); // a few organizations
  const page = await newPage();
  await signUp(page, { workspace: "Contacts MSP" });
  await connectNinjaOne(page);

  // First sync: no customers yet, so every person is skipped (and counted).
  await syncDevices(page);
  expect(await num(page, "stat-contacts-found")).toBeGreaterThan(0);
  expect(await num(page, "stat-contacts-created")).toBe(0);
  expect(await num(page, "stat-contacts-skipped")).toBe(await num(page, "stat-contacts-found"));

  // Map every organization to a new customer of its own name (Create customers for all unmatched organizations).
  await page.goto(`${NINJA_PAGE}/mappings/create-customers`);
  await page.getByRole("button", { name: /^Create customers for \d+ organizations?$/ }).click();
  await page.waitForURL(/\/mappings\?saved=/);
  await page.getByTestId("count-unmatched").filter({ hasText: /^0$/ }).waitFor({ timeout: 30_000 });

  // Second sync: the people of those organizations become contacts.
  await syncDevices(page);
  expect(await num(page, "stat-contacts-created")).toBeGreaterThan(0);
  expect(await num(page, "stat-contacts-skipped")).toBe(0);

  // The inbox's contact notice opens Bulk Contact Association.
  await page.goto("/inbox");
  const open = page.getByRole("button", { name: /^Open “\d[\d,]* NinjaOne devices? ha(s|ve) no contact”$/ });
  await open.first().click();
  await page.waitForURL("**/settings/integrations/ninjaone/contacts");
  await expectVisible(page.getByRole("heading", { name: "Bulk Contact Association" }));
  await expectVisible(page.getByRole("navigation", { name: "NinjaOne settings" }).locator('a[aria-current="page"]', { hasText: "Contacts" }));
  const rows = page.getByTestId("association-row");
  await rows.first().waitFor();

  // A pre-selected (high-confidence) row: its device and the contact chosen for it.
  const picked = await rows.evaluateAll((trs) =>
    trs.flatMap((tr) => {
      const select = tr.querySelector("select");
      const device = tr.querySelector("a")?.textContent ?? "";
      return select && select.value ? [{ device, contactId: select.value }] : [];
    }),
  );
  expect(picked.length).toBeGreaterThan(0);
  const { device, contactId } = picked[0];

  await page.getByRole("button", { name: "Apply All High-Confidence" }).click();
  await page.waitForURL(/assigned=\d+/);
  const assigned = await num(page, "assigned-count");
  expect(assigned).toBeGreaterThanOrEqual(picked.length);
  expect(await page.locator(`[data-testid=association-row] a`, { hasText: device }).count()).toBe(0);

  // The contact: NinjaOne badge, the device among theirs; a new ticket for them shows the device.
  await page.goto(`/contacts/${contactId}`);
  await expectVisible(page.getByTestId("ninjaone-badge"));
  await expectVisible(page.getByRole("link", { name: device }).first());
  await page.goto(`/tickets/new?contactId=${contactId}`);
  await page.getByLabel("Title").fill("Laptop will not wake from sleep");
  await page.getByRole("button", { name: "Create ticket" }).click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  const sidebar = page.getByRole("complementary", { name: "Ticket sidebar" });
  await expectVisible(sidebar.getByText("NinjaOne Devices"));
  await expectVisible(sidebar.getByText(device).first());
});
