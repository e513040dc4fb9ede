// Settings > Integrations > NinjaOne, Overview tab: a running sync's progress at the top, the
// connection (Connect, Reconnect, Test, Disconnect) and Device Sync (Sync Devices, schedule, last
// result, Map Organizations). A pathless layout so its child /map draws the quick mapping panel over
// it. The page's POSTs (Connect, Test, Disconnect, the schedule) go to the NinjaOne layout's action:
// Remix sends a POST to /settings/integrations/ninjaone to the deepest route with a path of its own.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Outlet, useLoaderData, useOutletContext } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { ConnectionCard } from "~/components/ninjaone/ConnectionCard";
import { DeploymentNotice } from "~/components/ninjaone/DeploymentNotice";
import { DeviceSyncCard, SyncProgressBanner, useLiveRun } from "~/components/ninjaone/DeviceSyncCard";
import { MAP_PANEL, MAPPINGS_PAGE } from "~/components/ninjaone/OrgMappingCard";
import { Alert, ButtonLink } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { deploymentView, flashFromUrl, integrationView } from "~/lib/ninjaone.server";
import { ninjaOnePageMapping } from "~/lib/org-mapping.server";
import type { OrgMappingSummary } from "@workers/sync/org-mapping";
import { deviceSyncView } from "~/lib/sync.server";
import type { NinjaPageOutletContext } from "./_app.settings.integrations.ninjaone";

export const meta: MetaFunction = () => [{ title: "NinjaOne · Integrations · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, workspace } = await requirePermission(context, request, "integrations:manage");
  const [view, syncView] = await Promise.all([integrationView(context, workspace.id), deviceSyncView(context, workspace.id)]);
  const { deviceSync, summary: mapping } = await ninjaOnePageMapping(context, workspace.id, syncView);
  // The simulator's demo-client help matters until the first connection works.
  const deployment = await deploymentView(context, request, view.state !== "connected");
  return { view, deployment, deviceSync, mapping, flash: flashFromUrl(new URL(request.url), view, deployment), timeZone: user.timeZone };
}

function mappingHint(mapping: OrgMappingSummary): string {
  if (mapping.total === 0) return "Organizations are matched to customers by name during the sync.";
  if (mapping.needingAttention) return `${mapping.needingAttention} of ${mapping.total} NinjaOne organizations need a customer.`;
  if (mapping.byStatus.auto) return `${mapping.byStatus.auto} of ${mapping.total} NinjaOne organizations were matched by name and await review.`;
  return `Every NinjaOne organization is mapped${mapping.unmatched ? ` (${mapping.unmatched} left without a customer on purpose)` : ""}.`;
}

export default function NinjaOneOverview() {
  const { view, deployment, deviceSync, mapping, flash, timeZone } = useLoaderData<typeof loader>();
  const { actionData } = useOutletContext<NinjaPageOutletContext>();
  const latest = useLiveRun(deviceSync.latest);
  return (
    <div className="max-w-4xl">
      <SyncProgressBanner run={latest} timeZone={timeZone} />
      {flash ? <Alert tone={flash.tone}>{flash.text}</Alert> : null}
      <DeploymentNotice deployment={deployment} />
      <div className="grid gap-6">
        <ConnectionCard view={view} test={actionData && "test" in actionData ? actionData.test : undefined} timeZone={timeZone} />
        {view.state !== "not_configured" ? (
          <DeviceSyncCard view={deviceSync} latest={latest} timeZone={timeZone}>
            <div className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
              <p className="text-sm text-slate-700" data-testid="mapping-hint">
                {mappingHint(mapping)}
              </p>
              <span className="flex flex-wrap gap-2">
                <ButtonLink to={MAP_PANEL}>Map Organizations</ButtonLink>
                {mapping.total > 0 ? <ButtonLink to={MAPPINGS_PAGE}>Review Mappings</ButtonLink> : null}
              </span>
            </div>
          </DeviceSyncCard>
        ) : null}
      </div>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
