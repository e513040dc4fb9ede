// Device sync in a real browser against the built-in simulator: connect, Sync Devices, watch the
// phase in words at the top of the Overview (from "Reading organizations…" to the device pages),
// read the result numbers, open the run from the History tab, and sync again from the Integrations
// card. (The schedule has its own e2e test: schedule.test.ts.)
import { expect, it } from "vitest";
import { expectVisible, signUp, useBrowser } from "./browser";
import { connectNinjaOne, openNinjaTab, restoreSharedStateAfterFile, simControl } from "./ninjaone";

const { newPage } = useBrowser();
const FLEET = 2500; // three pages of 1,000
// Every simulator answer waits this long during the first sync, so the pages in between are there
// to be seen; the test waits for states, it never measures time.
const SLOW_MS = 1500;

// Other test files share this server's simulator: give it its fleet back (and clear faults) afterwards.
restoreSharedStateAfterFile();

it("syncs the simulator's fleet with a live progress bar and shows the numbers", async () => {
  await simControl("/reset", { size: FLEET, seed: 5 });
  const page = await newPage();
  await signUp(page, { workspace: "Sync MSP" });
  await connectNinjaOne(page);

  // Sync Devices: the progress bar appears and moves without a reload, then the result card.
  await expectVisible(page.getByText("No syncs yet. Click Sync Devices to run the first one."));
  await page.evaluate(() => {
    (window as unknown as { marker: string }).marker = "same page";
  });
  await simControl("/faults", { slowMs: SLOW_MS }, "PATCH");
  await page.getByRole("button", { name: "Sync Devices" }).click();
  // From the first moment the phase is in words, at the top of the page: above the connection card, in view.
  const banner = page.getByRole("region", { name: "Sync in progress" });
  await expectVisible(banner.getByText("Reading organizations…"));
  await expectVisible(banner.getByRole("progressbar", { name: "Device sync progress" }));
  const bannerBox = await banner.boundingBox();
  const connectionBox = await page.getByTestId("ninjaone-status").boundingBox();
  expect(bannerBox && connectionBox && bannerBox.y < connectionBox.y).toBe(true);
  expect(bannerBox && bannerBox.y + bannerBox.height <= (page.viewportSize()?.height ?? 0)).toBe(true);
  await banner.getByText(/^Devices: page [1-9]/).waitFor({ timeout: 60_000 });
  const result = page.getByTestId("sync-result");
  await result.waitFor({ state: "visible", timeout: 90_000 });
  await simControl("/faults", {}, "DELETE");
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same page");
  expect(await page.getByTestId("stat-devices-found").textContent()).toBe(FLEET.toLocaleString("en-US"));
  expect(await page.getByTestId("stat-assets-created").textContent()).toBe(FLEET.toLocaleString("en-US"));
  expect(await page.getByTestId("stat-assets-updated").textContent()).toBe("0");
  expect(await page.getByTestId("stat-errors").textContent()).toBe("0");
  const unmatched = Number((await page.getByTestId("stat-orgs-unmatched").textContent())?.replace(/,/g, ""));
  expect(unmatched).toBeGreaterThan(0); // a new workspace has no customers to match yet
  await openNinjaTab(page, "History");
  await page.waitForURL("**/settings/integrations/ninjaone/history");
  const history = page.getByTestId("sync-history");
  await expectVisible(history.getByText("Succeeded"));
  await expectVisible(history.getByText("Manual"));

  // The run's page lists what it did.
  await history.getByRole("link", { name: "Details" }).first().click();
  await page.waitForURL("**/settings/integrations/ninjaone/runs/**");
  await expectVisible(page.getByText("No errors in this run"));
  await expectVisible(page.getByRole("cell", { name: "created" }));

  // Sync Now on the Integrations card: same action, and nothing changed in NinjaOne.
  await page.goto("/settings/integrations");
  await page.getByRole("button", { name: "Sync Now" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone");
  await page.getByTestId("stat-unchanged").filter({ hasText: FLEET.toLocaleString("en-US") }).waitFor({ timeout: 90_000 });
  expect(await page.getByTestId("stat-assets-created").textContent()).toBe("0");
  await openNinjaTab(page, "History");
  expect(await page.getByTestId("sync-history").locator("tbody tr").count()).toBe(2);
});
