import { describe, expect, it } from "vitest";
import {
  AUTO_MATCH_SCORE,
  SUGGESTION_SCORE,
  createOrgMatcher,
  isAutoMatch,
  matchOrganization,
  nameSimilarity,
  normalizeOrgName,
  orgMappingStatus,
  type OrgMatchKind,
} from "@workers/domain/org-matching";

describe("Organization names are compared in a normal form", () => {
  const table: Array<[string, string, string]> = [
    ["  Bluewater Logistics  ", "bluewater logistics", "case and outer spaces"],
    ["Bluewater   Logistics", "bluewater logistics", "inner spaces"],
    ["Café Olé", "cafe ole", "accents"],
    ["Smith & Sons", "smith and sons", "& is and"],
    ["Smith and Sons Ltd", "smith and sons", "legal suffix"],
    ["Northstar Plumbing, Inc.", "northstar plumbing", "comma and dotted suffix"],
    ["Acme Widgets L.L.C.", "acme widgets", "dotted LLC"],
    ["Koala Tech Pty Ltd", "koala tech", "two suffixes"],
    ["Müller Bau GmbH & Co. KG", "muller bau", "German compound legal form"],
    ["Dupont Conseil S.A.R.L.", "dupont conseil", "French legal form"],
    ["The Harbour Dental Group", "harbour dental", "leading The, decorative Group"],
    ["O'Neil's Bakery Limited", "oneils bakery", "apostrophes joined"],
    ["A-1 Plumbing Corp.", "a 1 plumbing", "hyphen is a space"],
    ["Luxe Day Spa", "luxe day spa", "a spa is a business, not a legal form"],
    ["The Company", "company", "a name made only of a legal word keeps it"],
    ["Co.", "co", "a lone suffix is not stripped to nothing"],
    ["   ", "", "blank"],
  ];
  it.each(table)("%j → %j (%s)", (name, normalized) => {
    expect(normalizeOrgName(name)).toBe(normalized);
  });
});

describe("Matching a NinjaOne organization to one customer (realistic pairs, issue 6)", () => {
  // Organization in NinjaOne, the only customer in Core, what the matcher decides.
  const table: Array<[string, string, OrgMatchKind, string]> = [
    ["Bluewater Logistics", "Bluewater Logistics", "exact", "same name"],
    ["Bluewater Logistics ", " bluewater logistics", "exact", "trailing spaces and case"],
    ["Smith & Sons", "Smith and Sons Ltd", "exact", "& vs and, legal suffix"],
    ["Café Olé", "Cafe Ole", "exact", "accents"],
    ["Contoso", "Contoso Ltd.", "exact", "legal suffix only"],
    ["The Harbour Dental Group", "Harbour Dental", "exact", "The and Group"],
    ["North Star Plumbing", "Northstar Plumbing Inc", "auto", "one word or two"],
    ["Bluewater Logistics", "Blue Water Logistics", "auto", "one word or two"],
    ["Alpha Beta Gamma", "Gamma Beta Alpha", "auto", "word order"],
    ["Bluewater Logistcs", "Bluewater Logistics", "auto", "typo in a long word"],
    ["Harbour Dental", "Harbor Dental", "auto", "British/American spelling of a long word"],
    ["Acme Dental", "Acme Legal", "none", "false friend: different business, same prefix"],
    ["ABC Accounting", "ABC Legal", "none", "false friend: different business, same initials"],
    ["Acme Dental", "Apex Dental", "none", "false friend: same trade, different name"],
    ["Delta Air", "Delta Auto", "none", "false friend"],
    ["Smith Consulting", "Smyth Consulting", "suggestion", "one letter in a short word: a person decides"],
    ["Smith Consulting Partners", "Smyth Consulting Partners", "suggestion", "long generic words do not make it safe"],
    ["Green Valley Farms", "Green Valley Foods", "suggestion", "differs in one word"],
    ["Acme Dental North", "Acme Dental South", "suggestion", "sister practices"],
    ["Riverside Medical Centre", "Riverside Medical Center", "suggestion", "short word spelled differently"],
    ["Acme", "Acme Dental", "suggestion", "short name in NinjaOne, long one in Core"],
    ["Johnson Law", "Johnson Law Firm", "suggestion", "extra word"],
    ["First National Bank", "First National Bank of Texas", "suggestion", "extra words"],
    ["Pinnacle IT", "Pinnacle Solutions", "none", "shares only a first word"],
  ];

  it.each(table)("%j vs customer %j → %s (%s)", (orgName, customerName, kind) => {
    const match = matchOrganization(orgName, [{ id: "c1", name: customerName }]);
    expect(match.kind).toBe(kind);
    expect(match.customerId).toBe(kind === "none" ? null : "c1");
    expect(isAutoMatch(match)).toBe(kind === "exact" || kind === "auto");
    if (kind === "exact") expect(match.score).toBe(100);
    else expect(match.score).toBe(Math.min(99, Math.round(nameSimilarity(orgName, customerName) * 100))); // cached path = plain path
    if (kind === "auto") expect(match.score).toBeGreaterThanOrEqual(AUTO_MATCH_SCORE);
    if (kind === "suggestion") expect(match.score).toBeGreaterThanOrEqual(SUGGESTION_SCORE);
    if (kind === "none") expect(match.score).toBeLessThan(SUGGESTION_SCORE);
  });

  it("similarity is symmetric and 1 only for equivalent names", () => {
    expect(nameSimilarity("Acme Dental", "Acme Legal")).toBeCloseTo(nameSimilarity("Acme Legal", "Acme Dental"), 10);
    expect(nameSimilarity("Smith & Sons", "Smith and Sons Ltd")).toBe(1);
    expect(nameSimilarity("Acme Dental", "Acme Legal")).toBeLessThan(0.75);
    expect(nameSimilarity("", "Acme")).toBe(0);
  });
});

