// Scheduled sync in a real browser (issue 7): choose Hourly on the Device Sync card, see the next
// scheduled time in your own time zone, let the hour pass (the Worker's TEST-ONLY clock), fire the
// cron through wrangler's /__scheduled, and watch the scheduled run finish.
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectVisible, signUp, useBrowser } from "./browser";
import { connectNinjaOne, fireCron, restoreSharedStateAfterFile, setWorkerClockOffset, simControl } from "./ninjaone";

const { newPage } = useBrowser();
const ZONE = "Asia/Tokyo"; // not the browser's zone (Europe/London): the page must use the user's setting
const HOUR = 3_600_000;

// Other test files share this server: the clock offset and the fleet go back afterwards.
restoreSharedStateAfterFile();

const formatIn = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(ms));

async function nextSyncTime(page: Page): Promise<number> {
  const iso = await page.getByTestId("next-sync").locator("time").getAttribute("datetime");
  expect(iso).not.toBeNull();
  return Date.parse(iso ?? "");
}

/** Reload the NinjaOne page until the newest run in the sync history matches (the queue works in the background). */
async function waitForLatestRun(page: Page, trigger: string, status: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    await page.goto("/settings/integrations/ninjaone");
    const row = page.getByTestId("sync-history").locator("tbody tr").first();
    if ((await row.count()) > 0) {
      const text = (await row.textContent()) ?? "";
      if (text.includes(trigger) && text.includes(status)) return row;
      if (text.includes("Failed")) throw new Error(`the ${trigger} run failed: ${text}`);
    }
    if (Date.now() > deadline) throw new Error(`no ${status} ${trigger} run in the sync history`);
    await page.waitForTimeout(1000);
  }
}

it("Hourly: the next sync time is shown in the user's zone, the cron runs it when due, and the scheduled run finishes", async () => {
  await simControl("/reset", { seed: 7, size: 25 });
  const page = await newPage();
  await signUp(page, { workspace: "Schedule MSP" });
  await page.goto("/settings/workspace");
  await page.getByLabel("Time zone").selectOption(ZONE);
  await page.getByRole("button", { name: "Save time zone" }).click();
  await page.waitForLoadState("networkidle");
  await connectNinjaOne(page);

  // Manual by default: nothing scheduled.
  const frequency = page.getByLabel("Sync frequency");
  expect(await frequency.inputValue()).toBe("manual");
  await expectVisible(page.getByText("No automatic syncs: click Sync Devices whenever you want one."));
  await expectVisible(page.getByText("The schedule applies to organization, contact and device syncing."));

  // Hourly: the next time appears at once and is saved.
  await frequency.selectOption("hourly");
  await expectVisible(page.getByText("Next scheduled sync:"));
  await expectVisible(page.getByTestId("schedule-status").getByText("Saved"));
  const next = await nextSyncTime(page);
  expect(next).toBeGreaterThan(Date.now());
  expect(next - Date.now()).toBeLessThanOrEqual(HOUR);
  expect(await page.getByTestId("next-sync").textContent()).toBe(`Next scheduled sync: ${formatIn(next, ZONE)} (${ZONE})`);

  // Daily gives a time within a day (it may be the same instant as the next hourly slot: the
  // workspace's slot is spread, not random per frequency); back to Hourly gives the same slot as
  // before. A reload shows what was saved.
  await frequency.selectOption("daily");
  await expectVisible(page.getByTestId("schedule-status").getByText("Saved"));
  const daily = await nextSyncTime(page);
  expect(daily).toBeGreaterThan(Date.now());
  expect(daily - Date.now()).toBeLessThanOrEqual(24 * HOUR);
  await frequency.selectOption("hourly");
  await expectVisible(page.getByTestId("schedule-status").getByText("Saved"));
  await page.reload();
  expect(await page.getByLabel("Sync frequency").inputValue()).toBe("hourly");
  expect(await nextSyncTime(page)).toBe(next);

  // The cron before the slot starts nothing.
  await fireCron();
  await page.reload();
  await expectVisible(page.getByText("No syncs yet."));

  // The hour passes (TEST-ONLY clock), the cron fires: a scheduled run starts and finishes.
  await setWorkerClockOffset(next - Date.now() + 60_000);
  await fireCron();
  const row = await waitForLatestRun(page, "Scheduled", "Succeeded");
  expect(await row.getByTestId("run-trigger").textContent()).toBe("Scheduled");
  await expectVisible(page.getByTestId("sync-result"));
  expect(await page.getByTestId("stat-devices-found").textContent()).toBe("25");

  // The next slot is an hour on, and the cron firing again now starts nothing more.
  expect(await nextSyncTime(page)).toBe(next + HOUR);
  await fireCron();
  await page.reload();
  expect(await page.getByTestId("sync-history").locator("tbody tr").count()).toBe(1);
});
