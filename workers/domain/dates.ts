// How Core writes dates and times for people: one format everywhere, in the reader's time zone.
// "7 Dec 2026, 17:05" (24-hour clock), "7 Dec 2026" for a day. Built from numeric parts with our
// own month names, so the server (workerd) and every browser print exactly the same text whatever
// their ICU version (en-GB's short September is "Sep" in some and "Sept" in others), and a
// hydrated page never differs from the server's. Machine formats (API, CSV) stay ISO 8601 UTC.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        hourCycle: "h23",
      });
    } catch {
      // An unknown zone (a stale setting): UTC rather than an error page.
      return partsFormatter("UTC");
    }
    formatters.set(timeZone, f);
  }
  return f;
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number };

function partsOf(ms: number, timeZone: string): Parts {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return { year: out.year, month: out.month, day: out.day, hour: out.hour % 24, minute: out.minute };
}

const two = (n: number) => String(n).padStart(2, "0");
const dayText = (year: number, month: number, day: number) => `${day} ${MONTHS[month - 1]} ${year}`;

const isInstant = (ms: number | null | undefined): ms is number => typeof ms === "number" && Number.isFinite(ms) && ms !== 0;

/** 1796662800000, "Europe/Berlin" → "7 Dec 2026, 19:00"; null/0 → "—". */
export function formatDateTime(ms: number | null | undefined, timeZone = "UTC"): string {
  if (!isInstant(ms)) return "—";
  const p = partsOf(ms, timeZone);
  return `${dayText(p.year, p.month, p.day)}, ${two(p.hour)}:${two(p.minute)}`;
}

/** The day of an instant in the reader's zone: "7 Dec 2026". */
export function formatDate(ms: number | null | undefined, timeZone = "UTC"): string {
  if (!isInstant(ms)) return "—";
  const p = partsOf(ms, timeZone);
  return dayText(p.year, p.month, p.day);
}

/**
 * A calendar day stored as "YYYY-MM-DD" (purchase date, warranty end, replacement due): the same
 * day for every reader, so no time zone applies. Anything else is shown as it is.
 */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return iso;
  return dayText(Number(m[1]), month, Number(m[3]));
}
