import { formatCount } from "@workers/domain/numbers";
/** One bar or slice: a label, a count and, optionally, the page that lists what it counts. */
export type CountPoint = { label: string; value: number; href?: string; color?: string };

/** "1 device", "2 devices": `noun` is the singular. */
export function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${n === 1 ? noun : `${noun}s`}`;
}
