// Where to go after login: only a path on this site. Everything else falls back to the dashboard.
// Browsers treat `\` as `/`, ignore tabs and newlines inside URLs and decode some escapes, so a
// path that merely starts with "/" can still leave the site (`/\evil.example`, `/%09/evil.example`).

const FALLBACK = "/dashboard";
const BASE = "http://core.invalid";
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function looksHostile(value: string) {
  return CONTROL.test(value) || value.includes("\\") || !value.startsWith("/") || value.startsWith("//");
}

/** `next` if it is a same-origin path (with its query and hash), else `fallback`. */
export function safeRedirectPath(next: unknown, fallback = FALLBACK): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2000) return fallback;
  // Check the raw value and every layer of percent-decoding a browser or proxy might apply.
  let layer = next;
  for (let i = 0; i < 4; i++) {
    if (looksHostile(layer)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return fallback;
    }
    if (decoded === layer) break;
    layer = decoded;
  }
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || url.username || url.password) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
