// The Device Sync card on the NinjaOne Overview: Sync Devices, the schedule and the last result with
// the seed's numbers; the live progress banner at the top of the Overview (polls the latest run every
// 1.5 s while any of its work goes on, warranty pass included; no reload); the History tab's table.
import { Link, useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import type { RunView } from "@workers/sync/runs";
import type { LiveRunView } from "~/lib/sync.server";
import { Alert, Badge, Button, Card, cx, formatDateTime, type BadgeTone } from "~/components/ui";
import { NINJA_SETTINGS_PAGE, runPagePath as runPage, SYNC_ACTION_PATH, SYNC_HISTORY_PATH, SYNC_STATUS_PATH } from "~/lib/sync-paths";
import type { DeviceSyncView } from "~/lib/sync.server";
import { SyncScheduleForm } from "./SyncScheduleForm";
import type { loader as statusLoader } from "~/routes/settings.integrations.ninjaone.sync-status";

const POLL_MS = 1500;

const nf = new Intl.NumberFormat("en-US");
const n = (value: number) => nf.format(value);

const isActive = (run: RunView | null) => run !== null && (run.status === "queued" || run.status === "running");

const STATUS_TONES: Record<RunView["status"], BadgeTone> = { queued: "gray", running: "blue", succeeded: "green", failed: "red" };
const STATUS_LABELS: Record<RunView["status"], string> = { queued: "Queued", running: "Running", succeeded: "Succeeded", failed: "Failed" };

export function RunStatusBadge({ run }: { run: RunView }) {
  return <Badge tone={STATUS_TONES[run.status]}>{STATUS_LABELS[run.status]}</Badge>;
}

/** How the run was started: by someone (Sync Devices, Sync Now, the API) or by the schedule. */
export function RunTriggerBadge({ run }: { run: Pick<RunView, "trigger"> }) {
  const scheduled = run.trigger === "scheduled";
  return (
    <span data-testid="run-trigger">
      <Badge tone={scheduled ? "indigo" : "gray"} title={scheduled ? "Started by the sync schedule" : "Started by a person or the API"}>
        {scheduled ? "Scheduled" : "Manual"}
      </Badge>
    </span>
  );
}

function newer<R extends RunView>(a: R | null, b: R | null): R | null {
  if (!a) return b;
  if (!b) return a;
  if (a.id !== b.id) return a.createdAt >= b.createdAt ? a : b;
  return a.updatedAt >= b.updatedAt ? a : b;
}

export function durationText(run: RunView): string {
  const start = run.startedAt ?? run.createdAt;
  if (!run.finishedAt) return "—";
  const seconds = Math.max(0, Math.round((run.finishedAt - start) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${seconds % 60} s`;
}

/** Where the run is, in words, with a bar: at the top of the Overview while the run works, and on the run page. */
export function SyncProgress({ run }: { run: LiveRunView }) {
  const { devicesDone, devicesExpected } = run.progress;
  const { label, percent, stage } = run.live;
  const detail =
    stage === "warranty"
      ? "Devices are synced; warranty dates are being filled in."
      : stage === "devices" || stage === "finishing"
        ? `${n(devicesDone)}${devicesExpected ? ` of about ${n(devicesExpected)}` : ""} devices`
        : "Devices come next.";
  return (
    <div data-testid="sync-progress" data-stage={stage} aria-live="polite">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800" data-testid="sync-phase">
          {label}
        </span>
        <span className="text-slate-600">{detail}</span>
      </div>
      <div
        className="mt-2 h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label="Device sync progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={label}
      >
        <div
          className={cx("h-full rounded-full bg-indigo-600 transition-all duration-500", percent === null && "animate-pulse")}
          style={{ width: `${percent ?? 100}%` }}
        />
      </div>
    </div>
  );
}

/** The top of the Overview while a run works: its phase in words, and a link to the run. */
export function SyncProgressBanner({ run, timeZone }: { run: LiveRunView | null; timeZone?: string }) {
  if (!run?.live.active) return null;
  return (
    <section aria-label="Sync in progress" className="mb-5 rounded-lg bg-indigo-50 px-4 py-3 ring-1 ring-indigo-200">
      <SyncProgress run={run} />
      <p className="mt-2 text-xs text-slate-600">
        {run.trigger === "scheduled" ? "Scheduled sync" : "Sync"} started {formatDateTime(run.startedAt ?? run.createdAt, timeZone)}.{" "}
        <Link to={runPage(run.id)} className="text-indigo-700 hover:underline">
          Follow the run
        </Link>
      </p>
    </section>
  );
}

function Stat({ label, value, testId, children }: { label: string; value: number; testId: string; children?: ReactNode }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {n(value)}
      </dd>
      {children}
    </div>
  );
}

export function SyncResult({ run, timeZone }: { run: RunView; timeZone?: string }) {
  const c = run.counters;
  return (
    <div data-testid="sync-result" data-run-id={run.id} data-status={run.status}>
      {run.status === "failed" ? (
        <Alert>
          Sync failed: {run.failureReason ?? "unknown reason"}.{" "}
          <Link to={runPage(run.id)} className="font-medium underline">
            See the run
          </Link>
        </Alert>
      ) : null}
      <p className="mb-3 text-sm text-slate-600">
        {run.status === "succeeded" ? "Last sync finished" : "Last sync stopped"} {formatDateTime(run.finishedAt, timeZone)} ({run.trigger},{" "}
        {durationText(run)}).
        {run.phase === "warranty" ? " Warranty dates are being filled in the background." : ""}
        {run.phase === "done" ? " All of its work is finished, warranty check included." : ""}
      </p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Devices found" value={c.devicesFound} testId="stat-devices-found" />
        <Stat label="Assets created" value={c.assetsCreated} testId="stat-assets-created" />
        <Stat label="Assets updated" value={c.assetsUpdated} testId="stat-assets-updated" />
        <Stat label="Organizations matched to customers" value={c.organizationsMatched} testId="stat-orgs-matched" />
        <Stat label="Unmatched organizations" value={c.organizationsUnmatched} testId="stat-orgs-unmatched" />
        <Stat label="Unchanged" value={c.assetsUnchanged} testId="stat-unchanged" />
        <Stat label="Marked inactive" value={c.assetsInactivated} testId="stat-inactivated" />
        <Stat label="Not listed: confirmed deleted" value={c.devicesConfirmedDeleted} testId="stat-confirmed-deleted" />
        <Stat label="Not listed, still exists: kept" value={c.devicesKeptUnlisted} testId="stat-kept-unlisted" />
        <Stat label="Serial clashes" value={c.serialClashes} testId="stat-serial-clashes">
          {c.serialClashes > 0 ? (
            <Link to={runPage(run.id)} className="text-xs text-indigo-700 hover:underline">
              Review clashes
            </Link>
          ) : null}
        </Stat>
        <Stat label="Errors" value={c.errors} testId="stat-errors">
          {c.errors > 0 ? (
            <Link to={runPage(run.id)} className="text-xs text-indigo-700 hover:underline">
              View errors
            </Link>
          ) : null}
        </Stat>
      </dl>
      <h3 className="mt-4 mb-2 text-sm font-semibold text-slate-700">Contacts</h3>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="sync-contacts">
        <Stat label="People found" value={c.contactsFound} testId="stat-contacts-found" />
        <Stat label="Contacts created" value={c.contactsCreated} testId="stat-contacts-created" />
        <Stat label="Linked to existing contacts" value={c.contactsLinked} testId="stat-contacts-linked" />
        <Stat label="Contacts updated" value={c.contactsUpdated} testId="stat-contacts-updated" />
        <Stat label="Skipped (organization not mapped)" value={c.contactsSkipped} testId="stat-contacts-skipped" />
      </dl>
    </div>
  );
}

export function SyncHistory({ runs, timeZone }: { runs: LiveRunView[]; timeZone?: string }) {
  if (runs.length === 0) return <p className="text-sm text-slate-600">No syncs yet. Click Sync Devices to run the first one.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="sync-history">
        <thead>
          <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <th className="py-2 pr-3">Started</th>
            <th className="py-2 pr-3">Trigger</th>
            <th className="py-2 pr-3">Status</th>
            <th className="py-2 pr-3">Duration</th>
            <th className="py-2 pr-3 text-right">Devices</th>
            <th className="py-2 pr-3 text-right">Created</th>
            <th className="py-2 pr-3 text-right">Updated</th>
            <th className="py-2 pr-3 text-right">Unchanged</th>
            <th className="py-2 pr-3 text-right">Inactive</th>
            <th className="py-2 pr-3 text-right">Errors</th>
            <th className="py-2" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id}>
              <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(run.startedAt ?? run.createdAt, timeZone)}</td>
              <td className="py-2 pr-3">
                <RunTriggerBadge run={run} />
              </td>
              <td className="py-2 pr-3">
                <RunStatusBadge run={run} />
                {run.live.stage === "warranty" ? <span className="ml-1 text-xs text-slate-500">checking warranties</span> : null}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">{durationText(run)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{n(run.counters.devicesFound)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{n(run.counters.assetsCreated)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{n(run.counters.assetsUpdated)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{n(run.counters.assetsUnchanged)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{n(run.counters.assetsInactivated)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{n(run.counters.errors)}</td>
              <td className="py-2 text-right">
                <Link to={runPage(run.id)} className="text-indigo-700 hover:underline">
                  Details
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Polls the latest run while any of its work goes on; refreshes the page's data once when it ends. */
export function useLiveRun(initial: LiveRunView | null): LiveRunView | null {
  const poll = useFetcher<typeof statusLoader>();
  const revalidator = useRevalidator();
  const latest = newer(initial, poll.data?.latest ?? null);
  const active = latest?.live.active ?? false;
  const wasActive = useRef(active);
  const pollRef = useRef(poll);
  pollRef.current = poll;

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (pollRef.current.state === "idle") pollRef.current.load(SYNC_STATUS_PATH);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active]);

  useEffect(() => {
    if (wasActive.current && !active) revalidator.revalidate(); // history and other cards catch up
    wasActive.current = active;
  }, [active, revalidator]);

  return latest;
}

export function DeviceSyncCard({ view, latest, timeZone, children }: { view: DeviceSyncView; latest: LiveRunView | null; timeZone?: string; children?: ReactNode }) {
  const sync = useFetcher<{ error?: string; code?: string }>();
  const running = isActive(latest);
  const starting = sync.state !== "idle";
  const refusal = sync.data?.error ? sync.data : view.blocker ? { error: view.blocker.message, code: view.blocker.code } : null;
  return (
    <Card
      title="Device Sync"
      actions={
        <sync.Form method="post" action={SYNC_ACTION_PATH}>
          <Button disabled={running || starting}>{running ? "Syncing…" : starting ? "Starting…" : "Sync Devices"}</Button>
        </sync.Form>
      }
    >
      <div className="space-y-5">
        <p className="text-sm text-slate-600">
          Imports every NinjaOne device as an asset: name, manufacturer, model, serial number, OS, online status and category,
          under the customer its organization is mapped to.
        </p>
        {refusal ? (
          <Alert tone={refusal.code === "needs_reconnect" ? "amber" : "red"}>
            {refusal.error}.{" "}
            <Link to={NINJA_SETTINGS_PAGE} className="font-medium underline">
              {refusal.code === "needs_reconnect" ? "Reconnect NinjaOne" : "Connect NinjaOne"}
            </Link>
          </Alert>
        ) : null}
        {view.schedule ? (
          <SyncScheduleForm schedule={view.schedule} workspaceId={view.workspaceId} timeZone={timeZone ?? "UTC"} serverNow={view.serverNow} />
        ) : null}
        {children}
        {latest && running ? <p className="text-sm text-slate-600">A sync is running: its progress is at the top of this page.</p> : null}
        {latest && !running ? <SyncResult run={latest} timeZone={timeZone} /> : null}
        {!latest ? <p className="text-sm text-slate-600">No syncs yet. Click Sync Devices to run the first one.</p> : null}
        <p className="text-sm">
          <Link to={SYNC_HISTORY_PATH} className="text-indigo-700 hover:underline">
            Sync history
          </Link>
        </p>
      </div>
    </Card>
  );
}
