// POST here to start a device sync: Sync Devices (Device Sync card) and Sync Now (Integrations
// card). Success goes back to the NinjaOne page, where the progress bar picks the run up.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Link, useActionData } from "@remix-run/react";
import { SyncUnavailableError } from "@workers/sync/runs";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Alert, ButtonLink, Card, PageHeader } from "~/components/ui";
import { auditFromSession } from "~/lib/audit.server";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { NINJA_SETTINGS_PAGE } from "~/lib/sync-paths";
import { startSyncFor } from "~/lib/sync.server";

export const meta: MetaFunction = () => [{ title: "Sync devices · NinjaOne · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, "integrations:manage");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePermission(context, request, "integrations:manage");
  try {
    await startSyncFor(context, session.workspace.id, "manual", auditFromSession(session, request));
  } catch (error) {
    if (error instanceof SyncUnavailableError) {
      return data({ error: error.message, code: error.code }, { status: 409 });
    }
    throw error;
  }
  return redirectWithToast(request, NINJA_SETTINGS_PAGE, { message: "Sync started. Progress shows on this page." });
}

/** Shown when the form was posted without JavaScript and the sync could not start (or on a plain visit). */
export default function SyncNotStarted() {
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <PageHeader title="Sync devices" />
      <Card>
        {result?.error ? (
          <Alert>{result.error}</Alert>
        ) : (
          <p className="mb-4 text-sm text-slate-600">Start a sync with Sync Devices on the NinjaOne page.</p>
        )}
        <div className="flex gap-2">
          <ButtonLink to={NINJA_SETTINGS_PAGE} variant="primary">
            {result?.code === "needs_reconnect" ? "Reconnect NinjaOne" : "Connect NinjaOne"}
          </ButtonLink>
          <Link to="/settings/integrations" className="self-center text-sm text-slate-600 hover:underline">
            Back to Integrations
          </Link>
        </div>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
