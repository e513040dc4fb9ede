// The optional "Dashboard Link Domain" of a NinjaOne integration: a bare host name such as
// support.example-msp.com. Anything else (a scheme, a path, a port, spaces) is refused with a
// message saying what to remove, never silently cut away.
import { REGIONS, type NinjaRegion } from "../ninjaone/regions";

export const DASHBOARD_DOMAIN_HINT = "Enter a host name like support.example-msp.com, without https:// or a path.";

export type DashboardDomainCheck = { ok: true; host: string } | { ok: false; message: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function parseDashboardDomain(input: string): DashboardDomainCheck {
  const raw = input.trim();
  const fail = (what: string): DashboardDomainCheck => ({ ok: false, message: `${what} ${DASHBOARD_DOMAIN_HINT}` });
  if (!raw) return fail("The domain is empty.");
  if (/\s/.test(raw)) return fail("Remove the spaces.");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return fail("Remove the scheme (https://).");
  if (/[/?#]/.test(raw)) return fail("Remove the path.");
  if (raw.includes("@")) return fail("Remove the user name.");
  if (raw.includes(":")) return fail("Remove the port: dashboard links always use HTTPS on the default port.");
  if (/[^\x21-\x7e]/.test(raw)) return fail("Use the xn-- (punycode) form of an international domain.");
  const host = raw.toLowerCase();
  if (host.endsWith(".")) return fail("Remove the trailing dot.");
  if (host.length > 253) return fail("That host name is too long.");
  const labels = host.split(".");
  if (labels.length < 2) return fail("Use the full host name, including the domain.");
  if (!labels.every((l) => LABEL.test(l))) return fail("Use only letters, digits, hyphens and dots.");
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return fail("Use a host name, not an IP address.");
  return { ok: true, host };
}

/** Where "Open in NinjaOne" links point: the branded domain, or the region's instance when unset or unusable. */
export type DashboardLinkSettings = { region: NinjaRegion; dashboardDomain: string | null };

/**
 * The host of dashboard links. A stored domain is read leniently (an https:// scheme and trailing
 * slashes, as people paste them, are dropped; http:// becomes https) and then must pass
 * parseDashboardDomain; a domain that does not (a path, a port, a user name, javascript:…) is
 * never put in a link: the region's instance host is used instead.
 */
export function dashboardHost(settings: DashboardLinkSettings): { host: string; branded: boolean } {
  const stored = (settings.dashboardDomain ?? "").trim().replace(/^https?:\/\//i, "").replace(/\/+$/, "");
  if (stored) {
    const check = parseDashboardDomain(stored);
    if (check.ok) return { host: check.host, branded: true };
  }
  return { host: REGIONS[settings.region].host, branded: false };
}

/**
 * The one "Open in NinjaOne" link: https://{host}/#/deviceDashboard/{deviceId}/overview (fact
 * sheet §9). Null when there is no usable NinjaOne device id.
 */
export function ninjaDashboardUrl(settings: DashboardLinkSettings, deviceId: number | null | undefined): string | null {
  if (typeof deviceId !== "number" || !Number.isSafeInteger(deviceId) || deviceId <= 0) return null;
  return `https://${dashboardHost(settings).host}/#/deviceDashboard/${deviceId}/overview`;
}
