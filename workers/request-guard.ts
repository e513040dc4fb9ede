// Requests refused before Remix sees them, with a 4xx instead of the 500 Remix would answer:
//  - GET/HEAD with a body (Remix copies the request, and a GET Request may not carry a body);
//  - a cross-origin form post (Origin of another host, Origin "null", or Sec-Fetch-Site
//    cross-site): Remix's own CSRF check throws, which is a 500. /api/v1 is exempt: it is
//    authenticated by a bearer key, never by the cookie, so another origin gains nothing.
// Pages get the usual error page (app/routes/errors.$status.tsx); /api/ gets the JSON error shape.

export type Refusal = { status: 400 | 403; code: "bad_request" | "forbidden"; message: string };

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function hasBody(request: Request) {
  const length = request.headers.get("Content-Length");
  return request.body !== null || (length !== null && length !== "0") || request.headers.has("Transfer-Encoding");
}

function originHost(origin: string): string | null {
  if (origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function refuseRequest(request: Request): Refusal | null {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  if ((method === "GET" || method === "HEAD") && hasBody(request)) {
    return { status: 400, code: "bad_request", message: "A GET or HEAD request cannot have a body." };
  }
  if (UNSAFE.has(method) && !url.pathname.startsWith("/api/v1/")) {
    const origin = request.headers.get("Origin");
    const host = request.headers.get("X-Forwarded-Host")?.split(",")[0]?.trim() || request.headers.get("Host") || url.host;
    const fetchSite = request.headers.get("Sec-Fetch-Site");
    // The same comparison Remix makes (Origin against X-Forwarded-Host or Host), refused here as a 403.
    const crossOrigin =
      (origin !== null && (originHost(origin) === null || originHost(origin) !== host)) ||
      fetchSite === "cross-site" ||
      fetchSite === "same-site";
    if (crossOrigin) return { status: 403, code: "forbidden", message: "This form was sent from another site, so Core refused it." };
  }
  return null;
}

/**
 * Remix compares Origin with the Host header and throws (a 500) when Host is missing. Every real
 * client sends Host; for one that does not, supply the URL's host rather than fail.
 */
export function withHostHeader(request: Request): Request {
  if (request.headers.has("Host") || !request.headers.has("Origin")) return request;
  const headers = new Headers(request.headers);
  headers.set("Host", new URL(request.url).host);
  return new Request(request, { headers });
}

/** The JSON error for /api/ paths; pages are rendered by the caller through Remix. */
export function isApiPath(request: Request) {
  return new URL(request.url).pathname.startsWith("/api/");
}

export function jsonRefusal(refusal: Refusal) {
  return Response.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status });
}

/** A body-less GET of the error page for this status (rendered by Remix like any other error). */
export function errorPageRequest(request: Request, refusal: Refusal) {
  const url = new URL(`/errors/${refusal.status}`, request.url);
  return new Request(url, { method: "GET", headers: { Accept: "text/html" } });
}
