// Settings > Integrations > NinjaOne > History: every sync run, newest first, keyset-paged; each
// links to its run page. Reads the runs only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { SyncHistory } from "~/components/ninjaone/DeviceSyncCard";
import { Pagination } from "~/components/Pagination";
import { Card } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { cursorFromUrl, cursorToParam } from "~/lib/pages.server";
import { syncHistoryPage } from "~/lib/sync.server";

export const meta: MetaFunction = () => [{ title: "History · NinjaOne · Core" }];

const PAGE_SIZE = 25;
const RunCursorSchema = z.object({ createdAt: z.number().int(), id: z.string().min(1).max(64) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, workspace } = await requirePermission(context, request, "integrations:manage");
  const cursor = cursorFromUrl(new URL(request.url), RunCursorSchema);
  const { runs, nextCursor } = await syncHistoryPage(context, workspace.id, { limit: PAGE_SIZE, cursor });
  return { runs, nextCursor: cursorToParam(nextCursor), timeZone: user.timeZone };
}

export default function SyncHistoryTab() {
  const { runs, nextCursor, timeZone } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-5xl">
      <Card title="Sync history">
        <p className="mb-3 text-sm text-slate-600">Every device sync, started by a person, the API or the schedule. Open one for its errors, serial clashes and the assets it changed.</p>
        <SyncHistory runs={runs} timeZone={timeZone} />
        <Pagination nextCursor={nextCursor} shown={runs.length} unit="runs" />
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
