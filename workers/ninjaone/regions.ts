// NinjaOne instances. One origin serves the console, OAuth and the REST API (fact sheet §1.1).
export type NinjaRegion = "us" | "eu" | "oc" | "ca" | "us2" | "fed";

export const REGIONS: Record<NinjaRegion, { label: string; host: string }> = {
  us: { label: "US", host: "app.ninjarmm.com" },
  eu: { label: "EU", host: "eu.ninjarmm.com" },
  oc: { label: "Oceania", host: "oc.ninjarmm.com" },
  ca: { label: "Canada", host: "ca.ninjarmm.com" },
  us2: { label: "US2", host: "us2.ninjarmm.com" },
  fed: { label: "FedRAMP", host: "fed.ninjarmm.com" },
};

export const NINJA_REGIONS = Object.keys(REGIONS) as NinjaRegion[];

export function isNinjaRegion(value: string): value is NinjaRegion {
  return Object.hasOwn(REGIONS, value);
}

/**
 * The origin every call goes to. A deployment-wide override (NINJAONE_BASE_URL: the simulator,
 * tests, a proxy) wins over the region and may carry a path prefix, e.g.
 * http://localhost:8787/ninjaone-sim. No trailing slash either way.
 */
export function ninjaBaseUrl(region: NinjaRegion, override?: string): string {
  if (override && override.trim()) return override.trim().replace(/\/+$/, "");
  return `https://${REGIONS[region].host}`;
}

/** Console deep links (fact sheet §9): hash routes on the same origin as the API. Device links: ninjaDashboardUrl in domain/dashboard-domain.ts. */
export function organizationDashboardUrl(baseUrl: string, organizationId: number): string {
  return `${baseUrl}/#/customerDashboard/${organizationId}/overview`;
}
