import { describe, expect, it } from "vitest";
import { parseDashboardDomain } from "@workers/domain/dashboard-domain";

describe("Dashboard Link Domain", () => {
  it.each([
    ["support.example-msp.com", "support.example-msp.com"],
    ["acme.rmmservice.com", "acme.rmmservice.com"],
    ["  Support.Example-MSP.com ", "support.example-msp.com"],
    ["xn--bcher-kva.example", "xn--bcher-kva.example"],
  ])("accepts the host name %j as %j", (input, host) => {
    expect(parseDashboardDomain(input)).toEqual({ ok: true, host });
  });

  it.each([
    ["https://support.example-msp.com", "Remove the scheme (https://)."],
    ["support.example-msp.com/portal", "Remove the path."],
    ["support.example-msp.com?x=1", "Remove the path."],
    ["support.example-msp.com:8443", "Remove the port"],
    ["support example.com", "Remove the spaces."],
    ["admin@support.example.com", "Remove the user name."],
    ["support", "Use the full host name"],
    ["support.example.com.", "Remove the trailing dot."],
    ["-bad.example.com", "Use only letters, digits, hyphens and dots."],
    ["under_score.example.com", "Use only letters, digits, hyphens and dots."],
    ["192.168.1.10", "not an IP address"],
    ["bücher.example", "punycode"],
  ])("refuses %j, saying what to change", (input, says) => {
    const check = parseDashboardDomain(input);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.message).toContain(says);
      expect(check.message).toContain("Enter a host name like support.example-msp.com, without https:// or a path.");
    }
  });
});
