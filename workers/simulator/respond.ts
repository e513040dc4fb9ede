// Response shapes NinjaOne uses (fact sheet §8.1, §13.9, §13.10) and the simulator's request context.
import type { SimStore } from "./store";

export type SimContext = {
  store: SimStore;
  request: Request;
  url: URL;
  /** Path with the mount prefix removed, e.g. /v2/devices. */
  path: string;
  /** The mount prefix as seen in the request (e.g. /ninjaone-sim, or "" when mounted at the root). */
  mount: string;
  /** Simulated now (epoch ms): the real clock plus the control API's offset. */
  now: number;
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

function randomChars(alphabet: string, length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** WEB_MGMT_SERVICE-<32 hex>-<epoch s>-<8 upper-case letters>, as in captured errors. */
export function incidentId(nowMs: number): string {
  return `WEB_MGMT_SERVICE-${randomChars("0123456789abcdef", 32)}-${Math.floor(nowMs / 1000)}-${randomChars(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    8,
  )}`;
}

/** `{"resultCode":"FAILURE","errorMessage":...,"incidentId":...}`: every non-auth failure. */
export function failure(status: number, errorMessage: string, nowMs: number, resultCode = "FAILURE"): Response {
  return json({ resultCode, errorMessage, incidentId: incidentId(nowMs) }, status);
}

/** The 401 body seen for missing, expired or invalid access tokens. */
export function notAuthenticated(): Response {
  return json({ error: "not_authenticated", error_description: "Invalid credentials", error_code: 10 }, 401);
}

export function retryAfterHeader(
  seconds: number,
  format: "seconds" | "http-date" | "none",
  nowMs: number,
): Record<string, string> {
  if (format === "none") return {};
  if (format === "http-date") return { "Retry-After": new Date(nowMs + seconds * 1000).toUTCString() };
  return { "Retry-After": String(Math.ceil(seconds)) };
}

/** The §13.9 proposal: 429 with Retry-After and a resultCode body. */
export function tooManyRequests(seconds: number, format: "seconds" | "http-date" | "none", nowMs: number): Response {
  return json(
    { resultCode: "TOO_MANY_REQUESTS", errorMessage: "Rate limit exceeded", incidentId: incidentId(nowMs) },
    429,
    retryAfterHeader(seconds, format, nowMs),
  );
}

export function base64url(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function randomBase64url(byteLength: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c] ?? c),
  );
}

export function html(body: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Frame-Options": "DENY" },
  });
}
