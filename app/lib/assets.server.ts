// The asset service the UI and the JSON API share: checks references and edit rules, then writes.
// Returns field errors for the caller to show (form) or send (422); never a partial write.
import type { UndoBy } from "@workers/db/undo";
import type { AppLoadContext } from "@remix-run/cloudflare";
import { newTimeOrderedId } from "@workers/crypto";
import {
  deleteAsset,
  findContact,
  findCustomer,
  getAsset,
  insertManualAsset,
  updateAssetValues,
  type Asset,
  type AssetValues,
} from "@workers/db/assets";
import {
  canDeleteAsset,
  contactFitsCustomer,
  SYNC_OWNED_FIELDS,
  SYNC_OWNED_MESSAGE,
  syncOwnedConflicts,
  warrantyOrderValid,
} from "@workers/domain/asset-rules";
import type { FieldErrors, WriteResult } from "@workers/db/query";
import { WARRANTY_ORDER_MESSAGE } from "./asset-fields";

type SaveResult = WriteResult<Asset>;

/** Customer and contact must exist in this workspace, and the contact must fit the customer. */
async function referenceErrors(
  context: AppLoadContext,
  workspaceId: string,
  values: Pick<AssetValues, "customerId" | "contactId">,
): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  const [customer, contact] = await Promise.all([
    values.customerId ? findCustomer(context.db, workspaceId, values.customerId) : null,
    values.contactId ? findContact(context.db, workspaceId, values.contactId) : null,
  ]);
  if (values.customerId && !customer) fields.customerId = ["Choose a customer from this workspace."];
  if (values.contactId && !contact) fields.contactId = ["Choose a contact from this workspace."];
  if (customer && contact && !contactFitsCustomer(customer.id, contact.customerId)) {
    fields.contactId = [`${contact.name} is not a contact of ${customer.name}. Choose one of ${customer.name}'s contacts.`];
  }
  return fields;
}

function orderErrors(values: Pick<AssetValues, "warrantyStart" | "warrantyEnd">): FieldErrors {
  return warrantyOrderValid(values.warrantyStart, values.warrantyEnd) ? {} : { warrantyEnd: [WARRANTY_ORDER_MESSAGE] };
}

const hasErrors = (fields: FieldErrors) => Object.keys(fields).length > 0;

export async function createAsset(context: AppLoadContext, workspaceId: string, values: AssetValues): Promise<SaveResult> {
  const fields = { ...orderErrors(values), ...(await referenceErrors(context, workspaceId, values)) };
  if (hasErrors(fields)) return { ok: false, fields };
  const asset = await insertManualAsset(context.db, workspaceId, newTimeOrderedId(), { ...values, contactSource: values.contactId ? "person" : null }, context.now());
  return { ok: true, value: asset };
}

/** Apply a change to an asset; `null` when the asset is not in this workspace. */
export async function updateAsset(
  context: AppLoadContext,
  workspaceId: string,
  id: string,
  change: Partial<AssetValues>,
): Promise<SaveResult | null> {
  const current = await getAsset(context.db, workspaceId, id);
  if (!current) return null;
  const fields: FieldErrors = {};
  for (const field of syncOwnedConflicts(current.source, current, change)) fields[field] = [SYNC_OWNED_MESSAGE];
  const merged = { ...current, ...change };
  Object.assign(fields, orderErrors(merged));
  if ("customerId" in change || "contactId" in change) Object.assign(fields, await referenceErrors(context, workspaceId, merged));
  if (hasErrors(fields)) return { ok: false, fields };

  // On a synced asset, sync-owned values equal to the current ones are no-ops: drop them.
  const writable = { ...change };
  if (current.source === "ninjaone") for (const field of SYNC_OWNED_FIELDS) delete writable[field];
  if (Object.values(writable).every((v) => v === undefined)) return { ok: true, value: current };
  // A contact a person sets or clears is their choice: syncs keep it (see contact-assignments.ts).
  const contactSource = writable.contactId !== undefined && writable.contactId !== current.contactId ? { contactSource: "person" as const } : {};
  const asset = await updateAssetValues(context.db, workspaceId, id, { ...writable, ...contactSource }, context.now());
  return asset ? { ok: true, value: asset } : null;
}

export type DeleteResult = "deleted" | "not_found" | "synced";

/** Delete a hand-made asset; with `undo` (the person deleting it), the toast can bring it back. */
export async function removeAsset(context: AppLoadContext, workspaceId: string, id: string, undo?: UndoBy): Promise<DeleteResult> {
  const current = await getAsset(context.db, workspaceId, id);
  if (!current) return "not_found";
  if (!canDeleteAsset(current.source)) return "synced";
  await deleteAsset(context.db, workspaceId, id, undo ? { by: undo, now: context.now() } : undefined);
  return "deleted";
}


/** The asset with this id in this workspace, or a 404 (ids from other workspaces are not found). */
export async function assetOr404(context: AppLoadContext, workspaceId: string, id: string | undefined): Promise<Asset> {
  const asset = id && id.length <= 100 ? await getAsset(context.db, workspaceId, id) : undefined;
  if (!asset) throw new Response("This asset does not exist in your workspace.", { status: 404, statusText: "Not Found" });
  return asset;
}
