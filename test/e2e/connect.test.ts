// Connect NinjaOne in a real browser against the built-in simulator: add the integration, approve
// on the consent page, a denial explained, a revoked token turning into Needs reconnect with an
// inbox notification, and Reconnect.
import { expect, it } from "vitest";
import { BASE_URL, expectVisible, logIn, signUp, uniqueEmail, useBrowser } from "./browser";
import { restoreSharedStateAfterFile, simControl } from "./ninjaone";

const { newPage } = useBrowser();
// This file revokes the simulator's tokens (new connects get new ones) and may leave faults: restore.
restoreSharedStateAfterFile();

const control = (path: string, body: unknown) => simControl(path, body);

it("an admin connects NinjaOne, is told about a denial and a revoked token, and reconnects", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Connect MSP" });
  // The owner adds an Admin, who does the rest.
  const admin = { name: "Ada Admin", email: uniqueEmail("ada"), password: "ada-initial-pass" };
  await page.goto("/settings/users");
  const add = page.locator("#add-teammate");
  await add.getByLabel("Name").fill(admin.name);
  await add.getByLabel("E-mail").fill(admin.email);
  await add.getByLabel("Role").selectOption({ label: "Admin" });
  await add.getByLabel("Initial password").fill(admin.password);
  await add.getByRole("button", { name: "Add teammate" }).click();
  await expectVisible(page.getByText(`${admin.name} can now log in as Admin`));
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL("**/login");
  await logIn(page, admin.email, admin.password);
  const status = page.getByTestId("ninjaone-status");
  const unread = page.getByTestId("unread-badge");
  await expectVisible(unread);
  const unreadBefore = Number(await unread.textContent());

  // Add the integration.
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Integrations" }).click();
  await page.waitForURL("**/settings/integrations");
  await expectVisible(page.getByText("Not configured"));
  await page.getByRole("link", { name: "Add NinjaOne integration" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone/configure");
  await expectVisible(page.getByText("The NinjaOne simulator is on."));
  // Same origin as the simulator: its demo client accepts this callback without any setup.
  await expectVisible(page.getByText("It already accepts this redirect URI."));
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
  await page.getByRole("button", { name: "Reconnect", exact: true }).click();
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
  expect(Number(await unread.textContent())).toBe(unreadBefore + 1);
  await page.goto("/settings/integrations");
  expect(await status.textContent()).toBe("Needs reconnect");

  // The inbox says so too, and its link leads to Reconnect.
  await page.getByRole("link", { name: /Inbox/ }).click();
  await page.waitForURL("**/inbox");
  const notice = page.getByTestId("notification").filter({ hasText: "NinjaOne needs to be reconnected" });
  await expectVisible(notice);
  await notice.getByRole("button", { name: /^Open/ }).click();
  await page.waitForURL("**/settings/integrations/ninjaone");
  await expectVisible(page.getByRole("heading", { name: "NinjaOne", exact: true }));
  await page.getByRole("button", { name: "Reconnect", exact: true }).click();
  await page.waitForURL("**/ninjaone-sim/ws/oauth/authorize**");
  await page.getByRole("button", { name: "Approve" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone?connected=1");
  expect(await status.textContent()).toBe("Connected");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expectVisible(page.getByText("Connection works"));
});
