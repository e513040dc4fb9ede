// Assigning devices to people: the rules for a list of {assetId, contactId} before any database
// read (shape, duplicates, limits) and after it (workspace, customer fit). Pure: the service in
// workers/sync/contact-assignments.ts does the reads and the one atomic write.
import { contactFitsCustomer } from "./asset-rules";

/** Most entries one call may carry: Bulk Contact Association's "Apply All" over a 10,000-device fleet. */
export const MAX_ASSIGNMENTS = 10_000;
/** Longest rule text kept in an asset's history. */
export const MAX_RULE_LENGTH = 200;

export type AssignmentInput = { assetId: string; contactId: string; rule?: string };

/** One entry the service refuses, with the field at fault and why (indexes follow the input list). */
export type BadAssignment = { index: number; assetId: string; contactId: string; field: "assetId" | "contactId"; reason: string };

/**
 * What the list itself gets wrong: empty, too long, or an asset listed twice (the second and later
 * entries are named: one asset has one contact).
 */
export function checkAssignmentList(items: readonly AssignmentInput[], max = MAX_ASSIGNMENTS): { ok: true } | { ok: false; message: string; bad: BadAssignment[] } {
  if (items.length === 0) return { ok: false, message: "Choose at least one device to assign.", bad: [] };
  if (items.length > max) {
    return { ok: false, message: `At most ${max.toLocaleString("en-US")} assignments at a time; this has ${items.length.toLocaleString("en-US")}.`, bad: [] };
  }
  const firstIndex = new Map<string, number>();
  const bad: BadAssignment[] = [];
  items.forEach((item, index) => {
    const first = firstIndex.get(item.assetId);
    if (first === undefined) firstIndex.set(item.assetId, index);
    else bad.push({ index, assetId: item.assetId, contactId: item.contactId, field: "assetId", reason: `This device is already in entry ${first}: give each device once.` });
  });
  return bad.length ? { ok: false, message: "Some devices are listed more than once.", bad } : { ok: true };
}

export type AssetForAssignment = { id: string; name: string; customerId: string | null; customerName: string | null; contactId: string | null; contactSource: string | null };
export type ContactForAssignment = { id: string; name: string; customerId: string | null };

/**
 * Entries whose asset or contact is not in this workspace (ids from another workspace are simply
 * not found), or whose contact is not one of the asset's customer's (the asset form's rule).
 */
export function checkAssignmentTargets(
  items: readonly AssignmentInput[],
  assetsById: ReadonlyMap<string, AssetForAssignment>,
  contactsById: ReadonlyMap<string, ContactForAssignment>,
): BadAssignment[] {
  const bad: BadAssignment[] = [];
  items.forEach((item, index) => {
    const asset = assetsById.get(item.assetId);
    const contact = contactsById.get(item.contactId);
    const entry = { index, assetId: item.assetId, contactId: item.contactId };
    if (!asset) bad.push({ ...entry, field: "assetId", reason: "No device with this id in this workspace." });
    if (!contact) bad.push({ ...entry, field: "contactId", reason: "No contact with this id in this workspace." });
    if (asset && contact && !contactFitsCustomer(asset.customerId, contact.customerId)) {
      bad.push({
        ...entry,
        field: "contactId",
        reason: `${contact.name} is not a contact of ${asset.customerName ?? "this device's customer"}: choose one of its contacts.`,
      });
    }
  });
  return bad;
}

/** An entry that changes nothing: the asset already has this contact, chosen by a person. */
export function isUnchangedAssignment(asset: AssetForAssignment, contactId: string): boolean {
  return asset.contactId === contactId && asset.contactSource === "person";
}

export type AssignmentActor = { type: "user" | "api_key"; id: string; name: string };

/** The history line of one assignment. */
export function assignmentSummary(contactName: string, previousContactName: string | null, actor: AssignmentActor, rule: string): string {
  const who = actor.type === "api_key" ? `API key ${actor.name}` : actor.name;
  const from = previousContactName ? ` (was ${previousContactName})` : "";
  return `Assigned to ${contactName}${from} by ${who}, by ${rule}`;
}

/** The per-item rule when given, else the call's; trimmed and cut to MAX_RULE_LENGTH. */
export function ruleOf(item: AssignmentInput, fallback: string): string {
  const rule = (item.rule ?? "").trim() || fallback.trim() || "manual assignment";
  return rule.length > MAX_RULE_LENGTH ? rule.slice(0, MAX_RULE_LENGTH - 1) + "…" : rule;
}
