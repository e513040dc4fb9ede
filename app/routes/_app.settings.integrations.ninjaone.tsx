// Settings > Integrations > NinjaOne: the connection (Connect, Reconnect, Test, Disconnect) and
// the cards of the features built on it. Its child route /map draws the quick mapping panel over it.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Outlet, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { disconnect, testConnection } from "@workers/sync/connection";
import { beginConnect } from "@workers/sync/oauth-connect";
import { saveSyncSchedule } from "@workers/sync/sync-schedule";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { ConnectionCard, NINJA_PAGE } from "~/components/ninjaone/ConnectionCard";
import { DeploymentNotice } from "~/components/ninjaone/DeploymentNotice";
import { DeviceSyncCard } from "~/components/ninjaone/DeviceSyncCard";
import { NinjaOneTabs } from "~/components/ninjaone/NinjaOneTabs";
import { MAP_PANEL, OrgMappingCard } from "~/components/ninjaone/OrgMappingCard";
import { SettingsPageTitle } from "~/components/SettingsPageTitle";
import { Alert, ButtonLink } from "~/components/ui";
import { auditFromSession } from "~/lib/audit.server";
import { redirectWithToast, toastHeaders } from "~/lib/toast.server";
import { requirePermission } from "~/lib/guards.server";
import { deploymentView, flashFromUrl, integrationView } from "~/lib/ninjaone.server";
import { ninjaOnePageMapping } from "~/lib/org-mapping.server";
import type { OrgMappingSummary } from "@workers/sync/org-mapping";
import { ScheduleSchema } from "~/lib/sync-schedule-form";
import { deviceSyncView } from "~/lib/sync.server";

export const meta: MetaFunction = () => [{ title: "NinjaOne · Integrations · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, workspace } = await requirePermission(context, request, "integrations:manage");
  const [view, syncView] = await Promise.all([integrationView(context, workspace.id), deviceSyncView(context, workspace.id)]);
  const { deviceSync, summary: mapping } = await ninjaOnePageMapping(context, workspace.id, syncView);
  // The simulator's demo-client help matters until the first connection works.
  const deployment = await deploymentView(context, request, view.state !== "connected");
  return { view, deployment, deviceSync, mapping, flash: flashFromUrl(new URL(request.url), view, deployment), timeZone: user.timeZone };
}

const IntentSchema = z.object({ intent: z.enum(["connect", "disconnect", "test", "schedule"]) });

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePermission(context, request, "integrations:manage");
  const { sessionId, user, workspace } = session;
  const formData = await request.formData();
  const parsed = IntentSchema.safeParse({ intent: formData.get("intent") });
  if (!parsed.success) throw new Response("Unknown NinjaOne action.", { status: 400 });
  const deps = { db: context.db, kv: context.env.KV, config: context.config, workspaceId: workspace.id, now: context.now };
  switch (parsed.data.intent) {
    case "connect": {
      const started = await beginConnect({
        db: context.db,
        config: context.config,
        session: { sessionId, userId: user.id, workspaceId: workspace.id },
        origin: new URL(request.url).origin,
        now: context.now(),
      });
      return redirect(started.ok ? started.url : `${NINJA_PAGE}?oauth_error=not_configured`);
    }
    case "disconnect":
      await disconnect(deps, auditFromSession(session, request));
      return redirectWithToast(request, `${NINJA_PAGE}?disconnected=1`, { message: "NinjaOne disconnected." });
    case "test":
      return { test: await testConnection({ ...deps, env: context.env }) };
    case "schedule": {
      const submission = parseWithZod(formData, { schema: ScheduleSchema });
      if (submission.status !== "success") return data({ schedule: submission.reply() }, { status: 400 });
      const saved = await saveSyncSchedule(context.db, workspace.id, submission.value.frequency, context.now());
      if (!saved) {
        const formErrors = ["Add the NinjaOne integration before choosing a sync schedule."];
        return data({ schedule: submission.reply({ formErrors }) }, { status: 409 });
      }
      return data({ schedule: submission.reply() }, { headers: toastHeaders(request, { message: "Sync schedule saved." }) });
    }
  }
}

function mappingHint(mapping: OrgMappingSummary): string {
  if (mapping.total === 0) return "Organizations are matched to customers by name during the sync.";
  if (mapping.needingAttention) return `${mapping.needingAttention} of ${mapping.total} NinjaOne organizations need a customer.`;
  if (mapping.byStatus.auto) return `${mapping.byStatus.auto} of ${mapping.total} NinjaOne organizations were matched by name and await review.`;
  return `Every NinjaOne organization is mapped${mapping.unmatched ? ` (${mapping.unmatched} left without a customer on purpose)` : ""}.`;
}

export default function NinjaOneSettings() {
  const { view, deployment, deviceSync, mapping, flash, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="max-w-4xl">
      <SettingsPageTitle
        title="NinjaOne"
        description="Sync devices and assets from NinjaOne RMM into Core."
        back={{ to: "/settings/integrations", label: "Integrations" }}
      />
      <NinjaOneTabs />
      {flash ? <Alert tone={flash.tone}>{flash.text}</Alert> : null}
      <DeploymentNotice deployment={deployment} />
      <div className="grid gap-6">
        <ConnectionCard view={view} test={actionData && "test" in actionData ? actionData.test : undefined} timeZone={timeZone} />
        {view.state !== "not_configured" ? (
          <DeviceSyncCard view={deviceSync} timeZone={timeZone}>
            <div className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
              <p className="text-sm text-slate-700">{mappingHint(mapping)}</p>
              <ButtonLink to={MAP_PANEL}>Map Organizations</ButtonLink>
            </div>
          </DeviceSyncCard>
        ) : null}
        {view.state !== "not_configured" || mapping.total > 0 ? <OrgMappingCard summary={mapping} /> : null}
      </div>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
