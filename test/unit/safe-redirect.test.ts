import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/lib/safe-redirect";

describe("safeRedirectPath: only same-origin paths after login", () => {
  it.each([
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%2F/evil.example",
    "%2F%2Fevil.example",
    "/%252F/evil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/%0D%0A/evil.example",
    "/%00/evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//user:pass@evil.example",
    "https://core.example@evil.example",
    " //evil.example",
    "evil.example",
    "/%E0%A4%A", // malformed escape
    "",
    "/\u2028/evil.example",
  ])("refuses %j", (next) => {
    expect(safeRedirectPath(next)).toBe("/dashboard");
  });

  it.each([
    ["/assets", "/assets"],
    ["/assets?q=dell&page=2", "/assets?q=dell&page=2"],
    ["/customers/abc#contacts", "/customers/abc#contacts"],
    ["/settings/users", "/settings/users"],
    ["/search?q=a%20b", "/search?q=a%20b"],
  ])("keeps %j", (next, expected) => {
    expect(safeRedirectPath(next)).toBe(expected);
  });

  it("falls back for non-strings and overlong values", () => {
    expect(safeRedirectPath(undefined)).toBe("/dashboard");
    expect(safeRedirectPath(42)).toBe("/dashboard");
    expect(safeRedirectPath(`/${"a".repeat(3000)}`)).toBe("/dashboard");
  });
});
