// Toasts: a short message after a change ("Customer created", "Acme deleted" with Undo). An action
// sets it in a short-lived cookie on its response (usually a redirect); the signed-in shell's
// loader (routes/_app.tsx) reads it once and clears it, and <Toaster> shows it. The cookie holds
// only the message and, for an undoable change, the undo id: Undo itself is a POST to /undo that
// checks the user, the workspace and the permission again (workers/db/undo.ts).
import { redirect } from "@remix-run/cloudflare";
import { z } from "zod";
import { newId } from "@workers/crypto";

const COOKIE = "core_toast";

export const ToastSchema = z.object({
  id: z.string().max(64),
  tone: z.enum(["success", "info", "error"]),
  message: z.string().max(300),
  /** The undo_actions id the toast's Undo button posts. */
  undoId: z.string().max(64).optional(),
});
export type Toast = z.infer<typeof ToastSchema>;
export type ToastInput = { message: string; tone?: Toast["tone"]; undoId?: string };

function isLocalhost(request: Request) {
  const host = new URL(request.url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

function cookie(request: Request, value: string, maxAge: number) {
  const secure = isLocalhost(request) ? "" : "; Secure";
  return `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

const toBase64Url = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
function fromBase64Url(value: string): string {
  const bin = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The Set-Cookie value that shows `toast` on the next page the user sees (within a minute). */
export function toastCookie(request: Request, toast: ToastInput): string {
  const value: Toast = { id: newId(), tone: toast.tone ?? "success", message: toast.message.slice(0, 300), undoId: toast.undoId };
  return cookie(request, toBase64Url(JSON.stringify(value)), 60);
}

/** Headers carrying a toast, for `data(…, { headers })` or `redirect(…, { headers })`. */
export function toastHeaders(request: Request, toast: ToastInput): Headers {
  return new Headers({ "Set-Cookie": toastCookie(request, toast) });
}

/** A redirect that shows a toast where it lands. */
export function redirectWithToast(request: Request, url: string, toast: ToastInput): ReturnType<typeof redirect> {
  return redirect(url, { headers: toastHeaders(request, toast) });
}

/** The pending toast, if any, and the Set-Cookie that clears it (null when there was none). */
export function readToast(request: Request): { toast: Toast | null; clear: string | null } {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== COOKIE) continue;
    const clear = cookie(request, "", 0);
    const value = v.join("=");
    if (!value || value.length > 2000) return { toast: null, clear };
    try {
      const parsed = ToastSchema.safeParse(JSON.parse(fromBase64Url(value)));
      return { toast: parsed.success ? parsed.data : null, clear };
    } catch {
      return { toast: null, clear };
    }
  }
  return { toast: null, clear: null };
}
