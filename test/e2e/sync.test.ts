// Device sync in a real browser against the built-in simulator: connect, Sync Devices, watch the
// progress bar finish, read the result numbers, open the run, sync again from the Integrations
// card, and choose a schedule.
import { expect, it } from "vitest";
import { BASE_URL, expectVisible, signUp, useBrowser } from "./browser";

const { newPage } = useBrowser();
const SIM = `${BASE_URL}/ninjaone-sim`;
const FLEET = 2500; // three pages of 1,000: long enough to see the progress bar move

async function control(path: string, body: unknown, method = "POST") {
  const res = await fetch(`${SIM}/_control${path}`, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json();
}

it("syncs the simulator's fleet with a live progress bar, shows the numbers, and schedules syncs", async () => {
  await control("/reset", { size: FLEET, seed: 5 });
  await control(
    "/app",
    { clientId: "core-demo", clientSecret: "core-demo-secret", name: "Core (demo)", redirectUris: [`${BASE_URL}/api/integrations/ninja/callback`] },
    "PUT",
  );
  const page = await newPage();
  await signUp(page, { workspace: "Sync MSP" });

  // Connect NinjaOne (the simulator).
  await page.goto("/settings/integrations/ninjaone/configure");
  await page.getByLabel("Client ID").fill("core-demo");
  await page.getByLabel("Client Secret").fill("core-demo-secret");
  await page.getByRole("button", { name: "Save integration" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone?saved=created");
  await page.getByRole("button", { name: "Connect NinjaOne" }).click();
  await page.waitForURL("**/ninjaone-sim/ws/oauth/authorize**");
  await page.getByRole("button", { name: "Approve" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone?connected=1");

  // Sync Devices: the progress bar appears and moves without a reload, then the result card.
  await expectVisible(page.getByText("No syncs yet. Click Sync Devices to run the first one."));
  await page.evaluate(() => {
    (window as unknown as { marker: string }).marker = "same page";
  });
  await page.getByRole("button", { name: "Sync Devices" }).click();
  await expectVisible(page.getByRole("progressbar", { name: "Device sync progress" }));
  await expectVisible(page.getByText(/Syncing devices: [1-9]/));
  const result = page.getByTestId("sync-result");
  await result.waitFor({ state: "visible", timeout: 90_000 });
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same page");
  expect(await page.getByTestId("stat-devices-found").textContent()).toBe(FLEET.toLocaleString("en-US"));
  expect(await page.getByTestId("stat-assets-created").textContent()).toBe(FLEET.toLocaleString("en-US"));
  expect(await page.getByTestId("stat-assets-updated").textContent()).toBe("0");
  expect(await page.getByTestId("stat-errors").textContent()).toBe("0");
  const unmatched = Number((await page.getByTestId("stat-orgs-unmatched").textContent())?.replace(/,/g, ""));
  expect(unmatched).toBeGreaterThan(0); // a new workspace has no customers to match yet
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
  expect(await page.getByTestId("sync-history").locator("tbody tr").count()).toBe(2);

  // Choose a schedule: the next time shows at once and stays after a reload.
  await expectVisible(page.getByText("Manual: syncs run only when you click Sync Devices."));
  await page.getByLabel("Sync frequency").selectOption("hourly");
  await expectVisible(page.getByText(/Next scheduled sync: /));
  await page.waitForLoadState("networkidle");
  await page.reload();
  expect(await page.getByLabel("Sync frequency").inputValue()).toBe("hourly");
  await expectVisible(page.getByText(/Next scheduled sync: .*\(UTC\)/));
});
