// The last sync run in one line: when, how it was started, and what it did.
import { formatDateTime } from "~/components/ui";
import type { LastSyncView } from "./types";

export function lastSyncSummary(run: LastSyncView): string {
  switch (run.status) {
    case "queued":
      return "Queued, waiting to start";
    case "running":
      return `Running: ${run.devicesFound} devices so far`;
    case "succeeded":
      return `Succeeded: ${run.devicesFound} devices found, ${run.assetsCreated} assets created, ${run.assetsUpdated} updated${
        run.errorCount ? `, ${run.errorCount} errors` : ""
      }`;
    case "failed":
      return `Failed: ${run.failureReason ?? "see the sync history"}`;
  }
}

export function LastSync({ run, timeZone }: { run: LastSyncView | null; timeZone?: string }) {
  if (!run) return <p className="text-sm text-slate-600">No sync has run yet.</p>;
  return (
    <p className="text-sm text-slate-700" data-testid="ninjaone-last-sync">
      <span className="font-medium">Last sync</span> {formatDateTime(run.at, timeZone)} ({run.trigger}):{" "}
      <span className={run.status === "failed" ? "text-rose-700" : undefined}>{lastSyncSummary(run)}</span>
    </p>
  );
}
