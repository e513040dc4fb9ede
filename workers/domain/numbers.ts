// How Core writes counts in text people read (inbox notices, confirmations): thousands
// separators always, and the noun in the singular only for exactly one.
// One formatter for all: `n.toLocaleString("en-US")` builds a new one per call, which costs pages
// that show dozens of counts (Reports, EOL) milliseconds of server time.
const COUNT_FORMAT = new Intl.NumberFormat("en-US");

/** 5000 → "5,000". */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

/** (5000, "device has", "devices have") → "5,000 devices have"; (1, …) → "1 device has". */
export function countOf(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
