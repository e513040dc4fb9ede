import { describe, expect, it } from "vitest";
import {
  AMBIGUOUS_CAP,
  CONTACT_MATCH_RULES,
  HIGH_CONFIDENCE,
  nameParts,
  parseLoggedInUser,
  prepareContacts,
  suggestContacts,
  type ContactMatchRule,
  type MatchableContact,
} from "@workers/domain/contact-matching";

describe("The last logged-in user is parsed from every format NinjaOne reports", () => {
  const table: Array<[string, { kind: string; user: string; domain: string | null; email: string | null; system: boolean }]> = [
    ["BLUEWATER\\m.okafor", { kind: "domain", user: "m.okafor", domain: "BLUEWATER", email: null, system: false }],
    ["AzureAD\\JaneSmith", { kind: "azuread", user: "JaneSmith", domain: "AzureAD", email: null, system: false }],
    ["azuread\\janesmith", { kind: "azuread", user: "janesmith", domain: "azuread", email: null, system: false }],
    ["jane.smith@acme.com", { kind: "upn", user: "jane.smith@acme.com", domain: null, email: "jane.smith@acme.com", system: false }],
    ["ACME\\Jane.Smith@Acme.com", { kind: "upn", user: "Jane.Smith@Acme.com", domain: "ACME", email: "jane.smith@acme.com", system: false }],
    [".\\jsmith", { kind: "local", user: "jsmith", domain: ".", email: null, system: false }],
    ["WS-0042\\jsmith", { kind: "local", user: "jsmith", domain: "WS-0042", email: null, system: false }],
    ["jsmith", { kind: "bare", user: "jsmith", domain: null, email: null, system: false }],
    ["  Jane Smith  ", { kind: "bare", user: "Jane Smith", domain: null, email: null, system: false }],
    ["ACME\\Administrator", { kind: "domain", user: "Administrator", domain: "ACME", email: null, system: true }],
    [".\\Administrator", { kind: "local", user: "Administrator", domain: ".", email: null, system: true }],
    ["admin", { kind: "bare", user: "admin", domain: null, email: null, system: true }],
    ["NT AUTHORITY\\SYSTEM", { kind: "domain", user: "SYSTEM", domain: "NT AUTHORITY", email: null, system: true }],
    ["defaultuser0", { kind: "bare", user: "defaultuser0", domain: null, email: null, system: true }],
    ["WS-0042\\defaultuser100000", { kind: "local", user: "defaultuser100000", domain: "WS-0042", email: null, system: true }],
    ["ACME\\svc-backup", { kind: "domain", user: "svc-backup", domain: "ACME", email: null, system: true }],
    ["ACME\\jsmith-adm", { kind: "domain", user: "jsmith-adm", domain: "ACME", email: null, system: true }],
    ["root", { kind: "bare", user: "root", domain: null, email: null, system: true }],
    ["ACME\\WS-0042$", { kind: "domain", user: "WS-0042$", domain: "ACME", email: null, system: true }],
  ];
  for (const [raw, expected] of table) {
    it(`${JSON.stringify(raw)} → ${expected.kind} ${expected.user}${expected.system ? " (system)" : ""}`, () => {
      const parsed = parseLoggedInUser(raw, ["WS-0042"]);
      expect(parsed).toMatchObject(expected);
    });
  }

  it("nothing reported is nothing to match", () => {
    expect(parseLoggedInUser(null)).toBeNull();
    expect(parseLoggedInUser("   ")).toBeNull();
  });

  it("the device's own name is a system account, whatever its case", () => {
    const parsed = parseLoggedInUser("ACME\\ws-0042", ["WS-0042", "ws-0042.acme.local"]);
    expect(parsed?.system).toBe(true);
    expect(parsed?.systemReason).toBe("the device's own name");
  });
});

describe("Names split into first and last forms", () => {
  it("particles stay in the last name, hyphens give every part", () => {
    expect(nameParts("Mary-Jane van der Berg")).toEqual({ firsts: ["maryjane", "mary", "jane"], initials: ["m", "mj"], lasts: ["vanderberg", "berg"] });
    expect(nameParts("Zoë O'Brien")).toEqual({ firsts: ["zoe"], initials: ["z"], lasts: ["obrien"] });
    expect(nameParts("Anna Smith-Jones").lasts).toEqual(["smithjones", "smith", "jones"]);
    expect(nameParts("Hans Müller").lasts).toEqual(["mueller", "muller"]);
  });
});

