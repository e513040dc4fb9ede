// The NinjaOne page as tabs (issue 16): each tab at its own URL with the tab list and the current tab
// marked, each tab's loader reading only what it shows, permissions per tab, the progress of a running
// sync in words at the top of the Overview, the History tab's pages, and the run page saying when all
// of a run's work is over.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { queuedRunRow } from "@workers/sync/runs";
import { appFetch, db, makeWorkspace } from "./helpers";
import { connectWorkspace } from "./sync-fixtures";

const PAGE = "/settings/integrations/ninjaone";
const TABS: Array<[string, string]> = [
  [PAGE, "Overview"],
  [`${PAGE}/mappings`, "Organization Mapping"],
  [`${PAGE}/contacts`, "Contacts"],
  [`${PAGE}/roles`, "Device Roles"],
  [`${PAGE}/replacement-policies`, "Replacement Policies"],
  [`${PAGE}/history`, "History"],
];

const html = async (path: string, cookie: string, status = 200) => {
  const res = await appFetch(path, { cookie });
  expect(res.status, path).toBe(status);
  return (await res.text()).replaceAll("<!-- -->", "");
};

/** The label of the tab marked aria-current="page" (the one current tab). */
function currentTabs(page: string): string[] {
  const nav = page.slice(page.indexOf('aria-label="NinjaOne settings"'));
  const list = nav.slice(0, nav.indexOf("</nav>"));
  return [...list.matchAll(/<a [^>]*aria-current="page"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
}

async function addRun(workspaceId: string, fields: Partial<typeof schema.syncRuns.$inferInsert> = {}) {
  const now = Date.now();
  const row = { ...queuedRunRow(workspaceId, "manual", now, null), ...fields };
  await db().insert(schema.syncRuns).values(row);
  return row.id;
}

describe("the NinjaOne tabs", () => {
  it("every tab opens at its own URL with the tab list, exactly its own tab marked current", async () => {
    const { workspaceId, cookie } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    for (const [path, label] of TABS) {
      const page = await html(path, cookie);
      for (const [, other] of TABS) expect(page, `${path} lists ${other}`).toContain(`>${other}</a>`);
      expect(currentTabs(page), path).toEqual([label]);
    }
    // Pages under a tab mark that tab: the quick mapping panel and settings form (Overview), a run (History).
    expect(currentTabs(await html(`${PAGE}/map`, cookie))).toEqual(["Overview"]);
    expect(currentTabs(await html(`${PAGE}/configure`, cookie))).toEqual(["Overview"]);
    const runId = await addRun(workspaceId, { status: "succeeded", phase: "done", finishedAt: Date.now() });
    expect(currentTabs(await html(`${PAGE}/runs/${runId}`, cookie))).toEqual(["History"]);
  });

  it("the redirects and links that led into the old page still land on the Overview with their message", async () => {
    const { cookie } = await makeWorkspace("owner");
    expect(await html(`${PAGE}?saved=created`, cookie)).toContain("Integration saved. Next, click Connect NinjaOne");
    expect(await html(`${PAGE}?connected=1`, cookie)).toContain("NinjaOne is connected.");
    expect(await html(`${PAGE}?oauth_error=access_denied`, cookie)).toContain("NinjaOne authorization was denied");
  });

  it("each tab checks its own permission and the list shows only the tabs the user may open", async () => {
    const tech = await makeWorkspace("technician");
    for (const [path, label] of TABS) expect((await appFetch(path, { cookie: tech.cookie })).status, path).toBe(label === "Contacts" ? 200 : 403);
    const contacts = await html(`${PAGE}/contacts`, tech.cookie);
    expect(currentTabs(contacts)).toEqual(["Contacts"]);
    expect(contacts).not.toContain(">Overview</a>");
    const observer = await makeWorkspace("observer");
    for (const [path, label] of TABS) {
      if (label === "Replacement Policies") continue;
      expect((await appFetch(path, { cookie: observer.cookie })).status, path).toBe(403);
    }
    const page = await html(`${PAGE}/replacement-policies`, observer.cookie);
    expect(currentTabs(page)).toEqual(["Replacement Policies"]);
    expect(page).not.toContain(">Overview</a>");
    expect(page).not.toContain(">History</a>");
  });

  it("the Overview shows the latest run only; the history lives on its own tab", async () => {
    const { workspaceId, cookie } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const now = Date.now();
    for (let i = 0; i < 3; i++) await addRun(workspaceId, { status: "succeeded", phase: "done", createdAt: now - 10_000 + i, updatedAt: now, finishedAt: now });
    const overview = await html(PAGE, cookie);
    expect(overview).not.toContain('data-testid="sync-history"');
    expect(overview).toContain('data-testid="sync-result"');
    await addRun(workspaceId, { status: "succeeded", phase: "warranty", createdAt: now, updatedAt: now, finishedAt: now });
    const history = await html(`${PAGE}/history`, cookie);
    expect(history.match(/data-testid="run-trigger"/g)).toHaveLength(4);
    expect(history.match(/checking warranties/g)).toHaveLength(1); // the newest: devices synced, warranty pass going
  });

  it("History pages with a cursor, lists only its own workspace's runs, and answers 400 to a broken cursor", async () => {
    const { workspaceId, cookie } = await makeWorkspace("owner");
    const other = await makeWorkspace("owner");
    await addRun(other.workspaceId, { status: "succeeded", phase: "done", finishedAt: Date.now() });
    const base = Date.now() - 100_000;
    for (let i = 0; i < 27; i++) await addRun(workspaceId, { status: "succeeded", phase: "done", createdAt: base + i, updatedAt: base + i, finishedAt: base + i });
    const first = await html(`${PAGE}/history`, cookie);
    expect(first.match(/data-testid="run-trigger"/g)).toHaveLength(25);
    const next = /href="[^"]*\?cursor=([^"]+)"/.exec(first)?.[1];
    expect(next).toBeTruthy();
    const second = await html(`${PAGE}/history?cursor=${next}`, cookie);
    expect(second.match(/data-testid="run-trigger"/g)).toHaveLength(2);
    await html(`${PAGE}/history?cursor=not-a-cursor`, cookie, 400);
    expect((await html(`${PAGE}/history`, other.cookie)).match(/data-testid="run-trigger"/g)).toHaveLength(1);
  });
});

describe("a running sync's progress at the top of the Overview", () => {
  const progressOf = (page: string) => {
    const at = page.indexOf('data-testid="sync-phase"');
    return { at, phase: at < 0 ? null : page.slice(page.indexOf(">", at) + 1, page.indexOf("<", at)) };
  };

  it("says the phase in words from the moment the run is queued, above the connection and Device Sync cards", async () => {
    const { workspaceId, cookie } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const runId = await addRun(workspaceId); // queued: the organizations step not picked up yet
    let page = await html(PAGE, cookie);
    expect(progressOf(page).phase).toBe("Reading organizations…");
    expect(progressOf(page).at).toBeLessThan(page.indexOf(">Device Sync<"));
    expect(progressOf(page).at).toBeLessThan(page.indexOf('data-testid="ninjaone-status"'));

    const set = (fields: Partial<typeof schema.syncRuns.$inferInsert>) => db().update(schema.syncRuns).set(fields).where(eq(schema.syncRuns.id, runId));
    await set({ status: "running", phase: "contacts" });
    expect(progressOf(await html(PAGE, cookie)).phase).toBe("Reading contacts…");
    // SYNC_PAGE_SIZE of the test deployment: about pages = expected devices / page size.
    const pageSize = Number((await import("cloudflare:test")).env.SYNC_PAGE_SIZE || 1000);
    await set({ phase: "devices", pagesDone: 2, devicesFound: 2 * pageSize, devicesExpected: 20 * pageSize });
    expect(progressOf(await html(PAGE, cookie)).phase).toBe("Devices: page 3 of about 20");
    await set({ phase: "finalize" });
    expect(progressOf(await html(PAGE, cookie)).phase).toBe("Finishing…");
    await set({ status: "succeeded", phase: "warranty", warrantyTotal: 500, warrantyChecked: 120, finishedAt: Date.now() });
    page = await html(PAGE, cookie);
    expect(progressOf(page).phase).toBe("Checking warranties: 120 of 500");
    expect(page).toContain('data-testid="sync-result"'); // the device numbers are final already
    await set({ phase: "done" });
    expect(progressOf(await html(PAGE, cookie)).phase).toBeNull();
  });

  it("the live poll answers the same words, for its own workspace only", async () => {
    const { workspaceId, cookie } = await makeWorkspace("owner");
    await addRun(workspaceId, { status: "running", phase: "contacts" });
    const res = await appFetch("/settings/integrations/ninjaone/sync-status", { cookie });
    expect(await res.json()).toMatchObject({ latest: { status: "running", live: { stage: "contacts", label: "Reading contacts…", active: true } } });
    const other = await makeWorkspace("owner");
    expect(await (await appFetch("/settings/integrations/ninjaone/sync-status", { cookie: other.cookie })).json()).toEqual({ latest: null });
  });

  it("the run page says plainly whether all the run's work, warranty included, is finished", async () => {
    const { workspaceId, cookie } = await makeWorkspace("owner");
    const now = Date.now();
    const runId = await addRun(workspaceId, { status: "succeeded", phase: "warranty", warrantyTotal: 40, warrantyChecked: 10, finishedAt: now });
    let page = await html(`${PAGE}/runs/${runId}`, cookie);
    expect(page).toContain('data-finished="no"');
    expect(page).toContain("Still working: Checking warranties: 10 of 40");
    await db().update(schema.syncRuns).set({ phase: "done", warrantyChecked: 40, updatedAt: now + 1000 }).where(eq(schema.syncRuns.id, runId));
    page = await html(`${PAGE}/runs/${runId}`, cookie);
    expect(page).toContain('data-finished="yes"');
    expect(page).toContain("All of this run&#x27;s work is finished, warranty check included");
    expect(page).toContain("Warranty: 40 of 40 checked.");
    const stranger = await makeWorkspace("owner");
    expect((await appFetch(`${PAGE}/runs/${runId}`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await appFetch(`${PAGE}/runs/${newId()}`, { cookie })).status).toBe(404);
  });
});
