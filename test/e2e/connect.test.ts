// Connect NinjaOne in a real browser against the built-in simulator: add the integration, approve
// on the consent page, a denial explained, a revoked token turning into Needs reconnect with an
// inbox notification, and Reconnect.
import { expect, it } from "vitest";
import { BASE_URL, expectVisible, signUp, useBrowser } from "./browser";

const { newPage } = useBrowser();
const SIM = `${BASE_URL}/ninjaone-sim`;

async function control(path: string, body: unknown, method = "POST") {
  const res = await fetch(`${SIM}/_control${path}`, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

it("an admin connects NinjaOne, is told about a denial and a revoked token, and reconnects", async () => {
  // This run's port is random: let the simulator's demo app accept its redirect URI.
  await control(
    "/app",
    { clientId: "core-demo", clientSecret: "core-demo-secret", name: "Core (demo)", redirectUris: [`${BASE_URL}/api/integrations/ninja/callback`] },
    "PUT",
  );
  const page = await newPage();
  await signUp(page, { workspace: "Connect MSP" });
  const status = page.getByTestId("ninjaone-status");

  // Add the integration.
  await page.goto("/settings/integrations");
  await expectVisible(page.getByText("Not configured"));
  await page.getByRole("link", { name: "Add NinjaOne integration" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone/configure");
  await expectVisible(page.getByText("The NinjaOne simulator is on."));
  expect(await page.getByLabel("Redirect URI").inputValue()).toBe(`${BASE_URL}/api/integrations/ninja/callback`);
  await page.getByLabel("Client ID").fill("core-demo");
  await page.getByLabel("Client Secret").fill("core-demo-secret");
  await page.getByLabel("Region").selectOption("eu");
  await page.getByRole("button", { name: "Save integration" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone?saved=created");
  await expectVisible(page.getByText("Integration saved."));
  expect(await status.textContent()).toBe("Not connected");

  // Connect and approve on NinjaOne's (the simulator's) consent page.
  await page.getByRole("button", { name: "Connect NinjaOne" }).click();
  await page.waitForURL("**/ninjaone-sim/ws/oauth/authorize**");
  await expectVisible(page.getByText("wants to access your NinjaOne account"));
  await page.getByRole("button", { name: "Approve" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone?connected=1");
  await expectVisible(page.getByText("NinjaOne is connected."));
  expect(await status.textContent()).toBe("Connected");

  // Deny once: the denial is explained and the working connection stays.
  await page.getByRole("button", { name: "Reconnect" }).click();
  await page.waitForURL("**/ninjaone-sim/ws/oauth/authorize**");
  await page.getByRole("button", { name: "Deny" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone?oauth_error=access_denied");
  await expectVisible(page.getByText("NinjaOne authorization was denied"));
  await expectVisible(page.getByText("Your existing connection was not changed."));
  expect(await status.textContent()).toBe("Connected");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expectVisible(page.getByText("Connection works"));

  // NinjaOne revokes Core's tokens: the next call finds out.
  await control("/tokens/revoke", {});
  await page.getByRole("button", { name: "Test connection" }).click();
  await expectVisible(page.getByText("Token revoked or expired"));
  await expectVisible(page.locator('[data-testid="ninjaone-status"][data-state="needs_reconnect"]'));
  expect(await status.textContent()).toBe("Needs reconnect");
  await expectVisible(page.getByText("NinjaOne needs to be reconnected."));
  await expectVisible(page.getByTestId("unread-badge"));
  expect(await page.getByTestId("unread-badge").textContent()).toBe("1");
  await page.goto("/settings/integrations");
  expect(await status.textContent()).toBe("Needs reconnect");

  // Reconnect.
  await page.goto("/settings/integrations/ninjaone");
  await page.getByRole("button", { name: "Reconnect" }).click();
  await page.waitForURL("**/ninjaone-sim/ws/oauth/authorize**");
  await page.getByRole("button", { name: "Approve" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone?connected=1");
  expect(await status.textContent()).toBe("Connected");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expectVisible(page.getByText("Connection works"));
});