const acme: MatchableContact[] = [
  { id: "jane", name: "Jane Smith", email: "jane.smith@acme.com" },
  { id: "zoe", name: "Zoë O'Brien", email: "zoe.obrien@acme.com" },
  { id: "piet", name: "Piet van der Berg", email: "p.vanderberg@acme.com" },
  { id: "anna", name: "Anna Smith-Jones", email: null },
  { id: "mary", name: "Mary-Jane Watson", email: "mj@acme.com" },
  { id: "hans", name: "Hans Müller", email: "hans.mueller@acme.com" },
  { id: "jose", name: "José Núñez", email: "jnunez@acme.com" },
  { id: "kwame", name: "Kwame Mensah", email: "kwame.mensah2@acme.com" },
  { id: "priya", name: "Priya Sharma", email: "priya@acme.com" },
  { id: "tariq", name: "Tariq Haddad", email: "tariq.haddad.contractor@acme.com" },
  { id: "tom", name: "Thomas Anderson", email: "tanderson.it@acme.com" },
];

function best(raw: string, contacts: MatchableContact[] = acme, device: string[] = ["WS-0042"]) {
  return suggestContacts(parseLoggedInUser(raw, device), prepareContacts(contacts))[0];
}

describe("Usernames score against a customer's contacts, one rule per format", () => {
  const table: Array<[string, string, ContactMatchRule]> = [
    ["jane.smith@acme.com", "jane", "email_exact"],
    ["JANE.SMITH@ACME.COM", "jane", "email_exact"],
    ["ACME\\jane.smith", "jane", "email_local"],
    ["jane.smith@acme.onmicrosoft.com", "jane", "email_local"],
    ["AzureAD\\JaneSmith", "jane", "full_name"],
    ["Anna Smith-Jones", "anna", "full_name"],
    ["ACME\\smith.jane", "jane", "last_dot_first"],
    ["ACME\\smithjane", "jane", "lastfirst"],
    ["ACME\\j.smith", "jane", "f_dot_last"],
    ["ACME\\jane_s", "jane", "first_dot_l"],
    ["ACME\\janes", "jane", "firstl"],
    ["ACME\\zoe.obrien", "zoe", "email_local"],
    ["ACME\\zoë.o'brien", "zoe", "email_local"],
    ["AzureAD\\ZoeOBrien", "zoe", "full_name"],
    ["ACME\\zobrien", "zoe", "flast"],
    ["ACME\\o'brien.zoe", "zoe", "last_dot_first"],
    ["ACME\\p.vanderberg", "piet", "email_local"],
    ["ACME\\piet.van.der.berg", "piet", "first_dot_last"],
    ["ACME\\pvanderberg", "piet", "flast"],
    ["ACME\\vanderbergpiet", "piet", "lastfirst"],
    ["AzureAD\\PietVanDerBerg", "piet", "full_name"],
    ["ACME\\anna.smith-jones", "anna", "first_dot_last"],
    ["ACME\\asmithjones", "anna", "flast"],
    ["ACME\\annasmithjones", "anna", "firstlast"],
    ["ACME\\mary-jane.watson", "mary", "first_dot_last"],
    ["ACME\\mjwatson", "mary", "flast"],
    ["ACME\\hmuller", "hans", "flast"],
    ["ACME\\hmueller", "hans", "flast"],
    ["ACME\\hans.muller", "hans", "first_dot_last"],
    ["ACME\\jose.nunez", "jose", "first_dot_last"],
    ["AzureAD\\JoséNúñez", "jose", "full_name"],
    ["ACME\\kwame.mensah", "kwame", "first_dot_last"],
    ["ACME\\tanderson", "tom", "email_prefix"],
    ["ACME\\priya", "priya", "email_local"],
    ["ACME\\tariq.haddad", "tariq", "first_dot_last"],
    ["ACME\\jane.smitt", "jane", "near_name"],
    [".\\janesmith", "jane", "firstlast"],
    ["Jane Smith", "jane", "full_name"],
    ["WS-0042\\kmensah", "kwame", "flast"],
  ];
  for (const [raw, contactId, rule] of table) {
    it(`${raw} → ${contactId} by ${rule} (${CONTACT_MATCH_RULES[rule].confidence}%)`, () => {
      expect(best(raw)).toMatchObject({ contactId, rule, confidence: CONTACT_MATCH_RULES[rule].confidence, ambiguous: false });
    });
  }

  it("a username with a number matches a little lower than without (jsmith2)", () => {
    expect(best("ACME\\zobrien2")).toMatchObject({ contactId: "zoe", rule: "flast", confidence: CONTACT_MATCH_RULES.flast.confidence - 5 });
  });

  it("a first name alone is a weak signal (a Mac short name)", () => {
    const s = best("tariq");
    expect(s).toMatchObject({ contactId: "tariq", rule: "first_only" });
    expect(s.confidence).toBeLessThan(HIGH_CONFIDENCE);
  });

  it("a name that matches nobody gets no suggestion", () => {
    expect(best("ACME\\b.wayne")).toBeUndefined();
  });
});

