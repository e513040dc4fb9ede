// Scheduled sync in a real browser (issue 7): choose Hourly on the Device Sync card, see the next
// scheduled time in your own time zone, let the hour pass (the Worker's TEST-ONLY clock), fire the
// cron through wrangler's /__scheduled, and watch the scheduled run finish. Then (issue 16) Daily at
// a time of day in the workspace's zone (New York), shown in the user's (Tokyo), run by the cron.
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

/** Reload the History tab until the newest run matches (the queue works in the background). */
async function waitForLatestRun(page: Page, trigger: string, status: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    await page.goto("/settings/integrations/ninjaone/history");
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

it("Hourly, then Daily at 09:00 in the workspace's zone: the next sync time is shown in the user's zone, the cron runs each when due, and the scheduled runs finish", async () => {
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
  await page.goto("/settings/integrations/ninjaone");
  await expectVisible(page.getByTestId("sync-result"));
  expect(await page.getByTestId("stat-devices-found").textContent()).toBe("25");

  // The next slot is an hour on, and the cron firing again now starts nothing more.
  expect(await nextSyncTime(page)).toBe(next + HOUR);
  await fireCron();
  await page.goto("/settings/integrations/ninjaone/history");
  expect(await page.getByTestId("sync-history").locator("tbody tr").count()).toBe(1);

  // Daily at 09:00 in the workspace's zone (New York), shown in the user's (Tokyo).
  await page.goto("/settings/workspace");
  await page.getByLabel("Zone for new teammates").selectOption(WORKSPACE_ZONE);
  await page.getByRole("button", { name: "Save workspace time zone" }).click();
  await expectVisible(page.getByText(`The workspace's time zone is now ${WORKSPACE_ZONE}.`));
  await page.goto("/settings/integrations/ninjaone");
  // Each choice saves in the background: wait for each save's answer, not for a word that is already there.
  const saved = () => page.waitForResponse((res) => res.request().method() === "POST" && new URL(res.url()).pathname.startsWith("/settings/integrations/ninjaone"));
  await Promise.all([saved(), page.getByLabel("Sync frequency").selectOption("daily")]);
  await Promise.all([saved(), page.getByLabel(`Time (${WORKSPACE_ZONE})`).fill("09:00")]);
  await page.reload();
  expect(await page.getByLabel("Sync frequency").inputValue()).toBe("daily");
  expect(await page.getByLabel(`Time (${WORKSPACE_ZONE})`).inputValue()).toBe("09:00");
  const daily9 = await nextSyncTime(page);
  expect(localTime(daily9, WORKSPACE_ZONE)).toBe("09:00");
  expect(await page.getByTestId("next-sync").textContent()).toBe(`Next scheduled sync: ${formatIn(daily9, ZONE)} (${ZONE})`);

  // Not due a minute before; due at it: a second scheduled run, and the next one is 09:00 New York time again.
  await setWorkerClockOffset(daily9 - Date.now() - 60_000);
  await fireCron();
  await page.goto("/settings/integrations/ninjaone/history");
  expect(await page.getByTestId("sync-history").locator("tbody tr").count()).toBe(1);
  await setWorkerClockOffset(daily9 - Date.now() + 60_000);
  await fireCron();
  await waitForRunCount(page, 2);
  await page.goto("/settings/integrations/ninjaone");
  const following = await nextSyncTime(page);
  expect(localTime(following, WORKSPACE_ZONE)).toBe("09:00");
  expect(following).toBeGreaterThan(daily9);
  expect(following - daily9).toBeLessThanOrEqual(25 * HOUR);
});

const WORKSPACE_ZONE = "America/New_York";
const localTime = (ms: number, timeZone: string) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(ms));

/** Reload the History tab until it lists `count` runs, the newest succeeded. */
async function waitForRunCount(page: Page, count: number) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    await page.goto("/settings/integrations/ninjaone/history");
    const rows = page.getByTestId("sync-history").locator("tbody tr");
    if ((await rows.count()) === count && ((await rows.first().textContent()) ?? "").includes("Succeeded")) return;
    if (Date.now() > deadline) throw new Error(`the History tab never listed ${count} runs`);
    await page.waitForTimeout(1000);
  }
}
