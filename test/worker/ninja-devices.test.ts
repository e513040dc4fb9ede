// The NinjaOne Devices card on tickets and the "Open in NinjaOne" links (asset page, list, API).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { contactDeviceCard } from "@workers/db/ninja-links";
import { addApiKey, addAsset, addContact, addCustomer, addNinjaAsset, api } from "./asset-fixtures";
import { appFetch, db, makeWorkspace, postForm } from "./helpers";
import { connectWorkspace } from "./sync-fixtures";

const HOUR = 3_600_000;

async function withBrandedDomain(workspaceId: string, dashboardDomain: string | null, region: "us" | "eu" = "eu") {
  await connectWorkspace(workspaceId);
  await db().update(schema.integrations).set({ dashboardDomain, region }).where(eq(schema.integrations.workspaceId, workspaceId));
}

async function contactWithDevices() {
  const ws = await makeWorkspace("technician");
  const acme = await addCustomer(ws.workspaceId, "Acme");
  const ada = await addContact(ws.workspaceId, acme, "Ada Lovelace");
  const now = Date.now();
  const online = await addNinjaAsset(ws.workspaceId, {
    name: "ADA-LAPTOP",
    contactId: ada,
    customerId: acme,
    ninjaDeviceId: 4101,
    ninjaNodeClass: "WINDOWS_WORKSTATION",
    ninjaOffline: false,
    ninjaLastContact: now - 5 * 60_000,
  });
  const offline = await addNinjaAsset(ws.workspaceId, {
    name: "ADA-ESX",
    contactId: ada,
    customerId: acme,
    ninjaDeviceId: 4102,
    ninjaNodeClass: "VMWARE_VM_HOST",
    ninjaOffline: true,
    ninjaLastContact: now - 3 * 24 * HOUR,
  });
  const gone = await addNinjaAsset(ws.workspaceId, { name: "ADA-OLD", contactId: ada, customerId: acme, ninjaDeviceId: 4103, ninjaDeletedAt: now - HOUR });
  const monitor = await addAsset(ws.workspaceId, { name: "ADA-MONITOR", contactId: ada, customerId: acme, category: "Other" });
  await addNinjaAsset(ws.workspaceId, { name: "SOMEONE-ELSES", customerId: acme, ninjaDeviceId: 4199 });
  return { ...ws, acme, ada, online, offline, gone, monitor };
}

describe("contactDeviceCard", () => {
  it("splits NinjaOne devices (state, friendly type, link on the branded domain) from the other assets", async () => {
    const s = await contactWithDevices();
    await withBrandedDomain(s.workspaceId, "rmm.example-msp.com");
    const card = await contactDeviceCard(db(), s.workspaceId, s.ada);
    expect(card.more).toBe(false);
    expect(card.ninja.map((d) => [d.name, d.deviceType, d.offline, d.removed, d.dashboardUrl])).toEqual([
      ["ADA-ESX", "VMware Host", true, false, "https://rmm.example-msp.com/#/deviceDashboard/4102/overview"],
      ["ADA-LAPTOP", "Windows Workstation", false, false, "https://rmm.example-msp.com/#/deviceDashboard/4101/overview"],
      ["ADA-OLD", "Windows Workstation", false, true, null], // gone from NinjaOne: no link
    ]);
    expect(card.ninja[1].lastContact).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(card.other).toEqual([{ id: s.monitor, name: "ADA-MONITOR", category: "Other", status: "in_use" }]);
  });

  it("links to the region's instance without a branded domain, and gives no link without an integration", async () => {
    const s = await contactWithDevices();
    expect((await contactDeviceCard(db(), s.workspaceId, s.ada)).ninja[0].dashboardUrl).toBeNull();
    await withBrandedDomain(s.workspaceId, null, "eu");
    expect((await contactDeviceCard(db(), s.workspaceId, s.ada)).ninja[0].dashboardUrl).toBe("https://eu.ninjarmm.com/#/deviceDashboard/4102/overview");
  });

  it("reads only this workspace's assets", async () => {
    const s = await contactWithDevices();
    const other = await makeWorkspace("owner");
    expect(await contactDeviceCard(db(), other.workspaceId, s.ada)).toEqual({ ninja: [], other: [], more: false });
  });
});

describe("the ticket sidebar", () => {
  it("shows the NinjaOne Devices card with state on hover, type and Open in NinjaOne in a new tab", async () => {
    const s = await contactWithDevices();
    await withBrandedDomain(s.workspaceId, "rmm.example-msp.com");
    const res = await postForm("/tickets/new", { title: "Laptop slow", customerId: s.acme, contactId: s.ada }, s.cookie);
    const ticketPath = res.headers.get("Location") ?? "";
    const html = await (await appFetch(ticketPath, { cookie: s.cookie })).text();
    expect(html).toContain("NinjaOne Devices");
    expect(html).toContain('title="Online · last seen 5 minutes ago"');
    expect(html).toContain('title="Offline · last seen 3 days ago"');
    expect(html).toContain("VMware Host");
    expect(html).toMatch(/href="https:\/\/rmm\.example-msp\.com\/#\/deviceDashboard\/4101\/overview" target="_blank" rel="noopener noreferrer"/);
    expect(html).toContain("Other devices");
    expect(html).toContain("ADA-MONITOR");
    expect(html).not.toContain("SOMEONE-ELSES");
  });

  it("says in one line when the ticket has no contact, or the contact no NinjaOne devices", async () => {
    const s = await contactWithDevices();
    const loner = await addContact(s.workspaceId, s.acme, "Lonely Lou");
    const noContact = (await postForm("/tickets/new", { title: "General" }, s.cookie)).headers.get("Location") ?? "";
    expect(await (await appFetch(noContact, { cookie: s.cookie })).text()).toContain("No contact on this ticket, so no NinjaOne devices to show.");
    const lou = (await postForm("/tickets/new", { title: "Mine", contactId: loner }, s.cookie)).headers.get("Location") ?? "";
    expect(await (await appFetch(lou, { cookie: s.cookie })).text()).toContain("Lonely Lou has no NinjaOne devices.");
  });
});

describe("Open in NinjaOne elsewhere", () => {
  it("is on the asset page, in the assets list and in the API's asset resource", async () => {
    const s = await contactWithDevices();
    await withBrandedDomain(s.workspaceId, "https://rmm.example-msp.com/");
    const link = "https://rmm.example-msp.com/#/deviceDashboard/4101/overview";
    expect(await (await appFetch(`/assets/${s.online}`, { cookie: s.cookie })).text()).toContain(`href="${link}"`);
    expect(await (await appFetch(`/assets?customerId=${s.acme}`, { cookie: s.cookie })).text()).toContain(`href="${link}"`);
    const key = await addApiKey(s.workspaceId, "observer");
    const one = (await (await api(`/assets/${s.online}`, key)).json()) as { data: { ninjaDashboardUrl: string | null } };
    expect(one.data.ninjaDashboardUrl).toBe(link);
    const list = (await (await api(`/assets?customerId=${s.acme}`, key)).json()) as { data: Array<{ name: string; ninjaDashboardUrl: string | null }> };
    expect(Object.fromEntries(list.data.map((a) => [a.name, a.ninjaDashboardUrl]))).toMatchObject({ "ADA-LAPTOP": link, "ADA-MONITOR": null, "ADA-OLD": null });
  });
});