describe("Local and system accounts never get a suggestion", () => {
  const withAdmins: MatchableContact[] = [
    ...acme,
    { id: "adm", name: "Admin Team", email: "admin@acme.com" },
    { id: "sys", name: "System Mailbox", email: "system@acme.com" },
  ];
  for (const raw of ["ACME\\Administrator", ".\\Administrator", "admin", "admin@acme.com", "NT AUTHORITY\\SYSTEM", "defaultuser0", "WS-0042\\WS-0042", "ws-0042", "root", "ACME\\svc-deploy"]) {
    it(raw, () => expect(best(raw, withAdmins)).toBeUndefined());
  }
});

describe("Ambiguity: a best score shared by several contacts is not trusted", () => {
  const twins: MatchableContact[] = [
    { id: "john1", name: "John Smith", email: "john.smith@acme.com" },
    { id: "john2", name: "John Smith", email: "john.smith2@acme.com" },
    { id: "jane", name: "Jane Smith", email: null },
  ];

  it("two contacts with the same name: a full-name logon suggests both, neither pre-selected", () => {
    const all = suggestContacts(parseLoggedInUser("AzureAD\\JohnSmith"), prepareContacts(twins.map((t) => ({ ...t, email: null }))));
    expect(all.map((s) => s.contactId).sort()).toEqual(["john1", "john2"]);
    for (const s of all) expect(s).toMatchObject({ ambiguous: true, confidence: AMBIGUOUS_CAP });
  });

  it("two contacts with the same name: the e-mail local part still tells them apart", () => {
    const all = suggestContacts(parseLoggedInUser("ACME\\john.smith2"), prepareContacts(twins));
    expect(all[0]).toMatchObject({ contactId: "john2", rule: "email_local", ambiguous: false });
  });

  it("jsmith is John and Jane alike: flast shared, capped below high confidence", () => {
    const all = suggestContacts(parseLoggedInUser("ACME\\jsmith"), prepareContacts(twins));
    expect(all.length).toBe(3);
    expect(all.every((s) => s.confidence <= AMBIGUOUS_CAP)).toBe(true);
  });

  it("a shared e-mail (two contacts, one mailbox) is no exact match", () => {
    const shared: MatchableContact[] = [
      { id: "a", name: "Front Desk", email: "info@acme.com" },
      { id: "b", name: "Reception", email: "info@acme.com" },
    ];
    const all = suggestContacts(parseLoggedInUser("info@acme.com"), prepareContacts(shared));
    expect(all.map((s) => s.confidence)).toEqual([AMBIGUOUS_CAP, AMBIGUOUS_CAP]);
  });

  it("suggestions are limited to the contacts given (one customer's)", () => {
    expect(suggestContacts(parseLoggedInUser("ACME\\jane.smith"), prepareContacts([]))).toEqual([]);
  });
});

describe("The scoring table", () => {
  it("is ordered: e-mail beats names, full forms beat initials, single names stay below high confidence", () => {
    const c = (r: ContactMatchRule) => CONTACT_MATCH_RULES[r].confidence;
    expect(c("email_exact")).toBeGreaterThan(c("email_local"));
    expect(c("email_local")).toBeGreaterThan(c("first_dot_last"));
    expect(c("first_dot_last")).toBeGreaterThan(c("flast"));
    expect(c("lastfirst")).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
    expect(c("flast")).toBeLessThan(HIGH_CONFIDENCE);
    expect(c("first_only")).toBeLessThan(HIGH_CONFIDENCE);
    expect(AMBIGUOUS_CAP).toBeLessThan(HIGH_CONFIDENCE);
  });
});