describe("Matching against a whole customer list", () => {
  const customers = [
    { id: "bluewater", name: "Bluewater Logistics Ltd" },
    { id: "acme-dental", name: "Acme Dental" },
    { id: "acme-legal", name: "Acme Legal LLP" },
    { id: "abc-accounting", name: "ABC Accounting" },
    { id: "abc-legal", name: "ABC Legal" },
    { id: "northstar", name: "Northstar Plumbing Inc" },
    { id: "harbour-old", name: "Harbour Freight Co", archivedAt: 1_700_000_000_000 },
    { id: "smith-1", name: "Smith & Sons" },
    { id: "smith-2", name: "Smith and Sons Limited" },
    { id: "riverside-north", name: "Riverside Clinic North" },
    { id: "riverside-south", name: "Riverside Clinic South" },
  ];
  const match = createOrgMatcher(customers);

  // Organization → kind and customer.
  const table: Array<[string, OrgMatchKind, string | null, string]> = [
    ["Bluewater Logistics", "exact", "bluewater", "legal suffix ignored"],
    ["Acme Dental", "exact", "acme-dental", "not confused with Acme Legal"],
    ["Acme Legal", "exact", "acme-legal", "not confused with Acme Dental"],
    ["North Star Plumbing", "auto", "northstar", "spacing"],
    ["ABC", "ambiguous", null, "two customers contain the name equally"],
    ["Smith & Sons Ltd", "ambiguous", null, "two customers are the same name: a person picks one"],
    ["Riverside Clinic", "ambiguous", null, "two sister clinics score alike"],
    ["Harbour Freight", "none", null, "the only candidate is archived"],
    ["Zenith Aerospace", "none", null, "nothing alike"],
  ];
  it.each(table)("%j → %s %s (%s)", (orgName, kind, customerId) => {
    const result = match(orgName);
    expect(result.kind).toBe(kind);
    expect(result.customerId).toBe(customerId);
  });

  it("an ambiguous match lists the customers a person must choose between, best first", () => {
    const result = match("ABC");
    expect(result.candidates.map((c) => c.customerId).sort()).toEqual(["abc-accounting", "abc-legal"]);
    expect(match("Riverside Clinic North").kind).toBe("exact"); // exact beats its sister by a clear margin
  });

  it("archived customers are never candidates, even for an exact name", () => {
    expect(match("Harbour Freight Co").candidates).toEqual([]);
  });

  it("no customers at all → none with score 0", () => {
    expect(matchOrganization("Anything", [])).toEqual({ kind: "none", customerId: null, score: 0, candidates: [] });
  });
});

describe("Organization mapping status (Mapped / Auto-matched / Unmatched / Stale)", () => {
  const table: Array<[string, Parameters<typeof orgMappingStatus>[0], string]> = [
    ["confirmed by a person", { customerId: "c1", mappingSource: "confirmed", customerArchivedOrDeleted: false, vanished: false }, "mapped"],
    ["found by name, awaiting review", { customerId: "c1", mappingSource: "auto", customerArchivedOrDeleted: false, vanished: false }, "auto"],
    ["no customer", { customerId: null, mappingSource: null, customerArchivedOrDeleted: false, vanished: false }, "unmatched"],
    ["mapped customer archived or deleted", { customerId: "c1", mappingSource: "confirmed", customerArchivedOrDeleted: true, vanished: false }, "stale"],
    ["auto-matched customer deleted", { customerId: "c1", mappingSource: "auto", customerArchivedOrDeleted: true, vanished: false }, "stale"],
    ["organization vanished from NinjaOne", { customerId: "c1", mappingSource: "confirmed", customerArchivedOrDeleted: false, vanished: true }, "stale"],
    ["vanished and never mapped", { customerId: null, mappingSource: null, customerArchivedOrDeleted: false, vanished: true }, "stale"],
  ];
  it.each(table)("%s → %s", (_case, input, status) => {
    expect(orgMappingStatus(input)).toBe(status);
  });
});
