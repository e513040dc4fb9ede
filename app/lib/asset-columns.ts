// The assets list's optional columns (Operating system, Warranty end): chosen in the filter bar,
// remembered in a cookie so the list opens with them next time. The filter form posts a `cols`
// marker with its checkboxes (`os=1`, `wend=1`): with the marker the URL decides and is
// remembered; without it (a plain /assets link) the remembered choice applies.
import { z } from "zod";

export const ASSET_COLUMNS_COOKIE = "core_asset_columns";
export type AssetColumns = { os: boolean; warrantyEnd: boolean };

const Remembered = z.string().max(40);

function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

function parseRemembered(raw: string | null): AssetColumns {
  const parsed = Remembered.safeParse(raw ?? "");
  const names = parsed.success ? parsed.data.split(".") : [];
  return { os: names.includes("os"), warrantyEnd: names.includes("wend") };
}

/** The columns to show and, when the form chose them, the Set-Cookie header that remembers them. */
export function assetColumns(url: URL, cookieHeader: string | null): { columns: AssetColumns; setCookie: string | null } {
  const fromUrl = { os: url.searchParams.get("os") === "1", warrantyEnd: url.searchParams.get("wend") === "1" };
  if (url.searchParams.has("cols")) {
    const value = [fromUrl.os ? "os" : null, fromUrl.warrantyEnd ? "wend" : null].filter(Boolean).join(".");
    const secure = url.protocol === "https:" ? "; Secure" : "";
    return { columns: fromUrl, setCookie: `${ASSET_COLUMNS_COOKIE}=${value}; Path=/assets; SameSite=Lax; Max-Age=31536000${secure}` };
  }
  const remembered = parseRemembered(cookieValue(cookieHeader, ASSET_COLUMNS_COOKIE));
  return { columns: { os: fromUrl.os || remembered.os, warrantyEnd: fromUrl.warrantyEnd || remembered.warrantyEnd }, setCookie: null };
}
