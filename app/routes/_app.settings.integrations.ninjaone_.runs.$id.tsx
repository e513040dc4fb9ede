// One sync run: how it went, its counters, its errors (e.g. device records that failed
// validation, by NinjaOne id) and the asset changes it made.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { durationText, RunStatusBadge, RunTriggerBadge, SyncProgress, SyncResult } from "~/components/ninjaone/DeviceSyncCard";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Card, EmptyState, formatDateTime, PageHeader, Table, Td, Th } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { NINJA_SETTINGS_PAGE } from "~/lib/sync-paths";
import { runDetail, runEvents } from "~/lib/sync.server";

export const meta: MetaFunction = () => [{ title: "Sync run · NinjaOne · Core" }];

const ParamsSchema = z.object({ id: z.string().min(1).max(64) });

const ERROR_KINDS: Record<string, string> = {
  device_invalid: "Invalid device record",
  device_write: "Could not save device",
  warranty: "Warranty lookup",
  run: "Run",
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, workspace } = await requirePermission(context, request, "integrations:manage");
  const parsed = ParamsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Sync run not found", { status: 404 });
  const detail = await runDetail(context, workspace.id, parsed.data.id);
  if (!detail) throw new Response("Sync run not found", { status: 404 });
  const events = await runEvents(context, workspace.id, parsed.data.id);
  return { ...detail, events, timeZone: user.timeZone };
}

export default function SyncRunPage() {
  const { run, errors, events, timeZone } = useLoaderData<typeof loader>();
  const active = run.status === "queued" || run.status === "running";
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <Link to={NINJA_SETTINGS_PAGE} className="text-sm text-indigo-700 hover:underline">
          ← NinjaOne
        </Link>
        <PageHeader
          title={`Sync run of ${formatDateTime(run.startedAt ?? run.createdAt, timeZone)}`}
          description={
            <>
              <RunTriggerBadge run={run} /> · <RunStatusBadge run={run} /> · duration {durationText(run)}
            </>
          }
        />
      </div>
      <Card title="Result">{active ? <SyncProgress run={run} /> : <SyncResult run={run} timeZone={timeZone} />}</Card>
      <section>
        <h2 className="mb-2 text-base font-semibold">Errors ({errors.length.toLocaleString("en-US")})</h2>
        {errors.length === 0 ? (
          <EmptyState title="No errors in this run">Every device record NinjaOne sent was valid and saved.</EmptyState>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>NinjaOne device id</Th>
                <Th>Kind</Th>
                <Th>Message</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="run-errors">
              {errors.map((e) => (
                <tr key={e.id}>
                  <Td className="tabular-nums">{e.ninjaDeviceId ?? "—"}</Td>
                  <Td>{ERROR_KINDS[e.kind] ?? e.kind}</Td>
                  <Td className="break-all">{e.message}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <section>
        <h2 className="mb-2 text-base font-semibold">Asset changes{events.length === 100 ? " (latest 100)" : ""}</h2>
        {events.length === 0 ? (
          <EmptyState title="No asset changed">Every device matched its asset exactly.</EmptyState>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>Asset</Th>
                <Th>Change</Th>
                <Th>Details</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((e) => (
                <tr key={e.id}>
                  <Td>
                    <Link to={`/assets/${e.assetId}`} className="text-indigo-700 hover:underline">
                      {e.assetName ?? "Deleted asset"}
                    </Link>
                  </Td>
                  <Td className="capitalize">{e.kind}</Td>
                  <Td>{e.summary}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
