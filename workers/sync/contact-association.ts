// Bulk Contact Association (issue 11): NinjaOne assets without a contact, each with the contacts of
// its customer that its last logged-in user may be (scored by workers/domain/contact-matching.ts).
// Suggestions are computed when read, never stored: a contact added a minute ago is suggested now.
// Pages are keyset-paged on (name, id) over the unassigned index; a confidence filter scans at most
// SCAN_LIMIT assets per page and hands back a cursor to go on from, so a page of 10,000 unassigned
// devices costs the same as a page of 50. Applying goes through the assignment service.
import { and, asc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { UndoBy } from "../db/undo";
import { schema, type Db } from "../db/client";
import {
  CONTACT_MATCH_RULES,
  HIGH_CONFIDENCE,
  parseLoggedInUser,
  prepareContacts,
  suggestContacts,
  type ContactMatchRule,
  type LogonKind,
  type PreparedContacts,
} from "../domain/contact-matching";
import { assignContacts, MAX_ASSIGNMENTS, type AssignContactsResult, type AssignmentActor, type AssignmentInput } from "./contact-assignments";
import { chunk, jsonValues } from "./d1-writes";

export const ASSOCIATION_RULE = "Bulk Contact Association";
/** Assets read per query while filling a page. */
const READ_CHUNK = 200;
/** Assets looked at per page at most, whatever the filter: the page then ends early with a cursor. */
export const SCAN_LIMIT = 2_000;

export type AssociationCursor = { name: string; id: string };
export type AssociationFilters = { customerId?: string; minConfidence?: number };

export type SuggestionView = {
  contactId: string;
  name: string;
  email: string | null;
  confidence: number;
  rule: ContactMatchRule;
  label: string;
  ambiguous: boolean;
};

export type AssociationRow = {
  assetId: string;
  assetName: string;
  customerId: string | null;
  customerName: string | null;
  lastLoggedInUser: string | null;
  account: { kind: LogonKind; user: string; domain: string | null; system: boolean; systemReason: string | null } | null;
  suggestions: SuggestionView[];
};

type ContactLite = { id: string; name: string; email: string | null; customerId: string | null };

/** The live NinjaOne assets without a contact (the inbox notice counts the same ones). */
function unassigned(workspaceId: string, customerId: string | undefined) {
  const a = schema.assets;
  return and(
    eq(a.workspaceId, workspaceId),
    isNull(a.contactId),
    eq(a.source, "ninjaone"),
    isNull(a.ninjaDeletedAt),
    ne(a.status, "inactive"),
    customerId ? eq(a.customerId, customerId) : undefined,
  );
}

/** Prepared contacts per customer, loaded once per request as customers come up. */
export function contactIndex(db: Db, workspaceId: string) {
  const prepared = new Map<string, PreparedContacts>();
  const byId = new Map<string, ContactLite>();
  return {
    byId,
    async load(customerIds: Iterable<string | null>) {
      const wanted = [...new Set([...customerIds].filter((id): id is string => !!id && !prepared.has(id)))];
      if (!wanted.length) return;
      const c = schema.contacts;
      const rows: ContactLite[] = [];
      for (const part of chunk(wanted, 500)) {
        rows.push(
          ...(await db
            .select({ id: c.id, name: c.name, email: c.email, customerId: c.customerId })
            .from(c)
            .where(and(eq(c.workspaceId, workspaceId), inArray(c.customerId, jsonValues(part))))),
        );
      }
      for (const id of wanted) prepared.set(id, prepareContacts([]));
      const grouped = new Map<string, ContactLite[]>();
      for (const row of rows) {
        byId.set(row.id, row);
        if (row.customerId) grouped.set(row.customerId, [...(grouped.get(row.customerId) ?? []), row]);
      }
      for (const [customerId, list] of grouped) prepared.set(customerId, prepareContacts(list));
    },
    get(customerId: string | null): PreparedContacts | null {
      return customerId ? (prepared.get(customerId) ?? null) : null;
    },
  };
}

type AssetLite = { id: string; name: string; customerId: string | null; customerName: string | null; lastLoggedInUser: string | null };

function rowFor(asset: AssetLite, index: ReturnType<typeof contactIndex>): AssociationRow {
  const parsed = parseLoggedInUser(asset.lastLoggedInUser, [asset.name]);
  const prepared = index.get(asset.customerId);
  const suggestions = prepared
    ? suggestContacts(parsed, prepared).flatMap((s) => {
        const contact = index.byId.get(s.contactId);
        return contact
          ? [{ contactId: s.contactId, name: contact.name, email: contact.email, confidence: s.confidence, rule: s.rule, label: CONTACT_MATCH_RULES[s.rule].label, ambiguous: s.ambiguous }]
          : [];
      })
    : [];
  return {
    assetId: asset.id,
    assetName: asset.name,
    customerId: asset.customerId,
    customerName: asset.customerName,
    lastLoggedInUser: asset.lastLoggedInUser,
    account: parsed ? { kind: parsed.kind, user: parsed.user, domain: parsed.domain, system: parsed.system, systemReason: parsed.systemReason } : null,
    suggestions,
  };
}

async function readChunk(db: Db, workspaceId: string, filters: AssociationFilters, after: AssociationCursor | undefined, limit: number): Promise<AssetLite[]> {
  const a = schema.assets;
  const c = schema.customers;
  const name = sql`${a.name} COLLATE NOCASE`;
  return db
    .select({ id: a.id, name: a.name, customerId: a.customerId, customerName: c.name, lastLoggedInUser: a.ninjaLastLoggedInUser })
    .from(a)
    .leftJoin(c, and(eq(c.id, a.customerId), eq(c.workspaceId, a.workspaceId)))
    .where(
      and(
        unassigned(workspaceId, filters.customerId),
        after ? or(sql`${name} > ${after.name}`, and(sql`${name} = ${after.name}`, gt(a.id, after.id))) : undefined,
      ),
    )
    .orderBy(name, asc(a.id))
    .limit(limit);
}

const passes = (row: AssociationRow, minConfidence: number | undefined) =>
  !minConfidence || (row.suggestions[0]?.confidence ?? 0) >= minConfidence;

/** One page of rows. `nextCursor` is null at the end; a filtered page may hold fewer rows than `limit`. */
export async function contactSuggestionsPage(
  db: Db,
  workspaceId: string,
  opts: { filters: AssociationFilters; limit: number; after?: AssociationCursor },
): Promise<{ rows: AssociationRow[]; nextCursor: AssociationCursor | null; scanned: number }> {
  const index = contactIndex(db, workspaceId);
  const rows: AssociationRow[] = [];
  let after = opts.after;
  let scanned = 0;
  for (;;) {
    const want = opts.filters.minConfidence ? READ_CHUNK : opts.limit - rows.length;
    const assets = await readChunk(db, workspaceId, opts.filters, after, Math.min(READ_CHUNK, Math.max(1, want)));
    await index.load(assets.map((asset) => asset.customerId));
    for (const asset of assets) {
      scanned += 1;
      after = { name: asset.name, id: asset.id };
      const row = rowFor(asset, index);
      if (passes(row, opts.filters.minConfidence)) rows.push(row);
      if (rows.length >= opts.limit) {
        const more = (await readChunk(db, workspaceId, opts.filters, after, 1)).length > 0;
        return { rows, nextCursor: more ? after : null, scanned };
      }
    }
    if (assets.length < Math.min(READ_CHUNK, Math.max(1, want))) return { rows, nextCursor: null, scanned };
    if (scanned >= SCAN_LIMIT) return { rows, nextCursor: after ?? null, scanned };
  }
}

/** Unassigned NinjaOne assets in total (and of one customer), for the page header. */
export async function unassignedCount(db: Db, workspaceId: string, customerId?: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(schema.assets).where(unassigned(workspaceId, customerId));
  return row?.n ?? 0;
}

/** The rule text recorded in an asset's history for an applied suggestion. */
export function suggestionRule(s: Pick<SuggestionView, "label" | "confidence">): string {
  return `${ASSOCIATION_RULE}: ${s.label} (${s.confidence}%)`;
}

/** Every unassigned asset whose best suggestion is high-confidence (≥ 80 %, unambiguous), up to the service's limit. */
export async function highConfidenceAssignments(db: Db, workspaceId: string, filters: Pick<AssociationFilters, "customerId">) {
  const index = contactIndex(db, workspaceId);
  const out: AssignmentInput[] = [];
  let after: AssociationCursor | undefined;
  let more = false;
  for (;;) {
    const assets = await readChunk(db, workspaceId, filters, after, 1000);
    await index.load(assets.map((asset) => asset.customerId));
    for (const asset of assets) {
      after = { name: asset.name, id: asset.id };
      const best = rowFor(asset, index).suggestions[0];
      if (!best || best.ambiguous || best.confidence < HIGH_CONFIDENCE) continue;
      if (out.length >= MAX_ASSIGNMENTS) {
        more = true;
        break;
      }
      out.push({ assetId: asset.id, contactId: best.contactId, rule: suggestionRule(best) });
    }
    if (more || assets.length < 1000) return { assignments: out, more };
  }
}

/** Apply All High-Confidence: one call of the assignment service (one transaction). */
export async function applyHighConfidence(
  db: Db,
  input: { workspaceId: string; actor: AssignmentActor; customerId?: string; now: number; ip?: string | null; undo?: UndoBy },
): Promise<AssignContactsResult & { more?: boolean }> {
  const { assignments, more } = await highConfidenceAssignments(db, input.workspaceId, { customerId: input.customerId });
  if (assignments.length === 0) return { ok: true, assigned: 0, unchanged: 0 };
  const result = await assignContacts(db, { workspaceId: input.workspaceId, actor: input.actor, assignments, rule: ASSOCIATION_RULE, now: input.now, ip: input.ip, undo: input.undo });
  return result.ok ? { ...result, more } : result;
}

/** The rows of these assets (still unassigned or not), keyed by asset id: what a posted choice is checked against. */
export async function rowsForAssets(db: Db, workspaceId: string, assetIds: readonly string[]): Promise<Map<string, AssociationRow>> {
  const a = schema.assets;
  const c = schema.customers;
  const index = contactIndex(db, workspaceId);
  const out = new Map<string, AssociationRow>();
  for (const part of chunk([...new Set(assetIds)], 500)) {
    const assets = await db
      .select({ id: a.id, name: a.name, customerId: a.customerId, customerName: c.name, lastLoggedInUser: a.ninjaLastLoggedInUser })
      .from(a)
      .leftJoin(c, and(eq(c.id, a.customerId), eq(c.workspaceId, a.workspaceId)))
      .where(and(eq(a.workspaceId, workspaceId), inArray(a.id, jsonValues(part))));
    await index.load(assets.map((asset) => asset.customerId));
    for (const asset of assets) out.set(asset.id, rowFor(asset, index));
  }
  return out;
}

/** Contacts of one customer whose name or e-mail is exactly `text` (case-insensitive): the no-JavaScript override. */
export async function contactsNamed(db: Db, workspaceId: string, customerId: string, text: string) {
  const c = schema.contacts;
  const needle = text.trim().toLowerCase();
  return db
    .select({ id: c.id, name: c.name })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c.customerId, customerId), or(sql`lower(${c.name}) = ${needle}`, sql`lower(${c.email}) = ${needle}`)))
    .limit(2);
}
