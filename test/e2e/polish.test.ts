// Feedback and layout: a toast after a change and its Undo in a real browser; long unbroken
// names wrap and wide tables scroll inside their own box, never the whole page sideways.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectVisible, pickCustomer, signUp, useBrowser } from "./browser";

const { newPage } = useBrowser();

const toasts = (page: Page) => page.getByRole("status", { name: "Notifications" });

it("shows a toast after creating a customer, and Undo brings a deleted customer back", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Toast MSP" });

  await page.goto("/customers/new");
  await page.getByLabel("Name").fill("Undo Me Ltd");
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  const customerUrl = page.url();
  const created = toasts(page).getByTestId("toast").filter({ hasText: "Customer Undo Me Ltd created." });
  await expectVisible(created);
  // Dismissable.
  await created.getByRole("button", { name: "Dismiss" }).click();
  await created.waitFor({ state: "detached" });

  await page.goto(`${customerUrl}/delete`);
  await page.getByRole("button", { name: "Delete customer" }).click();
  await page.waitForURL(/\/customers$/);
  const deleted = toasts(page).getByTestId("toast").filter({ hasText: "Undo Me Ltd deleted." });
  await expectVisible(deleted);
  await expectVisible(page.getByText("No customers yet"));

  await deleted.getByRole("button", { name: "Undo" }).click();
  await page.waitForURL(customerUrl);
  await expectVisible(toasts(page).getByText("Undo Me Ltd is back, with its assets, contacts and tickets."));
  await expectVisible(page.getByRole("heading", { name: "Undo Me Ltd" }));

  // The toast hides by itself once the pointer is off it (hovering keeps it).
  await page.mouse.move(5, 5);
  await toasts(page).getByTestId("toast").first().waitFor({ state: "detached", timeout: 20_000 });
});

it("wraps long unbroken names and keeps wide tables inside their own scroll box", async () => {
  const page = await newPage();
  await signUp(page, { workspace: "Layout MSP" });
  const longName = `Wolfeschlegelsteinhausenbergerdorff${"x".repeat(90)}Holdings`;

  await page.goto("/customers/new");
  await page.getByLabel("Name").fill(longName);
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  const customerUrl = new URL(page.url()).pathname;

  await page.goto("/assets/new");
  await page.getByLabel("Name").fill(`ASSET-${"Y".repeat(110)}`);
  await page.getByLabel("Category").selectOption("Workstation");
  await page.getByLabel("Serial number").fill(`SN${"7".repeat(60)}`);
  await pickCustomer(page, "Customer", "Wolfe", "Wolfeschlegel");
  await page.getByRole("button", { name: "Create asset" }).click();
  await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
  const assetUrl = new URL(page.url()).pathname;

  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of [customerUrl, "/customers", "/assets", assetUrl, "/tickets", "/settings/users"]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
        // The outermost elements that stick out to the right: what to fix when this fails.
        const scrollsInside = (el: Element) => el.parentElement?.closest(".overflow-x-auto") !== null;
        const sticking = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !scrollsInside(el));
        const outermost = sticking.filter((el) => !sticking.includes(el.parentElement as Element));
        return {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          culprits: outermost.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 160)),
        };
      });
      expect(scrollWidth, `${path} at ${width}px scrolls the page sideways: ${culprits.join(" | ")}`).toBeLessThanOrEqual(innerWidth);
    }
  }
  // The heading with the long name stays within the main column.
  await page.goto(customerUrl);
  const box = await page.getByRole("heading", { level: 1 }).boundingBox();
  const main = await page.locator("main").boundingBox();
  expect(box && main && box.x + box.width <= main.x + main.width).toBe(true);
});
