// NinjaOne organization → Core customer by name (issue 6): normalise, score, and decide what may be auto-matched.

import { distance } from "fastest-levenshtein";

/** Legal forms dropped from the END of a name ("Acme Pty Ltd" = "Acme"), compared after punctuation is removed. */
const LEGAL_SUFFIXES = new Set([
  "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "gmbh", "mbh", "pty", "pte", "pvt", "corp",
  "corporation", "co", "company", "plc", "ag", "sa", "sas", "sarl", "bv", "nv", "srl", "kg", "ug", // not "spa": day spas
  "oy", "ab", "as", "aps", "kk", "pc", "pllc", "lda", "sl",
  "group", // decorative, not legal, but "Harbour Dental Group" is "Harbour Dental"
]);

/**
 * Comparison form of an organization or customer name: accents stripped (NFD), lower case, "&"/"+" → "and",
 * punctuation removed ("L.L.C." → "llc", "O'Neil" → "oneil"), whitespace collapsed, a leading "The" and
 * trailing legal forms dropped. Never returns "" for a non-blank name (a company called "Company" stays "company").
 */
export function normalizeOrgName(name: string): string {
  const words = name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "") // é → e
    .toLowerCase()
    .replace(/[&+]/g, " and ")
    .replace(/['’`.]/g, "") // joins "l.l.c." and "o'neil" instead of splitting them
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  if (words.length === 0) return "";
  let start = words[0] === "the" && words.length > 1 ? 1 : 0;
  let end = words.length;
  // Strip suffixes from the end ("pty ltd", "gmbh and co kg"), including an "and" left dangling between them.
  while (end - start > 1 && (LEGAL_SUFFIXES.has(words[end - 1]) || (words[end - 1] === "and" && end < words.length))) end--;
  if (start >= end) start = 0;
  return words.slice(start, end).join(" ");
}

/** Levenshtein similarity of two strings, 0..1 (fastest-levenshtein does the distance). */
function editSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/** Upper bound of editSimilarity(a, b). */
function lengthRatio(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : Math.min(a.length, b.length) / longest;
}

/** A normalised name split the ways the comparison needs it (prepared once per customer). */
interface PreparedName {
  normalized: string;
  words: string[];
  compact: string; // without spaces
}

function prepareName(name: string): PreparedName {
  const normalized = normalizeOrgName(name);
  return { normalized, words: normalized === "" ? [] : normalized.split(" "), compact: normalized.replace(/ /g, "") };
}

interface Comparison {
  similarity: number; // 0..1
  /** Similarity of the least well matched word (1 when the names are equal without spaces). */
  weakestWord: number;
}

/**
 * Compares two prepared names (see nameSimilarity). `wordSimilarity(i, j)` is the similarity of a.words[i] and
 * b.words[j]; the matcher passes a cached one, because customer lists repeat words ("Dental", "Services").
 */
function compareNames(a: PreparedName, b: PreparedName, wordSimilarity: (i: number, j: number) => number): Comparison {
  if (a.words.length === 0 || b.words.length === 0) return { similarity: 0, weakestWord: 0 };
  if (a.compact === b.compact) return { similarity: 1, weakestWord: 1 };
  // Symmetric, length-weighted Monge-Elkan: each word aligned to its most similar word on the other side.
  const bestForB = new Array<number>(b.words.length).fill(0);
  let score = 0;
  let weight = 0;
  let weakestWord = 1;
  for (let i = 0; i < a.words.length; i++) {
    let best = 0;
    for (let j = 0; j < b.words.length; j++) {
      const similarity = wordSimilarity(i, j);
      best = Math.max(best, similarity);
      bestForB[j] = Math.max(bestForB[j], similarity);
    }
    score += best * a.words[i].length;
    weight += a.words[i].length;
    weakestWord = Math.min(weakestWord, best);
  }
  for (let j = 0; j < b.words.length; j++) {
    score += bestForB[j] * b.words[j].length;
    weight += b.words[j].length;
    weakestWord = Math.min(weakestWord, bestForB[j]);
  }
  // "Acme" vs "Acme Dental": every word of one name is in the other. Worth suggesting, never auto-matching.
  const [shorter, longer] = a.words.length <= b.words.length ? [a.words, b.words] : [b.words, a.words];
  const contained = shorter.every((word) => longer.includes(word)) ? CONTAINED_SCORE : 0;
  let similarity = Math.max(score / weight, contained);
  // The spaceless comparison can only win when the length ratio allows it (Levenshtein's upper bound).
  if (lengthRatio(a.compact, b.compact) > similarity) similarity = Math.max(similarity, editSimilarity(a.compact, b.compact));
  return { similarity, weakestWord };
}

/**
 * Similarity of two names, 0..1, on their normalised forms. The largest of:
 * - word alignment (symmetric, length-weighted Monge-Elkan over Levenshtein): word order does not matter, a typo
 *   costs a little, and a differing distinctive word costs a lot ("Acme Dental" vs "Acme Legal" ≈ 0.71);
 * - the names with spaces removed, by Levenshtein: "North Star" = "Northstar", "Blue Water" = "Bluewater";
 * - a fixed 0.80 when one name's words are all in the other ("Acme" / "Acme Dental").
 * Not Jaro-Winkler: its shared-prefix bonus ranks exactly the false friends ("Acme Dental"/"Acme Legal") highest.
 */
export function nameSimilarity(a: string, b: string): number {
  const left = prepareName(a);
  const right = prepareName(b);
  return compareNames(left, right, (i, j) => editSimilarity(left.words[i], right.words[j])).similarity;
}

/** Scores (0..100) at or above which a match is auto-matched / suggested. Tuned on the pairs in the unit test. */
export const AUTO_MATCH_SCORE = 90;
export const SUGGESTION_SCORE = 75;
/** Two customers scoring within this many points of each other are ambiguous: a person must choose. */
export const AMBIGUITY_MARGIN = 5;
const CONTAINED_SCORE = 0.8; // below AUTO_MATCH_SCORE on purpose
/**
 * An auto-match also needs every word to match at least this well: one typo in a word of 7+ letters passes
 * ("Harbour"/"Harbor"), one changed letter in a short word does not ("Smith"/"Smyth", "Dental"/"Rental"),
 * however long the shared generic words around it ("... Consulting Partners") make the score.
 */
export const AUTO_MATCH_WORD_FLOOR = 0.85;

export type OrgMatchKind = "exact" | "auto" | "suggestion" | "ambiguous" | "none";

export interface CustomerCandidate {
  id: string;
  name: string;
  /** Archived customers are never proposed (a customers row can be passed as is). */
  archivedAt?: number | null;
}

export interface OrgMatch {
  kind: OrgMatchKind;
  /** exact/auto: the matched customer; suggestion: the suggested one; ambiguous/none: null. */
  customerId: string | null;
  /** 0..100: 100 only for an exact normalised match; the best candidate's score otherwise (0 without customers). */
  score: number;
  /** Customers at or above SUGGESTION_SCORE, best first (at most 5), for the picker. */
  candidates: Array<{ customerId: string; name: string; score: number }>;
}

/** Normalises the customer list once; returns a matcher to call for each organization. */
export function createOrgMatcher(customers: readonly CustomerCandidate[]): (orgName: string) => OrgMatch {
  const vocabulary: string[] = []; // every distinct word of every customer name
  const wordIndex = new Map<string, number>();
  const prepared = customers
    .filter((c) => c.archivedAt === null || c.archivedAt === undefined)
    .map((c) => {
      const name = prepareName(c.name);
      const wordIds = name.words.map((word) => {
        let index = wordIndex.get(word);
        if (index === undefined) {
          index = vocabulary.push(word) - 1;
          wordIndex.set(word, index);
        }
        return index;
      });
      return { id: c.id, name: c.name, prepared: name, wordIds };
    });

  return (orgName) => {
    const org = prepareName(orgName);
    // Org word × vocabulary word similarities, computed at most once per organization (-1 = not yet).
    const cache = new Float64Array(org.words.length * vocabulary.length).fill(-1);
    const scored = prepared
      .map((c) => {
        const exact = org.normalized !== "" && c.prepared.normalized === org.normalized;
        const { similarity, weakestWord } = compareNames(org, c.prepared, (i, j) => {
          const key = i * vocabulary.length + c.wordIds[j];
          if (cache[key] < 0) cache[key] = editSimilarity(org.words[i], vocabulary[c.wordIds[j]]);
          return cache[key];
        });
        // Only an exact normalised match scores 100, so it outranks a merely equivalent spelling ("North Star").
        const score = exact ? 100 : Math.min(99, Math.round(similarity * 100));
        const strong = exact || (score >= AUTO_MATCH_SCORE && weakestWord >= AUTO_MATCH_WORD_FLOOR);
        return { customerId: c.id, name: c.name, score, strong };
      });
    // Only the few plausible customers are sorted (ties by name, so the order is stable).
    const plausible = scored
      .filter((c) => c.score >= SUGGESTION_SCORE)
      .sort((x, y) => y.score - x.score || x.name.localeCompare(y.name));
    const candidates = plausible.slice(0, 5).map(({ customerId, name, score }) => ({ customerId, name, score }));
    const best = plausible[0];
    if (best === undefined) {
      const bestScore = scored.reduce((max, c) => Math.max(max, c.score), 0);
      return { kind: "none", customerId: null, score: bestScore, candidates };
    }
    const runnerUp = candidates[1];
    if (runnerUp !== undefined && best.score - runnerUp.score < AMBIGUITY_MARGIN) {
      return { kind: "ambiguous", customerId: null, score: best.score, candidates };
    }
    const kind: OrgMatchKind = best.score === 100 ? "exact" : best.strong ? "auto" : "suggestion";
    return { kind, customerId: best.customerId, score: best.score, candidates };
  };
}

/** One-off match of an organization name against a customer list. */
export function matchOrganization(orgName: string, customers: readonly CustomerCandidate[]): OrgMatch {
  return createOrgMatcher(customers)(orgName);
}

/** Whether a match may be saved as an automatic mapping (exact or strong fuzzy, never ambiguous). */
export function isAutoMatch(match: OrgMatch): boolean {
  return match.kind === "exact" || match.kind === "auto";
}

export type OrgMappingStatus = "mapped" | "auto" | "unmatched" | "stale";

/** The legend of the mapping screens (issue 6): label, colour and what the user should do. */
export const ORG_MAPPING_STATUSES: Record<OrgMappingStatus, { label: string; colour: "green" | "amber" | "red" | "yellow"; help: string }> = {
  mapped: { label: "Mapped", colour: "green", help: "Linked to a customer." },
  auto: { label: "Auto-matched", colour: "amber", help: "Core found a likely customer by name; review and confirm." },
  unmatched: { label: "Unmatched", colour: "red", help: "No match found; pick a customer." },
  stale: { label: "Stale", colour: "yellow", help: "The mapped customer was deleted or archived, or the organization left NinjaOne; reassign." },
};

export function orgMappingStatus(input: {
  customerId: string | null;
  mappingSource: "confirmed" | "auto" | null;
  customerArchivedOrDeleted: boolean;
  vanished: boolean;
}): OrgMappingStatus {
  if (input.vanished) return "stale";
  if (input.customerId === null) return "unmatched";
  if (input.customerArchivedOrDeleted) return "stale";
  return input.mappingSource === "auto" ? "auto" : "mapped"; // a saved mapping without a source is a person's choice
}
