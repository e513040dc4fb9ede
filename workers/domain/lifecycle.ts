// Device lifecycle bands for the Device Reports: how old a device is and where its warranty
// stands. Pure; the time comes in as an argument. The SQL aggregates are built from the same
// boundaries (ageBandRanges, warrantyThresholds), so a chart and its drill-down always agree.
import { differenceInMonths, format } from "date-fns";

export const AGE_BANDS = ["0-1", "1-2", "2-3", "3-5", "5+"] as const;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type AgeBand = (typeof AGE_BANDS)[number];
export type AgeBandOrUnknown = AgeBand | "unknown";
/** Age filters: the bands plus devices with no purchase date, warranty start or NinjaOne first-seen date. */
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

export const AGE_BASES = ["purchase_date", "warranty_start", "ninja_first_seen"] as const;
export type AgeBasis = (typeof AGE_BASES)[number];

export const AGE_BASIS_LABELS: Record<AgeBasis, string> = {
  purchase_date: "from purchase date",
  warranty_start: "from warranty start",
  ninja_first_seen: "estimate: first seen by NinjaOne",
};

export type AgeSource = { purchaseDate: string | null; warrantyStart: string | null; ninjaCreatedAt: number | null };

/** A YYYY-MM-DD that is a real calendar date, as epoch ms at midnight UTC; otherwise null. */
export function isoDayMs(iso: string | null | undefined): number | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== iso ? null : ms;
}

/**
 * Where a device's age comes from, in order: the purchase date (a person's entry), the warranty
 * start (NinjaOne's warranty data), then the day NinjaOne first saw the device, which is only an
 * estimate: a six-year-old PC enrolled last month was "first seen" last month. Null: no basis.
 */
export function ageBasis(device: AgeSource): { basis: AgeBasis; startMs: number; since: string; estimate: boolean } | null {
  const purchase = isoDayMs(device.purchaseDate);
  if (purchase !== null) return { basis: "purchase_date", startMs: purchase, since: device.purchaseDate!, estimate: false };
  const warranty = isoDayMs(device.warrantyStart);
  if (warranty !== null) return { basis: "warranty_start", startMs: warranty, since: device.warrantyStart!, estimate: false };
  if (device.ninjaCreatedAt != null) {
    return { basis: "ninja_first_seen", startMs: device.ninjaCreatedAt, since: isoDay(device.ninjaCreatedAt), estimate: true };
  }
  return null;
}

/** When the device came into service (see ageBasis), in epoch ms; null when nothing says. */
export function deviceStartMs(device: AgeSource): number | null {
  return ageBasis(device)?.startMs ?? null;
}

/** A date-only value as a local-time Date at noon, so date-fns month arithmetic never meets a DST edge. */
export function dayDate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d, 12);
}
export const dayIso = (date: Date) => format(date, "yyyy-MM-dd");

export type DeviceAge = {
  basis: AgeBasis;
  /** The basis date (YYYY-MM-DD, UTC). */
  since: string;
  estimate: boolean;
  /** Whole months from the basis date to today (0 for a future date). */
  months: number;
  /** "6 y 2 m" */
  text: string;
  /** "6 y 2 m, from purchase date" */
  label: string;
};

/** The device's age in whole calendar months with its basis; null when there is no basis. */
export function deviceAge(device: AgeSource, nowMs: number): DeviceAge | null {
  const found = ageBasis(device);
  if (!found) return null;
  const months = Math.max(0, differenceInMonths(dayDate(isoDay(nowMs)), dayDate(found.since)));
  const text = `${Math.floor(months / 12)} y ${months % 12} m`;
  return { basis: found.basis, since: found.since, estimate: found.estimate, months, text, label: `${text}, ${AGE_BASIS_LABELS[found.basis]}` };
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
