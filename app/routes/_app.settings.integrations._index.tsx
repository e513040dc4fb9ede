// Settings > Integrations: one card per integration (NinjaOne today).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { NinjaOneIntegrationCard } from "~/components/ninjaone/IntegrationCard";
import { SettingsPageTitle } from "~/components/SettingsPageTitle";
import { requirePermission } from "~/lib/guards.server";
import { integrationView } from "~/lib/ninjaone.server";

export const meta: MetaFunction = () => [{ title: "Integrations · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, workspace } = await requirePermission(context, request, "integrations:manage");
  return { ninjaone: await integrationView(context, workspace.id), timeZone: user.timeZone };
}

export default function Integrations() {
  const { ninjaone, timeZone } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl">
      <SettingsPageTitle title="Integrations" description="Connect Core to the tools your team already runs." />
      <div className="grid gap-6 md:grid-cols-2">
        <NinjaOneIntegrationCard view={ninjaone} timeZone={timeZone} />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
