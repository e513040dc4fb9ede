// Helpers for page loaders and actions (the HTML side; the JSON API has api.server.ts).
import type { z } from "zod";
import { decodeCursor, encodeCursor } from "./api.server";

/** The 404 a page shows for an unknown id or one from another workspace (same answer for both). */
export function pageNotFound(what: string): Response {
  return new Response(`${what} not found. It may have been deleted, or it belongs to another workspace.`, {
    status: 404,
    statusText: "Not Found",
  });
}

/** Read `?cursor=` for a keyset page; a broken or foreign cursor is a 400 page, not a 500. */
export function cursorFromUrl<S extends z.ZodType>(url: URL, cursorSchema: S): z.output<S> | undefined {
  const raw = url.searchParams.get("cursor");
  if (!raw) return undefined;
  try {
    return decodeCursor(raw, cursorSchema);
  } catch {
    throw new Response("This page link is not valid. Go back to the first page of the list.", { status: 400, statusText: "Bad Request" });
  }
}

/**
 * Read `?after=` / `?before=` for a two-way keyset page (assets lists); a cursor that does not
 * parse starts from the first page.
 */
export function twoWayCursorFromUrl<S extends z.ZodType>(url: URL, cursorSchema: S): { direction: "after" | "before"; key: z.output<S> } | undefined {
  for (const direction of ["after", "before"] as const) {
    const raw = url.searchParams.get(direction);
    if (!raw) continue;
    try {
      return { direction, key: decodeCursor(raw, cursorSchema) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function cursorToParam(cursor: unknown | null): string | null {
  return cursor === null ? null : encodeCursor(cursor);
}
