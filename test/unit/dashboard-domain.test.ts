import { describe, expect, it } from "vitest";
import { dashboardHost, ninjaDashboardUrl, parseDashboardDomain } from "@workers/domain/dashboard-domain";

describe("Dashboard Link Domain", () => {
  it.each([
    ["support.example-msp.com", "support.example-msp.com"],
    ["acme.rmmservice.com", "acme.rmmservice.com"],
    ["  Support.Example-MSP.com ", "support.example-msp.com"],
    ["xn--bcher-kva.example", "xn--bcher-kva.example"],
  ])("accepts the host name %j as %j", (input, host) => {
    expect(parseDashboardDomain(input)).toEqual({ ok: true, host });
  });

  it.each([
    ["https://support.example-msp.com", "Remove the scheme (https://)."],
    ["support.example-msp.com/portal", "Remove the path."],
    ["support.example-msp.com?x=1", "Remove the path."],
    ["support.example-msp.com:8443", "Remove the port"],
    ["support example.com", "Remove the spaces."],
    ["admin@support.example.com", "Remove the user name."],
    ["support", "Use the full host name"],
    ["support.example.com.", "Remove the trailing dot."],
    ["-bad.example.com", "Use only letters, digits, hyphens and dots."],
    ["under_score.example.com", "Use only letters, digits, hyphens and dots."],
    ["192.168.1.10", "not an IP address"],
    ["bücher.example", "punycode"],
  ])("refuses %j, saying what to change", (input, says) => {
    const check = parseDashboardDomain(input);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.message).toContain(says);
      expect(check.message).toContain("Enter a host name like support.example-msp.com, without https:// or a path.");
    }
  });
});

describe("Open in NinjaOne links", () => {
  it.each([
    ["us", "app.ninjarmm.com"],
    ["eu", "eu.ninjarmm.com"],
    ["oc", "oc.ninjarmm.com"],
    ["ca", "ca.ninjarmm.com"],
    ["us2", "us2.ninjarmm.com"],
    ["fed", "fed.ninjarmm.com"],
  ] as const)("region %s without a branded domain opens the instance %s", (region, host) => {
    expect(ninjaDashboardUrl({ region, dashboardDomain: null }, 42)).toBe(`https://${host}/#/deviceDashboard/42/overview`);
    expect(ninjaDashboardUrl({ region, dashboardDomain: "  " }, 42)).toBe(`https://${host}/#/deviceDashboard/42/overview`);
  });

  it.each([
    "support.example-msp.com",
    "https://support.example-msp.com",
    "HTTPS://Support.Example-MSP.com/",
    "support.example-msp.com/",
    "http://support.example-msp.com//",
  ])("uses the branded domain %j on its own, with or without scheme or trailing slash", (domain) => {
    expect(ninjaDashboardUrl({ region: "eu", dashboardDomain: domain }, 1234)).toBe(
      "https://support.example-msp.com/#/deviceDashboard/1234/overview",
    );
    expect(dashboardHost({ region: "eu", dashboardDomain: domain })).toEqual({ host: "support.example-msp.com", branded: true });
  });

  it.each([
    "javascript:alert(1)",
    "evil.example.com/#/x",
    "support.example-msp.com:8443",
    "user@evil.example.com",
    "evil.example.com\\@good.com",
    "192.168.1.10",
    "ftp://support.example-msp.com",
  ])("refuses the domain %j and falls back to the region's instance", (domain) => {
    expect(dashboardHost({ region: "ca", dashboardDomain: domain })).toEqual({ host: "ca.ninjarmm.com", branded: false });
    expect(ninjaDashboardUrl({ region: "ca", dashboardDomain: domain }, 7)).toBe("https://ca.ninjarmm.com/#/deviceDashboard/7/overview");
  });

  it.each([null, undefined, 0, -3, 1.5, Number.NaN])("gives no link without a device id (%j)", (deviceId) => {
    expect(ninjaDashboardUrl({ region: "us", dashboardDomain: null }, deviceId)).toBeNull();
  });
});
