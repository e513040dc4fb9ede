// A sync that makes no progress: the run page says it is stalled, and a person cancels it.
// NinjaOne (the simulator) is made very slow so the run sits in its first step, and the Worker's
// TEST-ONLY clock jumps 11 minutes ahead; both are restored after the file.
import { expect, it } from "vitest";
import { expectVisible, signUp, useBrowser } from "./browser";
import { connectNinjaOne, restoreSharedStateAfterFile, setWorkerClockOffset, simControl } from "./ninjaone";

const { newPage } = useBrowser();
restoreSharedStateAfterFile();

it("a stalled run says so on its page and can be cancelled", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Stalled MSP", name: "Olive Owner" });
  await connectNinjaOne(page);
  await simControl("/faults", { slowMs: 30_000 }, "PATCH");
  await page.getByRole("button", { name: "Sync Devices" }).click();
  await page.waitForURL("**/settings/integrations/ninjaone");
  // The run sits in its first step, and the top of the page says so.
  const banner = page.getByRole("region", { name: "Sync in progress" });
  await expectVisible(banner.getByText("Reading organizations…"));
  const runUrl = await banner.getByRole("link", { name: "Follow the run" }).getAttribute("href");
  expect(runUrl).toMatch(/\/runs\//);

  await setWorkerClockOffset(11 * 60_000);
  await page.goto(runUrl!);
  await expectVisible(page.getByText("Stalled:"));
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Cancel run" }).click();
  await expectVisible(page.getByText("The run is cancelled."));
  await simControl("/faults", {}, "DELETE"); // the consumer's remaining NinjaOne calls run at full speed
  await expectVisible(page.getByText("Cancelled by Olive Owner."));
  expect(await page.getByText("Stalled:").count()).toBe(0);
});
