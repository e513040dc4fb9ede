// The dashboard's getting-started checklist: the workspace's real state, read in one round of
// small queries, and where each step is done (the NinjaOne tab for it).
import type { AppLoadContext } from "@remix-run/cloudflare";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { schema } from "@workers/db/client";
import { gettingStartedSteps, type GettingStartedStepId } from "@workers/domain/getting-started";
import { listOrgMappings, summarizeOrgMappings } from "@workers/sync/org-mapping";
import { NINJA_TABS } from "./ninjaone-tabs";

const tab = (id: (typeof NINJA_TABS)[number]["id"]) => NINJA_TABS.find((t) => t.id === id)?.to ?? "/settings/integrations/ninjaone";

const STEP_LINKS: Record<GettingStartedStepId, string> = {
  connect: tab("overview"),
  map: tab("mappings"),
  sync: tab("overview"),
  contacts: tab("contacts"),
  policies: tab("replacement-policies"),
};

export async function gettingStarted(context: AppLoadContext, workspaceId: string) {
  const db = context.db;
  const [integration, mappings, [syncs], [withContact], [policies]] = await Promise.all([
    db.query.integrations.findFirst({ where: eq(schema.integrations.workspaceId, workspaceId), columns: { status: true } }),
    listOrgMappings(db, workspaceId),
    db
      .select({ n: count() })
      .from(schema.syncRuns)
      .where(and(eq(schema.syncRuns.workspaceId, workspaceId), eq(schema.syncRuns.status, "succeeded"))),
    db
      .select({ n: count() })
      .from(schema.assets)
      .where(and(eq(schema.assets.workspaceId, workspaceId), isNotNull(schema.assets.ninjaDeviceId), isNotNull(schema.assets.contactId))),
    db.select({ n: count() }).from(schema.replacementPolicies).where(eq(schema.replacementPolicies.workspaceId, workspaceId)),
  ]);
  const summary = summarizeOrgMappings(mappings);
  const result = gettingStartedSteps({
    connection: integration?.status ?? "none",
    organizations: { total: summary.total, needingAttention: summary.needingAttention, awaitingReview: summary.byStatus.auto },
    succeededSyncs: syncs?.n ?? 0,
    devicesWithContact: withContact?.n ?? 0,
    savedPolicies: policies?.n ?? 0,
  });
  return { ...result, steps: result.steps.map((step) => ({ ...step, to: STEP_LINKS[step.id] })) };
}
