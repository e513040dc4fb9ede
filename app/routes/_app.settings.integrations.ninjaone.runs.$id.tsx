// One sync run: how it went, its counters (with unlisted devices confirmed deleted or kept), its
// serial clashes, its errors (e.g. device records that failed validation, by NinjaOne id), the
// asset changes it made, and whether it is stalled (with Cancel run).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { cancelRun, stallInfo, WATCHDOG_STALL_MS } from "@workers/sync/watchdog";
import { getRun } from "@workers/sync/runs";
import { auditFromSession } from "~/lib/audit.server";
import { z } from "zod";
import { durationText, RunStatusBadge, RunTriggerBadge, SyncProgress, SyncResult } from "~/components/ninjaone/DeviceSyncCard";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Alert, Button, Card, EmptyState, formatDateTime, PageHeader, Table, Td, Th } from "~/components/ui";
import { toastHeaders } from "~/lib/toast.server";
import { requirePermission } from "~/lib/guards.server";
import { SYNC_HISTORY_PATH } from "~/lib/sync-paths";
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
  const row = await getRun(context.db, workspace.id, parsed.data.id);
  const stall = row ? stallInfo(row, context.now()) : null;
  return { ...detail, events, timeZone: user.timeZone, stall: stall ? { ...stall, windowMinutes: WATCHDOG_STALL_MS / 60_000 } : null };
}

const ActionSchema = z.object({ intent: z.literal("cancel") });

/** Cancel an active run (integrations:manage, the same permission that starts one). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requirePermission(context, request, "integrations:manage");
  const parsedParams = ParamsSchema.safeParse(params);
  if (!parsedParams.success) throw new Response("Sync run not found", { status: 404 });
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ notice: null, error: "Unknown action." }, { status: 400 });
  const run = await getRun(context.db, session.workspace.id, parsedParams.data.id);
  if (!run) throw new Response("Sync run not found", { status: 404 });
  const { actor, ip } = auditFromSession(session, request);
  const cancelled = await cancelRun(context.db, session.workspace.id, run.id, { actor, ip, name: session.user.name }, context.now());
  if (!cancelled) return data({ notice: null, error: "This run had already finished." }, { status: 409 });
  return data({ notice: "The run is cancelled. You can start a new sync.", error: null }, { headers: toastHeaders(request, { message: "Sync run cancelled." }) });
}

export default function SyncRunPage() {
  const { run, errors, serialClashes, events, timeZone, stall } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const active = run.status === "queued" || run.status === "running";
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <Link to={SYNC_HISTORY_PATH} className="text-sm text-indigo-700 hover:underline">
          ← Sync history
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
      {actionData?.notice ? <Alert tone="green">{actionData.notice}</Alert> : null}
      {actionData?.error ? <Alert tone="red">{actionData.error}</Alert> : null}
      {stall ? (
        <Alert tone="amber">
          <strong>Stalled:</strong> no progress since {formatDateTime(stall.since, timeZone)}.{" "}
          {stall.resentAt
            ? `Core re-sent the step this run waits for at ${formatDateTime(stall.resentAt, timeZone)}; if it still makes no progress within ${stall.windowMinutes} minutes of that, the run is stopped.`
            : `Core's watchdog re-sends the step this run waits for after ${stall.windowMinutes} minutes without progress, and stops the run if that does not help.`}{" "}
          You can also cancel it now.
        </Alert>
      ) : null}
      {active ? (
        <Form
          method="post"
          onSubmit={(e) => {
            if (!confirm("Cancel this sync run? Devices already synced stay as they are.")) e.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="cancel" />
          <Button variant="danger" disabled={navigation.state !== "idle"}>
            Cancel run
          </Button>
        </Form>
      ) : null}
      <p className="text-sm" data-testid="run-work" data-finished={run.live.allWorkFinished ? "yes" : "no"}>
        {run.live.allWorkFinished
          ? run.status === "failed"
            ? "This run has stopped: nothing more will happen."
            : `All of this run's work is finished, warranty check included${run.live.allWorkFinishedAt ? ` (${formatDateTime(run.live.allWorkFinishedAt, timeZone)})` : ""}.`
          : `Still working: ${run.live.label}`}
        {run.live.warranty.total !== null ? ` Warranty: ${run.live.warranty.done.toLocaleString("en-US")} of ${run.live.warranty.total.toLocaleString("en-US")} checked.` : ""}
      </p>
      <Card title="Result">{active ? <SyncProgress run={run} /> : <SyncResult run={run} timeZone={timeZone} />}</Card>
      {run.counters.devicesConfirmedDeleted + run.counters.devicesKeptUnlisted > 0 ? (
        <p className="text-sm text-slate-600" data-testid="run-unlisted">
          NinjaOne's device list left out {(run.counters.devicesConfirmedDeleted + run.counters.devicesKeptUnlisted).toLocaleString("en-US")} linked
          device(s). Each was asked for on its own: {run.counters.devicesConfirmedDeleted.toLocaleString("en-US")} confirmed deleted (NinjaOne answered
          404), {run.counters.devicesKeptUnlisted.toLocaleString("en-US")} kept as they were (not listed, still exists). An asset whose device stays
          unlisted but answering for two syncs is flagged on its page.
        </p>
      ) : null}
      <section>
        <h2 className="mb-2 text-base font-semibold">Serial clashes ({serialClashes.length.toLocaleString("en-US")})</h2>
        {serialClashes.length === 0 ? (
          <EmptyState title="No serial clashes">No device carried the serial of another customer's asset.</EmptyState>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600">
              These devices carry the serial of an asset that belongs to another customer. The sync never claims or moves another customer's asset: it
              created a new asset for the device. Decide which one is right, then fix the customer or delete the hand-made duplicate.
            </p>
            <Table>
              <thead>
                <tr>
                  <Th>Serial</Th>
                  <Th>Device's asset</Th>
                  <Th>Its customer</Th>
                  <Th>Asset carrying the serial</Th>
                  <Th>Its customer</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="run-serial-clashes">
                {serialClashes.map((c) => (
                  <tr key={`${c.ninjaDeviceId}:${c.otherAsset?.id ?? ""}`}>
                    <Td className="break-all">{c.serial}</Td>
                    <Td>{c.asset ? <Link to={`/assets/${c.asset.id}`} className="text-indigo-700 hover:underline">{c.asset.name}</Link> : "Deleted asset"}</Td>
                    <Td>{c.customer?.name ?? "No customer"}</Td>
                    <Td>
                      {c.otherAsset ? <Link to={`/assets/${c.otherAsset.id}`} className="text-indigo-700 hover:underline">{c.otherAsset.name}</Link> : "Deleted asset"}
                    </Td>
                    <Td>{c.otherCustomer?.name ?? "No customer"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </>
        )}
      </section>
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
