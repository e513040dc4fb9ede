// Bulk Contact Association (issue 11): which contact a device's last logged-in user is.
//
//   parseLoggedInUser  every format NinjaOne reports (`DOMAIN\user`, `user@domain`, `AzureAD\FirstLast`,
//                      `.\user`, `HOST\user`, bare names) → the account, and whether it is a local or
//                      system account that must never get a suggestion
//   prepareContacts    a customer's contacts → an index of every username form each contact could use
//   suggestContacts    a parsed user → contacts with a confidence percentage and the rule that matched
//
// Names are compared folded: accents transliterated (Zoë → zoe, Müller → mueller and muller),
// apostrophes, hyphens, spaces and case ignored. The confidence of each rule is one table
// (CONTACT_MATCH_RULES); when several contacts reach the same best score none of them is trusted
// (AMBIGUOUS_CAP), so two "John Smith"s are never pre-selected. Pure: no I/O.
import transliterate from "@sindresorhus/transliterate";
import { distance } from "fastest-levenshtein";

export type ContactMatchRule =
  | "email_exact"
  | "email_local"
  | "first_dot_last"
  | "full_name"
  | "firstlast"
  | "last_dot_first"
  | "lastfirst"
  | "f_dot_last"
  | "flast"
  | "email_prefix"
  | "first_dot_l"
  | "firstl"
  | "near_name"
  | "first_only"
  | "last_only";

/** The scoring table: confidence (%) per rule, and how the rule reads in the UI and in asset history. */
export const CONTACT_MATCH_RULES: Record<ContactMatchRule, { confidence: number; label: string; example: string }> = {
  email_exact: { confidence: 100, label: "exact e-mail", example: "jane.smith@acme.com = jane.smith@acme.com" },
  email_local: { confidence: 95, label: "username = e-mail local part", example: "ACME\\jane.smith → jane.smith@acme.com" },
  first_dot_last: { confidence: 90, label: "firstname.lastname", example: "ACME\\jane.smith → Jane Smith" },
  full_name: { confidence: 90, label: "full name", example: "AzureAD\\JaneSmith → Jane Smith" },
  firstlast: { confidence: 85, label: "firstlast", example: "janesmith → Jane Smith" },
  last_dot_first: { confidence: 85, label: "lastname.firstname", example: "smith.jane → Jane Smith" },
  lastfirst: { confidence: 80, label: "lastnamefirstname", example: "smithjane → Jane Smith" },
  f_dot_last: { confidence: 80, label: "f.lastname", example: "j.smith → Jane Smith" },
  flast: { confidence: 75, label: "flast", example: "jsmith → Jane Smith" },
  email_prefix: { confidence: 80, label: "username prefix", example: "tanderson → tanderson.it@acme.com" },
  first_dot_l: { confidence: 65, label: "firstname.l", example: "jane.s → Jane Smith" },
  firstl: { confidence: 60, label: "firstl", example: "janes → Jane Smith" },
  near_name: { confidence: 60, label: "name with one typo", example: "jane.smiht → Jane Smith" },
  first_only: { confidence: 50, label: "first name only", example: "jane → Jane Smith" },
  last_only: { confidence: 45, label: "last name only", example: "smith → Jane Smith" },
};

/** Pre-selected (and applied by Apply All High-Confidence) from this confidence up. */
export const HIGH_CONFIDENCE = 80;
/** A score several contacts share is capped here: below HIGH_CONFIDENCE, so never pre-selected. */
export const AMBIGUOUS_CAP = 55;
/** A username with trailing digits (jsmith2) matches like one without, this much lower. */
const DIGITS_PENALTY = 5;
/** Suggestions below this are noise. */
export const MIN_CONFIDENCE = 40;
const MAX_SUGGESTIONS = 5;

// ---- folding -----------------------------------------------------------------------------------

