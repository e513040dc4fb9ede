// Mapping review notifications (issue 6): after each successful sync, owners and admins hear about
// organizations that need a customer (unmatched or stale) and synced devices without a contact, at
// most once per type per workspace per UTC day (the dedup key carries the date), however often syncs run.
import { countOf } from "../domain/numbers";
import { and, count, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import { notifyAdmins } from "../db/notifications";
import { onSyncSucceeded } from "./hooks";
import { listOrgMappings, summarizeOrgMappings } from "./org-mapping";

export const ORG_MAPPING_REVIEW_PATH = "/settings/integrations/ninjaone/mappings";
/** Settings › Integrations › NinjaOne › Bulk Contact Association (the seed's "contact association page"). */
export const CONTACT_ASSIGNMENT_PATH = "/settings/integrations/ninjaone/contacts";

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const plural = countOf;

/** Live NinjaOne assets with no contact (devices deleted in NinjaOne or marked inactive are not counted). */
async function devicesWithoutContact(db: Db, workspaceId: string): Promise<number> {
  const a = schema.assets;
  const [row] = await db
    .select({ n: count() })
    .from(a)
    .where(and(eq(a.workspaceId, workspaceId), eq(a.source, "ninjaone"), isNull(a.contactId), isNull(a.ninjaDeletedAt), ne(a.status, "inactive")));
  return row?.n ?? 0;
}

export type ReviewNotifications = { orgMapping: number; contactAssignment: number };

/** Post the day's review notifications when something needs attention. Returns how many were posted per type. */
export async function afterSyncNotifications(db: Db, workspaceId: string, now: number): Promise<ReviewNotifications> {
  const day = utcDay(now);
  const posted: ReviewNotifications = { orgMapping: 0, contactAssignment: 0 };

  const summary = summarizeOrgMappings(await listOrgMappings(db, workspaceId));
  if (summary.needingAttention > 0) {
    const parts = [
      summary.byStatus.unmatched ? plural(summary.byStatus.unmatched, "unmatched", "unmatched") : null,
      summary.byStatus.stale ? plural(summary.byStatus.stale, "stale", "stale") : null,
      summary.byStatus.auto ? `${plural(summary.byStatus.auto, "auto-match", "auto-matches")} to confirm` : null,
    ].filter(Boolean);
    posted.orgMapping = await notifyAdmins(
      db,
      workspaceId,
      {
        type: "ninjaone.org_mapping",
        title: `${plural(summary.needingAttention, "NinjaOne organization needs", "NinjaOne organizations need")} a customer`,
        body: `Devices of unmapped organizations sync without a customer. Review the organization mapping (${parts.join(", ")}).`,
        link: ORG_MAPPING_REVIEW_PATH,
        dedupKey: `ninjaone.org_mapping:${day}`,
      },
      now,
    );
  }

  const withoutContact = await devicesWithoutContact(db, workspaceId);
  if (withoutContact > 0) {
    posted.contactAssignment = await notifyAdmins(
      db,
      workspaceId,
      {
        type: "ninjaone.contact_assignment",
        title: `${plural(withoutContact, "NinjaOne device has", "NinjaOne devices have")} no contact`,
        body: "Assign synced devices to the people who use them, so they show on those contacts' tickets.",
        link: CONTACT_ASSIGNMENT_PATH,
        dedupKey: `ninjaone.contact_assignment:${day}`,
      },
      now,
    );
  }
  return posted;
}

// Registered with the sync pipeline's post-sync hooks (the consumer imports this module).
onSyncSucceeded("mapping-review-notifications", (deps, run) => afterSyncNotifications(deps.db, run.workspaceId, deps.now()).then(() => undefined));
