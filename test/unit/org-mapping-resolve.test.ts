// What the sync records for an organization (issue 6: "saved mappings win"), and the summary the
// screens and notifications use.
import { describe, expect, it } from "vitest";
import { createOrgMatcher } from "@workers/domain/org-matching";
import { resolveOrgMapping, summarizeOrgMappings, type OrgMappingFields, type OrgMappingRow } from "@workers/sync/org-mapping";

const customers = [
  { id: "acme", name: "Acme Dental" },
  { id: "harbour", name: "Harbour Freight Logistics" },
  { id: "north-a", name: "Northwind Traders East" },
  { id: "north-b", name: "Northwind Traders West" },
  { id: "summit", name: "Summit Legal Partners" },
];
const match = createOrgMatcher(customers);
const none: OrgMappingFields = { customerId: null, mappingSource: null, matchScore: null, suggestedCustomerId: null };

describe("resolveOrgMapping", () => {
  const table: Array<[string, OrgMappingFields | undefined, string, Partial<OrgMappingFields>]> = [
    ["exact after normalisation: auto-matched at 100", undefined, "ACME DENTAL, INC.", { customerId: "acme", mappingSource: "auto", matchScore: 100 }],
    ["one typo in a long word: auto-matched", undefined, "Harbor Freight Logistics", { customerId: "harbour", mappingSource: "auto" }],
    ["two alike customers: ambiguous, nothing recorded", undefined, "Northwind Traders", { customerId: null, mappingSource: null, suggestedCustomerId: null }],
    ["a false friend is not even suggested", undefined, "Acme Legal", { customerId: null, mappingSource: null, suggestedCustomerId: null }],
    ["a weaker match is only suggested", undefined, "Summit Legal", { customerId: null, mappingSource: null, suggestedCustomerId: "summit" }],
    [
      "a person's mapping is kept, whatever the name says",
      { customerId: "summit", mappingSource: "confirmed", matchScore: 40, suggestedCustomerId: null },
      "Acme Dental",
      { customerId: "summit", mappingSource: "confirmed", matchScore: 40 },
    ],
    [
      "a person's 'no customer' is kept too",
      { ...none, mappingSource: "confirmed" },
      "Acme Dental",
      { customerId: null, mappingSource: "confirmed" },
    ],
    [
      "an applied auto-match sticks to the organization's id, even when it was renamed",
      { customerId: "summit", mappingSource: "auto", matchScore: 91, suggestedCustomerId: "summit" },
      "Acme Dental",
      { customerId: "summit", mappingSource: "auto", matchScore: 91 },
    ],
    [
      "an auto-match whose customer was archived or deleted is matched afresh",
      { customerId: "gone", mappingSource: "auto", matchScore: 91, suggestedCustomerId: "gone" },
      "Acme Dental",
      { customerId: "acme", mappingSource: "auto", matchScore: 100 },
    ],
  ];
  it.each(table)("%s", (_label, old, orgName, expected) => {
    expect(resolveOrgMapping(old, orgName, match, new Set(customers.map((c) => c.id)))).toMatchObject(expected);
  });
});

describe("summarizeOrgMappings", () => {
  const row = (status: OrgMappingRow["status"], extra: Partial<OrgMappingRow> = {}): OrgMappingRow => ({
    ninjaOrgId: 1,
    name: "Org",
    description: null,
    deviceCount: 0,
    status,
    mappingSource: status === "auto" ? "auto" : status === "mapped" ? "confirmed" : null,
    customerId: status === "unmatched" ? null : "c",
    customerName: null,
    customerState: status === "unmatched" ? null : status === "stale" ? "archived" : "active",
    matchScore: null,
    suggestedCustomerId: null,
    suggestedCustomerName: null,
    leftUnmapped: false,
    vanishedAt: null,
    updatedAt: 0,
    ...extra,
  });

  it("counts statuses, live matched/unmatched (vanished organizations aside) and what needs attention", () => {
    const summary = summarizeOrgMappings([
      row("mapped"),
      row("auto"),
      row("unmatched"),
      row("unmatched", { leftUnmapped: true, mappingSource: "confirmed" }),
      row("stale"),
      row("stale", { customerState: "active", vanishedAt: 5 }),
    ]);
    expect(summary).toEqual({
      total: 6,
      byStatus: { mapped: 1, auto: 1, unmatched: 2, stale: 2 },
      matched: 2,
      unmatched: 3,
      needingAttention: 3,
      complete: false,
    });
  });

  it("is complete only when every organization is Mapped", () => {
    expect(summarizeOrgMappings([row("mapped"), row("mapped")]).complete).toBe(true);
    expect(summarizeOrgMappings([row("mapped"), row("auto")]).complete).toBe(false);
    expect(summarizeOrgMappings([]).complete).toBe(false);
  });
});
