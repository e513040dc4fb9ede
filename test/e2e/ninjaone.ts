// E2E helpers for NinjaOne: the built-in simulator's control API, connecting a workspace to it
// through the real OAuth flow, and the Worker's TEST-ONLY clock and cron trigger.
import { afterAll, beforeAll, expect } from "vitest";
import type { Page } from "playwright-core";
import { BASE_URL, expectVisible } from "./browser";

export const SIM = `${BASE_URL}/ninjaone-sim`;

/**
 * fetch() to the simulator's control API. wrangler dev can answer 503 for a moment while workerd
 * restarts the simulator's Durable Object under load (CI saw it right after the 30 s slow-fault
 * test): try again with a growing pause, up to five times.
 */
export async function simFetch(path: string, init: RequestInit = {}) {
  let res = await fetch(`${SIM}/_control${path}`, init);
  for (let attempt = 2; res.status === 503 && attempt <= 5; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    res = await fetch(`${SIM}/_control${path}`, init);
  }
  return res;
}

export async function simControl(path: string, body: unknown, method = "POST") {
  const res = await simFetch(path, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status, `${method} _control${path}`).toBe(200);
}

/** Add the integration with the simulator's demo app and approve on its consent page. Ends on the NinjaOne page. */
export async function connectNinjaOne(page: Page) {
  // This run's port is random: let the simulator's demo app accept its redirect URI.
  await simControl(
    "/app",
    { clientId: "core-demo", clientSecret: "core-demo-secret", name: "Core (demo)", redirectUris: [`${BASE_URL}/api/integrations/ninja/callback`] },
    "PUT",
  );
  await page.goto("/settings/integrations/ninjaone/configure");
  await page.getByLabel("Client ID").fill("core-demo");
  await page.getByLabel("Client Secret").fill("core-demo-secret");
  await page.getByLabel("Region").selectOption("us");
  await page.getByRole("button", { name: "Save integration" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone?saved=created");
  await page.getByRole("button", { name: "Connect NinjaOne" }).click();
  await page.waitForURL("**/ninjaone-sim/ws/oauth/authorize**");
  await page.getByRole("button", { name: "Approve" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone?connected=1");
  await expectVisible(page.getByText("NinjaOne is connected."));
}

/**
 * Sync Devices on the NinjaOne Overview and wait for the new run's devices to be synced: the card
 * polls, the page revalidates when the run ends and shows its result (a run id other than the one
 * shown before the click).
 */
export async function syncDevices(page: Page) {
  await page.goto("/settings/integrations/ninjaone");
  const shown = page.getByTestId("sync-result");
  const before = (await shown.count()) > 0 ? await shown.getAttribute("data-run-id") : null;
  await page.getByRole("button", { name: "Sync Devices" }).click();
  const fresh = before ? `[data-testid="sync-result"]:not([data-run-id="${before}"])` : '[data-testid="sync-result"]';
  await page.locator(`${fresh}[data-status="succeeded"]`).waitFor({ timeout: 60_000 });
}

/** Open a NinjaOne tab from the tab list and wait until it is the current one. */
export async function openNinjaTab(page: Page, label: string) {
  const tabs = page.getByRole("navigation", { name: "NinjaOne settings" });
  await tabs.getByRole("link", { name: label, exact: true }).click();
  await tabs.locator('a[aria-current="page"]', { hasText: label }).waitFor();
}

/** TEST-ONLY (the e2e runner starts wrangler with TEST_CLOCK=on): move the Worker's clock. */
export async function setWorkerClockOffset(offsetMs: number) {
  // wrangler dev can answer 503 for a moment while workerd restarts under load: try again.
  let res = await fetch(`${BASE_URL}/__test/clock`, { method: "POST", body: JSON.stringify({ offsetMs: Math.round(offsetMs) }) });
  for (let attempt = 2; res.status === 503 && attempt <= 5; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    res = await fetch(`${BASE_URL}/__test/clock`, { method: "POST", body: JSON.stringify({ offsetMs: Math.round(offsetMs) }) });
  }
  expect(res.status, "POST /__test/clock (is wrangler running with --var TEST_CLOCK:on?)").toBe(200);
}

/** Fire the Worker's cron trigger as Cloudflare would (wrangler dev --test-scheduled). */
export async function fireCron(cron = "*/5 * * * *") {
  const res = await fetch(`${BASE_URL}/__scheduled?cron=${encodeURIComponent(cron).replaceAll("%20", "+")}`);
  expect(res.status).toBe(200);
}

/**
 * The e2e files share one server, one simulator and one Worker clock. A file that changes any of
 * them calls this once at top level: it records the simulator's fleet and the clock offset before
 * the file runs and puts both back afterwards (and clears injected faults), so the order of the
 * files never matters. Token revocation needs no restore: every file connects a new workspace and
 * gets new tokens.
 */
export function restoreSharedStateAfterFile() {
  let fleet: { seed: number; size: number } | undefined;
  let offsetMs = 0;
  beforeAll(async () => {
    const state = (await (await simFetch("/state")).json()) as { fleet: { seed: number; size: number } };
    fleet = { seed: state.fleet.seed, size: state.fleet.size };
    const clock = await fetch(`${BASE_URL}/__test/clock`);
    offsetMs = clock.ok ? ((await clock.json()) as { offsetMs: number }).offsetMs : 0;
  });
  afterAll(async () => {
    await simControl("/faults", {}, "DELETE");
    await setWorkerClockOffset(offsetMs);
    if (!fleet) return;
    const now = (await (await simFetch("/state")).json()) as { fleet: { seed: number; size: number } };
    if (now.fleet.seed === fleet.seed && now.fleet.size === fleet.size) return;
    await simControl("/reset", fleet);
  }, 120_000);
}
