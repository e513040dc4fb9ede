// Contact sync decisions (issue 11), pure: which Core contact a NinjaOne person is, and what of
// NinjaOne's data may be written onto it.
//
// Identity, in order: the contact already linked to the person's NinjaOne uid; else exactly one
// contact of the customer with the same e-mail (trimmed, case-insensitive) that is not already
// another, differently named NinjaOne person; else a new contact. Never a delete.
// Updates: NinjaOne's name/e-mail/phone/title overwrite a linked contact's, except the fields a
// person set or edited in Core (edited_fields), and never with an empty value.

export const CONTACT_SYNC_FIELDS = ["name", "email", "phone", "title"] as const;
export type ContactSyncField = (typeof CONTACT_SYNC_FIELDS)[number];
export type ContactSyncValues = Record<ContactSyncField, string | null>;

export type NinjaPersonInput = {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  jobTitle?: string | null;
};

const clean = (value: string | null | undefined, max: number) => {
  const text = (value ?? "").replace(/\s+/g, " ").trim();
  return text ? text.slice(0, max) : null;
};

/** A person's e-mail as compared: trimmed, lower case; null when it is not an address. */
export function emailKey(email: string | null | undefined): string | null {
  const text = (email ?? "").trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(text) ? text : null;
}

/** A person's name as compared: folded whitespace, lower case. */
export function personNameKey(name: string | null | undefined): string {
  return (name ?? "").normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}

/** What NinjaOne says about a person, as Core contact fields (limits as the contact form's). */
export function contactValuesFromNinja(person: NinjaPersonInput, fallbackName: string): ContactSyncValues {
  const email = emailKey(person.email) ? clean(person.email, 254) : null;
  const name = clean(`${person.firstName ?? ""} ${person.lastName ?? ""}`, 200) ?? email ?? fallbackName;
  return { name, email, phone: clean(person.phone, 50), title: clean(person.jobTitle, 200) };
}

/** The edited_fields column, read defensively (unknown names and bad JSON are ignored). */
export function parseEditedFields(raw: string | null | undefined): Set<ContactSyncField> {
  try {
    const value: unknown = JSON.parse(raw ?? "[]");
    if (!Array.isArray(value)) return new Set();
    return new Set(value.filter((f): f is ContactSyncField => (CONTACT_SYNC_FIELDS as readonly unknown[]).includes(f)));
  } catch {
    return new Set();
  }
}

/** The fields a person's write changes (set on create, changed on edit), merged into edited_fields. */
export function editedAfterPersonWrite(
  before: Partial<ContactSyncValues> | null,
  patch: Partial<ContactSyncValues>,
  editedBefore: string | null | undefined,
): string {
  const edited = parseEditedFields(editedBefore);
  for (const field of CONTACT_SYNC_FIELDS) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const next = patch[field] ?? null;
    const prev = before ? (before[field] ?? null) : null;
    if (before === null ? next !== null : next !== prev) edited.add(field);
  }
  return JSON.stringify(CONTACT_SYNC_FIELDS.filter((f) => edited.has(f)));
}

const sameValue = (field: ContactSyncField, a: string | null, b: string | null) =>
  field === "email" ? (emailKey(a) ?? a) === (emailKey(b) ?? b) : a === b;

/**
 * What the sync writes onto a contact: NinjaOne's values for the fields no person edited.
 *  - `changed`: the person was linked before; only what NinjaOne changed since (`previous`, the link's
 *    snapshot) is written, so two NinjaOne records of one contact never flip it back and forth.
 *  - `fill`: a first link to an existing contact; only its empty fields are filled.
 */
export function contactSyncPatch(
  current: ContactSyncValues,
  fromNinja: ContactSyncValues,
  edited: ReadonlySet<ContactSyncField>,
  mode: { kind: "changed"; previous: ContactSyncValues } | { kind: "fill" },
): Partial<ContactSyncValues> {
  const patch: Partial<ContactSyncValues> = {};
  for (const field of CONTACT_SYNC_FIELDS) {
    const next = fromNinja[field];
    if (edited.has(field) || next === null || sameValue(field, next, current[field])) continue;
    if (mode.kind === "fill" && current[field] !== null) continue;
    if (mode.kind === "changed" && sameValue(field, next, mode.previous[field])) continue;
    patch[field] = next;
  }
  return patch;
}

export type EmailCandidate = {
  contactId: string;
  /** Names of the NinjaOne people already linked to this contact (empty: none). */
  linkedNames: string[];
};

export type IdentityDecision =
  | { action: "linked"; contactId: string }
  | { action: "link"; contactId: string; reason: string }
  | { action: "create"; reason: string };

export function decideContactIdentity(input: {
  linkedContactId: string | null;
  email: string | null;
  name: string;
  /** Contacts of the person's customer with the same e-mail key. */
  emailCandidates: readonly EmailCandidate[];
}): IdentityDecision {
  if (input.linkedContactId) return { action: "linked", contactId: input.linkedContactId };
  if (!input.email) return { action: "create", reason: "no e-mail in NinjaOne" };
  if (input.emailCandidates.length === 0) return { action: "create", reason: "no contact of the customer has this e-mail" };
  if (input.emailCandidates.length > 1) {
    return { action: "create", reason: `${input.emailCandidates.length} contacts of the customer share this e-mail` };
  }
  const [candidate] = input.emailCandidates;
  const name = personNameKey(input.name);
  // A shared mailbox: the contact is already someone else from NinjaOne (another name) → not them.
  if (candidate.linkedNames.length > 0 && !candidate.linkedNames.some((n) => personNameKey(n) === name)) {
    return { action: "create", reason: "the contact with this e-mail is another NinjaOne person (a shared mailbox)" };
  }
  return { action: "link", contactId: candidate.contactId, reason: "same e-mail" };
}
