// Device lifecycle bands for the Device Reports: how old a device is and where its warranty
// stands. Pure; the time comes in as an argument. The SQL aggregates are built from the same
// boundaries (ageBandRanges, warrantyThresholds), so a chart and its drill-down always agree.

export const AGE_BANDS = ["0-1", "1-2", "2-3", "3-5", "5+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export type AgeBandOrUnknown = AgeBand | "unknown";
/** Age filters: the bands plus devices with neither a NinjaOne creation nor a purchase date. */
export const AGE_FILTERS = [...AGE_BANDS, "unknown"] as const;

export const AGE_BAND_LABELS: Record<AgeBandOrUnknown, string> = {
  "0-1": "0-1 yr",
  "1-2": "1-2 yr",
  "2-3": "2-3 yr",
  "3-5": "3-5 yr",
  "5+": "5+ yr",
  unknown: "Unknown age",
};

// Upper age (in whole years) of each band; the last band has none.
const AGE_BAND_MAX_YEARS: Record<AgeBand, number | null> = { "0-1": 1, "1-2": 2, "2-3": 3, "3-5": 5, "5+": null };

/** The instant `years` calendar years before `nowMs` (UTC). 29 February falls back to the 28th. */
export function yearsBefore(nowMs: number, years: number): number {
  const d = new Date(nowMs);
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d.getTime();
}

/** When the device came into service: its creation in NinjaOne, else its purchase date (midnight UTC). */
export function deviceStartMs(device: { ninjaCreatedAt: number | null; purchaseDate: string | null }): number | null {
  if (device.ninjaCreatedAt != null) return device.ninjaCreatedAt;
  if (device.purchaseDate) {
    const ms = Date.parse(`${device.purchaseDate}T00:00:00Z`);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

export type AgeBandRange = {
  band: AgeBand;
  /** The device started strictly after this instant (null: no lower limit). */
  startedAfterMs: number | null;
  /** The device started at or before this instant (null: no upper limit). */
  startedAtOrBeforeMs: number | null;
};

/** The start-time window of each age band at `nowMs`, youngest first. Exactly one year old is "1-2". */
export function ageBandRanges(nowMs: number): AgeBandRange[] {
  let previousLimit: number | null = null;
  return AGE_BANDS.map((band) => {
    const maxYears = AGE_BAND_MAX_YEARS[band];
    const startedAfterMs = maxYears === null ? null : yearsBefore(nowMs, maxYears);
    const range = { band, startedAfterMs, startedAtOrBeforeMs: previousLimit };
    previousLimit = startedAfterMs;
    return range;
  });
}

export function ageBand(startMs: number | null, nowMs: number): AgeBandOrUnknown {
  if (startMs === null) return "unknown";
  for (const range of ageBandRanges(nowMs)) {
    if (range.startedAfterMs === null || startMs > range.startedAfterMs) return range.band;
  }
  return "5+";
}

export const WARRANTY_BANDS = ["active", "expiring", "expired", "none"] as const;
export type WarrantyBand = (typeof WARRANTY_BANDS)[number];

export const WARRANTY_BAND_LABELS: Record<WarrantyBand, string> = {
  active: "Active",
  expiring: "Expiring Soon",
  expired: "Expired",
  none: "No Warranty",
};

export const EXPIRING_SOON_DAYS = 90;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Today's date (UTC) and the last day that still counts as "expiring soon". A warranty is valid
 * through its end date: ending today is expiring, ending yesterday is expired.
 */
export function warrantyThresholds(nowMs: number): { today: string; expiringThrough: string } {
  return { today: isoDay(nowMs), expiringThrough: isoDay(nowMs + EXPIRING_SOON_DAYS * 86_400_000) };
}

export function warrantyBand(endIso: string | null, nowMs: number): WarrantyBand {
  if (!endIso) return "none";
  const { today, expiringThrough } = warrantyThresholds(nowMs);
  if (endIso < today) return "expired";
  if (endIso <= expiringThrough) return "expiring";
  return "active";
}
