// Settings > Integrations > NinjaOne: the frame every tab shares (title, tab list). Each tab is a
// nested route with its own URL, a loader that reads only what that tab shows and its own permission
// check (Contacts: assets:write; Replacement Policies: reports:view; the others integrations:manage);
// this layout reads nothing but the session, and lists the tabs the user may open. Its action takes the Overview's POSTs to /settings/integrations/ninjaone
// (Connect, Reconnect, Test connection, Disconnect, the sync schedule): Remix sends a POST there to
// this route, not to the Overview's pathless layout, so the result reaches the Overview as outlet context.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Outlet, useActionData } from "@remix-run/react";
import { z } from "zod";
import { disconnect, testConnection } from "@workers/sync/connection";
import { beginConnect } from "@workers/sync/oauth-connect";
import { saveSyncSchedule } from "@workers/sync/sync-schedule";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { NINJA_PAGE } from "~/components/ninjaone/ConnectionCard";
import { NinjaOneTabs } from "~/components/ninjaone/NinjaOneTabs";
import { SettingsPageTitle } from "~/components/SettingsPageTitle";
import { auditFromSession } from "~/lib/audit.server";
import { requirePermission, requireUser } from "~/lib/guards.server";
import { redirectWithToast, toastHeaders } from "~/lib/toast.server";
import { ScheduleSchema } from "~/lib/sync-schedule-form";

export const meta: MetaFunction = () => [{ title: "NinjaOne · Integrations · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(context, request);
  return null;
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
      const { frequency, time, weekday } = submission.value;
      const saved = await saveSyncSchedule(context.db, workspace.id, { frequency, time, weekday }, context.now());
      if (!saved) {
        const formErrors = ["Add the NinjaOne integration before choosing a sync schedule."];
        return data({ schedule: submission.reply({ formErrors }) }, { status: 409 });
      }
      return data({ schedule: submission.reply() }, { headers: toastHeaders(request, { message: "Sync schedule saved." }) });
    }
  }
}

export type NinjaPageOutletContext = { actionData: ReturnType<typeof useActionData<typeof action>> };

export default function NinjaOneLayout() {
  const actionData = useActionData<typeof action>();
  return (
    <div>
      <SettingsPageTitle
        title="NinjaOne"
        description="Sync devices and assets from NinjaOne RMM into Core."
        back={{ to: "/settings/integrations", label: "Integrations" }}
      />
      <NinjaOneTabs />
      <Outlet context={{ actionData } satisfies NinjaPageOutletContext} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
