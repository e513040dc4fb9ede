// Settings > Integrations > NinjaOne: the frame every tab shares (title, tab list). Each tab is a
// nested route with its own URL and a loader that reads only what that tab shows; this layout reads
// nothing but the permission.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { NinjaOneTabs } from "~/components/ninjaone/NinjaOneTabs";
import { SettingsPageTitle } from "~/components/SettingsPageTitle";
import { requirePermission } from "~/lib/guards.server";

export const meta: MetaFunction = () => [{ title: "NinjaOne · Integrations · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, "integrations:manage");
  return null;
}

export default function NinjaOneLayout() {
  return (
    <div>
      <SettingsPageTitle
        title="NinjaOne"
        description="Sync devices and assets from NinjaOne RMM into Core."
        back={{ to: "/settings/integrations", label: "Integrations" }}
      />
      <NinjaOneTabs />
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