const APOSTROPHES = /['’‘`´ʼ]/g;

/** Folded forms of a text: transliterated (Müller → mueller) and accent-stripped (Müller → muller), lower case. */
export function foldVariants(text: string): string[] {
  const cleaned = text.replace(APOSTROPHES, "");
  const a = transliterate(cleaned).toLowerCase();
  const b = transliterate(cleaned.normalize("NFD").replace(/\p{M}+/gu, "")).toLowerCase();
  return a === b ? [a] : [a, b];
}

/** One folded form (the transliterated one). */
export function fold(text: string): string {
  return foldVariants(text)[0];
}

const compact = (text: string) => text.replace(/[^a-z0-9]+/g, "");

// ---- parsing -----------------------------------------------------------------------------------

export type LogonKind = "domain" | "azuread" | "upn" | "local" | "bare";

export type ParsedLogon = {
  raw: string;
  kind: LogonKind;
  /** The part before the backslash (null for upn and bare names). */
  domain: string | null;
  /** The account name as written, without domain. */
  user: string;
  /** Set when the account is an e-mail address (UPN), lower case. */
  email: string | null;
  /** A local or system account (Administrator, SYSTEM, defaultuser0, the device's own name, ...): never suggested. */
  system: boolean;
  /** Why it is a system account, for the UI. */
  systemReason: string | null;
};

const SYSTEM_DOMAINS = new Set(["nt authority", "nt service", "window manager", "font driver host", "iis apppool", "nt virtual machine"]);

/** Built-in, local-admin and service accounts, compared compact (no punctuation). */
const SYSTEM_ACCOUNTS = new Set([
  "administrator",
  "administrador",
  "administrateur",
  "administratoren",
  "admin",
  "localadmin",
  "itadmin",
  "sysadmin",
  "root",
  "system",
  "localsystem",
  "localservice",
  "networkservice",
  "guest",
  "gast",
  "invite",
  "defaultaccount",
  "wdagutilityaccount",
  "user",
  "owner",
  "test",
  "temp",
  "support",
  "helpdesk",
  "ubuntu",
  "pi",
  "deploy",
  "ansible",
  "vagrant",
  "kiosk",
]);

const SYSTEM_PATTERNS: Array<[RegExp, string]> = [
  [/^defaultuser\d*$/, "Windows setup account"],
  [/^(dwm|umfd)-\d+$/, "Windows system session"],
  [/\$$/, "computer account"],
  [/^(svc|service|sa)[-_.]/, "service account"],
  [/[-_.](svc|service)$/, "service account"],
  [/[-_.](adm|admin)$/, "admin account"],
  [/^(adm|admin)[-_.]/, "admin account"],
];

/** Why an account is a local/system one (null: a person's). */
export function systemAccountReason(user: string, deviceNames: readonly string[] = []): string | null {
  const lower = fold(user).trim();
  const bare = compact(lower);
  if (!bare) return "empty account name";
  if (SYSTEM_ACCOUNTS.has(bare)) return "built-in account";
  for (const [pattern, reason] of SYSTEM_PATTERNS) if (pattern.test(lower)) return reason;
  for (const name of deviceNames) {
    if (name && compact(fold(name)) === bare) return "the device's own name";
  }
  return null;
}

/**
 * Split NinjaOne's lastLoggedInUser into domain and account. `deviceNames` (the device's display
 * and system names) mark `HOST\user` as a local account and the device's own name as a system one.
 */
export function parseLoggedInUser(raw: string | null | undefined, deviceNames: readonly string[] = []): ParsedLogon | null {
  const text = (raw ?? "").trim();
  if (!text) return null;
  let domain: string | null = null;
  let user = text;
  const slash = Math.max(text.lastIndexOf("\\"), text.lastIndexOf("/"));
  if (slash >= 0) {
    domain = text.slice(0, slash).trim();
    user = text.slice(slash + 1).trim();
  }
  let email: string | null = null;
  const at = user.indexOf("@");
  if (at > 0 && at < user.length - 1) {
    email = user.toLowerCase();
  }
  const domainKey = domain === null ? null : domain.toLowerCase();
  let kind: LogonKind;
  if (domainKey === null) kind = email ? "upn" : "bare";
  else if (domainKey === "azuread") kind = "azuread";
  else if (domainKey === "" || domainKey === "." || deviceNames.some((n) => n && n.toLowerCase() === domainKey)) kind = "local";
  else kind = email ? "upn" : "domain";

  let systemReason: string | null = null;
  if (domainKey !== null && SYSTEM_DOMAINS.has(domainKey)) systemReason = "Windows system account";
  const account = email ? email.slice(0, email.indexOf("@")) : user;
  systemReason ??= systemAccountReason(account, deviceNames);
  return { raw: text, kind, domain, user, email, system: systemReason !== null, systemReason };
}

// ---- contacts ----------------------------------------------------------------------------------

export type MatchableContact = { id: string; name: string; email: string | null };

type Hit = { contactId: string; confidence: number; rule: ContactMatchRule };

export type PreparedContacts = {
  contacts: MatchableContact[];
  /** compact username form → hits */
  compactKeys: Map<string, Hit[]>;
  /** "left|right" split of a username → hits */
  pairKeys: Map<string, Hit[]>;
  /** lower-case e-mail → contact ids */
  emails: Map<string, string[]>;
  /** folded e-mail local part (dots, hyphens kept) → hits */
  localKeys: Map<string, Hit[]>;
  /** compact e-mail local parts, for prefixes and typos */
  locals: Array<{ contactId: string; local: string }>;
  /** compact first+last, for typos */
  fullNames: Array<{ contactId: string; full: string }>;
};

function addHit(map: Map<string, Hit[]>, key: string, hit: Hit) {
  if (!key) return;
  const list = map.get(key);
  if (!list) return void map.set(key, [hit]);
  const same = list.find((h) => h.contactId === hit.contactId);
  if (!same) list.push(hit);
  else if (same.confidence < hit.confidence) Object.assign(same, hit);
}

/** Particles that are part of a last name but never a last name alone ("van der Berg" is not "van"). */
const NAME_PARTICLES = new Set(["van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la", "le", "bin", "ibn", "al", "el", "ter", "ten", "zu"]);

/** The first and last name forms of a full name: "Mary-Jane van der Berg" → [maryjane, mary, jane] × [vanderberg, berg]. */
export function nameParts(name: string): { firsts: string[]; initials: string[]; lasts: string[] } {
  const firsts = new Set<string>();
  const initials = new Set<string>();
  const lasts = new Set<string>();
  for (const folded of foldVariants(name)) {
    const words = folded.split(/\s+/).filter((w) => compact(w));
    if (words.length === 0) continue;
    const first = words[0];
    firsts.add(compact(first));
    initials.add(compact(first)[0]);
    const hyphenated = first.split("-").filter((part) => compact(part));
    for (const part of hyphenated) if (compact(part).length > 1) firsts.add(compact(part));
    if (hyphenated.length > 1) initials.add(hyphenated.map((part) => compact(part)[0]).join("")); // Mary-Jane → mj
    if (words.length < 2) continue;
    const tail = words.slice(1);
    lasts.add(compact(tail.join("")));
    const lastWord = tail[tail.length - 1];
    lasts.add(compact(lastWord));
    for (const part of tail.join(" ").split(/[-\s]+/)) {
      if (compact(part).length > 2 && !NAME_PARTICLES.has(compact(part))) lasts.add(compact(part));
    }
  }
  return { firsts: [...firsts].filter(Boolean), initials: [...initials].filter(Boolean), lasts: [...lasts].filter(Boolean) };
}

const hit = (contactId: string, rule: ContactMatchRule): Hit => ({ contactId, rule, confidence: CONTACT_MATCH_RULES[rule].confidence });

/** Index one customer's contacts by every username form they could log on with. */
export function prepareContacts(contacts: readonly MatchableContact[]): PreparedContacts {
  const prepared: PreparedContacts = {
    contacts: [...contacts],
    compactKeys: new Map(),
    pairKeys: new Map(),
    emails: new Map(),
    localKeys: new Map(),
    locals: [],
    fullNames: [],
  };
  for (const c of contacts) {
    const email = c.email?.trim().toLowerCase() || null;
    if (email) {
      prepared.emails.set(email, [...(prepared.emails.get(email) ?? []), c.id]);
      const local = email.slice(0, email.indexOf("@") >= 0 ? email.indexOf("@") : undefined);
      for (const v of foldVariants(local)) {
        addHit(prepared.localKeys, v, hit(c.id, "email_local"));
        prepared.locals.push({ contactId: c.id, local: compact(v) });
      }
    }
    const { firsts, initials, lasts } = nameParts(c.name);
    for (const l of lasts) {
      for (const i of initials) {
        addHit(prepared.pairKeys, `${i}|${l}`, hit(c.id, "f_dot_last"));
        addHit(prepared.compactKeys, `${i}${l}`, hit(c.id, "flast"));
      }
    }
    for (const f of firsts) {
      if (f.length >= 3) addHit(prepared.compactKeys, f, hit(c.id, "first_only"));
      for (const l of lasts) {
        addHit(prepared.pairKeys, `${f}|${l}`, hit(c.id, "first_dot_last"));
        addHit(prepared.pairKeys, `${l}|${f}`, hit(c.id, "last_dot_first"));
        addHit(prepared.pairKeys, `${f}|${l[0]}`, hit(c.id, "first_dot_l"));
        addHit(prepared.compactKeys, `${f}${l}`, hit(c.id, "firstlast"));
        addHit(prepared.compactKeys, `${l}${f}`, hit(c.id, "lastfirst"));
        addHit(prepared.compactKeys, `${f}${l[0]}`, hit(c.id, "firstl"));
        prepared.fullNames.push({ contactId: c.id, full: `${f}${l}` });
      }
    }
    for (const l of lasts) if (l.length >= 3) addHit(prepared.compactKeys, l, hit(c.id, "last_only"));
  }
  return prepared;
}

// ---- scoring -----------------------------------------------------------------------------------

export type ContactSuggestion = { contactId: string; confidence: number; rule: ContactMatchRule; ambiguous: boolean };

/** "JaneVanDerBerg" → ["Jane", "Van", "Der", "Berg"]; null when the text has no inner capitals. */
function pascalWords(text: string): string[] | null {
  const words = text.match(/\p{Lu}[\p{Ll}\p{M}'’]*|\p{Ll}[\p{Ll}\p{M}'’]*/gu);
  return words && words.length >= 2 && words.join("") === text.replace(/[^\p{L}\p{M}'’]/gu, "") ? words : null;
}

/** The ways a username splits into a left and right part (at each separator, or at each word of a full name). */
function splits(parts: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 1; i < parts.length; i++) out.push([compact(parts.slice(0, i).join("")), compact(parts.slice(i).join(""))]);
  return out;
}

function collect(best: Map<string, Hit>, hits: readonly Hit[] | undefined, penalty = 0, rename?: (rule: ContactMatchRule) => ContactMatchRule) {
  for (const h of hits ?? []) {
    const rule = rename ? rename(h.rule) : h.rule;
    const confidence = CONTACT_MATCH_RULES[rule].confidence - penalty;
    const old = best.get(h.contactId);
    if (!old || old.confidence < confidence) best.set(h.contactId, { contactId: h.contactId, confidence, rule });
  }
}

/**
 * Contacts the logged-on user may be, best first, at most five, each ≥ MIN_CONFIDENCE. Local and
 * system accounts get none. A best score shared by several contacts is capped at AMBIGUOUS_CAP.
 */
export function suggestContacts(logon: ParsedLogon | null, prepared: PreparedContacts): ContactSuggestion[] {
  if (!logon || logon.system || prepared.contacts.length === 0) return [];
  const best = new Map<string, Hit>();

  if (logon.email) collect(best, (prepared.emails.get(logon.email) ?? []).map((id) => hit(id, "email_exact")));

  const account = logon.email ? logon.email.slice(0, logon.email.indexOf("@")) : logon.user;
  const pascal = logon.kind === "azuread" || logon.kind === "bare" ? pascalWords(account.trim()) : null;
  const spaced = /\s/.test(account.trim());
  const fullNameRule = (rule: ContactMatchRule): ContactMatchRule => (rule === "first_dot_last" ? "full_name" : rule);

  for (const folded of foldVariants(account)) {
    const whole = compact(folded);
    if (!whole) continue;
    const stripped = whole.replace(/\d+$/, "");
    const forms: Array<[string, number]> = [[whole, 0]];
    if (stripped !== whole && stripped.length >= 2) forms.push([stripped, DIGITS_PENALTY]);

    // The e-mail local part as written (dots and hyphens count; accents, apostrophes and case do not).
    const written = folded.trim();
    collect(best, prepared.localKeys.get(written));
    const writtenStripped = written.replace(/\d+$/, "");
    if (writtenStripped !== written) collect(best, prepared.localKeys.get(writtenStripped), DIGITS_PENALTY);

    for (const [form, penalty] of forms) {
      collect(best, prepared.compactKeys.get(form), penalty);
      // Username prefix: one is the start of the other's e-mail local part (tanderson ↔ tanderson.it),
      // long enough to be specific (a first name alone is not a prefix match).
      for (const { contactId, local } of prepared.locals) {
        const [short, long] = local.length < form.length ? [local, form] : [form, local];
        if (short !== long && short.length >= 6 && short.length * 2 >= long.length && long.startsWith(short)) {
          collect(best, [hit(contactId, "email_prefix")], penalty);
        }
      }
    }

    // Separated forms: jane.smith, smith_jane, j.smith, "Jane Smith", JaneSmith (AzureAD).
    const words = pascal ? foldVariants(pascal.join(" "))[0].split(" ") : folded.split(/[\s._-]+/);
    const parts = words.map((w) => w.replace(/\d+$/, "")).filter((w) => compact(w));
    if (parts.length >= 2) {
      const rename = pascal || spaced ? fullNameRule : undefined;
      for (const [left, right] of splits(parts)) collect(best, prepared.pairKeys.get(`${left}|${right}`), 0, rename);
    }

    // One typo in a full name or e-mail local part (only for usernames long enough to be specific).
    if (whole.length >= 6 && ![...best.values()].some((h) => h.confidence >= CONTACT_MATCH_RULES.near_name.confidence)) {
      for (const { contactId, full } of prepared.fullNames) {
        if (Math.abs(full.length - whole.length) <= 1 && distance(full, whole) === 1) collect(best, [hit(contactId, "near_name")]);
      }
      for (const { contactId, local } of prepared.locals) {
        if (Math.abs(local.length - whole.length) <= 1 && distance(local, whole) === 1) collect(best, [hit(contactId, "near_name")]);
      }
    }
  }

  const ranked = [...best.values()].filter((h) => h.confidence >= MIN_CONFIDENCE).sort((a, b) => b.confidence - a.confidence);
  if (ranked.length === 0) return [];
  const top = ranked[0].confidence;
  const tied = ranked.filter((h) => h.confidence === top).length;
  const names = new Map(prepared.contacts.map((c) => [c.id, c.name]));
  return ranked
    .map((h) => {
      const ambiguous = tied > 1 && h.confidence === top;
      return { contactId: h.contactId, rule: h.rule, ambiguous, confidence: ambiguous ? Math.min(h.confidence, AMBIGUOUS_CAP) : h.confidence };
    })
    .sort((a, b) => b.confidence - a.confidence || (names.get(a.contactId) ?? "").localeCompare(names.get(b.contactId) ?? ""))
    .slice(0, MAX_SUGGESTIONS);
}

/** How a suggestion reads: "firstname.lastname (90%)", "2 contacts match equally". */
export function describeSuggestion(s: Pick<ContactSuggestion, "rule" | "confidence" | "ambiguous">): string {
  const label = CONTACT_MATCH_RULES[s.rule].label;
  return s.ambiguous ? `${label}, shared by several contacts (${s.confidence}%)` : `${label} (${s.confidence}%)`;
}
