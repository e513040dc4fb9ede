// Small, dependency-free string hashes for change detection and schedule spreading (not for security).

const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over UTF-16 code units; `seed` picks an independent stream. */
export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** 64 bits as 16 hex chars: two independent FNV-1a streams, so a changed device is never mistaken for unchanged in practice. */
export function fnv1a64Hex(text: string): string {
  // fnv1a32(text, 0x811c9dc5) and fnv1a32(text, 0x050c5d1f) in one pass over the text (half the
  // reads; a sync hashes two ~1.5 KB strings per device).
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, FNV_PRIME);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** JSON with object keys sorted at every level, so key order never changes a hash. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
}
