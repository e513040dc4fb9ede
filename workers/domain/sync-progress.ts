// Where a NinjaOne sync run is, in words, from its sync_runs row (pure: the Overview's progress
// banner, the run page, its live poll and GET /api/v1/sync-runs all say the same thing).
//
// A run's life: queued → organizations → contacts → devices (page by page) → finalize (and the
// deletions check) → succeeded, then the warranty pass (phase "warranty") → phase "done". The device
// sync is over at `finishedAt`; all of the run's work is over only when the warranty pass is too.
import { formatCount } from "./numbers";

export type SyncProgressRun = {
  status: "queued" | "running" | "succeeded" | "failed";
  phase: string;
  pagesDone: number;
  devicesFound: number;
  devicesExpected: number | null;
  warrantyChecked: number;
  warrantyTotal: number | null;
  finishedAt: number | null;
  updatedAt: number;
};

export type SyncStage = "organizations" | "contacts" | "devices" | "finishing" | "warranty" | "done" | "failed";

export type SyncProgress = {
  stage: SyncStage;
  /** What a person reads: "Devices: page 3 of about 20", "Checking warranties: 120 of 500". */
  label: string;
  /** 0 to 100 when the stage has a known size, else null (an indeterminate bar). */
  percent: number | null;
  /** Something is still happening (the warranty pass included). */
  active: boolean;
  /** The device sync part is over (succeeded or failed); the warranty pass may go on. */
  devicesFinished: boolean;
  /** Everything the run will ever do is over, warranty pass included. */
  allWorkFinished: boolean;
  allWorkFinishedAt: number | null;
  warranty: { total: number | null; done: number; finishedAt: number | null };
};

const percentOf = (done: number, total: number | null) =>
  total !== null && total > 0 ? Math.max(0, Math.min(99, Math.floor((done / total) * 100))) : null;

/** `pageSize`: devices per NinjaOne page, to turn the expected device count into "about N pages". */
export function syncProgress(run: SyncProgressRun, pageSize: number): SyncProgress {
  const warrantyOver = run.status === "succeeded" && run.phase === "done";
  const warranty = {
    total: run.warrantyTotal,
    done: run.warrantyChecked,
    // A run whose pass ended sets phase "done" and nothing touches it afterwards.
    finishedAt: warrantyOver ? run.updatedAt : null,
  };
  const base = { warranty, allWorkFinished: false, allWorkFinishedAt: null, devicesFinished: false, active: true, percent: null };

  if (run.status === "failed") {
    return { ...base, stage: "failed", label: "Failed", active: false, devicesFinished: true, allWorkFinished: true, allWorkFinishedAt: run.finishedAt };
  }
  if (run.status === "succeeded") {
    if (run.phase === "warranty") {
      const of = run.warrantyTotal === null ? " checked" : ` of ${formatCount(run.warrantyTotal)}`;
      return { ...base, stage: "warranty", label: `Checking warranties: ${formatCount(run.warrantyChecked)}${of}`, devicesFinished: true, percent: percentOf(run.warrantyChecked, run.warrantyTotal) };
    }
    return { ...base, stage: "done", label: "Finished", active: false, devicesFinished: true, allWorkFinished: true, allWorkFinishedAt: warranty.finishedAt ?? run.finishedAt };
  }
  // Queued means the first step has not been picked up yet: it is the organizations step all the same.
  switch (run.phase) {
    case "contacts":
      return { ...base, stage: "contacts", label: "Reading contacts…" };
    case "devices": {
      const page = run.pagesDone + 1;
      const about = run.devicesExpected !== null && run.devicesExpected > 0 ? Math.ceil(run.devicesExpected / Math.max(1, pageSize)) : null;
      const label = `Devices: page ${formatCount(page)}${about !== null && page <= about ? ` of about ${formatCount(about)}` : ""}`;
      return { ...base, stage: "devices", label, percent: percentOf(run.devicesFound, run.devicesExpected) };
    }
    case "finalize":
    case "deletions":
      return { ...base, stage: "finishing", label: "Finishing…" };
    default:
      return { ...base, stage: "organizations", label: "Reading organizations…" };
  }
}
